"""Loading the spaCy pipeline once, with the briefing's registered components.

The model name is configurable (any installed English pipeline: en_core_web_sm, _md, _lg ...);
the default is the PyPI re-upload of en_core_web_sm 3.8.0 that the project pins.
Loaded pipelines are kept per process so `mkdocs serve` rebuilds do not reload the model.
"""
from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc, Span

from generator.errors import E001
from generator.nlp import gazetteer

from generator.nlp.model import MODEL_ENV, model_name  # noqa: F401  (model_name re-exported for callers)
_INITIAL = re.compile(r"[A-Z]\.")
_ORDINAL = re.compile(r"\d+(st|nd|rd|th)")
_UNIT_HEADS = frozenset({"Brigade", "Battalion", "Regiment", "Division", "Army", "Corps", "Fleet", "Squadron"})
_CHUNK_CHARS = 5_000  # long texts are parsed in paragraph-aligned parts of at most this size: a
# 176 kB transcript peaked at 759 MB in parts of 100,000 characters, 313 MB in parts of 5,000


class ModelNotFound(RuntimeError):
    """E001: the configured spaCy pipeline is not installed."""


_loading = threading.Lock()  # a pipeline being loaded in the background (model.preload) is waited for


def load_pipeline(name: str) -> Language:
    """Load `name` and add the gazetteer ruler before the statistical NER (once per process)."""
    with _loading:
        return _load(name)


@functools.lru_cache(maxsize=4)
def _load(name: str) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFound(E001(name=name, env=MODEL_ENV)) from exc
    nlp.add_pipe("briefing_paragraphs", before="parser")
    nlp.add_pipe("briefing_gazetteer", after="ner")
    return nlp


@Language.component("briefing_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: paragraphs without a final full stop must not run together."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    return doc


@Language.factory("briefing_gazetteer")
def make_gazetteer(nlp: Language, name: str) -> "GazetteerRepair":
    return GazetteerRepair(nlp)


def _an_age(ent: Span) -> bool:
    """An age the model tagged DATE ("an 18-year-old guy", "80 years old"): no date, so neither a
    date phrase nor a word a headline drops ("An -old guy entered a school")."""
    after = ent.doc[ent.end: ent.end + 2]
    return ent.label_ == "DATE" and (ent[-1].lower_ == "old" or bool(after) and after[0].lower_ == "old"
                                     or len(after) == 2 and after[0].text == "-" and after[1].lower_ == "old")


class GazetteerRepair:
    """After the statistical NER: give known names their kind ("Kyiv" is a place, not a person)
    and add known names it missed, without breaking longer entities ("Vladimir Putin")."""

    def __init__(self, nlp: Language):
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.labels = {}
        for label, names in (("GPE", gazetteer.place_names()), ("ORG", gazetteer.ORGANISATIONS),
                             ("NORP", gazetteer.GROUPS | gazetteer.PEOPLES)):
            for name in sorted(names):
                self.labels[name] = label
            self.matcher.add(label, list(nlp.tokenizer.pipe(sorted(names))))
        # Institutions written in lower case: "the central bank of Russia", "the general staff of the
        # Ukraine armed forces".
        self.institutions = Matcher(nlp.vocab)
        self.vocab_strings = nlp.vocab.strings
        self.institutions.add("INSTITUTION", [[
            {"LOWER": {"IN": ["central", "general", "national", "state", "border", "security"]}},
            {"LOWER": {"IN": ["bank", "staff", "guard", "duma", "service", "council"]}},
            {"LOWER": "of"}, {"LOWER": "the", "OP": "?"}, {"IS_TITLE": True, "OP": "+"},
            {"LOWER": "armed", "OP": "?"}, {"LOWER": "forces", "OP": "?"},
        ]], greedy="LONGEST")
        # A government named after its leader: "the Biden administration", "the Putin regime".
        self.institutions.add("LEADERS_GOVERNMENT", [[
            {"ENT_TYPE": "PERSON", "IS_TITLE": True}, {"LOWER": {"IN": ["administration", "regime", "government"]}},
        ]], greedy="LONGEST")
        # Local bodies named after their place: "Mariupol city council", "the Kharkiv regional administration".
        # (and with the place's possessive: "Kharkiv's regional military administration")
        local = [{"LOWER": {"IN": ["city", "regional", "military", "district", "village", "oblast"]}},
                 {"LOWER": {"IN": ["military", "state"]}, "OP": "?"},
                 {"LOWER": {"IN": ["council", "administration", "hall"]}}]
        self.institutions.add("LOCAL_BODY", [[{"IS_TITLE": True}, *local],
                                             [{"IS_TITLE": True}, {"TAG": "POS"}, *local]], greedy="LONGEST")

        # A country's body written in lower case: "the Russian defence ministry", "Ukraine's northern
        # military command", "the defence ministry", "the country's military command" (label BODY: the
        # actor stage keeps it where it acts or speaks and names it by its nationality).
        nations = sorted(gazetteer.NATIONALITY_TO_COUNTRY) + sorted(gazetteer.countries())
        qualifiers = {"LOWER": {"IN": sorted(gazetteer.NATIONAL_BODY_QUALIFIERS)}}
        head = {"LOWER": {"IN": sorted(gazetteer.NATIONAL_BODY_HEADS)}}
        self.institutions.add("NATIONAL_BODY", [
            [{"TEXT": {"IN": nations}}, dict(qualifiers, OP="{0,3}"), head],
            [{"TEXT": {"IN": sorted(gazetteer.countries())}}, {"TAG": "POS"}, dict(qualifiers, OP="{0,3}"), head],
            [{"LOWER": "the"}, {"LOWER": {"IN": ["country", "nation"]}}, {"TAG": "POS"}, dict(qualifiers, OP="{0,3}"),
             head],
        ], greedy="LONGEST")
        self.institutions.add("UNNAMED_NATIONAL_BODY", [
            [{"LOWER": "the"}, dict(qualifiers, OP="{1,3}"), head],
        ], greedy="LONGEST")

    @staticmethod
    def _split(ent: Span) -> list[Span]:
        """Undo entity spans that run names together: 'Vladimir Putin: Comrades', 'Interior Ministry
        Troops, Special Police Force', 'Security Council Dmitry Medvedev', 'Ukraine Volodymyr Zelenskyy'."""
        doc = ent.doc
        owner = next((t.i for t in ent[1:-1] if t.tag_ == "POS"), None)
        if owner is not None and doc[owner + 1].text not in gazetteer.ORG_HEADS | gazetteer.PLACE_WORDS | {
                "Government", "Press"}:
            # "President Macron's Address to the Nation": the owner is the name, the rest a thing.
            titled = ent.start > 0 and doc[ent.start - 1].text in gazetteer.OFFICE_WORDS
            ent = Span(doc, ent.start, owner, label="PERSON" if titled else ent.label_)
        parts, start = [], ent.start
        for token in ent:
            if token.text in {":", ",", ";", "*", "(", ")"} or token.text.endswith(":"):
                if token.i > start:
                    parts.append((start, token.i))
                start = token.i + 1
        if start < ent.end:
            parts.append((start, ent.end))
        # "Uber and WeWork": two one-word names the model ran into one (not "Ministry of Education and Science")
        if len(ent) == 3 and ent[1].lower_ == "and" and ent.label_ == "ORG" and all(
                t.pos_ == "PROPN" and t.text[:1].isupper() and t.text not in gazetteer.ORG_HEADS for t in (ent[0], ent[2])):
            parts = [(ent.start, ent.start + 1), (ent.start + 2, ent.end)]
        # "Kharkiv from Izium", "Kyiv to Lviv": two known places the model ran into one name
        places = gazetteer.place_names()
        parts = [piece for s, e in parts for piece in (
            next(([(s, t.i), (t.i + 1, e)] for t in doc[s:e] if t.lower_ in {"from", "to"}
                  and doc[s:t.i].text in places and doc[t.i + 1:e].text in places), [(s, e)]))]
        result = []
        for s, e in parts:
            span = doc[s:e]
            tail = e
            while tail - 1 > s and doc[tail - 1].pos_ == "PROPN" and doc[tail - 1].is_title \
                    and doc[tail - 1].text not in gazetteer.OFFICE_WORDS and e - (tail - 1) <= 3:
                tail -= 1
            prefix = doc[s:tail].text
            if e - tail > 2 and doc[e - 2].text in gazetteer.FIRST_NAMES:
                tail = e - 2  # "... Territories Iryna Vereshchuk": the name starts at the first name
                prefix = doc[s:tail].text
            if e - tail >= 2 and tail > s and (prefix in gazetteer.place_names() or prefix in gazetteer.ORGANISATIONS
                                                or doc[tail - 1].text in gazetteer.OFFICE_WORDS
                                                or doc[tail].text in gazetteer.FIRST_NAMES):
                if prefix in gazetteer.place_names():
                    result.append(Span(doc, s, tail, label="GPE"))
                elif prefix in gazetteer.ORGANISATIONS:
                    result.append(Span(doc, s, tail, label="ORG"))
                result.append(Span(doc, tail, e, label="PERSON"))
            else:
                result.append(Span(doc, s, e, label=span.label_ if span.label_ else ent.label_) if len(span) else span)
        return [r for r in result if len(r)]

    @staticmethod
    def _join_of(ents: list[Span]) -> list[Span]:
        """'Pirate Party of' + 'Russia': an organisation the model cut before its place. 'Ministry of
        Education' + 'and' + 'Science', 'All-Russia State Television' + 'and' + 'Radio Broadcasting
        Company': one the model cut at its 'and' (the second part one word, or ending in a body's noun)."""
        joined: list[Span] = []
        doc = ents[0].doc if ents else None
        for ent in ents:
            last = joined[-1] if joined else None
            if ent.label_ == "ORG" and ent[-1].text in _UNIT_HEADS and ent.start > 0 \
                    and _ORDINAL.fullmatch(doc[ent.start - 1].text) and (last is None or last.end < ent.start):
                ent = Span(doc, ent.start - 1, ent.end, label="ORG")  # "the 28th Separate Mechanized Brigade"
            if last is not None and last.label_ == "ORG" and last[-1].lower_ == "of" \
                    and last.end == ent.start and ent.label_ == "GPE":
                joined[-1] = Span(ent.doc, last.start, ent.end, label="ORG")
            elif last is not None and last.label_ == "ORG" and last[-1].text in gazetteer.ORG_HEADS \
                    and ent.start == last.end + 1 and doc[last.end].lower_ == "of" and ent.label_ == "GPE" \
                    and ent.text in gazetteer.countries():
                joined[-1] = Span(doc, last.start, ent.end, label="ORG")  # "the State Space Agency" "of" "Ukraine"
            elif last is not None and last.label_ == "ORG" and ent.start == last.end + 1 \
                    and ent.doc[last.end].lower_ == "and" and ent[0].is_title and (
                        len(ent) == 1 and any(t.lower_ == "of" for t in last) and ent.label_ == "ORG"
                        or ent[-1].text in gazetteer.ORG_HEADS and len(ent) >= 2):
                joined[-1] = Span(ent.doc, last.start, ent.end, label="ORG")
            else:
                joined.append(ent)
        return joined

    @staticmethod
    def _join_remits(ents: list[Span]) -> list[Span]:
        """'the Department for Business' ',' 'Energy and Industrial Strategy': a body named by its list of
        remits, cut by the model at the list's commas, is one name up to the list's last word."""
        if not ents:
            return ents
        doc = ents[0].doc
        joined: list[Span] = []
        for ent in ents:
            if joined and joined[-1].label_ == "ORG" and joined[-1].end <= ent.start and any(
                    t.lower_ in {"for", "of"} for t in joined[-1][1:]) and doc[joined[-1].end].text == "," \
                    and all(t.text == "," or t.lower_ == "and" or t.is_title for t in doc[joined[-1].end: ent.end]) \
                    and any(t.lower_ == "and" for t in doc[joined[-1].end: ent.end]) and ent[-1].is_title:
                joined[-1] = Span(doc, joined[-1].start, ent.end, label="ORG")
                continue
            joined.append(ent)
        return joined

    @staticmethod
    def _listed_holders(ents: list[Span]) -> list[Span]:
        """'Prime Minister of India Narendra Modi, President of Kazakhstan Kassym-Jomart Tokayev, ...': in a
        list of office holders, the name right after "<title> of <country>" is a person, though the model
        left it untagged, tagged it otherwise or ran it into the country."""
        if not ents:
            return ents
        doc = ents[0].doc

        def name_word(i: int) -> bool:  # "Prayut Chan-o-cha": capitalised words and their hyphenated parts
            t = doc[i]
            glued = i > 0 and doc[i - 1].text == "-" and not doc[i - 2].whitespace_ and t.is_alpha
            return (t.is_title and t.text not in gazetteer.OFFICE_WORDS) or glued or (
                t.text == "-" and not t.whitespace_ and i + 1 < len(doc) and doc[i + 1].is_alpha)

        out: list[Span] = []
        replaced_until = -1
        for ent in ents:
            if ent.end <= replaced_until:
                continue  # inside a name just made a person
            start = ent.start
            country_end = ent.end if ent.label_ == "GPE" else next(
                (end for end in range(ent.end - 1, start, -1) if doc[start:end].text in gazetteer.countries()), None)
            if country_end is not None and start >= 2 and doc[start - 1].lower_ == "of" \
                    and doc[start - 2].text in gazetteer.OFFICE_WORDS:
                end = country_end
                while end < len(doc) and end - country_end < 6 and name_word(end):
                    end += 1
                if end - country_end >= 2 and (end == len(doc) or doc[end].text in {",", ".", ";"}
                                               or doc[end].lower_ == "and"):
                    out += [Span(doc, start, country_end, label="GPE"), Span(doc, country_end, end, label="PERSON")]
                    replaced_until = end
                    continue
            if ent.start < replaced_until:
                continue
            out.append(ent)
        return out

    def __call__(self, doc: Doc) -> Doc:
        ents = self._join_remits(self._join_of([part for ent in doc.ents if not _an_age(ent)
                                                for part in self._split(ent)]))
        relabelled = []
        for ent in ents:
            core = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
            label = self.labels.get(core)
            relabelled.append(Span(doc, ent.start, ent.end, label=label) if label and label != ent.label_ else ent)
        spans = [Span(doc, s, e, label=m) for m, s, e in self.matcher(doc)]
        # A known name of several words replaces the shorter entities inside it ("Lloyd" in "Lloyd's List").
        known = [k for k in spacy.util.filter_spans(spans) if len(k) > 1 and any(
            k.start <= e.start and e.end <= k.end and len(e) < len(k) for e in relabelled)
            and all(k.start <= e.start and e.end <= k.end for e in relabelled if e.start < k.end and k.start < e.end)]
        relabelled = [e for e in relabelled if not any(k.start <= e.start and e.end <= k.end for k in known)] + known
        # Bodies named after a place or a leader replace the name they start with.
        matches = [(self.vocab_strings[m], Span(doc, s, e, label="ORG")) for m, s, e in self.institutions(doc)]
        bodies = [span for kind, span in matches if kind in {"LOCAL_BODY", "LEADERS_GOVERNMENT"}
                  and (kind == "LOCAL_BODY") == (span[0].text in gazetteer.place_names())]
        bodies += self._national_bodies(doc, matches)
        spans += [span for kind, span in matches if kind == "INSTITUTION"] + bodies
        relabelled = [e for e in relabelled if not any(b.start <= e.start and e.end <= b.end for b in bodies)]
        taken = {i for ent in relabelled for i in range(ent.start, ent.end)}
        for span in spacy.util.filter_spans(spans):
            if not any(i in taken for i in range(span.start, span.end)) and (
                    span[0].text[:1].isupper() or span.label_ in {"ORG", "BODY"}):
                relabelled.append(span)
                taken.update(range(span.start, span.end))
        people = [p for p in self._first_name_people(doc)  # replacing only what lies inside them
                  if all(p.start <= e.start and e.end <= p.end for e in relabelled if e.start < p.end and p.start < e.end)]
        relabelled = [e for e in relabelled if not any(e.start < p.end and p.start < e.end for p in people)]
        ents = self._listed_holders(spacy.util.filter_spans(sorted(relabelled + people, key=lambda s: s.start)))
        doc.ents = self._peers(ents)
        return doc

    @staticmethod
    def _peers(ents: list[Span]) -> list[Span]:
        """A person's name without the abbreviated rank before it, and with the peerage title before a
        surname written alone: "Gen Lord Richards" (or the model's "Richards" after "Gen Lord") is
        Lord Richards."""
        out = []
        for ent in ents:
            if ent.label_ == "PERSON":
                start, doc = ent.start, ent.doc
                while ent.end - start > 1 and doc[start].text in gazetteer.RANK_ABBREVIATIONS:
                    start += 1
                if ent.end - start == 1 and start > 0 and doc[start - 1].text in gazetteer.PEERAGE_TITLES \
                        and (not out or out[-1].end <= start - 1):
                    start -= 1
                if start != ent.start:
                    ent = Span(doc, start, ent.end, label="PERSON")
            out.append(ent)
        return out

    @staticmethod
    def _national_bodies(doc: Doc, matches: list[tuple[str, Span]]) -> list[Span]:
        """The lower-case bodies of a country (label BODY), "the" left out, the longest match of each
        place, and none inside a capitalised name ("the Foreign Ministry" stays the model's ORG)."""
        found = []
        for kind, span in matches:
            if kind not in {"NATIONAL_BODY", "UNNAMED_NATIONAL_BODY"}:
                continue
            if span[0].lower_ == "the" and span[1].lower_ not in {"country", "nation"}:
                span = span[1:]
            words = span[1:] if kind == "NATIONAL_BODY" else span
            if not all(t.is_lower for t in words if t.tag_ != "POS"):
                continue
            found.append(Span(doc, span.start, span.end, label="BODY"))
        return spacy.util.filter_spans(found)

    @staticmethod
    def _first_name_people(doc: Doc) -> list[Span]:
        """'Serhii Haidai' that the small model tags as a place and a nationality, or 'Pavlo
        Kyrylenko' as a work of art: a known first name and the capitalised words after it."""
        found = []
        i = 0
        while i < len(doc) - 1:
            end = i + 1
            if doc[i].text in gazetteer.FIRST_NAMES and doc[i].is_title:
                while end < len(doc) and end - i < 5 and (
                        _INITIAL.fullmatch(doc[end].text)  # "Vladimir V. Putin", "Joseph R. Biden"
                        or doc[end].is_title and doc[end].is_alpha and doc[end].text not in gazetteer.OFFICE_WORDS
                        and doc[end].text != doc[end - 1].text  # "Sergei Shoigu Shoigu Sergei": a scraper's echo
                        and not doc[end].is_stop and doc[end].text not in gazetteer.place_names()
                        or _particles_then_name(doc, end)):  # "Ursula von der Leyen"
                    end += 1
                while end - i > 1 and _INITIAL.fullmatch(doc[end - 1].text):
                    end -= 1
            elif doc[i].lower_.rstrip(".") in {"mr", "mrs", "ms", "dr"} and _particles_then_name(doc, i + 1):
                i += 1  # "Ms. von der Leyen": the particles and the surname after a courtesy title
                end = i
                while end < len(doc) and doc[end].text in gazetteer.NAME_PARTICLES:
                    end += 1
                end += 1
            if end - i >= 2:
                found.append(Span(doc, i, end, label="PERSON"))
            i = end
        return found


def _particles_then_name(doc: Doc, i: int) -> bool:
    """Lower-case name particles ("von der", "van", "de", "bin") followed by a capitalised word."""
    j = i
    while j < len(doc) and j - i < 3 and doc[j].text in gazetteer.NAME_PARTICLES:
        j += 1
    return j > i and j < len(doc) and doc[j].is_title and doc[j].is_alpha


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 8) -> Iterator[Doc]:
    """nlp.pipe over whole texts; a text longer than the chunk size is parsed in parts and joined."""
    items = list(texts)
    parts: list[tuple[int, str]] = []
    for index, text in enumerate(items):
        parts.extend((index, chunk) for chunk in _chunks(text, min(_CHUNK_CHARS, nlp.max_length)))
    docs: dict[int, list[Doc]] = {}
    for (index, _), doc in zip(parts, nlp.pipe((chunk for _, chunk in parts), batch_size=batch_size)):
        docs.setdefault(index, []).append(doc)
    for index in range(len(items)):
        pieces = docs.get(index) or [nlp.make_doc("")]
        yield pieces[0] if len(pieces) == 1 else Doc.from_docs(pieces)


def _chunks(text: str, limit: int) -> list[str]:
    """Split at paragraph (then line, then sentence, then space) boundaries so no part exceeds `limit`:
    the first kind of boundary found in the second half of the part's room, so a sentence is cut only
    where a part holds no sentence end at all (one scraped paragraph of several pages)."""
    if len(text) <= limit:
        return [text]
    chunks, start = [], 0
    while start < len(text):
        end = min(start + limit, len(text))
        if end < len(text):
            half = start + limit // 2
            for boundary in ("\n\n", "\n", ". ", " "):
                cut = text.rfind(boundary, half, end)
                if cut > start:
                    end = cut + len(boundary)
                    break
        chunks.append(text[start:end])
        start = end
    return chunks
