"""The pictures as pages show them: each SVG in a <figure> with its caption, and the links inside it
made relative to the page it is on.

Links in raw HTML are not rewritten by a Markdown builder, so they are written as final URLs for
directory URLs (`chronology/2022-03/#2022-03-01`), as the redirect pages assume too.
"""
from __future__ import annotations

import html
import re
from typing import Callable, Optional

from markupsafe import Markup

from generator.site.chronology_pages import Parts, chronology_page

Href = Callable[[str, str], Optional[str]]
_ID = re.compile(r"[a-z0-9][a-z0-9\-]{0,80}")
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def page_hrefs(depth: int, story_dates: dict[str, str], actor_pages: set[str], parts: Optional[Parts] = None) -> Href:
    """Link targets for a picture on a page `depth` folders below the site root: a day, a story, an
    actor or a place; None when the target has no page (an actor without one, an unknown story).
    `parts`: the split months of the chronology (chronology_pages.py)."""
    prefix = "../" * depth
    parts = parts or {}

    def href(kind: str, item: str) -> Optional[str]:
        if kind == "day" and _DAY.fullmatch(item):
            return f"{prefix}chronology/{chronology_page(item, parts)}/#{item}"
        if kind == "story" and item in story_dates and _ID.fullmatch(item):
            return f"{prefix}chronology/{chronology_page(story_dates[item], parts)}/#{item}"
        if kind in {"actor", "place"} and item in actor_pages and _ID.fullmatch(item):
            return f"{prefix}actors/{item}/"
        return None

    return href


SVG_ROOT = '<svg xmlns="http://www.w3.org/2000/svg"'
_SVG_LINK = re.compile(r'(<a\b[^<>]*?) href=')  # the pictures write <a ... href="...">; attributes hold no < or >


def figure(svg: str, caption: str) -> Markup:
    """One raw HTML block (no blank line inside, so Markdown leaves it whole); "" for no picture.

    Its links are written as xlink:href: Material's instant navigation rewrites the `href` of every
    element matching [href] on each page it loads, and an SVG link's href cannot be set (a page error
    that stops instant navigation). Browsers follow xlink:href links alike."""
    if not svg:
        return Markup("")
    if "\n\n" in svg:
        svg = re.sub(r"\n\s*\n", "\n", svg)
    if svg.startswith(SVG_ROOT):
        svg = _SVG_LINK.sub(r"\1 xlink:href=", SVG_ROOT + ' xmlns:xlink="http://www.w3.org/1999/xlink"'
                            + svg[len(SVG_ROOT):])
    return Markup(f'<figure class="briefing-figure">{svg}<figcaption>{html.escape(caption)}</figcaption></figure>')
