"""What a built HTML page gets in its <head> from the briefing: the feed links (site-wide, and an
actor's own on its page), and a name for the theme's search dialog (axe: a dialog needs one).

Builder-specific only in that a builder must call it on each page's HTML; the MkDocs plugin does."""
from __future__ import annotations

import html
import re
from typing import Optional

STYLESHEET = "assets/briefing.css"  # written into the tree by render.py
# At the site's root: Material's instant navigation fetches "sitemap.xml" beside every
# <link rel="alternate"> it finds (meant for translations), and only the root has one.
STORY_FEEDS = {"application/atom+xml": "feed.xml", "application/feed+json": "feed.json"}
ACTOR_FEED = "feeds/actors/{id}.{ext}"
_ID = re.compile(r"[a-z0-9][a-z0-9\-]{0,80}")
_ACTOR_PAGE = re.compile(r"actors/([a-z0-9][a-z0-9\-]{0,80})(?:/|\.html)$")
# Material's search: a role="dialog" element without a label (its input is labelled, the dialog is not).
_UNNAMED_DIALOG = re.compile(r'(<div class="md-search" data-md-component="search" role="dialog")(?![^>]*aria-label)')


def actor_of_page(page_url: str) -> Optional[str]:
    """The actor id of an actor page's URL ("actors/volodymyr-zelensky/"), None for any other page."""
    match = _ACTOR_PAGE.fullmatch(page_url)
    return match.group(1) if match and match.group(1) != "kinds" else None


def feed_links(page_url: str, site_title: str, actor: Optional[tuple[str, str]] = None) -> str:
    """<link rel="alternate"> elements for the story feeds, relative to the page at `page_url` (a
    directory URL such as "actors/x/" or a file URL such as "actors/x.html"); with `actor` (id, name),
    that actor's feeds too, as rel="alternate feed" (feed readers read the token; Material's sitemap
    lookup, which matches rel="alternate" exactly, leaves them alone)."""
    prefix = "../" * page_url.count("/")
    title = html.escape(site_title, quote=True)
    links = [f'<link rel="alternate" type="{kind}" title="{title}: stories" href="{prefix}{path}">'
             for kind, path in STORY_FEEDS.items()]
    if actor is not None:
        actor_id, name = actor
        if not _ID.fullmatch(actor_id):
            raise ValueError(f"not an actor id: {actor_id[:80]!r}")
        label = html.escape(f"{site_title}: {name}", quote=True)
        links += [f'<link rel="alternate feed" type="{kind}" title="{label}" '
                  f'href="{prefix}{ACTOR_FEED.format(id=actor_id, ext=path.rsplit(".", 1)[1])}">'
                  for kind, path in STORY_FEEDS.items()]
    return "".join(links)


def add_to_head(page_html: str, elements: str) -> str:
    """`elements` placed just before </head> (unchanged when the page has none)."""
    at = page_html.find("</head>")
    return page_html if at < 0 else page_html[:at] + elements + page_html[at:]


def name_search_dialog(page_html: str) -> str:
    """The theme's search dialog with an accessible name."""
    return _UNNAMED_DIALOG.sub(r'\1 aria-label="Search"', page_html, count=1)
