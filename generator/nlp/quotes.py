"""Quotes: what an article quotes, and whose words they are (the speaker itself is resolved by
speakers.py).

Three kinds: direct (whole statements in quote marks, or clearly verbatim words whose marks a
scraper stripped), partial (a quoted fragment inside the writer's sentence) and indirect
(reported speech: "X said that ...", "according to X"). The speaker is the actor named, with
pronouns ("he said") resolved to the last person mentioned outside quotes and titles ("the
president") resolved through the titles the article gave its people. Transcripts
("Vladimir Putin: ...") and first-person addresses whose headline names the speaker are
attributed to that speaker. The nouns that name statements are data: `data/quotes.yml`.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Optional

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported only by the stage that parses (see nlp.py)
    from spacy.tokens import Doc, Span, Token

from generator.nlp import gazetteer, lexicon
from generator.nlp.actors import ArticleActors
from generator.briefing.records import Quote, unique_by_id
from generator.nlp.speakers import NAMING_LEMMAS, PERSON_NOUNS, SpeakerResolver, speech_verb, subject_of, words_after_comma

# Nouns that name a statement ("assurances that ...") and verbs by which their speaker makes them.
_CLAIM_NOUNS = lexicon.words("quotes", "claim_nouns")
_ATTRIBUTION_VERBS = lexicon.words("quotes", "attribution_verbs")
_MAKING_LEMMAS = lexicon.words("quotes", "making_lemmas")
_ADDRESS = re.compile(r"\b(address|speech|statement|remarks|message|appeal|interview|video address)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(I|we|We|our|Our|my|My|us|me)\b")
# A speaker label: title-case words (a name with its titles) and a colon, at a paragraph start or
# after a sentence end. Words are separated by exactly one space, so the pattern is linear (a run of
# capitals once backtracked exponentially); `_label_fits` then asks for 2-14 name tokens as before.
_LABEL_WORD = r"(?:(?:of|the|and)*[A-Z][\w'\-.]*|(?:of|the|and)+)"
# A label may end in a bracketed note: "... of the Russian Direct Investment Fund(RDIF):", "President
# of Iran (retranslated):".
_LABEL = re.compile(r"(?:^|(?<=[.!?*>…]\s)|(?<=\n))(" + _LABEL_WORD + r"(?: " + _LABEL_WORD + r"){0,13})"
                    r"(?: ?\([^()\n]{1,40}\))? ?:\s+(?=\S)", re.M)
# A first label run on after a separator and a heading: "* * * Address at the meeting of the Supreme
# Eurasian Economic Council President of Russia Vladimir Putin: Good afternoon, colleagues."
_HEADED_LABEL = re.compile(r"\* \* \*\s+[^:\n]{0,200}?\b((?:President|Prime Minister|Chairman|Minister|Head) "
                           r"(?:of|the|and|[A-Z][\w'\-.]*)(?: (?:of|the|and|[A-Z][\w'\-.]*)){0,10}) ?:\s+(?=\S)")
_LABEL_PARTS = re.compile(r"((?:of|the|and)*)([A-Z][\w'\-.]*)?")
_FUNCTION_WORD = re.compile(r"of|the|and")
_CAPITAL = re.compile(r"[A-Z]")
_TRAILING = re.compile(r"(?:of|the|and)$")


def _label_fits(label: str) -> bool:
    """Whether the label reads as 2 to 14 tokens (a title-case word or of/the/and); a word such as
    "PUTIN" or "McDonald" may count as one token or as several, as the earlier pattern allowed."""
    fewest = most = 0
    for word in label.split(" "):
        prefix, capitalised = _LABEL_PARTS.fullmatch(word).groups()
        function_words = len(_FUNCTION_WORD.findall(prefix))
        fewest += function_words + (1 if capitalised else 0)
        if capitalised:  # "PUTIN" is P+UTIN, "Xof" is X+of
            most += function_words + 1 + len(_CAPITAL.findall(capitalised, 1)) + bool(_TRAILING.search(capitalised, 1))
        else:
            most += function_words
    return fewest <= 14 and most >= 2


@dataclass(frozen=True)
class _QuoteSpan:
    start: int  # character offsets of the words, without the marks
    end: int


def quote_id(article: str, text: str) -> str:
    return "q-" + hashlib.sha1(f"{article}\n{' '.join(text.split())}".encode()).hexdigest()[:10]


def extract_quotes(doc: Doc, article: str, actors: ArticleActors, headline: str = "",
                   headline_speaker: Optional[str] = None,
                   turns: Optional[list[tuple[str, int, int]]] = None,
                   marked: Optional[list[_QuoteSpan]] = None) -> list[Quote]:
    """Every quote of an article; `turns` and `marked` (transcript turns, quote-marked spans) are
    passed in when the caller has them already."""
    text = doc.text  # spaCy rebuilds Doc.text on every access: read it once
    turns = transcript_turns(doc, actors) if turns is None else turns
    marked = marked_spans(text) if marked is None else marked
    resolver = SpeakerResolver(doc, text, actors, [(q.start, q.end) for q in marked])
    sentences = list(doc.sents)
    covered: list[tuple[int, int]] = []

    collected: list[tuple[int, Quote]] = []

    def add(words: str, kind: str, speaker: Optional[str], sentence: str, start: int, end: int,
            method: Optional[str] = None) -> None:
        """`method`: how the speaker was found (the resolver's last rule when not given)."""
        words = " ".join(words.split()).strip(" ,")
        if len(words) < 2:
            return
        covered.append((start, end))
        found_by = (method if method is not None else resolver.last_rule or "") if speaker else ""
        via = relay_of(doc, start, end, speaker, actors) if method is None else ""
        collected.append((start, Quote(id=quote_id(article, words), text=words, kind=kind, speaker_name=speaker,
                                       article=article, sentence=" ".join(sentence.split()), method=found_by,
                                       via=via)))

    interview = interview_turns(text) if not turns and headline_speaker and _INTERVIEW.search(headline) else []
    if interview:  # "- President Zelenskyy, ...? - What are the troops ... used for? ...": question, answer
        intro_end = interview[0][0]
        # the outlet: the last actor of the introduction that is no person ("Interview of President of
        # Ukraine Volodymyr Zelenskyy to the Italian newspaper La Repubblica"), whatever kind it was given
        intro = [(ent, key) for ent, key in actors.spans if ent.end_char <= intro_end]
        after = max((ent.end_char for ent, key in intro if actors.mentions[key].kind == "person"), default=0)
        outlet = next((actors.mentions[key].name for ent, key in reversed(intro)
                       if ent.start_char >= after and actors.mentions[key].kind != "person"), None)
        for start, end, question in interview:
            add(text[start:end], "direct", outlet if question else headline_speaker, text[start:end], start, end,
                "interview" if not question or outlet else None)
    for speaker, start, end, method in ([] if interview else _transcript_paragraphs(text, turns, headline_speaker)):
        add(text[start:end], "direct", speaker, text[start:end], start, end, method)
    for q in marked:
        if any(s <= q.start < e for s, e in covered):
            continue
        span = doc.char_span(q.start, q.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        sent = span[0].sent
        last_sent = span[-1].sent
        kind = _marked_kind(text, q)
        if kind == "partial" and _scare_quotes(span):
            continue
        speaker = resolver.speaker_for_marked(span, kind)
        add(text[q.start:q.end], kind, speaker, text[sent.start_char:last_sent.end_char], q.start, q.end)
    stripped = not marked and '"' not in text
    for index, sent in enumerate(sentences):
        marks = [(s, e) for s, e in covered if s < sent.end_char and sent.start_char < e]
        if any(e - s > 60 for s, e in marks):
            continue  # the sentence is (part of) someone's quoted words
        # "Two floors were destroyed, Kim said, adding that it was "impossible to restore ..."": a
        # statement beside a quoted fragment is a quote of its own; one around the fragment is not.
        statements = [st for st in _reported(sent, stripped)
                      if not any(st[1].start_char < e and s < st[1].end_char for s, e in marks)]
        if not statements and index > 0:
            announced = _announced_by(sent, sentences[index - 1])
            if announced is not None:
                kind, content, speaker_token = announced
                speaker = resolver.resolve(speaker_token)
                add(content.text, kind, speaker, f"{content.text} {sent.text}", content.start_char, content.end_char)
                continue
        for kind, content, speaker_token in statements:
            start, end = content.start_char, content.end_char
            if kind == "direct" and stripped:
                start = _extend_to_paragraph_start(text, sentences, index, start)
            if speaker_token is not None and resolver.subject_of_quoted_words(speaker_token):
                speaker_token = None  # the subject of someone's quoted words, not their speaker
            speaker = resolver.resolve(speaker_token) if speaker_token is not None else None
            add(text[start:end], kind, speaker, text[min(start, sent.start_char):sent.end_char], start, end)
    collected.sort(key=lambda item: item[0])
    return unique_by_id([quote for _, quote in collected])


def marked_spans(text: str) -> list[_QuoteSpan]:
    """Straight double quotes (the text is normalised), including multi-paragraph quotes whose
    paragraphs reopen with a mark and never close until the last one."""
    spans, pos = [], 0
    while True:
        open_at = text.find('"', pos)
        if open_at < 0:
            return spans
        close = text.find('"', open_at + 1)
        para_end = text.find("\n\n", open_at)
        while close >= 0 and 0 <= para_end < close:
            # The quote runs across paragraphs only if the next paragraph reopens with a mark.
            nxt = para_end + 2
            while nxt < len(text) and text[nxt] in " \n":
                nxt += 1
            if nxt < len(text) and text[nxt] == '"' and text.find('"', nxt + 1) >= 0:
                if close == nxt:  # the paragraph never closed: its mark was the next one's reopening
                    close = text.find('"', nxt + 1)
                para_end = text.find("\n\n", nxt)
                continue
            close = -1
        if close < 0:
            # A quotation the writer never closed ('added: "Of course, I cannot rule it out. ...'
            # to the paragraph's end): it runs to the end of its paragraph when it opens one or follows
            # a colon; any other stray mark is no quote.
            lead = text[max(0, open_at - 2):open_at]
            end = para_end if para_end >= 0 else len(text)
            if (lead.endswith(": ") or open_at == 0 or lead.endswith("\n")) and '"' not in text[open_at + 1:end]:
                spans.append(_QuoteSpan(open_at + 1, end))
                pos = end
            else:
                pos = open_at + 1
            continue
        inner_start = open_at + 1
        if text[close + 1: close + 2].isalnum() and _attribution_between(text[max(inner_start, close - 40):close]):
            pos = close  # a stray mark before an attribution: the "closing" mark, on its word, opens the quotation
            continue
        if close - inner_start > 1:
            spans.append(_QuoteSpan(inner_start, close))
        pos = close + 1


def _attribution_between(tail: str) -> bool:
    """Whether the inside of a pair of marks ends as an attribution does ("... Blinken said, "): a
    verb of speech and a comma or colon (`attribution_verbs`)."""
    tail = tail.rstrip()
    if not tail.endswith((",", ":")):
        return False
    words = tail[:-1].split()
    return bool(words) and words[-1].lower() in _ATTRIBUTION_VERBS


def _marked_kind(text: str, q: _QuoteSpan) -> str:
    """Direct when the marks enclose a statement; partial when they enclose a fragment."""
    before = text[max(0, q.start - 3): q.start - 1].rstrip(" ")
    inner = text[q.start:q.end].strip()
    words = len(inner.split())
    opens_statement = not before or before[-1] in ".:,!?\n" or before[-1] == "—"
    if inner[:1].isupper() and (opens_statement or words >= 6) and words >= 3:
        return "direct"
    if inner[-1:] in ".,!?" and words >= 4:
        return "direct"
    return "partial"


def relay_of(doc: Doc, start: int, end: int, speaker: Optional[str], actors: ArticleActors) -> str:
    """The organisation that relayed a person's words, named in the quote's sentence outside the quote:
    "according to Tass, X had said", "X said ..., Tass reported" ('' when the sentence names none, when
    no one in it says anything, or when the relay is inside the words: Zelensky's own "According to the
    UN, hunger will ...")."""
    if speaker is None:
        return ""
    token = doc.char_span(start, start + 1, alignment_mode="expand")
    if token is None or not len(token):
        return ""
    sent = token[0].sent
    if not any(speech_verb(t) and t.lemma_.lower() not in _RELAY_LEMMAS and not start <= t.idx < end for t in sent):
        return ""
    for t in sent:
        if start <= t.idx < end:
            continue
        target = None
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            target = next((c for c in doc[t.i + 1].children if c.dep_ == "pobj"), None)
        elif t.lemma_.lower() in _RELAY_LEMMAS and t.pos_ == "VERB":
            target = next((c for c in t.children if c.dep_ == "nsubj"), None)
        keys = actors.keys_between(target.left_edge.i, target.i + 1) if target is not None else ()
        key = next((k for k in keys if actors.mentions[k].kind == "organization"), None)
        if key is not None and key != speaker and actors.mentions[key].kind == "organization" \
                and actors.mentions.get(speaker) is not None and actors.mentions[speaker].kind == "person":
            return key
    return ""


_RELAY_LEMMAS = frozenset({"report", "quote", "cite"})  # what an outlet does with someone's words


def _relays(verb: Token, content: Span) -> bool:
    """Whether a statement credited to a source ("according to Tass, ...") reports what someone else
    said: a speech verb in it whose subject is a person ('Meta's lawyer, Victoria Shagina had said')."""
    subject = subject_of(verb) if speech_verb(verb) else None
    if subject is None or subject.dep_ != "nsubj" or not content.start <= subject.i < content.end:
        return False
    people = [subject] + [c for c in subject.children if c.dep_ == "appos"]
    return any(t.ent_type_ == "PERSON" or t.lemma_.lower() in PERSON_NOUNS for t in people)


def _subject_after_comma(verb: Token) -> Optional[Token]:
    """'After the capture of ..., a number of Russian officials said ...' parsed with no subject: the
    head of the words between the last comma and the verb."""
    region = words_after_comma(verb)
    if region is None or len(region) < 1:
        return _name_before_apposition(verb) if region is not None else None
    root = region.root
    return root if root.pos_ in {"NOUN", "PROPN", "PRON"} else None


def _name_before_apposition(verb: Token) -> Optional[Token]:
    """'..., but Mykhailo Podolyak, an adviser to Ukraine's president, Volodymyr Zelenskiy, said' parsed
    with no subject: the name that ends a comma-delimited part followed by a description ("an adviser"),
    the farthest of the three parts before the verb."""
    sent = verb.sent
    commas = [t.i for t in sent if t.text == "," and t.i < verb.i][-4:]
    for before, after in zip(commas, commas[1:]):
        name = verb.doc[before - 1]
        if name.ent_type_ == "PERSON" and verb.doc[before + 1].lower_ in {"a", "an", "the"} and after > before + 2:
            return name
    return None


def _scare_quotes(span: Span) -> bool:
    """'Russia launched its "special military operation"': a short quoted name in a sentence where
    nobody speaks or calls anything is the writer's distance, not a quote."""
    if len(span) > 5:
        return False
    sentence = span[0].sent
    return not any(speech_verb(t) or t.lemma_.lower() in NAMING_LEMMAS
                   for t in sentence if not span.start <= t.i < span.end)


def _reported(sent: Span, stripped: bool) -> list[tuple[str, Span, Optional[Token]]]:
    """Reported speech in one sentence: (kind, content span, speaker token) for each statement
    ("Ukraine rejected Russian claims that ..., saying the attack killed 23")."""
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and token.nbor().lower_ == "to":
            pobj = next((c for c in token.nbor().children if c.dep_ == "pobj"), None)
            if pobj is None:
                continue
            phrase_start = token.i - 1 if token.i > sent.start and token.nbor(-1).is_punct else token.i
            phrase_end = max(t.i for t in pobj.subtree) + 1
            # The statement is the rest of the sentence, before and after the phrase: the longer part
            # (a leading "In the Luhansk region," is a setting, not the statement).
            before, after = _trim(sent.doc[sent.start:phrase_start]), _trim(sent.doc[phrase_end:sent.end])
            content = max((p for p in (before, after) if p is not None), key=len, default=None)
            if content is not None and any(_relays(t, content) for t in content):
                break  # "According to Tass, Meta's lawyer had said in court that ...": the lawyer's words
            return [("indirect", content, pobj)] if content is not None and len(content) > 3 else []
    found: list[tuple[str, Span, Optional[Token]]] = []
    for verb in sent:
        if not (speech_verb(verb) or _stance(verb)):
            continue
        # Reported speech follows its verb ("officials said Russia had shelled ..."); a clause before
        # the verb counts only when nothing follows ("The talks failed, officials said").
        comps = [c for c in verb.children if c.dep_ in {"ccomp", "parataxis"}]
        comp = next((c for c in comps if c.i > verb.i), comps[0] if comps else None)
        if comp is None:
            # "expressed the hope that ...", "denied the report that ...": a noun with a that-clause.
            obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
            if obj is not None:
                comp = next((c for c in obj.children if c.dep_ in {"acl", "ccomp", "relcl"}
                             and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)), None)
        subject = subject_of(verb) or _subject_after_comma(verb)
        if comp is None or subject is None or subject.i > verb.i and comp.i > verb.i:
            continue
        if comp.i < verb.i and speech_verb(comp) and subject_of(comp) is not None \
                and any(c.dep_ == "ccomp" and c.i > comp.i for c in comp.children):
            continue  # "Lithuania has told Kaliningrad it will block ..., the governor said": Lithuania's words
        # "said its forces were defending ..., adding that ...": the added statement is a quote of its own
        added = {t.i for d in comp.subtree if d.i != comp.i and d.dep_ == "advcl" and d.tag_ == "VBG"
                 and speech_verb(d) and d.i > comp.i for t in d.subtree}
        tokens = sorted((t for t in comp.subtree if t.i not in added), key=lambda t: t.i)
        if added:
            tokens = [t for t in tokens if t.i < min(added)]
        relay = next((t for t in tokens if t.lemma_.lower() in _RELAY_LEMMAS and t.pos_ == "VERB" and t.i > tokens[0].i
                      and (relayer := subject_of(t)) is not None and relayer.left_edge.i > 0
                      and sent.doc[relayer.left_edge.i - 1].text == ","), None)
        if relay is not None:  # "the army was ready, Reuters reported": the relay is no part of the words
            tokens = [t for t in tokens if t.i < subject_of(relay).left_edge.i - 1]
            if not tokens:
                continue
        if _stance(verb):  # "made it clear they expected ...": the statement follows "clear"
            clear = next(c for c in verb.children if c.lower_ == "clear")
            tokens = [t for t in tokens if t.i > clear.i] or tokens
        content = _trim(sent.doc[tokens[0].i: tokens[-1].i + 1])
        if content is None or len(content) < 4:
            continue
        comp_before = tokens[-1].i < subject.i
        if comp_before and stripped and _looks_verbatim(content, subject, verb):
            content = sent.doc[sent.start: min(subject.i, verb.i)]
            return [("direct", _trim(content) or content, subject)]
        if content[0].lower_ == "that":
            content = content[1:]
        if _open_question(content, verb):
            continue  # "did not say what actions governments should take": no statement is reported
        found.append(("indirect", content, subject))
    claim = _claim(sent)
    if claim is not None:
        found.append(claim)
    statements = []
    for item in sorted(found, key=lambda f: -len(f[1])):  # a statement inside another is part of it
        if not any(item[1].start < other[1].end and other[1].start < item[1].end for other in statements):
            statements.append(item)
    if statements:
        return sorted(statements, key=lambda f: f[1].start)
    trailing = _trailing_attribution(sent, stripped)
    return [trailing] if trailing is not None else []


def _open_question(content: Span, verb: Token) -> bool:
    """Whether reported words are a question left open ("said what ...", "asked whether ...", "warned of
    how Russia would retaliate"), not a statement; "described how X did Y" tells what happened."""
    first = content[0]
    if first.lower_ not in {"whether", "if"} and first.tag_ not in {"WDT", "WP", "WRB"}:
        return False
    return not (first.lower_ == "how" and verb.lemma_.lower() in {"describe", "recount", "reveal", "recall"})


def _claim(sent: Span) -> Optional[tuple[str, Span, Optional[Token]]]:
    """'offered assurances that ...', 'despite assurances by Putin that ...', 'rejected Russian claims
    that ...': a statement named by a noun with its that-clause. The speaker is the noun's author
    ('by X', "X's"), or whoever offers or makes it; nobody named when it is rejected or unattributed."""
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in _CLAIM_NOUNS:
            continue
        clause = next((c for c in noun.children if c.dep_ in {"acl", "ccomp", "relcl"}
                       and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children)), None)
        if clause is None:
            continue
        tokens = sorted(clause.subtree, key=lambda t: t.i)
        content = _trim(sent.doc[tokens[0].i + (tokens[0].lower_ == "that"): tokens[-1].i + 1])
        if content is None or len(content) < 4:
            continue
        author = next((g for c in noun.children if c.dep_ == "prep" and c.lower_ == "by"
                       for g in c.children if g.dep_ == "pobj"), None)
        author = author or next((c for c in noun.children if c.dep_ == "poss"), None)
        if author is None and noun.dep_ == "dobj" and noun.head.lemma_.lower() in _MAKING_LEMMAS:
            author = subject_of(noun.head)
        return "indirect", content, author
    return None


def _announced_by(sent: Span, previous: Span) -> Optional[tuple[str, Span, Token]]:
    """'<statement>. This was announced by Iryna Vereshchuk.': the previous sentence is reported."""
    root = sent.root
    if not speech_verb(root) or not any(c.dep_ == "auxpass" for c in root.children):
        return None
    subject = next((c for c in root.children if c.dep_ == "nsubjpass"), None)
    agent = next((c for c in root.children if c.dep_ == "agent"), None)
    if subject is None or subject.lower_ not in {"this", "it", "that"} or agent is None:
        return None
    speaker = next((c for c in agent.children if c.dep_ == "pobj"), None)
    content = _trim(previous)
    return ("indirect", content, speaker) if speaker is not None and content is not None else None


def _trailing_attribution(sent: Span, stripped: bool) -> Optional[tuple[str, Span, Optional[Token]]]:
    """'<statement>, Mykhailo Podolyak, an adviser to Zelenskyy, tweeted after ...': found by shape
    when the parser attaches the name as an apposition of the statement's subject."""
    doc = sent.doc
    for verb in sent:
        if not speech_verb(verb) or verb.i - sent.start < 4 or verb.tag_ not in {"VBD", "VBZ", "VBN", "VBP"}:
            continue
        if any(c.dep_ in {"dobj", "ccomp", "xcomp", "dative"} and c.i > verb.i for c in verb.children):
            continue  # "..., Zelenskyy stressed the importance of ...": the verb has its own object
        end = verb.i  # the speaker ends right before the verb, or before an apposition in commas
        if doc[end - 1].text == ",":
            comma = next((i for i in range(end - 2, sent.start, -1) if doc[i].text == ","), None)
            if comma is None:
                continue
            end = comma
        speaker_ent = next((e for e in sent.ents if e.end == end and e.label_ in {"PERSON", "ORG", "GPE", "NORP"}), None)
        if speaker_ent is not None:
            start, speaker = speaker_ent.start, speaker_ent.root
        elif doc[end - 1].lower_ in {"he", "she", "they"} or doc[end - 1].pos_ in {"NOUN", "PROPN"}:
            start, speaker = end - 1, doc[end - 1]
            while start > sent.start and doc[start - 1].pos_ in {"ADJ", "PROPN", "NOUN", "DET", "COMPOUND"}:
                start -= 1
        else:
            continue
        if start - 1 <= sent.start or doc[start - 1].text != ",":
            continue
        content = _trim(doc[sent.start: start - 1])
        if content is None or len(content) < 4:
            continue
        verbatim = stripped and _looks_verbatim(content, speaker, verb)
        return ("direct" if verbatim else "indirect"), content, speaker
    return None


def _stance(verb: Token) -> bool:
    """'made it clear (that)', 'have been clear (that)': statements without a speech verb."""
    return verb.lemma_ in {"make", "be"} and any(c.lower_ == "clear" for c in verb.children)


def _looks_verbatim(content: Span, subject: Token, verb: Token) -> bool:
    """Stripped-mark quotes read like speech: first/second person, an adverb opener, or a person
    (not a news outlet "reporting") speaking."""
    text = content.text
    if re.search(r"\b(I|we|our|us|you|my)\b", text) or re.match(r"^[A-Z][a-z]+ly,", text):
        return True
    return verb.lemma_ not in {"report", "learn"} and (subject.ent_type_ in {"PERSON", "ORG"} and subject.pos_ == "PROPN")


def _trim(span: Span) -> Optional[Span]:
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_punct or span.doc[start].is_space):
        start += 1
    while end > start and (span.doc[end - 1].is_punct or span.doc[end - 1].is_space):
        end -= 1
    return span.doc[start:end] if end > start else None


def _extend_to_paragraph_start(text: str, sentences: list[Span], index: int, start: int) -> int:
    """A quote whose marks were stripped may begin sentences earlier, at its paragraph start, when
    nothing in between is attributed to anyone else."""
    sent = sentences[index]
    para_start = text.rfind("\n", 0, sent.start_char) + 1
    for prev in reversed(sentences[:index]):
        if prev.start_char < para_start:
            break
        if any(speech_verb(t) or t.lower_ == "according" for t in prev):
            return start
    return para_start if para_start < sent.start_char else start


def _transcript_paragraphs(text: str, turns: list[tuple[str, int, int]], headline_speaker: Optional[str]):
    """Speech in transcripts and addresses, one quote per paragraph: (speaker, start, end, method),
    the method "transcript" (a labelled turn) or "headline" (an address whose headline names its speaker).

    A transcript labels each turn with its speaker, at a paragraph start or inline after a
    sentence ("* * * President of Russia Vladimir Putin: Good afternoon, colleagues."); the turn
    runs to the next label. In an address whose headline names its speaker, every first-person
    paragraph is that speaker's."""
    for speaker, speech_start, speech_end in turns:
        for found in _paragraph_spans(text, speaker, speech_start, speech_end):
            yield *found, "transcript"
    if turns or not headline_speaker:
        return
    offset = 0
    for paragraph in text.split("\n"):
        start, offset = offset, offset + len(paragraph) + 1
        if paragraph.strip() and _FIRST_PERSON.search(paragraph):
            for found in _paragraph_spans(text, headline_speaker, start, start + len(paragraph)):
                yield *found, "headline"


_INTERVIEW = re.compile(r"\binterview", re.I)
# A turn of an interview printed as dashes: "- " at a line start or after a sentence's end, before a
# capital (fixed-width look-behind and look-ahead: linear).
_TURN = re.compile(r"(?:^|(?<=[.?!…\"”»)])[ \t]+)[-–—][ \t]+(?=[A-Z«“\"])", re.M)
MIN_INTERVIEW_QUESTIONS = 2


def interview_turns(text: str) -> list[tuple[int, int, bool]]:
    """(start, end, is a question) of each turn of an interview printed as "- Question? - Answer. ...",
    or [] when the text is not one (fewer than two questions and two answers, or it does not open
    with a question)."""
    marks = list(_TURN.finditer(text))
    turns = []
    for n, mark in enumerate(marks):
        start, end = mark.end(), marks[n + 1].start() if n + 1 < len(marks) else len(text)
        words = text[start:end].rstrip()
        if words:  # (an answer may end in a question of its own: a question never follows a question)
            turns.append((start, start + len(words), words.endswith("?") and not (turns and turns[-1][2])))
    questions = sum(1 for *_, q in turns if q)
    if not turns or not turns[0][2] or questions < MIN_INTERVIEW_QUESTIONS or len(turns) - questions < MIN_INTERVIEW_QUESTIONS:
        return []
    return turns


def transcript_turns(doc: Doc, actors: ArticleActors) -> list[tuple[str, int, int]]:
    """(speaker, start, end) of each labelled turn of a transcript: from after its label
    ("President of Russia Vladimir Putin:") to the next label."""
    text = doc.text
    persons = [(ent.start_char, ent.end_char, key) for ent, key in actors.spans
               if actors.mentions[key].kind == "person"]
    labels = []
    for m in [*_LABEL.finditer(text), *_HEADED_LABEL.finditer(text)]:
        if not _label_fits(m.group(1)) or any(start <= m.start(1) < end for start, end, _ in labels):
            continue
        s, e = m.start(1), m.end(1)
        who = [k for a, b, k in persons if s <= a and b <= e]
        if who:
            labels.append((s, m.end(), who[-1]))
    labels.sort()
    return [(speaker, speech_start, labels[n + 1][0] if n + 1 < len(labels) else len(text))
            for n, (_, speech_start, speaker) in enumerate(labels)]


def _paragraph_spans(text: str, speaker: str, start: int, end: int):
    for match in re.finditer(r"[^\n]+", text[start:end]):
        words = match.group(0).strip().rstrip("*<>… ").strip()
        if len(words) > 1:
            lead = len(match.group(0)) - len(match.group(0).lstrip())
            yield speaker, start + match.start() + lead, start + match.start() + lead + len(words)


def headline_speaker(headline: str, title_doc: Doc) -> Optional[str]:
    """'Address by President of Ukraine Volodymyr Zelenskyy' -> 'Volodymyr Zelenskyy'."""
    if not _ADDRESS.search(headline):
        return None
    for ent in title_doc.ents:
        if ent.label_ == "PERSON" and len(ent.text.split()) > 1:
            return ent.text
    m = re.search(r"(?:President|Prime Minister|Minister)(?: of [A-Z]\w+)? ((?:[A-Z][\w\-]+ ){1,2}[A-Z][\w\-]+)", headline)
    if m:
        return m.group(1)
    # "Address by the President of Ukraine to ...": the office's holder.
    m = re.search(r"\b(President|Prime Minister|Chancellor) of (?:the )?([A-Z][\w ]+?)\b(?: to| at| on|$)", headline)
    if m:
        return gazetteer.OFFICE_HOLDERS.get((m.group(1).lower(), gazetteer.canonical_place(m.group(2).strip())))
    return None
