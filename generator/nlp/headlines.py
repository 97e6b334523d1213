"""Headline candidates for events: the clause's subject, verb and object, with a subject a reader
can use. A pronoun or relative is replaced by the actor it stands for when the article says who;
"I", "we", a bare pronoun or "the country" leave the event without a headline (its story takes
one from another source). The word lists are data: `data/headlines.yml`."""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

from generator.nlp import lexicon

if TYPE_CHECKING:
    from spacy.tokens import Token

_FIRST_PERSON = lexicon.words("headlines", "first_person")
_SPEAKERS_VOICE = _FIRST_PERSON | lexicon.words("headlines", "second_person")  # I, we, you: a speech's line
_PRONOUNS = lexicon.words("headlines", "pronouns")
RELATIVES = lexicon.words("headlines", "relatives")
_VAGUE = lexicon.words("headlines", "vague_nouns")
_BARE_BODIES = lexicon.words("headlines", "bare_bodies")
_DROPPABLE = lexicon.ordered("headlines", "droppable")
_DANGLING = lexicon.words("headlines", "dangling")
_LIMITS = lexicon.table("headlines", "limits")
_DEMONSTRATIVES = lexicon.words("headlines", "demonstratives")
_WH = lexicon.words("headlines", "wh_words")
_FRONTED = lexicon.words("headlines", "fronted")
_NEEDS_OBJECT = lexicon.words("headlines", "needs_object")
_EMPTY_WORDS = lexicon.words("headlines", "empty_words")
_BACK_REFERENCES = lexicon.words("headlines", "back_reference_nouns")
_SEQUENCE_ADJECTIVES = lexicon.words("headlines", "sequence_adjectives")
_UNNAMED_PLACES = lexicon.words("headlines", "unnamed_places")
_DEFINITE = lexicon.words("headlines", "definite_determiners")
_NAME_ENTITIES = lexicon.words("headlines", "name_entities")
_SPANNING = lexicon.words("headlines", "spanning_prepositions")
_CAUSATIVE = lexicon.words("headlines", "causative_verbs")
_WEEKDAYS = lexicon.words("dates", "weekdays")
_COMPLEMENTS = lexicon.words("headlines", "complements")
_RELATIONAL = lexicon.words("headlines", "relational_nouns")
_PLACE_NEEDED = lexicon.words("headlines", "place_needed_verbs")
_TITLE_WORDS = frozenset(w for w in lexicon.words("actors", "titles") if " " not in w)
_PLACES = {"GPE", "LOC", "FAC"}
_OBJECTS = lexicon.words("headlines", "objects")
_PURPOSE = lexicon.words("headlines", "purpose_clauses")
_MEETING_PARTNERS = lexicon.words("headlines", "meeting_partners")
_HEDGING = lexicon.words("headlines", "hedging_verbs")
_BACK_NUMBERS = lexicon.words("headlines", "back_reference_numbers")
_CEREMONIAL = lexicon.words("headlines", "ceremonial")
_EXCHANGES = lexicon.words("headlines", "exchanges")
_CHANNELS = lexicon.words("headlines", "channels")
_MEETINGS = lexicon.words("headlines", "meetings")
_MEETING_VERBS = lexicon.words("headlines", "meeting_verbs")
_PARTNER_VERBS = lexicon.words("headlines", "partner_verbs")
_VERB_PREPOSITIONS = {verb: frozenset(str(p) for p in preps)
                      for verb, preps in lexicon.table("headlines", "verb_prepositions").items()}
_HAPPENING_NOUNS = lexicon.words("events", "event_nouns")
_PARTITIVES = lexicon.words("headlines", "partitives")
MAX_WORDS, MIN_WORDS, MIN_NOUN_WORDS = (int(_LIMITS[k]) for k in ("max_words", "min_words", "min_noun_words"))


def _without_orphan_conjuncts(tokens: list[Token]) -> list[Token]:
    """A conjunct whose "and" (or comma) went with a dropped clause goes too: "signed a law [that
    would fast-track ..., as well as] the Ukrainian regions" is not "signed a law the Ukrainian regions";
    and an "and" whose conjuncts are not both kept goes ("Every Ukrainian man and woman [who protested
    ...] and will protest")."""
    kept = {t.i for t in tokens}
    gone: set[int] = set()
    for t in tokens:
        if t.dep_ == "conj" and t.head.i in kept and t.i not in gone and not any(
                i in kept and (t.doc[i].dep_ in {"cc", "preconj"} or t.doc[i].text in {",", ";", "/"})
                for i in range(t.head.i + 1, t.i)):
            gone.update(x.i for x in t.subtree)
    for t in tokens:
        if t.dep_ == "cc" and not (t.head.i in kept - gone and any(
                c.dep_ == "conj" and c.i > t.i and c.i in kept - gone for c in t.head.children)):
            gone.add(t.i)
    return [t for t in tokens if t.i not in gone] if gone else tokens


def _without_brackets(tokens: list[Token]) -> list[Token]:
    """Words in brackets go: "fined Google about $360 million (21.1 billion rubles)" reads without
    its brackets as "$360 million 21.1 billion rubles"."""
    depth, kept = 0, []
    for t in tokens:
        if t.text in {"(", "["}:
            depth += 1
        elif t.text in {")", "]"}:
            depth = max(0, depth - 1)
        elif not depth:
            kept.append(t)
    return kept


def _bare_object(verb: Token, tokens: list[Token]) -> bool:
    """The headline ends in "a"/"an" and a common noun with nothing to say which one: "Putin signed a
    law", "X urged IDPs to join in developing a mechanism" (a named happening, "a ceasefire", says enough)."""
    if len(tokens) < 2:
        return False
    last, before = tokens[-1], tokens[-2]
    kept = {t.i for t in tokens}
    return last.pos_ == "NOUN" and last.dep_ in {"dobj", "pobj"} and before.lower_ in {"a", "an"} \
        and before.head.i == last.i and [t.i for t in last.subtree if t.i in kept] == [before.i, last.i] \
        and last.lemma_.lower() not in _HAPPENING_NOUNS


def _meeting_with_nobody(verb: Token, tokens: list[Token], named: Callable[[Token], Optional[str]]) -> bool:
    """"X held a meeting on the current situation", "X had a meeting": with whom the headline does not
    say, so it is routine; "X held talks with Y" is news."""
    if verb.lemma_.lower() not in _MEETING_VERBS:
        return False
    meetings = [c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() in _MEETINGS]
    kept = {t.i for t in tokens}
    return bool(meetings) and not any(
        t.lower_ == "with" and any(p.dep_ == "pobj" and named(p) for p in t.children)
        for m in meetings for t in (*m.subtree, *verb.children) if t.i in kept)


def _relative_object(verb: Token) -> tuple[Optional[Token], list[str]]:
    """The relative pronoun that is a relative clause's object, and the words of the noun it stands
    for (the name beside it first): "Crimea, a region of Ukraine that Moscow seized" -> (that, [Crimea])."""
    if verb.dep_ != "relcl":
        return None, []
    relative = next((c for c in verb.children if c.dep_ in {"dobj", "mark"} and c.lower_ in RELATIVES), None)
    if relative is None or any(c.dep_ == "dobj" and c is not relative for c in verb.children) \
            or not any(c.dep_ == "nsubj" for c in verb.children):
        return None, []  # the small model reads the object "that" as a mark: a subject and no other object
    head = verb.head.head if verb.head.dep_ == "appos" else verb.head
    return relative, _words(noun_phrase(head))


def _exchange(verb: Token, named: Callable[[Token], Optional[str]]) -> list[Token]:
    """The phrases that make "spoke" a call: "by phone", "with Emmanuel Macron" (kept in the headline)."""
    if verb.lemma_.lower() not in _EXCHANGES:
        return []
    return [c for c in verb.children if c.dep_ == "prep" and any(
        p.dep_ == "pobj" and (c.lower_ == "by" and p.lemma_.lower() in _CHANNELS or c.lower_ == "with" and named(p))
        for p in c.children)]


def _named_pair(subject: Optional[Token], named: Callable[[Token], Optional[str]]) -> bool:
    """"Biden and Xi spoke": two named parties, a talk between them, not a courtesy."""
    return subject is not None and subject.head.lemma_.lower() in _EXCHANGES and bool(named(subject)) \
        and any(c.dep_ == "conj" and named(c) for c in subject.children)


def subject_of(verb: Token) -> Optional[Token]:
    """The verb's subject, climbing coordinated and open clauses ("X met Y and agreed ...")."""
    head = verb
    for _ in range(6):
        subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
        if subjects:  # the one nearest its verb: "Mr President, Russia became ...", the first an address
            return max((c for c in subjects if c.i < head.i), key=lambda c: c.i, default=subjects[0])
        if head.dep_ == "acl" and head.head.pos_ in {"NOUN", "PROPN"} and all(
                t.pos_ in {"ADV", "PART"} for t in head.doc[head.head.i + 1: head.i]):
            return head.head  # "after the discussions ended Monday" (not "a professor whose tenure ... ended")
        if head.dep_ not in {"conj", "xcomp", "advcl"} or head.head.i == head.i:
            return None
        head = head.head
    return None


def noun_phrase(token: Token) -> list[Token]:
    """A noun phrase without its relative clauses, appositions and asides."""
    skip = {"relcl", "appos", "acl", "punct", "cc", "conj"} if token.pos_ != "PROPN" else {"relcl", "appos", "acl", "punct"}
    kept = [token]
    for child in token.children:
        if child.dep_ in skip and not name_beside(child):
            continue  # (a name right after its title stays: "prime minister Viktor Orban")
        if comma_aside(child):
            continue
        kept.extend(child.subtree)
    return sorted(kept, key=lambda t: t.i)


def comma_aside(token: Token) -> bool:
    """A phrase set off by a comma after the noun it hangs on ("Zelenskiy, via video to students in
    Australia, said"): an aside, no part of a headline's subject."""
    return token.dep_ == "prep" and token.i > token.head.i and token.head.pos_ in {"PROPN", "NOUN"} \
        and token.i > 0 and token.doc[token.i - 1].text == ","


_DASHES = {"\u2014", "\u2013", "--"}


def dash_aside(token: Token) -> bool:
    """A phrase after a dash, past its head ("spoke by phone for two hours — their first direct
    conversation in four months"): an aside the parser may take for an object."""
    return token.i > token.head.i and token.left_edge.i > 0 and token.doc[token.left_edge.i - 1].text in _DASHES


def name_beside(token: Token) -> bool:
    """A name in apposition right after its title, with no comma between ("prime minister Viktor
    Orban"): part of the subject, not an aside ("the president, Volodymyr Zelensky, ...")."""
    head = token.head
    if not (token.dep_ == "appos" and token.pos_ == "PROPN" and head.i < token.i and token.lower_ not in _WEEKDAYS
            and token.ent_type_ not in {"DATE", "TIME"}):
        return False
    # between the title and the name: more of the name, or the title's own "of" phrase with no comma
    # ("President of Ukraine Volodymyr Zelenskyy")
    title_of = {t.i for c in head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < token.i
                for t in c.subtree}
    return all(t.pos_ == "PROPN" or t.i in title_of and not t.is_punct
               for t in token.doc[head.i + 1: token.left_edge.i])


def named_between_commas(subject: Optional[Token]) -> Optional[Token]:
    """The person's name set off by commas after a title subject ("The president, Volodymyr Zelensky,
    said"; "Ukraine's foreign minister, Dmytro Kuleba, met"), or None."""
    if subject is None or subject.pos_ != "NOUN":
        return None
    for child in subject.children:
        if child.dep_ == "appos" and child.pos_ == "PROPN" and child.ent_type_ == "PERSON" and child.i > subject.i:
            left, right = child.left_edge.i, child.right_edge.i
            doc = subject.doc
            if left == subject.i + 1 or doc[left - 1].text != "," or right + 1 >= len(doc) \
                    or doc[right + 1].text != "," or any(t.is_punct for t in doc[left:right + 1]):
                return None
            if not all(t.pos_ == "PROPN" for t in doc[left:right + 1]):
                return None
            return child
    return None


def classify(subject: Optional[Token], named: Callable[[Token], Optional[str]],
             resolve: Callable[[Token], Optional[str]]) -> tuple[str, Optional[str]]:
    """(form, replacement name): how the subject was found, and the name to write in its place."""
    if subject is None:
        return "none", None
    lower = subject.lower_
    if lower in _FIRST_PERSON:
        return "first-person", None
    if lower in _PRONOUNS or lower in RELATIVES:
        name = resolve(subject)
        return ("resolved", name) if name else ("pronoun", None)
    if subject.lower_ in _BARE_BODIES and all(c.dep_ == "det" and c.lower_ == "the" for c in subject.children
                                              if c.dep_ not in {"punct", "relcl", "acl", "appos"}):
        return "vague", None  # "The Government", "The Organisation": whose?
    if any(named(t) for t in noun_phrase(subject)):
        return "named", None
    if subject.ent_type_ in {"DATE", "TIME"}:
        return "vague", None  # "Today was as usual"
    if subject.pos_ == "PROPN":
        return "named", None
    if subject.pos_ == "NOUN" and (subject.lower_ not in _VAGUE or any(
            c.dep_ in {"amod", "compound", "poss", "nmod", "nummod", "prep"} for c in subject.children)):
        return "noun", None  # "the talks", "Ukrainian and Russian officials"; not a bare "the country"
    return "vague", None


def headline(verb: Token, title_tokens: list[Token], named: Callable[[Token], Optional[str]],
             resolve: Callable[[Token], Optional[str]]) -> tuple[str, str]:
    """(headline, form). The headline is '' when the subject is no use to a reader or the clause
    cannot be cut to MAX_WORDS at a phrase boundary (a headline never ends in '…')."""
    subject = subject_of(verb)
    form, name = classify(subject, named, resolve)
    holder = named_between_commas(subject) if form in {"vague", "noun", "named"} else None
    if holder is not None:  # "The president, Volodymyr Zelensky, held talks": the name is the subject
        title_tokens = [t for t in title_tokens if t.i not in {x.i for x in noun_phrase(subject)}
                        and not (t.is_punct and t.head.i == subject.i)]
        subject, form = holder, "named"
    if form in {"none", "first-person", "pronoun", "vague"}:
        return "", form
    if _two_subjects(verb, subject):
        return "", "none"  # "his term in office as Sverdlovsk Region Governor expires": the parse is lost
    if form == "resolved" and _disagrees(verb, subject):
        return "", "pronoun"  # "the Polish people ..., which is celebrated today": "which" is not the people
    clause = list(verb.subtree)  # before anything is cut, asides included
    if subject is not None and any(c.dep_ in {"aux", "auxpass"} and c.i < subject.left_edge.i for c in verb.children):
        return "", "none"  # "will Russia invade Ukraine": a question, no news
    tokens = list(title_tokens)
    # the subject's phrase without a date the parser hung on it ("Viktor Orban Saturday called for talks")
    # (and the weekday the parser took for its head: "Viktor Orban Saturday called", "Saturday" the subject)
    subject_tokens = [t for t in noun_phrase(subject) if t.i == subject.i and t.lower_ not in _WEEKDAYS
                      or t.ent_type_ not in {"DATE", "TIME"} and t.lower_ not in _WEEKDAYS] \
        if subject is not None else []
    if subject is not None and not subject_tokens:
        subject_tokens = [subject]
    if subject is not None and subject.i not in {t.i for t in tokens}:
        tokens = sorted(set(tokens) | set(subject_tokens), key=lambda t: t.i)
    if subject is not None:
        # A headline starts with its subject: no "In his turn", "At the request of X", "that", "and".
        start = min(t.i for t in subject_tokens)
        fronted = {t.i for c in verb.children if c.i < start and (c.dep_ in _FRONTED or c.dep_ in {"nsubj", "nsubjpass"})
                   and not c.is_ancestor(subject)
                   for t in c.subtree}  # (a second subject before the subject: "Mr President," addressed)
        tokens = [t for t in tokens if t.i not in fronted and not (t.dep_ in {"mark", "cc"} and t.head.i == verb.i)]

    drop = {t.i for t in subject_tokens} if name else set()
    at = min(drop) if drop else -1
    relative, antecedent = _relative_object(verb)
    if relative is not None:
        tokens = [t for t in tokens if t.i != relative.i]

    def plain(tokens: list[Token]) -> list[str]:
        """The words, the name standing where its pronoun stood ("X has intensified, Kristalina
        Georgieva said", not "Kristalina Georgieva X has intensified said")."""
        if not name:
            return _words(tokens)
        return _words([t for t in tokens if t.i < at]) + [name] + _words([t for t in tokens if t.i > at])

    def assemble(tokens: list[Token]) -> list[str]:
        """With the relative object's antecedent after the verb: "Crimea, a region that Moscow seized"
        gives "Moscow seized Crimea"."""
        if not antecedent:
            return plain(tokens)
        return plain([t for t in tokens if t.i <= verb.i]) + antecedent + _words([t for t in tokens if t.i > verb.i])

    if name:  # "he" -> "Volodymyr Zelensky"; "which" -> its antecedent's name
        tokens = [t for t in tokens if t.i not in drop]
    tokens = _without_orphan_conjuncts(_without_brackets(tokens))
    words = assemble(tokens)
    if not name and (title := _title_before_name(subject_tokens)) and (
            len(words) > MAX_WORDS or _office_long_form(title)):
        # the name alone, before any phrase after the verb goes; and always after an office's long
        # form ("President of Ukraine Volodymyr Zelenskyy held": "Volodymyr Zelenskyy held")
        gone = {t.i for t in title}
        tokens, subject_tokens = [t for t in tokens if t.i not in gone], [t for t in subject_tokens if t.i not in gone]
        words = assemble(tokens)
    exchange = _exchange(verb, named)
    core = {verb.i} | {t.i for t in subject_tokens} | {t.i for c in exchange for t in c.subtree} | {
        c.i for c in verb.children if c.tag_ == "RP"}  # a particle the parser hung as an adverb: "brushed away tears"
    dropped: list[Token] = []  # the phrases cut, each by its head
    while len(words) > MAX_WORDS:
        # the rightmost phrase that may go (a preposition's phrase first), never the verb or subject; a
        # noun's own phrase after the others; a purpose clause only once nothing inside it may go
        kept = {t.i for t in tokens}
        candidates = [t for t in tokens if t.dep_ in _DROPPABLE and t.i not in core
                      and not any(a.i in core and a.dep_ in _DROPPABLE for a in t.ancestors if a.i in kept)]
        if not candidates:
            break
        last = min(candidates, key=lambda t: (_drop_rank(t), -t.i))
        while purpose_clause(last) and (inside := [t for t in candidates if last.is_ancestor(t)
                                                    and not _completes(t, verb)]):
            last = min(inside, key=lambda t: (_drop_rank(t), -t.i))  # trimmed before it goes whole
        while last.head.dep_ == "pobj" and last.head.head.dep_ == "prep" and last.head.head.i not in core:
            last = last.head.head  # "in response to what ...": the whole phrase, not a dangling "in response"
        while last.dep_ == "prep" and last.head.dep_ == "prep" and last.head.i not in core:
            last = last.head  # "according to the ministry": not a dangling "according"
        while last.head.dep_ in {"advmod", "npadvmod"} and last.head.i not in core:
            last = last.head  # "as soon as they arrive": not a dangling "as soon"
        gone = {t.i for t in last.subtree}
        dropped.append(last)
        tokens = [t for t in tokens if t.i not in gone]
        words = assemble(tokens)
    if not MIN_WORDS <= len(words) <= MAX_WORDS or not any(t.i == verb.i for t in tokens):
        return "", form
    kept = {t.i for t in tokens}
    # whether a phrase the meaning needs went while what it completes stayed (then there is no headline)
    cut = any(_completes(last, verb) and last.head.i in kept for last in dropped) or _place_lost(verb, clause, tokens) \
        or _holder_lost(tokens, kept, clause)
    if cut or any(c.dep_ in _OBJECTS and c.i not in kept and c is not relative and not dash_aside(c)
                  for c in verb.children):
        return "", "none"  # "X spoke about the reasons for and goals", "Gorbachev turned [91]": cut mid-thought
    if problem := unreadable(verb, tokens, subject, resolved=bool(name)):  # on what is left after cutting ("X said" alone)
        return "", problem
    final = max((t for t in tokens if not t.is_punct), key=lambda t: t.i, default=None)
    if final is not None and final.pos_ == "ADJ" and final.dep_ in {"pobj", "dobj", "attr"} \
            and any(t.i > final.i and t.head.i == verb.i and t.pos_ in {"VERB", "NOUN"} for t in clause):
        return "", "none"  # "Three Lavra monks were killed by the Russian [shelling]": the parser lost the noun
    subject_ids = {t.i for t in subject_tokens}
    if any(t.lower_ in _PRONOUNS and t.i not in subject_ids for t in tokens):
        return "", "pronoun"  # "Ukrainian forces recaptured it": the reader cannot tell what
    if form == "noun" and len(words) < MIN_NOUN_WORDS:
        return "", "vague"  # "The discussions ended": which discussions?
    if _bare_object(verb, tokens):
        return "", "vague"  # "Putin signed a law": which law?
    if subject is not None:
        # "Russia can not be trusted, the Polish prime minister said": the reported words come first
        start = min(t.i for t in subject_tokens)
        before = [t for t in tokens if t.i < start]
        if before and all(any(a.dep_ == "ccomp" and a.head.i == verb.i for a in [t, *t.ancestors]) for t in before):
            n = len(_words(before))
            if 0 < n < len(words):
                words = words[:n - 1] + [words[n - 1] + ","] + words[n:]
    will = next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "will" and c.i in kept), None)
    if will is not None and subject is not None and not any(c.dep_ == "neg" or purpose_clause(c) or c.dep_ == "xcomp"
                                                            for c in verb.children) \
            and min(t.i for t in tokens) >= min(t.i for t in subject_tokens):
        n = len(assemble([t for t in tokens if t.i < will.i]))
        if n < len(words) and words[n] == will.text:
            words[n] = "to"  # a headline's future: "Vladimir Putin to meet Alexander Lukashenko"
    if verb.lemma_.lower() in _CEREMONIAL and not (exchange or _named_pair(subject, named)) \
            or _meeting_with_nobody(verb, tokens, named):
        form = "ceremonial"  # "X thanked Y", "X spoke about measures": a headline, but no front-page news
    text = " ".join(words).replace(" 's of ", "s of ").replace("'s of ", "s of ")  # "the Prime Minister's of"
    text = text.replace(" 's", "'s").replace(" n't", "n't").replace(" - ", "-").replace(" ,", ",").replace(" %", "%")
    return text[:1].upper() + text[1:], form


def purpose_clause(token: Token) -> bool:
    """"[signed an agreement] to free 20 million tons of grain": an infinitive saying what an act was for."""
    return token.dep_ in _PURPOSE and token.tag_ == "VB" and any(
        c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def _names_its_partner(token: Token) -> bool:
    """A noun's own phrase: "the details [of the plan]", "a meeting [with representatives of the G20]";
    or a verb's: "asked the chief executive [about reports ...]", "accused Russia [of war crimes]"."""
    head = token.head.lemma_.lower()
    return token.dep_ in {"prep", "acl"} and head in _RELATIONAL or token.dep_ == "prep" and (
        token.lower_ in _MEETING_PARTNERS and (head in _MEETINGS or head in _PARTNER_VERBS)
        or token.lower_ in _VERB_PREPOSITIONS.get(head, ()))


def _title_before_name(subject_tokens: list[Token]) -> list[Token]:
    """The title in front of a full name the subject ends with ("Deputy Head of the Office of the
    President of Ukraine [Kyrylo Tymoshenko]"), which a headline too long can lose first: [] when the
    subject does not end in a name of two words or more after a title of two or more."""
    if not subject_tokens:
        return []
    last = max(subject_tokens, key=lambda t: t.i)
    if last.ent_type_ != "PERSON":
        return []
    start = last.i
    while start > 0 and last.doc[start].ent_iob_ == "I":
        start -= 1
    title = [t for t in subject_tokens if t.i < start]
    name = [t for t in subject_tokens if t.i >= start]
    if len(name) < 2 or len(title) < 2 or any(t.pos_ in {"VERB", "AUX", "PRON"} for t in title):
        return []
    return title


def _office_long_form(title: list[Token]) -> bool:
    """An office named in full, capitalised, with its "of" ("President of Ukraine", "Minister of
    Foreign Affairs of Ukraine"), not "The family and friends of" someone."""
    title = sorted(title, key=lambda t: t.i)
    return title[0].is_title and title[0].pos_ in {"PROPN", "NOUN"} and title[-1].pos_ in {"PROPN", "NOUN"} \
        and any(t.lower_ == "of" for t in title) and not any(t.dep_ in {"cc", "conj"} or t.is_punct for t in title)


def _drop_rank(token: Token) -> int:
    """Which phrase a long headline loses first: by label (`droppable`), a noun's own phrase after all
    others."""
    return len(_DROPPABLE) if _names_its_partner(token) else _DROPPABLE.index(token.dep_)


def _completes(last: Token, verb: Token) -> bool:
    """Whether a phrase is one the headline's meaning needs: a complement, a noun's own phrase, a
    causative's clause ("Russia had the men [sentenced to death]"), the phrase of "took part [in ...]"."""
    return last.dep_ in _COMPLEMENTS or _names_its_partner(last) or (
        last.dep_ == "advcl" and last.pos_ in {"NOUN", "PROPN"}) or (  # a noun the parser took for a clause
        last.dep_ in {"acl", "relcl"} and last.head.dep_ == "dobj"
        and last.head.head.lemma_.lower() in _CAUSATIVE) or (
        last.dep_ == "prep" and last.head.i == verb.i and any(
            c.dep_ == "dobj" and c.lemma_.lower() in _RELATIONAL for c in verb.children))


def _two_subjects(verb: Token, subject: Optional[Token]) -> bool:
    """Another subject of the same verb before its subject, not an address set off by a comma ("Mr
    President, Russia became"): the parser has lost the clause ("his term ... as Governor expires")."""
    if subject is None or subject.head.i != verb.i:
        return False
    return any(c.dep_ in {"nsubj", "nsubjpass"} and c.i < subject.i and c.i != subject.i
               and not any(t.text == "," for t in c.doc[c.right_edge.i: c.right_edge.i + 2])
               for c in verb.children)


def _disagrees(verb: Token, subject: Optional[Token]) -> bool:
    """A relative pronoun's verb singular and its antecedent plural ("people ..., which is
    celebrated"): the parser hung the clause on the wrong noun."""
    if subject is None or subject.lower_ not in RELATIVES or verb.dep_ != "relcl":
        return False
    finite = next((c for c in verb.children if c.dep_ in {"aux", "auxpass"}), verb)
    return finite.tag_ == "VBZ" and verb.head.tag_ in {"NNS", "NNPS"}


def _holder_lost(tokens: list[Token], kept: set[int], clause: list[Token]) -> bool:
    """A title kept without the name that follows it in the clause ("had a meeting with Secretary of
    State[, Head of the International Policy Bureau ... Jakub Kumoch]"): which secretary? (By position,
    not by the parse, which often hangs the name elsewhere.)"""
    for t in tokens:
        if t.pos_ == "PROPN" and t.lower_ in _TITLE_WORDS and t.ent_type_ != "PERSON":
            after = [x for x in clause if x.i > t.i and x.ent_type_ == "PERSON"]
            if after and not any(x.i in kept for x in after):
                return True
    return False


def _place_lost(verb: Token, clause: list[Token], tokens: list[Token]) -> bool:
    """An attack's headline cut from every place its clause names ("Russian shelling killed twelve
    civilians" without "in Bilohorivka"): where it struck is the news."""
    return verb.lemma_.lower() in _PLACE_NEEDED and any(t.ent_type_ in _PLACES for t in clause) \
        and not any(t.ent_type_ in _PLACES for t in tokens)


def unreadable(verb: Token, tokens: list[Token], subject: Optional[Token], resolved: bool = False) -> str:
    """Why the headline would not read as one ('' when it would): the writer's "we" or "our", or a
    speaker's "you", in it,
    a demonstrative a reader cannot resolve ("this decision", "said this"), a wh-word first, or no
    finite verb ("The construction to be completed"), or a copula left without its complement."""
    if any(t.lower_ in _SPEAKERS_VOICE and t.pos_ in {"PRON", "DET"} for t in tokens):
        return "first-person"  # "we", "our", and "you", "your": a speaker's own words, not a headline
    if any(t.lower_ in _DEMONSTRATIVES and (t.dep_ in {"det", "predet", "amod"} or t.pos_ == "PRON"
                                            and t.head.dep_ != "relcl") for t in tokens):
        return "vague"  # "One of those brigades", "said this", "such buses"
    kept = {t.i for t in tokens}
    named = resolved or any(_is_name(t) for t in tokens)  # (a pronoun's name stands for a dropped token)
    if not named:
        return "vague"  # "The rate was 2.3 percent", "Another 270 units will be purchased", "A new poultry
        # farm was put into operation": of what, of whom, where? A headline with no name in it tells a
        # reader nothing they can place
    for t in tokens:
        if t.tag_ == "PRP$" and t.lower_ not in _SPEAKERS_VOICE and not resolved \
                and not any(_is_name(x) for x in tokens if x.i < t.i):
            return "pronoun"  # "Its battle for the Donbas began", "98 percent of its requirements": whose?
    if any(t.dep_ in {"nsubj", "nsubjpass"} and t.lower_ in _BARE_BODIES and all(
            x.i == t.i or x.is_punct or x.dep_ == "det" and x.lower_ == "the" for x in tokens if t.is_ancestor(x))
           for t in tokens):
        return "vague"  # "The Organisation [for the Prohibition of Chemical Weapons chief] met": cut to whose?
    if any(t.lemma_.lower() in _UNNAMED_PLACES and t is not subject and t.head.lower_ not in _SPANNING
           and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
           and not any(c.i in kept and c.dep_ in {"prep", "compound", "amod", "appos", "nummod"} for c in t.children)
           for t in tokens):
        return "vague"  # "has plunged the country's economy", "the situation in the region": which? ("talks
        # between the two countries" after naming them reads)
    last = max(tokens, key=lambda t: t.i) if tokens else None
    if verb.lemma_.lower() in _HEDGING:
        return "none"  # "A fierce battle appeared to be continuing": the writer is not sure
    if sum(c.dep_ == "dobj" for c in verb.children) > 1:
        return "none"  # "urged citizens in Enerhodar, a key area ...": an aside the parser took for an object
    if any(t.dep_ in {"nummod", "det"} and t.lower_ in _BACK_NUMBERS and t.head.dep_ != "pobj" and (
            t.head.tag_ in {"NNS", "NNPS"} and any(c.dep_ == "det" and c.lower_ == "the" for c in t.head.children)
            or t.lower_ == "both" and t.dep_ == "det") for t in tokens):
        return "vague"  # "the two countries' relations", "both sides": which ones? ("talks between the two
        # countries" after naming them reads)
    if verb.dep_ == "acl" and (verb.tag_ == "VBN" or any(c.dep_ == "agent" for c in verb.children)):
        return "none"  # "A meeting chaired by Andriy Yermak": a participle, no clause
    if verb.lemma_.lower() in _NEEDS_OBJECT and not any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children) \
            and _relative_object(verb)[0] is None and not any(c.dep_ in {"dobj", "ccomp", "xcomp", "prep", "dative", "attr"} and c.i in kept
                        and c.lower_ not in RELATIVES for c in verb.children):
        return "none"  # "The Deputy Head of the Office called": called what, or for what? "Edi Rama visited"
    needed = _VERB_PREPOSITIONS.get(verb.lemma_.lower(), ())
    if any(c.dep_ == "prep" and c.lower_ in needed and c.i not in kept for c in verb.children) and not any(
            c.dep_ == "prep" and c.lower_ in needed for c in verb.children if c.i in kept):
        return "none"  # "Mikhail Afanasyev was accused [of spreading fake news]": of what?
    if last is not None and last.pos_ == "VERB" and last.i != verb.i and any(
            c.dep_ in {"dobj", "ccomp", "xcomp", "prep"} and c.i not in kept
            and not any(x.ent_type_ in {"DATE", "TIME"} for x in c.subtree) for c in last.children):
        return "none"  # "... aimed to counter": counter what? "forces were moving [towards Lysychansk]"
    if last is not None and last.lower_ in _EMPTY_WORDS | _PARTITIVES and any(
            c.dep_ in {"prep", "relcl", "acl"} and c.i not in kept for c in last.children):
        return "none"  # "the Trust Fund should become one [of the instruments ...]": one of what?
    if tokens and tokens[0].lower_ in RELATIVES | _WH:
        return "vague"
    if any(t.i != verb.i and t.pos_ in {"VERB", "AUX"} and any(
            c.dep_ in {"nsubj", "nsubjpass", "csubj"} and c.i not in kept and c is not subject
            and c.lower_ not in RELATIVES for c in t.children) for t in tokens):
        return "none"  # "Has shown that the aggressor ..., X said": the reported words lost their subject
        # ("The last week", a date phrase), so they start with a bare verb
    for t in tokens:
        if t.dep_ in {"nsubj", "nsubjpass", "dobj", "pobj"} and t.lemma_.lower() in _RELATIONAL and any(
                c.dep_ in {"acl", "prep"} and c.i not in kept
                and not any(x.ent_type_ in {"DATE", "TIME"} for x in c.subtree) for c in t.children):
            return "vague"  # "Russia's decision [to resume gas flows] brought relief": which decision?
        causative = t.dep_ == "dobj" and t.head.lemma_.lower() in _CAUSATIVE  # "had the men [sentenced]"
        if t.lemma_.lower() in _BACK_REFERENCES and t.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ == "the" for c in t.children) and not any(
                c.i in kept and c.lower_ not in _SEQUENCE_ADJECTIVES
                and (c.dep_ in {"amod", "compound", "poss", "prep", "nummod", "nmod", "relcl"}
                     or c.dep_ == "acl" and not causative) for c in t.children):
            return "vague"  # "carried the message to Washington", "Russia had the men sentenced", "the next
            # hearing is planned": which?
    if any(t.lower_ in {"which", "whom", "whose"} for t in tokens):
        return "vague"  # "The volume of which is expected to reach record levels": of what?
    if any(t.lemma_ == "be" and any(c.dep_ == "attr" and c.lemma_.lower() in _EMPTY_WORDS and c.i in kept
                                    for c in t.children) for t in tokens):
        return "vague"  # "Russia's invasion of Ukraine is something [that ...]"
    finite = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    if not finite & {"VBD", "VBZ", "VBP", "MD"}:
        return "none"
    if verb.lemma_ == "be" and not any(c.dep_ in {"attr", "acomp", "prep", "oprd"} for c in verb.children
                                       if c in tokens):
        return "none"
    return ""


def _is_name(token: Token) -> bool:
    """A word that names someone or something a reader can place: a proper noun or a named entity."""
    return token.pos_ == "PROPN" or token.ent_type_ in _NAME_ENTITIES


def _between_conjuncts(comma: Token, kept: set[int]) -> bool:
    """A comma right before a kept conjunct of a kept word: "malls, apartment buildings"."""
    after = comma.doc[comma.i + 1] if comma.i + 1 < len(comma.doc) else None
    if after is None or after.i not in kept:
        return False
    conjunct = next((a for a in (after, *after.ancestors) if a.left_edge.i == after.i and a.dep_ == "conj"), None)
    return conjunct is not None and conjunct.head.i in kept and conjunct.head.i < comma.i


def _words(tokens: list[Token]) -> list[str]:
    words: list[str] = []
    last: list[Token] = []  # the token each word ends with
    previous = None
    kept = {t.i for t in tokens}
    for t in tokens:
        if t.text == "," and words and previous is not None and previous.i == t.i - 1 and _between_conjuncts(t, kept):
            words[-1] += ","  # "striking malls, apartment buildings": a list keeps its commas
            previous = None
            continue
        if t.is_punct and t.text not in {"-", "'", "%"}:
            previous = None
            continue
        if previous is not None and previous.i + 1 == t.i and not previous.whitespace_ and words:
            words[-1] += t.text  # written together: "cannot", "Zelensky's", "50%"
            last[-1] = t
        else:
            words.append(t.text)
            last.append(t)
        previous = t
    # a word left without what followed it goes ("signed an agreement with"); a particle stays ("go in")
    while words and (words[-1].lower() in _DANGLING and last[-1].dep_ != "prt" or words[-1] in _DASHES | {"-"}):
        words.pop()  # (and a dash whose aside went: "worked in three regions - [Donetsk, Luhansk]")
        last.pop()
    return words
