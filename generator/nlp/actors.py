"""Actors: the people, organisations, places and groups an article names, with their aliases.

Inside an article a surname points to the full name mentioned before or after it ("Zelensky" ->
"Volodymyr Zelensky"), whatever label the statistical model gave the surname. Across articles
names are merged on a folded key that ignores transliteration variants (Zelensky, Zelenskyy,
Zelenskiy) and on the gazetteer's alias tables (Kiev/Kyiv, U.S./United States). The word lists
(speech verbs, titles, ...) are data: `data/actors.yml`.
"""
from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # spaCy is imported only by the stage that parses (see nlp.py)
    from spacy.tokens import Doc, Span, Token

from generator.nlp import gazetteer, lexicon
from generator.briefing.records import Actor, Mention

KIND_BY_LABEL = {"PERSON": "person", "ORG": "organization", "GPE": "place", "LOC": "place", "FAC": "place",
                 "NORP": "group"}
SPEECH_LEMMAS = lexicon.words("actors", "speech_lemmas")
_TITLES = lexicon.words("actors", "titles")
_TITLE_QUALIFIERS = lexicon.words("speakers", "title_qualifiers")  # "deputy" in "the deputy head"
_JUNK = re.compile(r"^(hours?|minutes?|days?|weeks?|months?|years?|today|tonight|yesterday|the|a|an|"
                   r"fatherland|motherland|homeland|bst|gmt|utc|cet|cest|est|edt|pst)$|\b(olympics|games|cup|championship|day)$|"
                   r"\w(phobia|ism)$|^(ex|former|pro|anti)-|^(sgt|lt|col|gen|capt|maj|cpl|pvt|mr|mrs|ms|dr|sr|jr)\.?$", re.I)
_NUMBERED_UNIT = re.compile(r"\d+(st|nd|rd|th) [A-Z]")  # "28th Separate Mechanized Brigade"
_NEWSWIRE = re.compile(r"^(AP|AFP|Reuters|UPI)\s*[-—]$")


@dataclass
class ArticleActors:
    """The actors of one article and where each is mentioned (for pronoun and title resolution)."""

    mentions: dict[str, Mention]  # key -> mention
    spans: list[tuple[Span, str]] = field(default_factory=list)  # (entity span, key) in text order
    titles: dict[str, list[str]] = field(default_factory=dict)  # "president" -> [person keys]

    @functools.cached_property
    def _token_keys(self) -> dict[int, str]:
        return {i: key for ent, key in self.spans for i in range(ent.start, ent.end)}

    def key_of(self, span: Span) -> str | None:
        """The actor a span's head token belongs to (a dict lookup: called for every speaker)."""
        return self._token_keys.get(span.root.i)

    def keys_between(self, start: int, end: int) -> tuple[str, ...]:
        """Actors mentioned in tokens start..end, in order, once each."""
        keys = self._token_keys
        return tuple(dict.fromkeys(keys[i] for i in range(start, end) if i in keys))


@functools.lru_cache(maxsize=1 << 16)  # a briefing folds the same few thousand names 170,000 times
def fold(name: str) -> str:
    """Spelling-insensitive key: ASCII, lowercase, transliteration variants collapsed."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9 ]+", "", text.replace("-", " "))
    words = []
    for word in text.split():
        word = re.sub(r"(yy|iy|yi|ii|ij)$", "y", word)
        word = word.replace("tz", "z")  # Scholtz / Scholz
        words.append(word)
    return " ".join(words)


def clean_name(span: Span) -> str:
    """The entity text without a leading article, trailing possessive or punctuation."""
    tokens = list(span)
    while tokens and (tokens[0].lower_ in {"the", "a", "an"} or tokens[0].is_punct):
        tokens = tokens[1:]
    while tokens and (tokens[-1].tag_ == "POS" or tokens[-1].is_punct or tokens[-1].lower_ in {"'s", "'"}):
        tokens = tokens[:-1]
    while len(tokens) > 1 and tokens[-1].lower_ in _WEEKDAYS:
        tokens = tokens[:-1]  # "Viktor Orban Saturday called for talks": the day is no part of the name
    named = len(tokens)
    while named > 1 and tokens[named - 1].is_lower:
        named -= 1
    if named < len(tokens) and span.doc[tokens[0].i: tokens[named - 1].i + 1].text in gazetteer.ORGANISATIONS:
        tokens = tokens[:named]  # "RIA Novosti state news agency": a known name and its description
    if not tokens:
        return ""
    if len(tokens) > 2 and tokens[1].tag_ == "POS" and span.label_ == "ORG" and all(t.is_lower for t in tokens[2:]):
        # "Kharkiv's regional military administration": the body's name, "Kharkiv Regional Military Administration"
        return " ".join([tokens[0].text] + [t.text[:1].upper() + t.text[1:] for t in tokens[2:]])
    # an editor's brackets are no part of a name ("[Vladimir] Putin" gave "Vladimir] Putin")
    return " ".join(span.doc[tokens[0].i: tokens[-1].i + 1].text.replace("[", " ").replace("]", " ").split())


_NOT_NAMES = lexicon.words("actors", "not_names")
_WEEKDAYS = lexicon.words("dates", "weekdays")
_COURTESY_TITLES = lexicon.words("actors", "courtesy_titles")
_FUNCTION_POS = {"ADP", "DET", "CCONJ", "SCONJ", "PRON", "PART", "AUX"}
_COMMON_POS = {"NOUN", "VERB", "ADJ", "ADV"}  # a one-word name the tagger reads as a common word


_OPENING = frozenset("\"'“‘«([-–—•*")


def _starts_sentence(token) -> bool:
    """The first word of its sentence, opening marks aside ("“Queues and rising prices ...")."""
    if token.is_sent_start:
        return True
    i = token.i - 1  # back over opening marks only: linear however long the sentence
    while i >= 0 and token.doc[i].text in _OPENING and not token.doc[i].is_sent_start:
        i -= 1
    return i >= 0 and token.doc[i].text in _OPENING and token.doc[i].is_sent_start


def _written_inside_sentences(doc) -> frozenset[str]:
    """The capitalised words of a document written somewhere other than at a sentence start (once per Doc)."""
    found = doc.user_data.get("briefing_capitals_inside")
    if found is None:
        found = frozenset(t.text for t in doc if t.text[:1].isupper() and not _starts_sentence(t))
        doc.user_data["briefing_capitals_inside"] = found
    return found


def _classify(span: Span, name: str) -> tuple[str | None, str]:
    """(kind, method): the kind of an entity span (None: no actor) and the name of the rule that
    decided it ("ner" when the model's label stands, "gazetteer" when a known name's table does)."""
    if name in gazetteer.NATIONALITY_TO_COUNTRY or name in {"Western", "Eastern", "Far Eastern", "Northern", "Southern"}:
        return None, ""  # "Ukrainian" is an adjective, whatever label the model gave it
    if name.split()[-1].strip("'") in gazetteer.NOT_ACTOR_ENDINGS and name not in gazetteer.ORGANISATIONS:
        return None, ""  # a happening or a thing: "Ice Bucket Challenge", "International Donors' Conference"
    if name in gazetteer.DEPARTMENTS or name in gazetteer.OFFICE_WORDS or name in _NOT_NAMES or name in gazetteer.NOT_ACTORS:
        return None, ""  # "Minister of Defence", "Adviser", "Comrades": not a name on its own
    if all(w in _NOT_NAMES or w.lower() in {"and", "&", "of", "the"} for w in name.split()):
        return None, ""  # "Ladies and Gentlemen": no name in it
    if len(span) == 1 and span[0].pos_ in _FUNCTION_POS and name != name.upper():
        return None, ""  # "On", tagged a name and a preposition
    if name.isupper() and len(name) >= 4 and name.isalpha() and span.label_ in {"NORP", "ORG", "PERSON"}:
        return "organization", "capitals"  # an all-capitals name: an agency or outlet ("YOUNEWS")
    if " " not in name and name != name.upper() and name.upper() in gazetteer.ORGANISATIONS:
        return "organization", "gazetteer"  # "Nato", as the Guardian writes NATO
    if name in gazetteer.PEOPLES or name.endswith("ites"):
        return "group", "gazetteer"  # "Ukrainians", "Poles", "Banderites"
    if span.start > 0 and span.doc[span.start - 1].lower_.rstrip(".") in _COURTESY_TITLES and span[0].is_title:
        return "person", "courtesy_title"  # "Mr. Mau", whatever place shares the name
    if name.split()[-1] in gazetteer.PLACE_WORDS:
        return "place", "place_word"
    if name in gazetteer.place_names() or name in gazetteer.PLACE_ALIASES:
        return "place", "gazetteer"
    if name in gazetteer.ORGANISATIONS or name in gazetteer.ORG_ALIASES:
        return "organization", "gazetteer"
    if name in gazetteer.GROUPS:
        return "group", "gazetteer"
    if len(span) == 1 and _starts_sentence(span[0]) and span[0].pos_ in _COMMON_POS \
            and span[0].text not in _written_inside_sentences(span.doc):
        return None, ""  # "Suffice it to say", "Children's theatres", "Protests erupted": a capital of the
        # sentence, never written so inside one (unlike "Guterres", which the tagger may also read as a noun)
    words = name.split()
    if "-" in name and all(part in gazetteer.place_names() for part in name.split("-")):
        return None, ""  # "the Armenia-Azerbaijan border": two places named as a modifier
    if len(words) > 1 and words[-1] in gazetteer.ORG_HEADS and span.label_ != "ORG" and not {
            "Adviser", "Advisor", "Head", "Chief", "Spokesman", "Spokeswoman", "Deputy"} & set(words):
        return "organization", "org_head"  # "Chatham House", "Atlantic Council", "Night Hockey League"
    if span.label_ == "NORP":
        # "Russian troops" is an adjective, not an actor; "the Russians" is a group.
        return ("group", "ner") if span.root.tag_ in {"NNPS", "NNS"} else (None, "")
    if span.label_ == "ORG" and len(span) == 1 and not name.isupper() and _is_speaker(span):
        return "person", "speaking_surname"  # "Makei said": a lone capitalised surname speaking is a person
    if span.label_ in {"ORG", "GPE"} and _after_title(span):
        return "person", "after_title"  # "President Volodymyr Zelenskyy" tagged ORG
    if span.label_ in {"PERSON", "ORG", "NORP"} and _settlement(span):
        return "place", "settlement"  # "the villages of Synetsky and Pavlograd", "the Azot chemical plant"
    if span.label_ in {"PERSON", "ORG"} and len(span) <= 2 and span.start > 0 and span[0].text not in \
            gazetteer.FIRST_NAMES and (
            span.doc[span.start - 1].lower_ in {"in", "near", "from", "towards", "toward", "outside", "around"}
            or span.end < len(span.doc) and span.doc[span.end].lower_ in {"direction", "region", "area", "oblast"}):
        return "place", "place_context"  # "fighting near Shchastya", "the Volyn direction"
    kind = KIND_BY_LABEL.get(span.label_)
    return kind, "ner" if kind else ""


def _place_then_person(ent: Span) -> tuple[Span, Span] | None:
    """(the place, the person) of one entity the model made of a known place and a person's name
    after it: "Luxembourg Bettel", "the Grand Duchy of Luxembourg Xavier Bettel". The name is one to
    three capitalised words, a person's by the model's label, a known first name or a surname the
    article names as a person elsewhere, and none a title; the place comes after "of" (the office's:
    "Prime Minister of"), so "Georgia Meloni" stays one name."""
    from spacy.tokens import Span as SpanType

    if ent.label_ not in {"PERSON", "GPE", "ORG", "FAC"} or len(ent) < 2:
        return None
    doc = ent.doc
    named = _person_surnames(doc)
    for end in range(ent.end - 1, ent.start, -1):
        rest = doc[end:ent.end]
        if len(rest) > 3 or not all(t.is_title and t.is_alpha and t.lower_ not in _TITLES for t in rest):
            continue
        for start in range(ent.start, end):
            place = doc[start:end]
            whole = doc[start:ent.end].text
            if whole in gazetteer.PLACE_ALIASES or whole in gazetteer.place_names():
                return None  # "the Sultan of Brunei Darussalam": one place's longer name
            if start > 0 and doc[start - 1].lower_ == "of" and place.text in gazetteer.place_names() and (
                    place.text not in gazetteer.FIRST_NAMES) and (
                    ent.label_ == "PERSON" or rest[0].text in gazetteer.FIRST_NAMES or rest[-1].text in named):
                return place, SpanType(doc, end, ent.end, label="PERSON")
    return None


def _person_surnames(doc) -> frozenset[str]:
    """The last words of the document's PERSON entities that do not start with a place (once per Doc)."""
    found = doc.user_data.get("briefing_person_surnames")
    if found is None:
        found = frozenset(e[-1].text for e in doc.ents if e.label_ == "PERSON" and e[0].text not in gazetteer.place_names())
        doc.user_data["briefing_person_surnames"] = found
    return found


def _leading_place(span: Span) -> Span | None:
    """The known place a happening's name starts with ('Munich Security Conference' -> Munich)."""
    start = span.start + (span[0].lower_ == "the")
    for end in range(span.end - 1, start, -1):
        if span.doc[start:end].text in gazetteer.place_names():
            return span.doc[start:end]
    return None


_SETTLEMENTS = lexicon.words("actors", "settlements")
_FACILITIES = lexicon.words("actors", "facilities")


def _settlement(span: Span) -> bool:
    """Named as a place by its context: 'the village(s) of X (and Y)', 'X chemical plant'."""
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in _SETTLEMENTS:
        return True
    return _facility_end(span) is not None


def _facility_end(span: Span) -> int | None:
    """The end of 'X chemical plant', 'X limestone deposit': lowercase words up to a facility noun
    right after a name (None when there is none)."""
    for token in span.doc[span.end: span.end + 3]:
        if token.lemma_.lower() in _FACILITIES:
            return token.i + 1
        if not token.is_lower:
            return None
    return None


def _after_title(span: Span) -> bool:
    before = span.doc[max(0, span.start - 2): span.start].text.lower()
    return bool(re.search(r"\b(president|minister|chancellor|mr|mrs|ms|dr|premier|spokesman|spokeswoman|"
                          r"secretary|adviser|advisor|ambassador|general)\.?$", before))


def _is_speaker(span: Span) -> bool:
    root = span.root
    return root.dep_ in {"nsubj"} and root.head.lemma_ in SPEECH_LEMMAS


def _canonical(name: str, kind: str) -> str:
    if kind == "person":
        # "Vladimir V. Putin" (the New York Times' middle initials) is Vladimir Putin.
        return re.sub(r"(?<=\w) [A-Z]\.(?= \w)", "", name)
    if kind == "place":
        return gazetteer.canonical_place(name)
    if kind == "organization":
        return gazetteer.canonical_org(name)
    if kind == "group" and name in gazetteer.PEOPLES:
        return name
    return name


_SCRAPE_GLUE = re.compile(r"[a-z]{3,}[A-Z]|\b(\w+) \1\b")  # "ValeryChief", "Gerasimov Gerasimov"


def _is_junk(name: str) -> bool:
    return (not name or _JUNK.search(name) is not None or _NEWSWIRE.match(name) is not None
            or not (name[0].isupper() or _particle_name(name) or _NUMBERED_UNIT.match(name)) or name.isdigit() or len(name) < 2 or name[-1] in ":-"
            or _SCRAPE_GLUE.search(name) is not None)


def _particle_name(name: str) -> bool:
    """"von der Leyen": a surname that starts with its particles, then a capitalised word."""
    words = name.split()
    return len(words) >= 2 and words[0] in gazetteer.NAME_PARTICLES and words[-1][:1].isupper()


def article_actors(doc: Doc) -> ArticleActors:
    """Collect, clean, type and merge the entity mentions of one article."""
    raw: list[tuple[Span, str, str, str]] = []  # (span, name, kind, method)
    for ent in doc.ents:
        if ent.label_ == "BODY":  # "the Russian defence ministry said" (see parse.GazetteerRepair)
            if _acts(ent) and (name := _body_name(doc, ent)):
                raw.append((ent, name, "organization", "national_body"))
            if ent[0].text in gazetteer.countries():  # "the US state department" names the United States too
                raw.append((ent[:1], gazetteer.canonical_place(ent[0].text), "place", "leading_place"))
            continue
        if (split := _place_then_person(ent)) is not None:
            # "Prime Minister of Luxembourg Bettel": the model joined the country and the person
            place, ent = split
            raw.append((place, gazetteer.canonical_place(place.text), "place", "leading_place"))
        name = clean_name(ent)
        if name[:1].islower() and ent.label_ == "ORG":  # "the central bank of Russia"
            name = " ".join(w if w in {"of", "the", "and"} else w[:1].upper() + w[1:] for w in name.split())
        if _is_junk(name):
            continue
        kind, method = _classify(ent, name)
        if kind in {"place", "organization", "person"} and name not in gazetteer.place_names() \
                and (end := _facility_end(ent)) is not None:
            # "the Dmitrievsky chemical plant" is named with its facility words (not "Kyiv power plant")
            ent, kind, method = ent.doc[ent.start: end], "place", "facility"
            name = clean_name(ent)
        if kind:
            raw.append((ent, name, kind, method))
        elif name in gazetteer.NATIONALITY_TO_COUNTRY and ent.end < len(doc) and doc[ent.end].lower_ == "people":
            # "the Polish people"
            raw.append((doc[ent.start: ent.end + 1], gazetteer.people_of(name), "group", "people_of"))
        elif (place := _leading_place(ent)) is not None:
            # "the St Petersburg International Economic Forum"
            raw.append((place, place.text, "place", "leading_place"))

    persons = {_canonical(name, kind) for _, name, kind, _ in raw if kind == "person" and len(name.split()) > 1
               and not _particle_name(name)}  # "von der Leyen" is a surname, not a full name
    by_surname: dict[str, set[str]] = defaultdict(set)
    by_first_name: dict[str, set[str]] = defaultdict(set)  # "Alex" -> {"Alexander Drueke"}
    for full in persons:
        by_surname[fold(full.split()[-1])].add(full)
        first = fold(full.split()[0])
        by_first_name[_FIRST_NAME_VARIANTS.get(first, first)].add(full)
    orgs_by_head: dict[str, set[str]] = defaultdict(set)
    for _, name, kind, _ in raw:
        if kind == "organization" and len(name.split()) > 1 and name.split()[-1] in gazetteer.ORG_HEADS:
            orgs_by_head[name.split()[-1]].add(_canonical(name, kind))
    fuller = _fuller_org_names({_canonical(name, kind) for _, name, kind, _ in raw if kind == "organization"})
    fuller.update(_national_names({name for _, name, _, method in raw if method == "national_body"}))
    spelled = _acronyms(doc, [(ent, _canonical(name, kind)) for ent, name, kind, _ in raw if kind == "organization"],
                        {name for _, name, _, _ in raw})
    mentions: dict[str, dict] = {}
    spans: list[tuple[Span, str]] = []
    titled = {name for _, name, _, method in raw if method == "courtesy_title"}  # "Mr. Mau": a surname here
    for ent, name, kind, method in raw:
        folded = fold(name)
        fulls = by_surname.get(folded) if len(name.split()) == 1 else (
            by_surname.get(fold(name.split()[-1])) if _particle_name(name) else None)  # "von der Leyen"
        if fulls and len(fulls) == 1 and kind in {"person", "place", "organization"} \
                and (name not in gazetteer.place_names() or name in titled):
            # A surname joins the full name it ends; one tagged as something else is repaired by that rule.
            method = method if kind == "person" else "surname"
            key, kind = next(iter(fulls)), "person"
        elif kind == "person" and len(name.split()) == 1 and not fulls and len(
                by_first := by_first_name.get(_FIRST_NAME_VARIANTS.get(folded, folded), set())
                or {full for first, names in by_first_name.items() if _same_first_name(first, folded) for full in names}) == 1:
            key, method = next(iter(by_first)), "first_name"  # "Alex felt ..." after "Alexander Drueke"; "Victor"
        elif kind == "organization" and len(name.split()) == 1 and name != "House" \
                and len(heads := orgs_by_head.get(name, set())) == 1:  # "the House" may be another one
            key = next(iter(heads))  # "the League" after "the Night Hockey League"
        elif name.replace(".", "") in spelled:  # "WHO" after "the World Health Organization"
            key, kind = spelled[name.replace(".", "")], "organization"
            method = "acronym"
        else:
            key = _canonical(name, kind)
            key = fuller.get(key, key) if kind == "organization" else key
        entry = mentions.setdefault(key, {"kinds": Counter(), "forms": set(), "methods": Counter()})
        entry["kinds"][kind] += 1
        entry["forms"].add(name)
        if method == "national_body" and (bare := _without_nationality(name)):
            entry["forms"].add(bare)  # "the Russian defence ministry" is the article's "defence ministry"
        entry["methods"][method] += 1
        spans.append((ent, key))
    # Surnames the model did not tag at all ("..., Kovalevsky told the court"): the full name's.
    taken = {i for ent, _ in spans for i in range(ent.start, ent.end)}
    for token in doc:
        fulls = by_surname.get(fold(token.text)) if token.is_title and token.i not in taken else None
        if fulls and len(fulls) == 1 and token.pos_ == "PROPN":
            key = next(iter(fulls))
            if key in mentions:
                spans.append((doc[token.i: token.i + 1], key))
    spans.sort(key=lambda item: item[0].start)
    result = {
        key: Mention(key=key, name=key, kind=_majority_kind(entry["kinds"], key),
                     forms=tuple(sorted(entry["forms"] - {key})), method=_most_frequent(entry["methods"]))
        for key, entry in mentions.items()
    }
    roles = _roles(doc, spans, result)
    result = {key: dataclasses.replace(m, roles=roles[key]) if key in roles else m for key, m in result.items()}
    return ArticleActors(mentions=result, spans=spans, titles=_titles(doc, spans, result))


def _acts(body: Span) -> bool:
    """A body acts or speaks where it is a subject ("the defence ministry said"), an owner ("the
    ministry's statement"), an agent ("was confirmed by the state department") or a source ("according
    to the military command"); "the Russian government's decision to" too, "criticism of the
    government" not."""
    root = body.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    if root.dep_ == "poss":  # not "the foreign ministry spokesperson, Maria Zakharova": she speaks
        return not any(c.dep_ == "appos" or c.ent_type_ == "PERSON" for c in root.head.children)
    if root.dep_ == "nsubj" or root.dep_ == "nsubjpass" and root.head.lemma_ in SPEECH_LEMMAS | {"quote"}:
        return True  # ("the ministry was quoted as saying", not "the government was criticised")
    head = root.head
    return root.dep_ == "pobj" and (head.lower_ == "by" or head.lower_ == "to" and head.head.lower_ == "according")


def _body_name(doc: Doc, body: Span) -> str | None:
    """The name of a lower-case body by its nationality: "Ukraine's northern military command" is the
    Ukrainian northern military command, "the country's defence ministry" is the one of the country
    named last before it; with no nationality, "the defence ministry" is the Defence Ministry."""
    words = [t.text for t in body]
    if words[0].lower() == "the" and len(words) > 2 and words[1].lower() in {"country", "nation"}:
        country = next((gazetteer.canonical_place(e.text) for e in reversed(doc.ents)
                        if e.end <= body.start and e.label_ == "GPE" and body.start - e.end < 80
                        and gazetteer.canonical_place(e.text) in gazetteer.DEMONYMS), None)
        if country is None:
            return None
        return " ".join([gazetteer.DEMONYMS[country]] + words[3:])
    if words[0] in gazetteer.countries() and len(words) > 1 and body[1].tag_ == "POS":
        country = gazetteer.canonical_place(words[0])
        return " ".join([gazetteer.DEMONYMS.get(country, words[0])] + words[2:])
    if words[0] in gazetteer.NATIONALITY_TO_COUNTRY or words[0] in gazetteer.countries():
        return " ".join(words)
    return " ".join(w[:1].upper() + w[1:] for w in words)


def _without_nationality(name: str) -> str | None:
    """'Russian defence ministry' -> 'defence ministry' (None for a name with no nationality)."""
    first, _, rest = name.partition(" ")
    return rest if rest and (first in gazetteer.NATIONALITY_TO_COUNTRY or first in gazetteer.countries()) else None


def _national_names(names: set[str]) -> dict[str, str]:
    """'Defence Ministry' -> 'Russian defence ministry' when the article names one country's only."""
    mapping = {}
    for name in names:
        if _without_nationality(name):
            continue
        longer = [o for o in names if o.lower().endswith(" " + name.lower()) and o != name]
        if len(longer) == 1:
            mapping[name] = longer[0]
    return mapping


def _most_frequent(counts: Counter) -> str:
    """The most frequent item; of equally frequent ones, the first counted."""
    return max(counts, key=counts.__getitem__, default="")


def _fuller_org_names(names: set[str]) -> dict[str, str]:
    """Shorter names of one organisation in an article -> its fuller name: 'Office of the President'
    -> 'Office of the President of Ukraine', 'Border Guard' -> 'Border Guard Service'. (Not 'Armed
    Forces' -> 'Russian Armed Forces': a nationality may name another country's body.)"""
    mapping: dict[str, str] = {}
    for name in names:
        longer = [other for other in names if other.startswith(name + " ")
                  and (other[len(name) + 1:].startswith("of ") or other[len(name) + 1:] in gazetteer.ORG_HEADS)]
        if len(longer) == 1:
            mapping[name] = longer[0]
    return mapping


_SMALL_WORDS = frozenset({"of", "the", "and", "for", "on", "in", "&"})


def _acronyms(doc: Doc, orgs: list[tuple[Span, str]], names: set[str]) -> dict[str, str]:
    """Capital-letter names the article spells out: the initials of one organisation it names ("WHO":
    the World Health Organization, "ICRC": the International Committee of the Red Cross), or written in
    brackets right after it ("the Eurasian Economic Union (EAEU)")."""
    by_initials: dict[str, set[str]] = defaultdict(set)
    found: dict[str, str] = {}
    for ent, key in orgs:
        words = [w for w in key.split() if w.lower() not in _SMALL_WORDS]
        initials = "".join(w[0] for w in words).upper()
        if len(words) >= 2:
            by_initials[initials].add(key)
        after = doc[ent.end: ent.end + 3]
        short = after[1].text.replace(".", "") if len(after) == 3 else ""
        if after and after[0].text == "(" and after[-1].text == ")" and short.isupper() and (
                _spells(short, initials) or len(initials) >= 2 and short.endswith(initials)):  # "Red Cross (ICRC)"
            found[short] = key  # (not "Chatham House (UK)": the bracket names where it is)
    for name in names:
        short = name.replace(".", "")
        if 2 <= len(short) <= 6 and short.isupper() and short.isalpha() and short not in found:
            if len(by_initials.get(short, ())) == 1:
                found[short] = next(iter(by_initials[short]))
            else:  # "EAEU" for the Eurasian Economic Union: its initials in order, one letter more at most
                spelling = {key for initials, keys in by_initials.items() if len(short) - len(initials) == 1
                            and _spells(short, initials) for key in keys}
                if len(spelling) == 1:
                    found[short] = next(iter(spelling))
    return found


def _spells(short: str, initials: str) -> bool:
    """"EAEU" spells "Eurasian Economic Union" (E, E, U in order, the first letters equal)."""
    letters = iter(short)
    return bool(initials) and short[:1] == initials[:1] and all(c in letters for c in initials)


def _majority_kind(kinds: Counter, key: str) -> str:
    if key in gazetteer.place_names():
        return "place"
    if kinds["person"]:
        return "person"
    return kinds.most_common(1)[0][0]


def _titles(doc: Doc, spans: list[tuple[Span, str]], mentions: dict[str, Mention]) -> dict[str, list[str]]:
    """Titles written before a person's name: 'Ukrainian President Volodymyr Zelensky' ->
    {'president': [...], 'ukrainian president': [...], 'president of ukraine': [...]}."""
    titles: dict[str, list[str]] = defaultdict(list)
    for ent, key in spans:
        if mentions[key].kind != "person":
            continue
        window = doc[max(ent.sent.start, ent.start - 20): ent.start]
        cut = max((t.i + 1 for t in window if t.text in {",", ";", ":", "(", "—"}
                   or t.pos_ == "VERB" and t.dep_ not in {"amod", "compound"}),  # not "the negotiating team"
                  default=window.start)
        left = doc[cut: ent.start].text.lower().replace("'s", "")
        # The leftmost title governs: "Adviser to the Head of the President's Office X" is an adviser.
        found = sorted(((m.start(), title) for title in _TITLES
                        for m in re.finditer(rf"\b{re.escape(title)}\b", left)), key=lambda x: (x[0], -len(x[1])))
        for position, title in found[:1]:
            match = re.search(rf"(\b[a-z]+ )?\b{re.escape(title)}( of (?!the\b)[a-z]+)?", left[max(0, position - 20):])
            if not match:
                continue
            country = None
            adjective = (match.group(1) or "").strip().title()
            if adjective in gazetteer.NATIONALITY_TO_COUNTRY:
                country = gazetteer.NATIONALITY_TO_COUNTRY[adjective]
            elif adjective and adjective in gazetteer.place_names():
                country = adjective
            if match.group(2):
                country = match.group(2)[4:].title()
            phrases = {title} | ({f"{title} of {country.lower()}", f"{country.lower()} {title}"} if country else set())
            body = re.match(rf"{re.escape(title)} of (?:the )?([a-z][a-z' -]+?)\s*$", left[position:])
            if body:  # "President of the European Council Charles Michel": the body in full
                phrases.add(f"{title} of {body.group(1)}")
            if adjective.lower() in _TITLE_QUALIFIERS:
                # "Deputy Head of the Office ... Ihor Zhovkva" is the deputy head, which "the head" is not.
                phrases |= {f"{adjective.lower()} {phrase}" for phrase in phrases if phrase.startswith(title)}
            for phrase in phrases:
                if key not in titles[phrase]:
                    titles[phrase].append(key)
            break
    return dict(titles)


# Roles: what an article calls a person (word lists: data/roles.yml). The convention: a title whose
# country or place is given becomes "<Title> of <Place>" ("Ukrainian President", "Ukraine's president"
# and "President of Ukraine" are all "President of Ukraine"; "Russian Foreign Minister" is "Foreign
# Minister of Russia", "Kyiv Mayor" is "Mayor of Kyiv"); an organisation stays in front, as written
# ("Kremlin Spokesman", "NATO Secretary-General"); every word starts with a capital except of, the, to,
# for, and (data: lowercase). A title written before the name counts only when it touches the name;
# an apposition only when the parser attaches it to the name and it is closed by a comma or the end of
# the sentence. Anything else -- a plural title, a possessive of someone else, a clause -- gives no role.
_ROLE_HEADS = lexicon.words("roles", "heads")
_ROLE_QUALIFIERS = lexicon.words("roles", "qualifiers")
_ROLE_LEADING = lexicon.words("roles", "leading")
_ROLE_PREPOSITIONS = lexicon.words("roles", "prepositions")
_ROLE_LOWERCASE = lexicon.words("roles", "lowercase")
_ROLE_SPELLINGS = lexicon.table("roles", "spellings")
_ROLE_BODY_WORDS = lexicon.words("roles", "body_words")
_WITH_ARTICLE = lexicon.words("roles", "with_article")
_ARTICLE_WORDS = frozenset({"the", "a", "an"})
_ROLE_POS = frozenset({"PROPN", "NOUN", "ADJ"})
_AREA = re.compile(r" (?:region|oblast|province|direction|district)$", re.I)
_MAX_ROLE_TOKENS = 16  # a longer title phrase is a clause, not a role
_MAX_ROLE_WORDS = 12


@dataclass(frozen=True)
class _Word:
    """A word of a title phrase as written between spaces, with its tokens ("Russia's" is two)."""

    text: str
    tokens: tuple

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def base(self) -> str:
        """Without a possessive: "Russia's" -> "Russia"."""
        return re.sub(r"['\u2019]s?$", "", self.text)

    @property
    def possessive(self) -> bool:
        return len(self.tokens) > 1 and self.tokens[-1].tag_ == "POS"


def _words_of(tokens: list) -> list[_Word]:
    words: list[list] = []
    for token in tokens:
        if words and not words[-1][-1].whitespace_:
            words[-1].append(token)
        else:
            words.append([token])
    return [_Word("".join(t.text_with_ws for t in group).strip(), tuple(group)) for group in words]


def _is_head(word: _Word) -> bool:
    return word.lower in _ROLE_HEADS


def _is_title_word(word: _Word) -> bool:
    return all(part in _ROLE_HEADS or part in _ROLE_QUALIFIERS for part in word.lower.split("-") if part) \
        and not word.possessive


def _known_place(text: str) -> str | None:
    """The canonical name of a country, region or city ('U.S.' -> 'United States', 'the Republic of
    Poland' -> 'Poland'), or None."""
    if text in gazetteer.NATIONALITY_TO_COUNTRY:
        return gazetteer.NATIONALITY_TO_COUNTRY[text]
    if _AREA.search(text):
        return None  # "Luhansk province" stays as written (the gazetteer makes it the city)
    canonical = gazetteer.canonical_place(text)
    if text in gazetteer.place_names() or text in gazetteer.PLACE_ALIASES or canonical != text \
            and canonical in gazetteer.place_names():
        return canonical
    return None


def _known_org(words: list[_Word], kinds: dict[int, str]) -> bool:
    text = " ".join(w.base for w in words)
    return text in gazetteer.ORGANISATIONS or text in gazetteer.ORG_ALIASES or all(
        kinds.get(t.i) == "organization" for w in words for t in w.tokens if t.tag_ != "POS")


def _cap(word: str, first: bool = False) -> str:
    lower = word.lower()
    lower = _ROLE_SPELLINGS.get(lower, lower)
    if lower in _ROLE_LOWERCASE and not first:
        return lower
    if any(c.isupper() for c in word) and not all(p in _ROLE_HEADS or p in _ROLE_QUALIFIERS
                                                  for p in lower.split("-") if p):
        return word  # a name or an acronym as written: "NATO", "U.S.", "Ukraine's"
    return "-".join(part[:1].upper() + part[1:] for part in lower.split("-"))


def _of_place(place: str) -> str:
    return f"of the {place}" if place in _WITH_ARTICLE else f"of {place}"


def _role_of(words: list[_Word], kinds: dict[int, str]) -> str | None:
    """A readable role from a title phrase ('Russia's foreign minister' -> 'Foreign Minister of
    Russia'), or None when the phrase is no title."""
    while words and words[0].lower in _ARTICLE_WORDS:
        words = words[1:]
    split = next((n for n, w in enumerate(words) if w.lower in _ROLE_PREPOSITIONS
                  and any(_is_head(x) for x in words[:n])), len(words))
    head, complement = words[:split], words[split:]
    if not head or not _is_head(head[-1]) or head[-1].possessive:
        return None
    n = len(head) - 1
    while n >= 0 and _is_title_word(head[n]):
        n -= 1
    title = head[n + 1:]
    place, place_words, org = None, [], []
    for size in range(min(4, n + 1), 0, -1):  # what the title is of: a place or an organisation before it
        modifier = head[n - size + 1: n + 1]
        if any(w.possessive for w in modifier[:-1]):
            continue
        found = _known_place(" ".join(w.base for w in modifier))
        if found is not None:
            place, place_words, n = found, modifier, n - size
            break
        if modifier[0].text[:1].isupper() and _known_org(modifier, kinds):
            org, n = modifier, n - size
            break
    leading = []
    while n >= 0 and head[n].lower in _ROLE_LEADING:
        leading.insert(0, head[n])
        n -= 1
    if complement:
        if len(complement) < 2 or any(t.pos_ in {"VERB", "AUX", "PRON"} or t.is_punct and t.text not in {"-", "."}
                                      for w in complement for t in w.tokens if t.tag_ != "POS"):
            return None
        rest = complement[1:]
        rest = rest[1:] if rest[0].lower == "the" and len(rest) > 1 else rest
        own = _known_place(" ".join(w.base for w in rest)) if not rest[-1].possessive else None
        if own is not None and complement[0].lower == "of":
            if place is not None and place != own:
                return None  # "the Ukrainian president of Russia": not one title
            place, place_words, complement = own, [], []
    front = []
    if complement and place_words:  # a title with its own complement keeps its place where it was written
        front, place = [w.text for w in place_words], None
    words_out = [w.text for w in leading] + front + [w.base for w in org] + [w.text for w in title] + [
        w.text for w in complement]
    role = " ".join(_cap(w, first=(i == 0)) for i, w in enumerate(words_out))
    if place is not None:
        role = f"{role} {_of_place(place)}"
    return role if len(role.split()) <= _MAX_ROLE_WORDS else None


def _allowed(token: Token) -> bool:
    """A token that may belong to a title phrase."""
    return (token.pos_ in _ROLE_POS or token.lower_ in _ROLE_PREPOSITIONS or token.lower_ in _ARTICLE_WORDS
            or token.tag_ == "POS" or token.text == "-" or token.text == ".") \
        and "\n" not in token.text and "\n" not in token.whitespace_


def _title_before(doc: Doc, ent: Span, other: Callable[[int], bool], kinds: dict[int, str]) -> str | None:
    """'Ukrainian President Volodymyr Zelensky', 'President of Ukraine Volodymyr Zelenskyy'."""
    tokens = []
    i = ent.start - 1
    while i >= ent.sent.start and len(tokens) < _MAX_ROLE_TOKENS and not other(i) and _allowed(doc[i]) \
            and doc[i].lower_ not in {"a", "an"}:
        tokens.insert(0, doc[i])
        i -= 1
    if not tokens:
        return None
    words = _words_of(tokens)
    last = words[-1]
    if last.text in gazetteer.FIRST_NAMES:
        return None  # the model cut the name: "... Sergei [Lavrov]"
    if not _is_head(last) and (last.text[:1].isupper() and not (
            last.base in _ROLE_BODY_WORDS or last.base in gazetteer.OFFICE_WORDS or last.base in gazetteer.ORG_HEADS
            or _known_place(last.base) or _known_org([last], {}))):
        return None  # an unknown capitalised word before the name may be part of it
    return _longest_title_tail(words, kinds)


def _longest_title_tail(words, kinds: dict[int, str]) -> str | None:
    """The longest tail of the words that reads as a title: "On Monday President X" is "President"."""
    for start in range(len(words)):
        if words[start].lower in _ROLE_PREPOSITIONS:
            continue
        role = _role_of(words[start:], kinds)
        if role is not None:
            return role
    return None


def _apposition_after(doc: Doc, ent: Span, other: Callable[[int], bool], kinds: dict[int, str]) -> str | None:
    """'Dmitry Peskov, the Kremlin spokesman,': a title in commas after the name, attached to it."""
    sent = ent.sent
    if ent.end >= sent.end or doc[ent.end].text != ",":
        return None
    tokens = []
    i = ent.end + 1
    while i < sent.end and len(tokens) < _MAX_ROLE_TOKENS and (_allowed(doc[i]) and doc[i].text != "."
                                                               or doc[i].text == "." and not doc[i].is_sent_end):
        if other(i) and not (tokens and (tokens[-1].lower_ in {"to", "for"} or other(tokens[-1].i))):
            return None  # "Bortnikov, Director of the Service Sergei Naryshkin": the next person's title
        tokens.append(doc[i])
        i += 1
    if not tokens or i < sent.end and not (doc[i].is_punct and doc[i].text in {",", ".", ";", ":", ")", "—", "!", "?"}):
        return None  # "After meeting Putin, the president said": a new clause, not an apposition
    if not any(t.dep_ == "appos" and ent.start <= t.head.i < ent.end for t in tokens):
        return None
    return _role_of(_words_of(tokens), kinds)


def _apposition_before(doc: Doc, ent: Span, other: Callable[[int], bool], kinds: dict[int, str]) -> str | None:
    """'The Kremlin spokesman, Dmitry Peskov, said': a title before the name, in commas."""
    sent = ent.sent
    if ent.start - 1 <= sent.start or doc[ent.start - 1].text != ",":
        return None
    if ent.end < sent.end and not doc[ent.end].is_punct:
        return None
    root = ent.root
    if root.dep_ != "appos" or not root.head.i < ent.start - 1:
        return None
    tokens = []
    i = ent.start - 2
    while i >= sent.start and len(tokens) < _MAX_ROLE_TOKENS and not other(i) and _allowed(doc[i]) \
            and doc[i].text != ".":
        tokens.insert(0, doc[i])
        i -= 1
    if not tokens or root.head not in tokens:
        return None
    return _longest_title_tail(_words_of(tokens), kinds)


def _roles(doc: Doc, spans: list[tuple[Span, str]], mentions: dict[str, Mention]) -> dict[str, tuple[str, ...]]:
    """Person key -> the roles the article gives that person, in text order, once each."""
    kinds = {i: mentions[key].kind for ent, key in spans for i in range(ent.start, ent.end)}
    person_at = {i: key for ent, key in spans if mentions[key].kind == "person" for i in range(ent.start, ent.end)}
    found: dict[str, list[str]] = defaultdict(list)
    for ent, key in spans:
        if mentions[key].kind != "person":
            continue

        def other(i: int, key: str = key) -> bool:
            """A token of another person: a title never reaches over another person to this one."""
            return person_at.get(i, key) != key

        for role in (_title_before(doc, ent, other, kinds) or _apposition_before(doc, ent, other, kinds),
                     _apposition_after(doc, ent, other, kinds)):
            if role and role not in found[key]:
                found[key].append(role)
    return {key: tuple(roles) for key, roles in found.items() if roles}


def merge_actors(per_article: dict[str, tuple[Mention, ...]]) -> tuple[list[Actor], dict[tuple[str, str], str]]:
    """Merge article mentions into briefing actors.

    Returns the actors and a map (article id, mention key) -> actor id, used to link quotes and
    events to actors. A lone surname joins the one full name across articles that ends with it.
    An actor's role is the role its mentions give most often, its method the most frequent method of
    its mentions; of equally frequent ones, the first in the order of `per_article` (merge passes the
    articles oldest first), then in text order.
    """
    groups: dict[str, dict] = {}
    order: list[tuple[str, Mention]] = [(a, m) for a in sorted(per_article) for m in per_article[a]]
    full_by_surname: dict[str, set[str]] = defaultdict(set)
    persons = {fold(m.key) for _, m in order if m.kind == "person"}
    for _, m in order:
        # A multi-word name is a person's full name if it is a person somewhere, or if its surname is
        # a person's name elsewhere ("Volodymyr Zelenskyy" tagged ORG, "Zelensky" tagged PERSON).
        words = fold(m.key).split()
        if len(words) > 1 and m.kind != "place" and (m.kind == "person" or words[-1] in persons):
            full_by_surname[words[-1]].add(fold(m.key))
    candidates = {n for names in full_by_surname.values() for n in names}
    reports: dict[str, set[str]] = defaultdict(set)  # folded full name -> the articles naming it
    for article, m in order:
        if fold(m.key) in candidates:
            reports[fold(m.key)].add(article)
    variant_of = _full_name_variants({n: len(a) for n, a in reports.items()})
    full_by_surname = _dominant_full_names(full_by_surname, variant_of, {n: len(a) for n, a in reports.items()})
    full_names = {n for names in full_by_surname.values() for n in names}
    link: dict[tuple[str, str], str] = {}
    for article, m in order:
        group_key = _group_of(m, full_by_surname, variant_of)
        g = groups.setdefault(group_key, {"names": Counter(), "kinds": Counter(), "forms": set(), "articles": set(),
                                          "roles": Counter(), "methods": Counter()})
        g["names"][m.key] += 1
        g["kinds"]["person" if group_key in full_names else m.kind] += 1
        g["forms"].update(m.forms)
        g["forms"].add(m.key)
        g["articles"].add(article)
        link[(article, m.key)] = slug(group_key)
    for article, mentions in per_article.items():  # in the caller's order: the earliest article first
        for m in mentions:
            g = groups[_group_of(m, full_by_surname, variant_of)]
            g["roles"].update(m.roles)
            g["methods"][m.method] += 1
    actors = []
    for group_key, g in groups.items():
        name = max(g["names"], key=lambda n: (len(n.split()) > 1, g["names"][n], -len(n), n))
        kind = _majority_kind(g["kinds"], name)
        actors.append(Actor(id=slug(group_key), name=name, kind=kind,
                            aliases=tuple(sorted(g["forms"] - {name})), articles=tuple(sorted(g["articles"])),
                            role=_most_frequent(g["roles"]) if kind == "person" else "",
                            method=_most_frequent(g["methods"])))
    actors.sort(key=lambda a: (-len(a.articles), a.name))
    return actors, link


def _group_of(m: Mention, full_by_surname: dict[str, set[str]], variant_of: dict[str, str]) -> str:
    """The folded key of the actor a mention joins: its own, the full name it is a variant of, or the
    one full name its surname ends."""
    group_key = fold(m.key)
    if m.kind != "place" and len(group_key.split()) == 1 and len(full_by_surname.get(group_key, ())) == 1:
        group_key = next(iter(full_by_surname[group_key]))
    if m.kind == "organization":
        group_key = _of_country(group_key)
    return variant_of.get(group_key, group_key)


@functools.lru_cache(maxsize=1)
def _countries_by_adjective() -> dict[str, str]:
    return {fold(adjective): fold(country) for adjective, country in gazetteer.NATIONALITY_TO_COUNTRY.items()}


def _of_country(key: str) -> str:
    """An organisation named by its country's adjective is the one named "... of" the country:
    "ukrainian armed forces" and "armed forces of ukraine" are one key (the second form)."""
    first, _, rest = key.partition(" ")
    country = _countries_by_adjective().get(first)
    return f"{rest} of {country}" if country and rest and " of " not in rest else key


SURNAME_DOMINANCE = 0.75  # a lone surname joins the full name that has this share of its surname's articles
MIN_FUZZY_FIRST_NAME = 5  # first names this long may differ by a typo ("Vladmir", "Volodomyr")
_FIRST_NAME_VARIANTS = lexicon.table("actors", "first_name_variants")


def _same_first_name(a: str, b: str) -> bool:
    """Whether two folded first names (or an initial) can name one person: equal, an initial of the
    other, a listed variant (Joe, Joseph), or one typo apart in a long name."""
    a, b = a.rstrip("."), b.rstrip(".")
    if a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b)):
        return True
    if _FIRST_NAME_VARIANTS.get(a, a) == _FIRST_NAME_VARIANTS.get(b, b):
        return True
    return (min(len(a), len(b)) >= MIN_FUZZY_FIRST_NAME and a[0] == b[0] and _within_two_edits(a, b))


def _within_two_edits(a: str, b: str) -> bool:
    """Levenshtein distance at most 2 (both words are short: a first name)."""
    if abs(len(a) - len(b)) > 2:
        return False
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1] <= 2


def _full_name_variants(articles: dict[str, int]) -> dict[str, str]:
    """Folded full name -> the more reported full name it is a variant of: the same surname, the same
    first name as _same_first_name reads it, middle initials left out ("Vladimir V. Putin", "V. Putin",
    "Vladmir Putin" -> "vladimir putin"; "Joe Biden" -> "joseph biden"; "Jill Biden" stays)."""
    def parts(name: str) -> tuple[str, str, tuple[str, ...]]:
        words = name.split()
        middle = tuple(w for w in words[1:-1] if len(w) > 1)
        return words[0], words[-1], middle

    by_surname: dict[str, list[str]] = defaultdict(list)
    for name in articles:
        if len(name.split()) > 1:
            by_surname[name.split()[-1]].append(name)
    variant_of: dict[str, str] = {}
    for names in by_surname.values():
        ranked = sorted(names, key=lambda n: (-articles[n], len(n), n))  # the most reported spelling leads
        for k, name in enumerate(ranked):
            first, _, middle = parts(name)
            for target in ranked[:k]:
                t_first, _, t_middle = parts(target)
                if target not in variant_of and middle in ((), t_middle) and _same_first_name(first, t_first):
                    variant_of[name] = target
                    break
    return variant_of


def _dominant_full_names(full_by_surname: dict[str, set[str]], variant_of: dict[str, str],
                         articles: dict[str, int]) -> dict[str, set[str]]:
    """Surname -> the full names a lone surname may join: the distinct people once variants are one,
    or only the dominant one when it has SURNAME_DOMINANCE of the surname's articles ("Biden" is Joseph
    Biden, not Jill Biden, when nearly every article names him)."""
    out: dict[str, set[str]] = {}
    for surname, names in full_by_surname.items():
        people: dict[str, int] = defaultdict(int)
        for name in names:
            people[variant_of.get(name, name)] += articles.get(name, 0)
        total = sum(people.values())
        leader = max(sorted(people), key=lambda n: people[n])
        out[surname] = {leader} if total and people[leader] >= SURNAME_DOMINANCE * total else set(people)
    return out


# Page names of the Actors section that no actor may take (actors/index.md, actors/kinds/).
RESERVED_IDS = frozenset({"index", "kinds"})
MAX_ID_CHARS = 80


def slug(text: str) -> str:
    """An actor's id: its folded name, URL-safe, at most MAX_ID_CHARS long, never a reserved page name."""
    found = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-") or "actor"
    if len(found) > MAX_ID_CHARS:
        found = f"{found[:MAX_ID_CHARS - 9].rstrip('-')}-{hashlib.sha1(found.encode()).hexdigest()[:8]}"
    return f"{found}-actor" if found in RESERVED_IDS else found
