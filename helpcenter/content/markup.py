"""HTML fix-ups of a rendered page: Font Awesome `<i>` icons and remote media.

- `<i class="fas fa-question-circle"></i>` becomes the same icon inlined as SVG from the copy of Font
  Awesome that Material bundles (no icon font, no request to a CDN).
- Remote `<img>` and `<iframe>` become a link to the file (an icon and the alt text): the page never
  loads anything from a third-party host by itself; the reader decides to open it.
"""

from __future__ import annotations

import functools
import html
import re
from pathlib import Path
from urllib.parse import urlsplit

from helpcenter.content.labels import text

STYLES = {
    "fas": "solid",
    "fa-solid": "solid",
    "fa": "solid",
    "far": "regular",
    "fa-regular": "regular",
    "fab": "brands",
    "fa-brands": "brands",
}
MODIFIERS = {"fa-fw", "fa-lg", "fa-xs", "fa-sm", "fa-spin", "fa-pulse", "fa-border", "fa-inverse"}
# Font Awesome 4/5 names that Material's (v6) copy only has under another name.
ALIASES = {
    "external-link": "arrow-up-right-from-square",
    "external-link-alt": "up-right-from-square",
    "info-circle": "circle-info",
    "exclamation-triangle": "triangle-exclamation",
    "exclamation-circle": "circle-exclamation",
    "check-circle": "circle-check",
    "times-circle": "circle-xmark",
    "times": "xmark",
    "cog": "gear",
    "cogs": "gears",
    "edit": "pen-to-square",
    "trash-alt": "trash-can",
    "sign-out-alt": "right-from-bracket",
    "sign-in-alt": "right-to-bracket",
    "search": "magnifying-glass",
}
LOOPBACK = {"localhost", "127.0.0.1", "::1"}
_ICON = re.compile(r"<i\s+class=[\"'](?P<cls>[^\"']*\bfa[a-z-]*\s[^\"']*)[\"'][^>]*>\s*</i>")
_MEDIA = re.compile(r"<(?P<tag>img|iframe)\b(?P<attrs>[^>]*?)/?>(?:\s*</iframe>)?", re.I)
_ATTR = re.compile(r"\b(?P<name>src|alt|title)\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)')", re.I)


def theme_templates() -> Path:
    """The installed Material theme's templates folder (its icons and stylesheets)."""
    import material

    return Path(material.__file__).parent / "templates"


def _icons_dir() -> Path:
    return theme_templates() / ".icons" / "fontawesome"


@functools.lru_cache(maxsize=2048)
def icon_svg(style: str, name: str) -> str | None:
    """The SVG markup of a bundled Font Awesome icon, or None when Material has no such icon."""
    name = name.removeprefix("fa-")
    candidates = [(style, name), (style, ALIASES.get(name, name))]
    if name.endswith("-o"):  # Font Awesome 4 "outline" names live in the regular style
        candidates.append(("regular", ALIASES.get(name[:-2], name[:-2])))
    candidates.append(("solid", ALIASES.get(name, name)))
    for cand_style, cand_name in candidates:
        path = _icons_dir() / cand_style / f"{cand_name}.svg"
        if re.fullmatch(r"[a-z0-9-]+", cand_name) and path.is_file():
            return path.read_text(encoding="utf-8").strip()
    return None


def replace_icons(content: str, missing: list[str] | None = None) -> str:
    """Inline every Font Awesome `<i>` icon as SVG (unknown icons are dropped and reported)."""
    if "<i " not in content:
        return content

    def replace(match: re.Match[str]) -> str:
        classes = match.group("cls").split()
        style = next((STYLES[c] for c in classes if c in STYLES), "solid")
        names = [c for c in classes if c.startswith("fa-") and c not in STYLES and c not in MODIFIERS]
        names = [n for n in names if not re.fullmatch(r"fa-\d+x", n)]
        svg = icon_svg(style, names[0]) if names else None
        if svg is None:
            if missing is not None:
                missing.append(match.group("cls"))
            return ""
        return f'<span class="twemoji hc-icon" aria-hidden="true">{svg}</span>'

    return _ICON.sub(replace, content)


def is_remote(url: str) -> bool:
    """True for URLs on another host (http, https or protocol-relative); local and data: URLs are not."""
    url = url.strip()
    if not url.startswith(("http://", "https://", "//")):
        return False
    return (urlsplit(url).hostname or "") not in LOOPBACK


def replace_remote_media(content: str, locale: str) -> str:
    """Turn remote images and embeds into links to them, so that no page loads a third-party URL."""
    if "<img" not in content and "<iframe" not in content:
        return content

    def replace(match: re.Match[str]) -> str:
        attrs = {
            m.group("name").lower(): html.unescape(m.group("dq") or m.group("sq") or "")
            for m in _ATTR.finditer(match.group("attrs"))
        }
        src = attrs.get("src", "")
        if not is_remote(src):
            return match.group(0)
        kind = "image" if match.group("tag").lower() == "img" else "video"
        label = text("meta", kind, locale)
        caption = attrs.get("alt") or attrs.get("title") or label
        icon = icon_svg("solid", "image" if kind == "image" else "up-right-from-square") or ""
        return (
            f'<a class="hc-remote-media" href="{html.escape(src)}" target="_blank"'
            ' rel="noopener noreferrer nofollow"'
            f' title="{html.escape(label)}"><span class="twemoji" aria-hidden="true">{icon}</span>'
            f"<span>{html.escape(caption)}</span></a>"
        )

    return _MEDIA.sub(replace, content)
