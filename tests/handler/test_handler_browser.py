"""The handler's own pages in Chromium: the no-JS error page (errors beside fields, values kept, resubmit)
and /dev/mail. Screenshots at 1280 and 390 px go to tests/artifacts/."""

from __future__ import annotations

from pathlib import Path

import pytest
from handler_samples import VALID
from markupsafe import escape
from stack import running_stack

pytestmark = pytest.mark.browser

SKIP = {"title", "name"}


def _plain_form(site: Path) -> None:
    inputs = "".join(
        f'<input type="hidden" name="{k}" value="{escape(v)}">'
        for k, v in VALID["technical"].items()
        if k not in SKIP
    )
    html = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Form</title></head><body>'
        '<form method="post" action="/api/tickets/technical" enctype="multipart/form-data">'
        f'{inputs}<input type="hidden" name="language" value="en">'
        '<input name="name" value="&lt;b&gt;Zoë&lt;/b&gt;"><input name="title" value="">'
        '<button id="send">Send</button></form></body></html>'
    )
    (site / "form.html").write_text(html)


def test_error_page_and_dev_mail(page, page_problems, artifacts_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    site = tmp_path / "site"
    (site / "en" / "support" / "thanks").mkdir(parents=True)
    (site / "en" / "support" / "thanks" / "index.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Thanks</title></head>'
        "<body><h1>Thanks</h1></body></html>"
    )
    _plain_form(site)
    with running_stack(site, tmp_path / "instance") as stack:
        page.goto(stack.base_url + "/form.html")
        page.click("#send")
        page.wait_for_selector("#hc-technical-title-error")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("#hc-technical-title-error").inner_text() == "This field is required."
        assert page.locator("#hc-technical-title").get_attribute("aria-invalid") == "true"
        assert page.locator("#hc-technical-name").input_value() == "<b>Zoë</b>"  # kept, shown as text
        assert page.locator("#hc-technical-impact-2").is_checked()  # "critical" kept
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(artifacts_dir / f"handler-error-page-{width}.png"), full_page=True)
        page.fill("#hc-technical-title", "Checkout fails")
        page.click("button[type=submit]")
        page.wait_for_url("**/en/support/thanks/?ticket=*")
        ticket = page.url.rsplit("=", 1)[1]
        stack.mails_for_ticket(ticket)
        page.goto(stack.base_url + "/dev/mail")
        assert f"[{ticket}] [Technical] Checkout fails" in page.inner_text("body")
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(artifacts_dir / f"handler-dev-mail-{width}.png"), full_page=True)
    # the 422 of the deliberate invalid post is expected; anything else still fails the test
    expected = [e for e in page_problems.console_errors if "422" in e]
    assert len(expected) >= 1
    page_problems.console_errors[:] = [e for e in page_problems.console_errors if e not in expected]
