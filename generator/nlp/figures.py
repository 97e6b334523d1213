"""Key figures: counts and amounts with what they count and who reported them.

A count under ten is a key figure only when what it counts is one of the nouns or verbs of
`data/figures.yml` ("three journalists", "seven wounded").
"""
from __future__ import annotations

import hashlib
import re
from typing import Optional

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported only by the stage that parses (see nlp.py)
    from spacy.tokens import Doc, Span, Token

from generator.nlp import lexicon
from generator.nlp.actors import SPEECH_LEMMAS, ArticleActors
from generator.briefing.records import Figure

_SCALE = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "hundred": 100}
_WORDS = {w: i for i, w in enumerate(lexicon.ordered("figures", "number_words"))}
# Nouns that make even a small number a key figure ("three children killed").
_KEY_NOUNS = lexicon.words("figures", "key_nouns")
# Verbs whose numeric subject is a key figure on its own ("Another 73 were injured", "seven wounded").
_KEY_VERBS = lexicon.words("figures", "key_verbs")
_SUFFIX = {"bn": 1e9, "b": 1e9, "m": 1e6, "mn": 1e6, "k": 1e3, "tn": 1e12, "trn": 1e12}


def figure_id(article: str, sentence: str, value: str) -> str:
    return "f-" + hashlib.sha1(f"{article}\n{' '.join(sentence.split())}\n{value}".encode()).hexdigest()[:10]


def parse_number(text: str) -> Optional[float]:
    """'at least 500,000' -> 500000; '2 million' -> 2000000; 'dozens' -> None (not a figure)."""
    low = text.lower().replace(",", "")
    m = re.search(r"(\d+(?:\.\d+)?)\s*(bn|mn|trn|tn|b|m|k)?\b", low)
    if m:
        value = float(m.group(1)) * _SUFFIX.get(m.group(2) or "", 1)  # "$8bn", "£550m"
    else:
        word = next((w for w in re.findall(r"[a-z]+", low) if w in _WORDS), None)
        if word is None and re.search(r"\b(a|an)\s+(hundred|thousand|million|billion)\b", low):
            word = "one"  # "more than a thousand"
        if word is None:
            return None
        value = float(_WORDS[word])
    for word, factor in _SCALE.items():
        if re.search(rf"\b{word}s?\b", low) and not re.search(rf"{word}s of", low):
            value *= factor
    return value


def _format(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


def _counted(span: Span) -> Optional[Token]:
    """The noun a number counts: its head for 'nummod', or the object of 'of'."""
    root = span.root
    if root.dep_ in {"nummod", "quantmod", "amod", "compound"} and root.head.pos_ in {"NOUN", "PROPN"}:
        return root.head
    if root.pos_ in {"NOUN", "NUM"} and root.dep_ in {"nsubj", "dobj", "pobj", "attr", "nsubjpass"}:
        of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        out = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "out"), None)
        if of is None and out is not None:  # "76 out of 190 tankers"
            of = next((c for c in out.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            return next((c for c in of.children if c.dep_ == "pobj"), None)
        if root.dep_ == "nsubj" and root.head.lemma_ == "be":  # "95 are Azovstal defenders"
            return next((c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
    return None


def _key_verb(span: Span) -> Optional[Token]:
    """'Another 73 were injured', 'two civilians were killed and seven wounded': a number standing for
    people, as the subject of a casualty verb (or coordinated with one)."""
    root = span.root
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.lemma_.lower() in _KEY_VERBS:
        return root.head
    # "killed and seven wounded": the number hangs from the coordinated verb
    if root.head.dep_ == "conj" and root.head.lemma_.lower() in _KEY_VERBS:
        return root.head
    return None


def _what(noun: Token) -> str:
    mods = [c for c in noun.lefts if c.dep_ in {"amod", "compound"} and not c.like_num]
    words = [t.text for t in sorted(mods + [noun], key=lambda t: t.i)]
    verb = noun.head if noun.dep_ in {"nsubj", "nsubjpass", "dobj"} and noun.head.pos_ == "VERB" else None
    if verb is not None and verb.lemma_ not in {"be", "have"}:
        aux = [a.text for a in verb.children if a.dep_ in {"aux", "auxpass"} and a.lemma_ in {"have", "be"}]
        words.extend(aux + [verb.text] if noun.dep_ != "dobj" else [])
        if noun.dep_ == "dobj":
            words = [verb.text] + words
    return " ".join(words)


def extract_figures(doc: Doc, article: str, actors: ArticleActors) -> list[Figure]:
    figures = []
    for ent in doc.ents:
        if ent.label_ not in {"CARDINAL", "MONEY", "PERCENT", "QUANTITY"}:
            continue
        text = ent.text
        if ent.end < len(doc) and doc[ent.end].lower_ in _SUFFIX and not doc[ent.end - 1].whitespace_:
            text += doc[ent.end].text  # "$550m" tokenised as "$550" "m"
        number = parse_number(text)
        if number is None:
            continue
        if number < 10 and ent.start > 0 and doc[ent.start - 1].lower_ in {"the", "these", "those"}:
            continue  # "the two men": people counted before
        noun = _counted(ent)
        is_key = noun is not None and (noun.lemma_.lower() in _KEY_NOUNS or noun.lemma_ in _KEY_NOUNS)
        if noun is None and (verb := _key_verb(ent)) is not None:
            noun, is_key = verb, True
        if ent.label_ == "CARDINAL" and (noun is None or number < 10 and not is_key):
            continue
        if ent.label_ == "CARDINAL" and 1900 <= number <= 2100 and not ent.text.replace(",", "").count("000"):
            continue
        what = _what(noun) if noun is not None else ent.label_.lower()
        sent = ent.sent
        sentence = " ".join(sent.text.split())
        value = _format(number)
        figures.append(Figure(id=figure_id(article, sentence, value), value=value, number=number,
                              what=what, reported_by=_reporter(sent, actors), article=article,
                              sentence=sentence))
    return figures


def _reporter(sent: Span, actors: ArticleActors) -> Optional[str]:
    """'according to the government in Kyiv' / 'officials said': who gives the figure."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
            pobj = next((c for c in token.nbor().children if c.dep_ == "pobj"), None)
            if pobj is not None:
                tokens = sorted(pobj.subtree, key=lambda t: t.i)
                return token.doc[tokens[0].i: tokens[-1].i + 1].text
        if token.lemma_ in SPEECH_LEMMAS and token.pos_ == "VERB":
            subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ != "PRON":
                key = actors.key_of(token.doc[subject.i: subject.i + 1])
                tokens = sorted(subject.subtree, key=lambda t: t.i)
                return key or token.doc[tokens[0].i: tokens[-1].i + 1].text
    return None
