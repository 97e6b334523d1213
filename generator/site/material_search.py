"""Material's search index, holding the briefing's own search documents (search_documents.py).

Material's search plugin indexes every section of every page it is given; the adapter marks the
generated pages `search: exclude` and appends these documents to the index the plugin wrote, in the
plugin's own format: {"location": page URL + "#anchor", "title", "text"}, each page's own document
before its sections (the theme groups results under the page and needs it first).
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Mapping

INDEX = Path("search") / "search_index.json"


def material_documents(documents: list[dict], urls: Mapping[str, str]) -> list[dict]:
    """Tree documents -> Material's; a document whose page is not in the site is dropped."""
    found = []
    for doc in documents:
        url = urls.get(doc["page"])
        if url is None:
            continue
        location = url + ("#" + doc["anchor"] if doc["anchor"] else "")
        found.append({"location": location, "title": doc["title"], "text": doc["text"]})
    return found


def add_to_index(site_dir: Path, documents: list[dict], urls: Mapping[str, str]) -> bool:
    """Append the documents to the index Material wrote into site_dir; False when there is none
    (search is not enabled), and nothing is written."""
    path = Path(site_dir) / INDEX
    if not path.is_file():
        return False
    index = json.loads(path.read_text(encoding="utf-8"))
    index["docs"] = list(index.get("docs", [])) + material_documents(documents, urls)
    path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), encoding="utf-8")
    return True
