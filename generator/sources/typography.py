"""Normalise typography before NLP.

spaCy's English models are trained on straight ASCII quotes and intact possessives; curly quotes
and text whose apostrophes were stripped by a scraper ("Russias", "Zelenskyys", "dont") confuse
both the tagger and the entity recogniser. This module only rewrites characters (and puts back the
space a scraper lost after "a" or "the"); it never adds or removes words, so sentences stay
recognisable to a reader. The character and contraction tables
are data: `generator/nlp/data/typography.yml`.
"""
from __future__ import annotations

import re
import unicodedata

from generator.nlp import gazetteer, lexicon

_QUOTES = str.maketrans(lexicon.table("typography", "quotes"))
# Contractions whose apostrophe a scraper removed; only repaired in texts with no apostrophe at all.
_CONTRACTIONS = lexicon.table("typography", "contractions")
# Common nouns whose stripped possessive is not a valid plural ("countrys", "todays").
_POSSESSIVE_NOUNS = lexicon.words("typography", "possessive_nouns")
# "a'BRICS", "theUNICEF": an article glued to a quoted name or an acronym (a fixed-length lookahead).
_GLUED = re.compile(r"\b(%s)(?='[A-Z]|[A-Z]{2})" % "|".join(sorted(lexicon.words("typography", "glued_articles"))))
# A word ending in "s"; the stem is capped (no name is longer) so a long hyphenated run stays linear.
_WORD = re.compile(r"\b([A-Za-z][A-Za-z\-]{0,60}?)s\b")


def normalise(text: str) -> str:
    """Straighten quotes, then repair stripped possessives and contractions.

    A capitalised word ending in "s" is a stripped possessive when its stem is a known name: in the
    gazetteer, or written capitalised inside a sentence elsewhere in the text ("Russias" when
    "Russia" occurs) -- unless the word is a plural name or nationality ("Russians", "States").
    """
    text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    text = re.sub(r"(?<! ) *\u2014 *", " \u2014 ", text)  # a match starts where its spaces start: linear
    text = _GLUED.sub(r"\1 ", text)
    stripped = "'" not in text
    known = gazetteer.place_names() | gazetteer.ORGANISATIONS
    names = known | set(re.findall(r"(?<=[a-z,;:] )[A-Z][A-Za-z\-]+\b", text))

    def repair(match: re.Match) -> str:
        word, stem = match.group(0), match.group(1)
        if word in known or word in gazetteer.PLURAL_NAMES or stem in gazetteer.NATIONALITY_TO_COUNTRY:
            return word
        if stem[0].isupper() and stem in names:
            return f"{stem}'s"
        if stripped and stem.lower() in _POSSESSIVE_NOUNS:
            return f"{stem}'s"
        return word

    text = _WORD.sub(repair, text)
    if stripped:
        text = re.sub(
            r"\b[A-Za-z]+\b",
            lambda m: _fix_contraction(m.group(0)),
            text,
        )
        # A stripped em dash leaves two spaces between words: "the violence  but".
        text = re.sub(r"(?<=\w) {2,}(?=\w)", " \u2014 ", text)
    return text


def _fix_contraction(word: str) -> str:
    fixed = _CONTRACTIONS.get(word.lower())
    if fixed is None:
        return word
    if word[0].isupper():
        return fixed[0].upper() + fixed[1:]
    return fixed
