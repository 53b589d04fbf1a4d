"""Navigation order and names: folders by `metadata.json`/`order.json` `order`, articles by their `order`,
folder names from `metadata.json` `name` (top-level sections translated when they have none), and
announcements newest first.

Works on MkDocs' nav objects by duck typing (sections have `children`, pages have `file`), so that it can
be tested with plain objects. One pass over the tree: O(pages).
"""

from __future__ import annotations

from typing import Any

from helpcenter.content.index import ContentIndex, order_of
from helpcenter.content.labels import MONTH_NUMBER, SECTION_ORDER, SECTIONS, month, text
from helpcenter.content.meta import parse_date

UNKNOWN_TOP_ORDER = 90.0  # after the known sections, before Support (order 100)


def _first_src(item: Any) -> str | None:
    """The source path of the first page below a nav item."""
    if getattr(item, "file", None) is not None:
        return item.file.src_uri
    for child in getattr(item, "children", None) or []:
        src = _first_src(child)
        if src:
            return src
    return None


def _folder_number(name: str) -> float:
    if name.isdigit():
        return float(name)
    return float(MONTH_NUMBER.get(name.lower(), 0))


def _is_index(src: str) -> bool:
    return src.rsplit("/", 1)[-1] in ("index.md", "README.md")


class NavOrder:
    """Sorts and names the nav of one language build."""

    def __init__(self, index: ContentIndex, locale: str):
        self.index = index
        self.locale = locale

    def section_key(self, folder: str, depth: int, newest_first: bool, title: str) -> tuple:
        meta = self.index.folders.get(folder, {})
        name = folder.rsplit("/", 1)[-1]
        order = order_of(meta)
        if order == float("inf") and depth == 1:
            order = float(SECTION_ORDER.get(name, UNKNOWN_TOP_ORDER))
        if newest_first and order == float("inf"):
            order = -_folder_number(name)
        return (1, order, 1, title.casefold())

    def page_key(self, src: str, newest_first: bool, title: str) -> tuple:
        if _is_index(src):
            return (0, 0.0, 0, "")
        article = self.index.articles.by_src.get(src)
        meta = article.meta if article else {}
        order = order_of(meta)
        if newest_first and order == float("inf"):
            day = parse_date(meta.get("publishedAt")) or parse_date(meta.get("firstPublishedAt"))
            order = -float(day.toordinal()) if day else 0.0
        return (1, order, 0, str(meta.get("title") or title).casefold())

    def section_title(self, folder: str, depth: int, current: str) -> str:
        meta = self.index.folders.get(folder, {})
        name = folder.rsplit("/", 1)[-1]
        if meta.get("name"):
            return str(meta["name"])
        if depth == 1 and name in SECTIONS:
            return text("section", name, self.locale)
        number = MONTH_NUMBER.get(name.lower())
        if number and folder.split("/")[1:2] == ["announcements"]:
            return month(number, self.locale).capitalize()
        return current

    def arrange(self, items: list, folder: str, depth: int = 1) -> list:
        """Sort `items` (children of `folder`) in place, recursively; returns them."""
        newest_first = folder.split("/")[1:2] == ["announcements"]
        keyed = []
        for item in items:
            children = getattr(item, "children", None)
            if getattr(item, "file", None) is not None:
                key = self.page_key(item.file.src_uri, newest_first, item.title or "")
            elif children is not None:
                src = _first_src(item)
                parts = src.split("/") if src else []
                sub = "/".join(parts[: depth + 1]) if len(parts) > depth else folder
                item.title = self.section_title(sub, depth, item.title or "")
                self.arrange(children, sub, depth + 1)
                key = self.section_key(sub, depth, newest_first, item.title or "")
            else:  # a Link
                key = (2, 0.0, 0, str(getattr(item, "title", "")).casefold())
            keyed.append((key, item))
        keyed.sort(key=lambda pair: pair[0])
        items[:] = [item for _key, item in keyed]
        return items


def flat_pages(items: list) -> list:
    """The pages of a nav tree in display order (for previous/next links)."""
    pages = []
    for item in items:
        if getattr(item, "file", None) is not None:
            pages.append(item)
        children = getattr(item, "children", None)
        if children:
            pages.extend(flat_pages(children))
    return pages


def arrange_nav(nav: Any, index: ContentIndex, locale: str) -> Any:
    """Order and name a MkDocs Navigation of one language, and re-link previous/next pages."""
    NavOrder(index, locale).arrange(nav.items, locale)
    nav.pages = flat_pages(nav.items)
    bookended = [None, *nav.pages, None]
    for before, page, after in zip(bookended[:-2], nav.pages, bookended[2:], strict=False):
        page.previous_page, page.next_page = before, after
    return nav
