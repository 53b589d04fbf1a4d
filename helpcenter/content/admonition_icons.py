"""Admonition icons inlined as SVG, in the title, instead of Material's CSS mask.

Material draws an admonition's icon as a CSS mask of a `data:` image, which the browser loads as an image
during the first style pass, while Material's bundle is still downloading; page-load simulations (such
as Lighthouse's) then count one more download sharing the line with the bundle. The same icon, in the same
colour, both read from Material's own stylesheet, goes into the title as markup instead, and the site's CSS
drops the mask of such admonitions (class `hc-inline-icon`). Kinds Material's stylesheet does not name
keep the mask.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from .markup import theme_templates

_ICON = re.compile(
    r"--md-admonition-icon--(?P<kind>[a-z]+):"
    r"url\(\"data:image/svg\+xml;charset=utf-8,(?P<svg><svg [^\"]*</svg>)\"\)"
)
_COLOR = re.compile(
    r"\.md-typeset \.(?P<kind>[a-z]+)>\.admonition-title:before,[^{]*\{background-color:(?P<color>#[0-9a-f]+)"
)
_TITLE = re.compile(r'<div class="admonition (?P<kind>[a-z]+)">(?P<space>\s*)<p class="admonition-title">')


def theme_icons(css: str) -> dict[str, str]:
    """Each admonition kind's icon as inline SVG markup (the stylesheet's icon, in its colour)."""
    colors = {match["kind"]: match["color"] for match in _COLOR.finditer(css)}
    attributes = 'class="hc-admonition-icon" aria-hidden="true" focusable="false" fill="{}" '
    return {
        match["kind"]: match["svg"].replace("<svg ", "<svg " + attributes.format(colors[match["kind"]]), 1)
        for match in _ICON.finditer(css)
        if match["kind"] in colors
    }


def inline_icons(html: str, icons: Mapping[str, str]) -> str:
    """Put each admonition's icon into its title (admonitions of kinds without an icon stay as they are)."""
    if "admonition-title" not in html:
        return html

    def replace(match: re.Match[str]) -> str:
        svg = icons.get(match["kind"])
        if svg is None:
            return match.group(0)
        opening = f'<div class="admonition {match["kind"]} hc-inline-icon">{match["space"]}'
        return f'{opening}<p class="admonition-title">{svg}'

    return _TITLE.sub(replace, html)


@functools.lru_cache(maxsize=1)
def material_icons() -> dict[str, str]:
    """The icons of the installed Material theme's stylesheet."""
    sheets = sorted((theme_templates() / "assets" / "stylesheets").glob("main.*.min.css"))
    return theme_icons(sheets[0].read_text(encoding="utf-8")) if sheets else {}
