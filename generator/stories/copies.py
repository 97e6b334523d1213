"""Near-duplicate articles: wire copy printed by several outlets, or one outlet's republished piece,
counts as one source of a story, however many times it is printed.

Each text is reduced to a sample of its word shingles (those whose hash is a multiple of k, so two
copies keep the same sample); an inverted index finds the articles that share most of a sample.
Linear in the text, and a shingle common to many articles (boilerplate) is ignored."""
from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Sequence
from typing import Optional

from generator.briefing.records import Article
from generator.derived import TextMemo, code_digest, computed_here, ints
from generator.stories.settings import settings


def samples(text: str) -> set[int]:
    cfg = settings()["copies"]
    n, k = int(cfg["shingle_words"]), int(cfg["sample_one_in"])
    words = text.lower().split()
    found = set()
    for i in range(max(0, len(words) - n + 1)):
        h = zlib.crc32(" ".join(words[i:i + n]).encode("utf-8", "replace"))
        if h % k == 0:
            found.add(h)
    return found


def copy_groups(articles: Sequence[Article], memo: Optional[TextMemo] = None) -> dict[str, str]:
    """Article id -> the id of the first-published article it copies (itself when it copies none).
    `memo`: the previous builds' samples (derived.py), by the article's text."""
    cfg = settings()["copies"]
    value = memo.value if memo is not None else computed_here
    version = code_digest(__name__, cfg["shingle_words"], cfg["sample_one_in"])
    least, share, common = int(cfg["least_samples"]), float(cfg["least_share"]), int(cfg["most_common"])
    ordered = sorted(articles, key=lambda a: (a.date, a.id))
    parent = {a.id: a.id for a in ordered}

    def root(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    index: dict[int, list[str]] = defaultdict(list)
    sizes: dict[str, int] = {}
    for article in ordered:
        mine = value("copy-samples", version, article.body, samples, ints, sorted)
        sizes[article.id] = len(mine)
        shared: dict[str, int] = {}
        for h in sorted(mine):  # one order, computed or remembered
            holders = index[h]
            if len(holders) <= common:
                for other in holders:
                    shared[other] = shared.get(other, 0) + 1
                holders.append(article.id)
        for other, count in shared.items():
            small = min(len(mine), sizes[other])
            if small >= least and count >= share * small:
                a, b = root(other), root(article.id)
                if a != b:  # the earlier article stays the group's root
                    parent[b] = a
    return {a.id: root(a.id) for a in ordered}
