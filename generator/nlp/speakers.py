"""Speakers: the actor whose words a quote is.

The subject of the speech verb, resolved the way a reader would: a name to its actor, "he" to the
person the narrative is about (the subject of the last sentences, or the speaker of the clause the
pronoun sits in), "the President of Russia" to the article's holder of that title (else the known
2022 holder), "a spokesperson" or "it" to the organisation that was the subject, "the publication" to
the organisation named before, a report to its author; a body with no name keeps its description
("Ukrainian military intelligence").

`SpeakerResolver.resolve` tries an ordered list of named rules (`SpeakerResolver.RULES`), the first
that answers wins; the word lists they read are data (`data/speakers.yml`).
"""
from __future__ import annotations

import bisect
import functools
from typing import TYPE_CHECKING, Callable, NamedTuple, Optional

if TYPE_CHECKING:  # spaCy is imported only by the stage that parses (see nlp.py)
    from spacy.tokens import Doc, Span, Token

from generator.nlp import gazetteer, lexicon
from generator.nlp.actors import SPEECH_LEMMAS, ArticleActors, fold

_PRONOUNS = lexicon.words("speakers", "pronouns")
_PLURAL_PRONOUNS = lexicon.words("speakers", "plural_pronouns")
_HOLDER_TITLES = frozenset(t for t, _ in gazetteer.OFFICE_HOLDERS)  # titles of the known 2022 office holders
_OFFICE_TITLES = _HOLDER_TITLES | lexicon.words("speakers", "office_titles")
_TITLE_QUALIFIERS = lexicon.words("speakers", "title_qualifiers")
_SPOKESBODIES = lexicon.words("speakers", "spokesbodies")
_OWNER_PREPOSITIONS = lexicon.words("speakers", "owner_prepositions")
_BACK_REFERENCES = lexicon.words("speakers", "back_references")
_MEDIA_NOUNS = lexicon.words("speakers", "media_nouns")
_RANKS = lexicon.words("speakers", "ranks")
PERSON_NOUNS = lexicon.words("speakers", "person_nouns")
_SPOKESPEOPLE = lexicon.words("speakers", "spokespeople")
_DOCUMENTS = lexicon.words("speakers", "documents")
_AUTHOR_PREPOSITIONS = lexicon.words("speakers", "author_prepositions")
_RELATIVE_PRONOUNS = lexicon.words("speakers", "relative_pronouns")
_GROUP_LOOKBACK = 400  # tokens back to the group's naming ("the lawyers, A and B, said")
_CHAIN = 3  # how many times further back a chain of pronoun subjects may lead than the three sentences
_DOCUMENT_RELATIVES = lexicon.words("speakers", "document_relatives")
NAMING_LEMMAS = lexicon.words("speakers", "naming_lemmas")
_DESCRIPTION_PREPOSITIONS = lexicon.words("speakers", "description_prepositions")
_ARTICLES = lexicon.words("speakers", "articles")
_POSSESSIVES = lexicon.words("speakers", "possessives")
_MANY_VOICES = lexicon.words("speakers", "many_voices")
_LEGISLATORS = lexicon.words("speakers", "legislators")
_NAMING_VERBS = lexicon.words("speakers", "naming_verbs")
_FORMER = lexicon.words("speakers", "former_words")
_BODY_PEOPLE = lexicon.words("speakers", "body_people")
_DEMONSTRATIVES = lexicon.words("speakers", "demonstratives")
_TITLE_SYNONYMS = lexicon.table("speakers", "title_synonyms")
_GENDER_PRONOUNS = lexicon.table("speakers", "gender_pronouns")
_GENDER_TITLES = lexicon.table("speakers", "gender_titles")
_GENDER_NOUNS = lexicon.table("speakers", "gender_nouns")


def _core(token: Token) -> list[Token]:
    """A noun phrase without its clauses, appositions and circumstances: 'Ukrainian military
    intelligence' (not '... in a Telegram message on Wednesday'), 'Adviser to the Head of the Office'."""
    def kept(t: Token) -> bool:
        return t.dep_ not in {"relcl", "acl", "punct", "appos", "prep"} or (
            t.dep_ == "prep" and t.lower_ in _DESCRIPTION_PREPOSITIONS)
    return [t for t in token.subtree if t.i == token.i or kept(t) and all(
        kept(a) for a in t.ancestors if a.i != token.i and token.is_ancestor(a))]


def _description(token: Token) -> Optional[str]:
    """A speaker that is no named actor, as the reader would name it (its core noun phrase)."""
    words = [t.text for t in _core(token)][:10]
    while words and words[0].lower() in _ARTICLES:
        words = words[1:]
    return " ".join(words).replace(" 's", "'s").replace(" ’s", "’s") or None


def _body_words(name: str) -> frozenset[str]:
    """A body's name as a set of words, without articles and "of" ("president's office")."""
    words = name.replace("'s", " ").replace("’s", " ").split()
    return frozenset(w for w in words if w not in _ARTICLES and w != "of")


def _synonym_title(token: Token) -> Optional[str]:
    """'top diplomat' -> 'foreign minister': the title a phrase ending in the token stands for."""
    if token.i == 0:
        return None
    return _TITLE_SYNONYMS.get(f"{token.nbor(-1).lower_} {token.lower_}")


def words_after_comma(verb: Token) -> Optional[Span]:
    """The words between the last comma of the verb's sentence before it and the verb: where the
    subject is when the parser took an opening clause for it ("Responding to X, the President said")."""
    sent = verb.sent
    comma = next((t for t in reversed(sent[: verb.i - sent.start]) if t.text == ","), None)
    return verb.doc[comma.i + 1: verb.i] if comma is not None else None


def speech_verb(token: Token) -> bool:
    return (token.pos_ in {"VERB", "AUX"} or token.tag_ == "VBN") and token.lemma_.lower() in SPEECH_LEMMAS


def subject_of(verb: Token) -> Optional[Token]:
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if subjects:
        # "The state-run news agency Tass said", parsed with two subjects: the name
        return next((c for c in subjects if c.pos_ == "PROPN"), subjects[0]) if len(subjects) > 1 else subjects[0]
    # "weighed in to denounce", "it said, claiming ...", "saying she would be helped by"
    infinitive = verb.dep_ == "advcl" and (verb.tag_ == "VBG" or any(c.lower_ == "to" and c.dep_ == "aux"
                                                                     for c in verb.children))
    if verb.dep_ == "advcl" and verb.tag_ == "VBG" and speech_verb(verb):
        # "It said its forces were defending ..., adding that": the one who said it adds
        reporter = next((a for a in verb.ancestors if speech_verb(a)), None)
        if reporter is not None:
            return subject_of(reporter)
    if (verb.dep_ in {"conj", "xcomp", "pcomp", "pobj", "prep", "dobj", "acl", "acomp"} or infinitive) \
            and verb.head.i != verb.i:
        return subject_of(verb.head)  # "made a point of noting that", "went on to say", "is convinced that"
    return None


class Resolved(NamedTuple):
    """A rule's answer. `speaker` None means no speaker, and ends the search too (e.g. "they said").
    With `remember`, the speaker is the one a later quote standing alone continues."""
    speaker: Optional[str]
    remember: bool = False


class SpeakerResolver:
    """Names the speaker of a quote: nearest speech verb's subject, pronouns and titles resolved."""

    def __init__(self, doc: Doc, text: str, actors: ArticleActors, quoted: list[tuple[int, int]]):
        self.doc = doc
        self.text = text
        self.actors = actors
        self.inside = sorted(quoted)  # character spans inside quote marks
        self.last_speaker: Optional[str] = None
        # How the last speaker was found: the name of the rule of `RULES` that resolved the speaker token;
        # for a quote-marked span (`speaker_for_marked`) also "person_after" (the person named right after
        # the closing mark) or "continuation" (a statement standing alone continues the last speaker).
        self.last_rule: Optional[str] = None

    def _quoted(self, char: int) -> bool:
        """Whether a character offset lies inside quote marks (a binary search over the sorted spans)."""
        n = bisect.bisect_right(self.inside, (char, float("inf"))) - 1
        return n >= 0 and self.inside[n][0] <= char < self.inside[n][1]

    @functools.cached_property
    def _people_outside_quotes(self) -> tuple[list[int], list[str]]:
        """Start offsets and keys of person mentions outside quote marks, in text order."""
        starts, keys = [], []
        for ent, key in self.actors.spans:
            if self.actors.mentions[key].kind == "person" and not self._quoted(ent.start_char):
                starts.append(ent.start_char)
                keys.append(key)
        return starts, keys

    @functools.cached_property
    def _span_starts(self) -> list[int]:
        """Token start of each actor mention, in text order (for binary searches: no scan per quote)."""
        return [ent.start for ent, _ in self.actors.spans]

    def _mentions_from(self, token_index: int):
        """Actor mentions starting at or after a token, in text order."""
        spans = self.actors.spans
        return (spans[n] for n in range(bisect.bisect_left(self._span_starts, token_index), len(spans)))

    def _mentions_before(self, token_index: int):
        """Actor mentions starting before a token, nearest first."""
        spans = self.actors.spans
        return (spans[n] for n in range(bisect.bisect_left(self._span_starts, token_index) - 1, -1, -1))

    def speaker_for_marked(self, quote: Span, kind: str) -> Optional[str]:
        sents = {quote[0].sent.start: quote[0].sent, quote[-1].sent.start: quote[-1].sent}
        candidates = []
        for sent in sents.values():
            for token in sent:
                if quote.start <= token.i < quote.end or not speech_verb(token):
                    continue
                candidates.append((abs(token.i - (quote.end if token.i >= quote.end else quote.start)), token))
        if kind == "partial":
            # "what he called "unfriendly"", "slammed the order as "unacceptable"": the speech verbs
            # that govern the fragment speak it, nearest first; otherwise the nearest in the sentence.
            head, depth = quote.root, 0
            while head.head.i != head.i:
                head = head.head
                if speech_verb(head) or head.lemma_.lower() in NAMING_LEMMAS:
                    depth += 1
                    candidates.append((-10 + depth, head))
        described, described_rule = None, None
        for _, verb in sorted(candidates, key=lambda c: c[0]):
            subject = subject_of(verb)
            if subject is not None and not (quote.start <= subject.i < quote.end) \
                    and not self.subject_of_quoted_words(subject):
                name = self.resolve(subject)
                if name and (kind != "partial" or name in self.actors.mentions):
                    self.last_speaker = name
                    return name
                if not described and name:
                    described, described_rule = name, self.last_rule
        if described:
            # "It said satellite imagery suggested a "precision strike"": a named speaker further
            # up wins over a thing; with none, the description.
            self.last_speaker, self.last_rule = described, described_rule
            return described
        follower = self._person_after(quote)
        if follower is not None:
            self.last_speaker, self.last_rule = follower, "person_after"
            return follower
        # A whole statement standing alone (after another quote, a colon or at a sentence start)
        # continues the words of the last speaker; a fragment inside a sentence does not.
        before = self.text[max(0, quote.start_char - 200): quote.start_char].rstrip()
        before = before[:-1].rstrip() if before.endswith('"') else before
        if kind == "direct" and self.last_speaker and (not before or before[-1] in '".:!?\n'):
            self.last_rule = "continuation"
            return self.last_speaker
        self.last_rule = None
        return None

    def subject_of_quoted_words(self, subject: Token) -> bool:
        """'remark that Putin "cannot remain in power"': the subject of a verb inside quote marks is who
        the words are about, not who said them (the small model may hang a later speech verb on that verb:
        "... and left his team scrambling to explain that ..." under "remain")."""
        head = subject.head
        return head.i != subject.i and not self._quoted(subject.idx) and self._quoted(head.idx)

    def _person_after(self, quote: Span) -> Optional[str]:
        """'"...," Pavlo Kyrylenko, governor of ..., told a briefing' that the parser got wrong: the
        person named right after the closing mark, with a speech verb later in the sentence."""
        end = quote[-1].sent.end
        for ent, key in self._mentions_from(quote.end):
            if ent.start > quote.end + 3 or self.actors.mentions[key].kind != "person":
                return None
            after = self.doc[ent.end] if ent.end < len(self.doc) else None
            if after is not None and after.lower_ in _POSSESSIVES:
                return None
            if any(speech_verb(t) for t in self.doc[ent.end: end]):
                return key
            return None
        return None

    def resolve(self, token: Token) -> Optional[str]:
        """The actor (or description) a speaker token stands for: the first rule of `RULES` that answers."""
        for rule in self.RULES:
            found = rule(self, token)
            if found is not None:
                self.last_rule = rule.__name__
                if found.remember:
                    self.last_speaker = found.speaker
                return found.speaker
        return None

    # The rules, tried in the order of `RULES`. Each answers with a `Resolved`, or None: not mine.

    def _actor(self, key: Optional[str]) -> Optional[Resolved]:
        """A named actor speaks; a person among them is the narrative's last speaker from now on."""
        return Resolved(key, remember=self.actors.mentions[key].kind == "person") if key is not None else None

    def office_title(self, token: Token) -> Optional[Resolved]:
        """'The President said': the person holding that title (an office title wins even over a mention);
        not a title whose holder is named beside it ("Putin's spokesperson, Dmitry Peskov, said") nor a
        former one ("the former Russian president wrote": not the office's holder)."""
        if any(c.dep_ == "appos" and (k := self._key(c)) and self.actors.mentions[k].kind == "person"
               for c in token.children) or any(c.lower_ in _FORMER for c in token.children if c.dep_ == "amod"):
            return None
        if token.lower_ in _OFFICE_TITLES or (self.actors.titles.get(token.lower_) and self._key(token) is None) \
                or _synonym_title(token):
            holder = self._office_holder(token)
            if holder is not None:
                return Resolved(holder, remember=True)
        return None

    def actor_name(self, token: Token) -> Optional[Resolved]:
        """'Putin said': the token is a mention of an actor."""
        return self._actor(self._key(token))

    def apposition(self, token: Token) -> Optional[Resolved]:
        """'The Kremlin spokesperson, Dmitry Peskov, said': the person in apposition speaks; 'the
        energy-focused management consultancy BFY said': so does a body named after its description."""
        if token.pos_ not in {"NOUN", "PROPN"}:
            return None
        named = [k for c in token.children if c.dep_ == "appos" and (k := self._key(c))]
        # "The deputy chair of Russia's security council, Dmitry Medvedev, gloated": the small model
        # hangs the name on the last noun of the title's "of" phrase
        of_phrase = [c for p in token.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                     if g.dep_ == "pobj" for c in g.children if c.dep_ == "appos"]
        named += [k for c in of_phrase if (k := self._key(c)) and self.actors.mentions[k].kind == "person"]
        person = next((k for k in named if self.actors.mentions[k].kind == "person"), None)
        if person is None and token.pos_ == "NOUN" and token.lemma_.lower() not in PERSON_NOUNS:
            person = next((k for k in named if self.actors.mentions[k].kind == "organization"), None)
        return self._actor(person)

    def document_author(self, token: Token) -> Optional[Resolved]:
        """'A report by X said', "X's statement said": the document's author."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in _DOCUMENTS:
            return None
        author = self._author(token)
        return Resolved(author) if author is not None else None

    def spokesperson_of_subject_organisation(self, token: Token) -> Optional[Resolved]:
        """'A spokesperson said' (of no one named): the organisation that was the narrative's subject."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in _SPOKESPEOPLE or any(
                c.dep_ in {"compound", "amod", "poss", "prep", "nmod"} for c in token.children):
            return None
        return self._actor(self._previoussubject_of(token, kinds={"organization"}))

    def coordinated_or_qualifying_actor(self, token: Token) -> Optional[Resolved]:
        """'The U.S. and allied governments': the actor coordinated with or qualifying the noun."""
        if token.pos_ != "NOUN":
            return None
        # "the Ukrainian president" is no place speaking; "US officials" (several) speak for their country
        # (not "Kharkiv regional prosecutors" for Kharkiv)
        person_title = token.lemma_.lower() in PERSON_NOUNS

        def speaks_for(key: str) -> bool:
            if self.actors.mentions[key].kind == "place" and (token.lower_ in _MANY_VOICES or token.lower_ in _LEGISLATORS):
                return False  # "the Russia news media reported", "US senators said": no one named
            if self.actors.mentions[key].kind != "place" or not person_title:
                return True
            return token.tag_ == "NNS" and key in gazetteer.DEMONYMS

        return self._actor(next((k for c in token.children if c.dep_ in {"conj", "compound", "nmod", "amod"}
                                 and (k := self._key(c)) and speaks_for(k)), None))

    def member_of_organisation(self, token: Token) -> Optional[Resolved]:
        """'The deputy commander of the Azov regiment said', 'prosecutors from the Donetsk People's
        Republic': an unnamed member speaks for the organisation or state named (not for a city)."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in PERSON_NOUNS:
            return None
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ in {"of", "from", "at"}:
                for t in prep.subtree:
                    key = self._key(t)
                    state = t.head.i == prep.i and (key in gazetteer.countries() or str(key).endswith("Republic"))
                    if key and (self.actors.mentions[key].kind == "organization" or self.actors.mentions[key].kind
                                == "place" and state):  # not "the governor of Ukraine's Luhansk province"
                        return self._actor(key)
        return None

    def name_phrase(self, token: Token) -> Optional[Resolved]:
        """A name phrase speaks through the person in it, else the first actor in it."""
        if token.pos_ != "PROPN":
            return None
        keys = [k for t in token.subtree if (k := self._key(t))]
        return self._actor(next((k for k in keys if self.actors.mentions[k].kind == "person"),
                                keys[0] if keys else None))

    def pronoun(self, token: Token) -> Optional[Resolved]:
        """'He said': whoever reports the clause, else the narrative's subject, else the last person named."""
        if token.lower_ not in _PRONOUNS:
            return None
        gender = _GENDER_PRONOUNS.get(token.lower_)

        def agrees(key: Optional[str]) -> Optional[str]:
            return key if key is not None and self._genders.get(key, gender) == gender else None

        return Resolved(agrees(self._reportingsubject_of(token)) or self._previoussubject_of(token, gender=gender)
                        or self._last_person_before(token.idx, gender=gender))

    @functools.cached_property
    def _genders(self) -> dict[str, str]:
        """Person -> "m" or "f" where the text tells (see `gender_*` in data/speakers.yml); a person it
        tells both ways, or not at all, has none, and any pronoun may stand for them."""
        votes: dict[str, set[str]] = {}
        doc = self.doc
        for ent, key in self.actors.spans:
            if self.actors.mentions[key].kind != "person":
                continue
            told = set()
            if ent.start > 0 and (g := _GENDER_TITLES.get(doc[ent.start - 1].lower_.rstrip("."))):
                told.add(g)
            root = ent.root
            if root.dep_ == "appos" and (g := _GENDER_NOUNS.get(root.head.lower_)):
                told.add(g)  # "his mother, Lois Drueke"
            told |= {g for c in root.children if c.dep_ == "appos" and (g := _GENDER_NOUNS.get(c.lower_))}
            if root.dep_ == "nsubj" and speech_verb(root.head):  # "Lois Drueke said she ..."
                told |= {g for c in root.head.children if c.dep_ == "ccomp" for t in c.children
                         if t.dep_ == "nsubj" and (g := _GENDER_PRONOUNS.get(t.lower_))}
            if told:
                votes.setdefault(key, set()).update(told)
        return {key: next(iter(told)) for key, told in votes.items() if len(told) == 1}

    def relative_who(self, token: Token) -> Optional[Resolved]:
        """'President Putin, who said ...': whoever the relative clause is about."""
        if token.lower_ not in _RELATIVE_PRONOUNS or token.dep_ != "nsubj" or token.head.dep_ != "relcl":
            return None
        return Resolved(self.resolve(token.head.head))

    def it_after_organisation(self, token: Token) -> Optional[Resolved]:
        """'The institute ... It said': the organisation (or unnamed body) that was the subject."""
        if token.lower_ != "it" or token.dep_ != "nsubj":
            return None
        return Resolved(self._previoussubject_of(token, kinds={"organization"}, describe=True))

    def document_relative(self, token: Token) -> Optional[Resolved]:
        """'X published a report which concluded ...': the document's author."""
        if token.lower_ not in _DOCUMENT_RELATIVES or token.head.dep_ != "relcl" \
                or token.head.head.lemma_.lower() not in _DOCUMENTS:
            return None
        return Resolved(self._author(token.head.head))

    def owner(self, token: Token) -> Optional[Resolved]:
        """The owner of a body that speaks for it: "Zelenskyy's office said", 'the government in Kyiv'."""
        owner = self._owner(token)
        return Resolved(owner) if owner is not None else None

    def rank_or_person_noun(self, token: Token) -> Optional[Resolved]:
        """'Said Senior Sgt. Oleksandr Babynets': the person named right after a rank or title."""
        if token.lower_.rstrip(".") not in _RANKS and token.lemma_.lower() not in PERSON_NOUNS:
            return None
        person = self._person_right_after(token)
        return Resolved(person) if person is not None else None

    def officials_continued(self, token: Token) -> Optional[Resolved]:
        """'UN officials emphasised ... They added': "they" right after a body's officials is the body."""
        if token.lower_ != "they" or token.dep_ != "nsubj":
            return None
        starts, sentences = self._sentences
        index = bisect.bisect_right(starts, token.sent.start) - 1
        if index < 1 or self._quoted(sentences[index - 1].root.idx):
            return None
        subject = next((c for c in sentences[index - 1].root.children if c.dep_ == "nsubj"), None)
        if subject is None or subject.lower_ not in _BODY_PEOPLE:
            return None
        found = self.coordinated_or_qualifying_actor(subject)
        return found if found is not None and found.speaker is not None else None

    def no_speaker(self, token: Token) -> Optional[Resolved]:
        """'They said', or a speaker that is no noun: no speaker, and no description either."""
        return Resolved(None) if token.lower_ in _PLURAL_PRONOUNS or token.pos_ not in {"NOUN", "PROPN"} else None

    def back_reference(self, token: Token) -> Optional[Resolved]:
        """'According to the publication': the organisation just named."""
        if token.pos_ != "NOUN" or token.lower_ not in _BACK_REFERENCES or not any(
                c.lower_ == "the" for c in token.children):
            return None
        back = self._last_organisation_before(token)
        return Resolved(back) if back is not None else None

    def group_named_before(self, token: Token) -> Optional[Resolved]:
        """'the WNBA star's lawyers, Maria Blagovolina and Alexander Boykov, said ... the lawyers added': a
        group named before by the people in apposition to it speaks through the first of them."""
        if token.tag_ != "NNS":
            return None
        doc = token.doc
        for earlier in reversed(doc[max(0, token.i - _GROUP_LOOKBACK): token.i]):
            if earlier.lemma_ != token.lemma_:
                continue
            person = next((k for c in earlier.children if c.dep_ == "appos" and (k := self._key(c))
                           and self.actors.mentions[k].kind == "person"), None)
            if person is not None:
                return Resolved(person)
        return None

    def same_noun_qualified_before(self, token: Token) -> Optional[Resolved]:
        """'a senior State Department official said ... the official said': a bare "the official" is the
        one the article last named with that noun, and speaks for the body that qualified it then."""
        if token.pos_ != "NOUN" or token.lemma_.lower() not in PERSON_NOUNS or not any(
                c.dep_ == "det" and c.lower_ == "the" for c in token.children) or any(
                c.dep_ in {"compound", "amod", "poss", "prep", "nmod", "appos"} for c in token.children):
            return None
        for earlier in reversed(token.doc[max(0, token.i - _GROUP_LOOKBACK): token.i]):
            if earlier.lemma_ != token.lemma_ or earlier.tag_ != token.tag_ or self._quoted(earlier.idx):
                continue
            found = self.coordinated_or_qualifying_actor(earlier)
            return found if found is not None and found.speaker is not None else None  # the nearest decides
        return None

    def former_title(self, token: Token) -> Optional[Resolved]:
        """'Dmitry Medvedev gloated ... “...,” the former Russian president wrote': a former office is the
        last speaker (else the narrative's last subject), not the office's holder."""
        if token.pos_ != "NOUN" or not any(c.dep_ == "amod" and c.lower_ in _FORMER for c in token.children) \
                or not (token.lower_ in _OFFICE_TITLES or self.actors.titles.get(token.lower_)
                        or token.lemma_.lower() in PERSON_NOUNS):
            return None
        last = self.last_speaker if self.last_speaker in self.actors.mentions \
            and self.actors.mentions[self.last_speaker].kind == "person" else None
        return self._actor(last or self._previoussubject_of(token, kinds={"person"}))

    def known_as(self, token: Token) -> Optional[Resolved]:
        """'A sergeant known as Ticha said', 'a woman named Olena': the name the noun is given."""
        if token.pos_ != "NOUN":
            return None
        for acl in token.children:
            if acl.dep_ == "acl" and acl.lemma_.lower() in _NAMING_VERBS:
                named = [g for c in acl.children if c.dep_ == "prep" and c.lower_ == "as" for g in c.children
                         if g.dep_ == "pobj"] + [c for c in acl.children if c.dep_ in {"oprd", "attr", "dobj", "npadvmod"}]
                key = next((k for g in named if (k := self._key(g)) is not None
                            and self.actors.mentions[k].kind == "person"), None)
                if key is not None:
                    return self._actor(key)
        return None

    def description(self, token: Token) -> Optional[Resolved]:
        """'Local military analysts said': a body with no name speaks as its description; 'that
        moratorium', 'these losses' point back at things, which speak for no one."""
        if any(c.dep_ == "det" and c.lower_ in _DEMONSTRATIVES for c in token.children):
            return Resolved(None)
        return Resolved(_description(token))

    RULES: tuple[Callable[[SpeakerResolver, Token], Optional[Resolved]], ...] = (
        office_title, actor_name, apposition, document_author, spokesperson_of_subject_organisation,
        coordinated_or_qualifying_actor, name_phrase, pronoun, relative_who, it_after_organisation,
        document_relative, owner, former_title, known_as, rank_or_person_noun, member_of_organisation, officials_continued, no_speaker,
        back_reference, group_named_before, same_noun_qualified_before, description)

    def _key(self, token: Token) -> Optional[str]:
        """The actor a single token is a mention of."""
        return self.actors.key_of(self.doc[token.i: token.i + 1])

    def _author(self, document: Token) -> Optional[str]:
        """Who a report or statement is by: 'a report by X', "X's statement", 'a report published by
        X', 'X published a report'."""
        heads = [document] + [c for c in document.children if c.dep_ == "acl"]
        for head in heads:
            for child in head.children:
                if child.dep_ == "poss" or (child.dep_ in {"prep", "agent"} and child.lower_ in _AUTHOR_PREPOSITIONS):
                    target = child if child.dep_ == "poss" else next((g for g in child.children if g.dep_ == "pobj"), None)
                    if target is not None and (key := self._key(target)):
                        return key
        if document.dep_ in {"dobj", "nsubjpass"} and (subject := subject_of(document.head)) is not None:
            return self._key(subject)
        return None

    def _last_organisation_before(self, noun: Token) -> Optional[str]:
        """'the institute', 'the ministry': the last organisation named before, outside quotes, whose
        name has that word; 'the publication' (a medium): the one named in the last 300 characters."""
        for ent, key in self._mentions_before(noun.i):
            if self.actors.mentions[key].kind != "organization" or self._quoted(ent.start_char):
                continue
            if noun.lower_ in key.lower() or noun.lower_ in _MEDIA_NOUNS and noun.idx - ent.start_char < 300:
                return key
        return None

    def _person_right_after(self, token: Token) -> Optional[str]:
        """'said Senior Sgt. Oleksandr Babynets': a title the parser made the head, and the person after it."""
        for ent, key in self._mentions_from(token.i + 1):
            if ent.start > token.i + 2:
                break
            if self.actors.mentions[key].kind == "person":
                return key
        return None

    def _owner(self, token: Token) -> Optional[str]:
        """'Zelenskyy's office', 'the Kremlin's statement', 'the government in Kyiv' speak for their owner."""
        if token.lemma_.lower() not in _SPOKESBODIES:
            return None
        for child in token.children:
            target = child if child.dep_ == "poss" else (
                next((g for g in child.children if g.dep_ == "pobj"), None)
                if child.dep_ == "prep" and child.lower_ in _OWNER_PREPOSITIONS else None)
            if target is not None:
                key = self._key(target)
                if key is not None:
                    return key
        return None

    def _office_holder(self, token: Token) -> Optional[str]:
        """'the president', 'the President of France', 'the French president', 'the Adviser to the Head
        of the President's Office': the person the article gave that title, else the known holder."""
        words = [token.lower_]
        if token.i > 0 and token.nbor(-1).lower_ in _TITLE_QUALIFIERS:
            words.insert(0, token.nbor(-1).lower_)
        title = _synonym_title(token) or " ".join(words)
        if title not in self.actors.titles and title not in _HOLDER_TITLES:
            return None
        country = None
        body = None
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                pobj = next((g for g in child.children if g.dep_ == "pobj"), None)
                if pobj is not None:  # "the President of the European Council"
                    words = [t.lower_ for t in sorted(pobj.subtree, key=lambda t: t.i) if t.lower_ != "the"]
                    body = f"{title} of {' '.join(words)}"
                # "President of Ukraine Volodymyr Zelenskyy" parses with the person as the object.
                place = next((t for t in pobj.subtree if t.text in gazetteer.place_names()), None) if pobj else None
                if place is not None:
                    country = gazetteer.canonical_place(place.text)
            elif child.dep_ in {"amod", "compound", "poss"} and (
                    child.text in gazetteer.NATIONALITY_TO_COUNTRY or child.text in gazetteer.place_names()
                    or child.text in gazetteer.PLACE_ALIASES):  # not "top" in "Russia's top diplomat"
                country = gazetteer.NATIONALITY_TO_COUNTRY.get(child.text) or gazetteer.canonical_place(child.text)
        candidates = [body] if body else []
        if body:
            candidates += self._titles_naming(title, body)
        if country:
            candidates += [f"{title} of {country.lower()}", f"{country.lower()} {title}"]
        candidates.append(title)
        for key in candidates:
            people = self.actors.titles.get(key)
            if people and (key != title or not (country or body)):  # "the President of Russia" is not France's
                if len(set(people)) == 1:
                    return people[0]
                # Several people hold the title: the narrative's subject if it is one of them, else the
                # one named last ("Zelenskyy noted ... Michel ... 'the President said'" is Zelenskyy).
                subject = self._previoussubject_of(token, titles=False)  # names only: no recursion
                return subject if subject in people else self._latest_of(set(people), token.i) or people[-1]
        if country and (title, country) in gazetteer.OFFICE_HOLDERS:
            return self._known_person(gazetteer.OFFICE_HOLDERS[(title, country)])
        return None

    def _titles_naming(self, title: str, body: str) -> list[str]:
        """The article's titles of a body named in other words: 'the head of the president's office' is
        the 'head of office of the president of ukraine' (every word of the body in the title's)."""
        wanted = _body_words(body[len(title) + 4:])
        return [key for key in self.actors.titles if key.startswith(f"{title} of ")
                and wanted and wanted <= _body_words(key[len(title) + 4:])]

    def _reportingsubject_of(self, pronoun: Token) -> Optional[str]:
        """'Ederer said he had called on ... to "remain calm"': a pronoun inside what a named person
        says is that person."""
        clause = pronoun.head
        while clause.head.i != clause.i:
            verb = clause.head
            if clause.dep_ == "ccomp" and speech_verb(verb):
                subject = subject_of(verb)
                key = self._key(subject) if subject is not None else None
                return key if key is not None and self.actors.mentions[key].kind == "person" else None
            clause = verb
        return None

    def _latest_of(self, keys: set[str], token_index: int) -> Optional[str]:
        """Of several people with one title ("the president"), the one mentioned last before a token."""
        for _, key in self._mentions_before(token_index):
            if key in keys:
                return key
        return None

    def _known_person(self, name: str) -> str:
        """The article's own spelling of a known name, when it has one ('Volodymyr Zelenskyy')."""
        surname = fold(name.split()[-1])
        for key, mention in self.actors.mentions.items():
            if mention.kind == "person" and fold(key).split()[-1] == surname:
                return key
        return name

    @functools.cached_property
    def _sentences(self) -> tuple[list[int], list[Span]]:
        sentences = list(self.doc.sents)
        return [s.start for s in sentences], sentences

    def _previoussubject_of(self, pronoun: Token, kinds: frozenset[str] | set[str] = frozenset({"person"}),
                          describe: bool = False, titles: bool = True, gender: Optional[str] = None) -> Optional[str]:
        """'Vladimir Putin set forth ... He mentioned': the person who was the subject of one of the
        last sentences (a subject outlives a later object or aside); a pronoun subject continues the
        chain further back. With `describe`, an unnamed body that was the subject is named by its
        description ('Ukrainian military intelligence said ... It added')."""
        starts, sentences = self._sentences
        index = bisect.bisect_right(starts, pronoun.sent.start) - 1
        budget = 3  # sentences looked back at; one whose subject is a pronoun continues the chain for free
        for sent in reversed(sentences[max(0, index - 3 * _CHAIN): index]):
            if budget == 0:
                break
            if self._quoted(sent.root.idx):
                budget -= 1
                continue  # someone's words ('"Putin's strategy is ..."'), not the narrative's subject
            verbs = [sent.root] + [c for c in sent.root.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}]
            if not any(c.dep_ in {"nsubj", "nsubjpass"} and c.lower_ in _PRONOUNS for v in verbs for c in v.children):
                budget -= 1  # ("he said ... He went on to add": the chain of "he" leads back to its name)
            for verb in verbs:
                subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if subject is None:
                    # "Responding to X's call, the President of Russia reaffirmed": the model often
                    # parses the opening clause as the subject; the words after its comma are.
                    region = list(words_after_comma(verb) or [])
                else:
                    # "Drueke's mother, Lois Drueke, said": the person in apposition, before the owner
                    region = [] if subject.lower_ in _PRONOUNS else [
                        t for c in subject.children if c.dep_ == "appos" for t in c.subtree] + _core(subject)
                region = [t for t in region if not self._quoted(t.idx)]
                person = next((k for t in region if (k := self._key(t)) and self.actors.mentions[k].kind in kinds
                               and (gender is None or self._genders.get(k, gender) == gender)), None)
                if person is None and "person" in kinds and titles:
                    person = next((h for t in region if t.pos_ in {"NOUN", "PROPN"}
                                   and (h := self._office_holder(t))), None)
                if person is not None:
                    return person
                if describe and subject is not None and subject.pos_ == "NOUN" \
                        and subject.lemma_.lower() not in PERSON_NOUNS:
                    return _description(subject)
        return None

    def _last_person_before(self, char: int, gender: Optional[str] = None) -> Optional[str]:
        """'he said': the last person named before, outside quotes, whose gender the pronoun's is
        (a binary search, then a few steps back past people of the other gender)."""
        starts, keys = self._people_outside_quotes
        n = bisect.bisect_left(starts, char)
        for key in keys[max(0, n - 8): n][::-1]:
            if gender is None or self._genders.get(key, gender) == gender:
                return key
        return None
