"""An announcement's description is its synopsis in the page's language (front matter beats the body)."""

from __future__ import annotations

from pathlib import Path


def test_announcement_description_is_its_synopsis(corpus_site: Path) -> None:
    page = corpus_site / "en/announcements/2025/january/2025-01-21-new-process-for-opening-tickets/index.html"
    html = page.read_text(encoding="utf-8")
    assert '<meta name="description" content="Technical tickets now start in Copilot.">' in html
