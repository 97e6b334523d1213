"""Newswire and web-page furniture that is not part of the report: newsletter sign-up lines,
captions of embedded videos ("01:45 Putin warns ... – video") and photos, embedded tweets, agency
credits, datelines ("WASHINGTON — ") and live-blog entry times ("12 Jul 2022 22.48 BST ").

Extraction reads the text without them, so a caption's "says Zelenskiy" is no quote and a
dateline's city no actor; the article as published (and shown on the site) keeps them.
"""
from __future__ import annotations

import re

from generator.nlp import gazetteer

_FURNITURE_LINE = re.compile(
    r"^[ \t]*+(?:"
    r"(?:Want more [^\n]*\?\s*)?Sign up\b[^\n]{0,200}"                  # newsletter promotions
    r"|\d{1,2}:\d{2}\s[^\n]{5,200}\s[\u2013\u2014-]\s(?:video|audio)"    # embedded media captions
    r"|[^\n]{0,400}\bPhotograph: [^\n]{2,80}"                          # photo captions and credits
    r"|[^\n]{0,120}\bcontributed (?:to this report|reporting)\.?"       # agency credits
    r"|[^\n]*(?:pic\.twitter\.com/|\(@\w+\) \w+ \d{1,2}, \d{4}|(?<!\w)#[A-Za-z]\w+)[^\n]*"  # embedded tweets
    r")[ \t]*$", re.M | re.I)
# A live blog's entry time at the start of a line ("12 Jul 2022 22.48 Ukraine's air force ..."): it
# would become the subject of the entry's first sentence, and its headline.
_ENTRY_TIME = re.compile(r"^([ \t]*)\d{1,2} [A-Z][a-z]{2} \d{4} \d{1,2}[.:]\d{2}"
                         r"(?: (?:BST|GMT|UTC|CET|CEST|EET|EEST|EST|EDT|MSK))?[ \t]++(?=\S)", re.M)
# The Kremlin's name card run into a transcript label: "Minister of Education Sergei Kravtsov Kravtsov
# SergeiMinister of Education:" is "Minister of Education Sergei Kravtsov:" (the card's surname-first
# echo and its title, up to the label's colon, are page furniture).
# (Name words of at most 40 characters: a 100 kB run of "A-A-A-..." is then linear, not quadratic.)
_NAME_CARD = re.compile(r"\b([A-Z][\w'\-]{0,40}+(?: [A-Z][\w'\-]{0,40}+)?) ([A-Z][\w'\-]{0,40}+) \2 \1(?=[A-Z])"
                        r"[^:\n.!?]{0,120}:")
_DATELINE = re.compile(r"\A(\s*)([^\W\d_][^\W\d_.]*\.?(?: [^\W\d_][^\W\d_.]*\.?)*)(?:, [^\W\d_][\w. ]+)? \u2014 ")


def strip_boilerplate(text: str) -> str:
    """The text with furniture lines emptied, live-blog entry times, name cards and a leading dateline removed
    (blank lines stay, so paragraphs keep their breaks)."""
    text = _FURNITURE_LINE.sub("", text)
    text = _ENTRY_TIME.sub(r"\1", text)
    text = _NAME_CARD.sub(r"\1 \2:", text)
    dateline = _DATELINE.match(text)
    city = dateline.group(2) if dateline else ""
    # "WASHINGTON — ", "KÖNIGSWINTER, Germany — ": a place in capitals; "NATO — " is no dateline.
    if city.isupper() and (city.title() in gazetteer.place_names() or len(city) >= 6
                           and city not in gazetteer.ORGANISATIONS):
        text = dateline.group(1) + text[dateline.end():]
    return text
