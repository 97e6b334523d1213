"""Key figures: counts and amounts, what they count, who reported them, and how a newspaper writes them.

A number becomes a figure through one named rule, kept as the figure's `method`:

- ``cardinal+noun``: a count and its noun ("500,000 refugees", "three journalists were detained"); a
  count under ten only when its noun or verb is one of `data/figures.yml` (key_nouns, key_verbs);
- ``cardinal+of``: a count through "of" ("76 out of 190 tankers");
- ``measure``: the number of a measure noun ("a population of about 500,000", "the death toll rose to 23");
- ``attribute``: "Of the 144 freed, 95 are Azovstal defenders";
- ``casualty-verb``: a number standing for people as the subject of a casualty verb ("Another 73 were
  injured", "two civilians were killed and seven wounded");
- ``coordinated``: "four missiles hit the university and five hit the port": the noun of the first clause;
- ``partitive``: the noun given earlier in the sentence (or in the sentence before): "1,300 of them have
  surrendered", "144 of its soldiers, including 95 who defended Azovstal";
- ``money``, ``percent``, ``quantity``: an amount with its currency, a percentage, a measure with its
  unit ("$8bn", "a hundred thousand hryvnias", "40%", "160km");
- ``range``: "10-20 km", "two or three tanks", "10 to 20 people" (`value` is the lower bound).

`value` is the number in plain digits (what the evaluator compares); `display` is how a newspaper writes
it ("$500bn", "2 million", "500,000", "12%", "10-20km"); `unit` is the ISO currency code, "%" or the unit
of measure ("" for a count); `what` is the counted thing as a noun phrase.

Not figures: ids, laws and resolutions ("Resolution 2623", "No 127-FZ"), years, ordinals, dates, times,
ages, phone numbers, page furniture ("appears in print on page A7") and numbers inside names ("S-300",
"Boeing 737"). Every rule reads a bounded neighbourhood of tokens; the regular expressions below work on
one entity's text and none can backtrack catastrophically.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Iterable, Optional

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

_SIGNS = lexicon.table("figures", "currency_signs")
_CURRENCY_WORDS = lexicon.table("figures", "currency_words")
_CURRENCIES = lexicon.tables("figures", "currencies")
_PERCENT_WORDS = lexicon.words("figures", "percent_words")
_UNITS = lexicon.table("figures", "units")
_GLUED_UNITS = lexicon.words("figures", "glued_units")
_DISTANCE_UNITS = lexicon.words("figures", "distance_units")
_ID_WORDS = lexicon.words("figures", "id_words")
_FURNITURE = lexicon.ordered("figures", "page_furniture")
_AGE_TIME = lexicon.words("figures", "age_time_words")
_QUANTITY_ADJECTIVES = lexicon.words("figures", "quantity_adjectives")
_MEASURE_NOUNS = lexicon.words("figures", "measure_nouns")
_LIGHT_VERBS = lexicon.words("figures", "light_verbs")
_PARTICIPLES = lexicon.table("figures", "participles")
_LEVEL_VERBS = lexicon.words("figures", "level_verbs")
_MONEY_VERBS = lexicon.words("figures", "money_verbs")
_NOUN_PREPOSITIONS = lexicon.words("figures", "noun_prepositions")
_MONTHS = frozenset(lexicon.ordered("dates", "months"))
_MONTH_ABBREVIATIONS = lexicon.words("figures", "month_abbreviations")

_LABELS = ("CARDINAL", "MONEY", "PERCENT", "QUANTITY")
_PRONOUNS = frozenset(("them", "whom", "these", "those", "us", "which"))
_CONNECTORS = frozenset(("-", "–", "—", "to", "or"))
_MAX_WHAT = 14  # words: what a figure counts is a noun phrase, not the sentence
_MONEY_SCALES = (("tn", 1e12), ("bn", 1e9), ("m", 1e6))
_COUNT_SCALES = ((" trillion", 1e12), (" billion", 1e9), (" million", 1e6))
# One entity's text: a phone number ("+380 44 256 7890"), a number glued to a scale ("8bn", "1.2bn").
_PHONE = re.compile(r"\+?\(?\d{1,4}\)?(?:[ .\-]\d{2,4}){2,}")
_NUMBER_WITH_SUFFIX = re.compile(r"\d[\d,]*(?:\.\d+)?(?:bn|mn|trn|tn|b|m|k|km|kg)?")
_DIGITS = re.compile(r"\d")
_CLOCK = re.compile(r"\d{1,2}[.:]\d\d")  # "23.58" at the head of a live blog entry
_LETTERS = re.compile(r"[^\W\d_]")


def figure_id(article: str, sentence: str, value: str) -> str:
    return "f-" + hashlib.sha1(f"{article}\n{' '.join(sentence.split())}\n{value}".encode()).hexdigest()[:10]


def parse_number(text: str) -> Optional[float]:
    """'at least 500,000' -> 500000; '2 million' -> 2000000; 'dozens' -> None (not a figure)."""
    low = text.lower().replace(",", "")
    m = re.search(r"(\d+(?:\.\d+)?)(?:\s*(bn|mn|trn|tn|b|m|k)\b)?", low)  # "160km" is 160, "8bn" 8e9
    if m:
        value = float(m.group(1)) * _SUFFIX.get(m.group(2) or "", 1)  # "$8bn", "£550m"
    else:
        word = next((w for w in re.findall(r"[a-z]+", low) if w in _WORDS), None)
        half = re.search(r"\bhalf an?\s+(hundred|thousand|million|billion)\b", low)
        if word is None and re.search(r"\b(a|an)\s+(hundred|thousand|million|billion)\b", low):
            word = "one"  # "more than a thousand"
        if word is None:
            return None
        value = 0.5 if half else float(_WORDS[word])  # "half a million" is 500,000
    for word, factor in _SCALE.items():
        if re.search(rf"\b{word}s?\b", low) and not re.search(rf"{word}s of", low):
            value *= factor
    return value


def _format(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:g}"


# ------------------------------------------------------------------------------ how a newspaper writes it

def _mantissa(x: float) -> Optional[str]:
    """'1.5', '2', '6.55'; None when two decimals would round the number."""
    r = round(x, 2)
    if abs(r - x) > 1e-9 * max(1.0, abs(x)):
        return None
    return f"{r:.2f}".rstrip("0").rstrip(".")


def _split(x: float, kind: str) -> tuple[str, str]:
    """The number and its scale as written: ('1.5', ' million'), ('8', 'bn'), ('500,000', '')."""
    scales = _MONEY_SCALES if kind == "money" else _COUNT_SCALES if kind == "count" else ()
    for suffix, scale in scales:
        if x >= scale and (m := _mantissa(x / scale)) is not None:
            return m, suffix
    if x == int(x):
        return f"{int(x):,}", ""
    if kind == "money":
        return f"{x:,.2f}", ""
    return _mantissa(x) or f"{x:g}", ""


def display_number(low: float, high: Optional[float] = None, unit: str = "", kind: str = "count") -> str:
    """'$500bn', '£369bn', '2bn roubles', '2 million', '500,000', '12%', '160km', '100 miles', '2-3 million'.

    kind: 'money' (unit: an ISO code), 'percent', 'quantity' (unit: a unit of measure) or 'count'."""
    if kind == "money" and not unit:
        kind = "count"  # an amount whose currency the text does not say
    lo, lo_scale = _split(low, kind)
    if high is not None:
        hi, hi_scale = _split(high, kind)
        number = f"{lo}-{hi}{hi_scale}" if lo_scale == hi_scale else f"{lo}{lo_scale}-{hi}{hi_scale}"
    else:
        number = lo + lo_scale
    if kind == "money":
        style = _CURRENCIES.get(unit, {})
        if "sign" in style:
            return str(style["sign"]) + number
        return f"{number} {style.get('word', unit)}".strip()
    if kind == "percent":
        return number + "%"
    if unit:
        return number + unit if unit in _GLUED_UNITS else f"{number} {unit}"
    return number


# ------------------------------------------------------------------------------------- finding figures

@dataclass
class _Found:
    start: int  # token span of the number
    end: int
    number: float
    high: Optional[float]
    kind: str  # money | percent | quantity | count
    unit: str
    what: str
    method: str
    noun: Optional[Token]  # the counted noun, for the partitives that follow


def extract_figures(doc: Doc, article: str, actors: ArticleActors) -> list[Figure]:
    found: list[_Found] = []
    taken: set[int] = set()
    furniture: dict[int, bool] = {}

    def consider(span: Span) -> None:
        sent = span.sent
        if sent.start not in furniture:
            low = sent.text.lower()
            furniture[sent.start] = any(phrase in low for phrase in _FURNITURE)
        if furniture[sent.start]:
            return
        item = _figure(doc, span, found)
        if item is not None:
            found.append(item)
            taken.update(range(item.start, item.end))

    for ent in doc.ents:
        if ent.label_ in _LABELS and ent.start not in taken:  # (the upper bound of a range is taken)
            consider(ent)
    for span in _missed_numbers(doc, taken):  # numbers the entity recogniser did not mark
        if not any(i in taken for i in range(span.start, span.end)):
            consider(span)
    figures = []
    ids: set[str] = set()
    amounts: set[tuple[float, Optional[float], str]] = set()
    for item in sorted(found, key=lambda f: f.start):
        if item.kind == "money":
            if (item.number, item.high, item.unit) in amounts:
                continue  # "£3,850" forecast in one sentence and repeated in three more: one figure
            amounts.add((item.number, item.high, item.unit))
        sent = doc[item.start].sent
        sentence = " ".join(sent.text.split())
        value = _format(item.number)
        fid = figure_id(article, sentence, value)
        if fid in ids:  # "two British nationals ... and another two Britons": the second has an id of its own
            fid = figure_id(article, sentence, f"{value}\n{item.what}")
            if fid in ids:
                continue
        ids.add(fid)
        figures.append(Figure(id=fid, value=value, number=item.number,
                              what=item.what, reported_by=_reporter(sent, actors), article=article,
                              sentence=sentence,
                              display=_approximation(doc, item.start, item.end)
                              + display_number(item.number, item.high, item.unit, item.kind),
                              unit="%" if item.kind == "percent" else item.unit, method=item.method))
    return figures


_APPROXIMATIONS = sorted((tuple(p.split()) for p in lexicon.words("figures", "approximations")), key=len, reverse=True)


def _approximation(doc: Doc, start: int, end: int) -> str:
    """'more than ', 'as many as ' ...: the words that say the number is not exact, inside the number's
    span or just before it ("" when there are none), so that "more than 5,000" is not shown as "5,000"."""
    first = next((t.i for t in doc[start:end] if t.like_num or t.is_digit), start)
    before = [t.lower_ for t in doc[max(0, first - 4): first]]
    for phrase in _APPROXIMATIONS:
        if tuple(before[-len(phrase):]) == phrase:
            return " ".join(phrase) + " "
    return ""


def _missed_numbers(doc: Doc, taken: set[int]) -> Iterable[Span]:
    """Amounts after a currency sign ("€ 1.2bn") and counts before a plural noun ("16 Himars systems")
    that the entity recogniser left unmarked."""
    from spacy.tokens import Span

    i = 0
    while i < len(doc):
        token = doc[i]
        if i in taken or token.ent_type_ in _LABELS:
            i += 1
            continue
        if token.text in _SIGNS and i + 1 < len(doc) and _NUMBER_WITH_SUFFIX.fullmatch(doc[i + 1].text) \
                and not doc[i + 1].ent_type_:
            end = i + 2
            if end < len(doc) and (doc[end].lower_ in _SCALE or doc[end].lower_ in _SUFFIX):
                end += 1
            yield Span(doc, i, end, label="MONEY")
            i = end
            continue
        if token.tag_ == "CD" and not token.ent_type_ and _DIGITS.search(token.text) \
                and token.dep_ == "nummod" and token.head.tag_ in {"NNS", "NNPS"} and token.head.i > i:
            yield Span(doc, i, i + 1, label="CARDINAL")
        i += 1


def _figure(doc: Doc, ent: Span, found: list[_Found]) -> Optional[_Found]:
    start, end, text = ent.start, ent.end, ent.text
    if end < len(doc) and doc[end].lower_.rstrip(".") in _SUFFIX and not doc[end - 1].whitespace_:
        text += doc[end].text.rstrip(".")  # "$550m" tokenised as "$550" "m"
        end += 1
    number = parse_number(text)
    if number is None or _not_a_figure(doc, ent, text, number):
        return None
    if number < 10 and start > 0 and doc[start - 1].lower_ in {"the", "these", "those"}:
        return None  # "the two men": people counted before
    high = _range_high(doc, ent, number)
    if high is not None:
        number = _range_low(ent, number, high)
    elif (following := _next_number(doc, ent)) is not None:  # "two or three tanks": two entities
        other = parse_number(following.text)
        if other is not None and other > number:
            high, end = other, max(end, following.end)
    noun, method = _counted(ent)
    while noun is not None and start <= noun.i < end and noun.lower_.rstrip(".") in _SUFFIX and noun.head.i != noun.i:
        noun = noun.head  # "$100m clean-up operation": the scale is not the noun
    is_key = noun is not None and _is_key(noun)
    verb = None
    if noun is None and (verb := _key_verb(ent)) is not None:
        is_key, method = True, "casualty-verb"
    kind, unit = _kind(doc, ent, start, end, noun)
    if kind == "money" and not unit:
        kind, method = "count", method or "cardinal+noun"  # "more than 40 million Ukrainians" taken for money
    what = None
    if ent.label_ == "CARDINAL" and kind == "count":
        if noun is not None and (noun.pos_ == "PRON" or noun.lower_ in _PRONOUNS):
            partitive = _partitive(ent, noun, found)
            if partitive is not None:
                noun, what = partitive
                is_key, method = _is_key(noun), "partitive"
        elif noun is None and verb is None:
            other = _coordinated(ent) or _including(ent, found) or _elided(ent, found)
            if other is not None:
                noun, what, method = other
                is_key = _is_key(noun)
        if noun is None and verb is None or number < 10 and not is_key:
            return None
    if what is None:
        if kind == "money" or kind == "percent":
            what = _amount_what(ent, end, noun, kind, unit)
        elif kind == "quantity":
            what = _quantity_what(doc, ent, end, unit)
        elif verb is not None:
            what = _verb_what(verb)
        elif noun is not None and method == "measure":
            what = _join(_noun_phrase(noun, noun.left_edge.i, skip=range(start, end)))
        elif noun is not None:
            what = _counted_what(ent, noun)
        else:
            what = ent.label_.lower()
    if kind == "percent" and number == 100 and what == "percent":
        return None  # "our position one hundred percent": an intensifier, not a share of anything
    if kind != "count":
        method = kind
    if high is not None:
        method = "range"
    what = what or {"money": "money", "percent": "percent", "quantity": unit or "quantity"}.get(kind, "number")
    return _Found(start=start, end=end, number=number, high=high, kind=kind, unit=unit, what=what,
                  method=method, noun=noun if verb is None else None)


def _is_key(noun: Token) -> bool:
    lemma = noun.lemma_
    words = {lemma, lemma.lower(), noun.lower_, noun.lower_[:-1] if noun.lower_.endswith("s") else noun.lower_}
    return bool(words & _KEY_NOUNS) or noun.text[:-1] in _KEY_NOUNS  # "Britons"


# ------------------------------------------------------------------------------------- not a figure

def _not_a_figure(doc: Doc, ent: Span, text: str, number: float) -> bool:
    """Ids, laws, years, ordinals, dates, times, ages, phone numbers and numbers inside names."""
    start, end = ent.start, ent.end
    prev = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if prev is not None and prev.lower_ in _ID_WORDS and prev.tag_ != "VBG" and prev.pos_ != "VERB":
        return True  # "Resolution 2623", "No 127-FZ", "page A7"
    for token in ent:
        t = token.text
        if _DIGITS.search(t) and _LETTERS.search(t) and not _amount_token(t):
            return True  # "A7", "p7", "MH17", "G7", "93rd"
        if ":" in t and _DIGITS.search(t) or token.i > start and token.lower_ in _AGE_TIME \
                and doc[token.i - 1].like_num and not doc[token.i - 1].whitespace_:
            return True  # "9:00", "2am"
    low = text.lower()
    if low[-2:] in {"st", "nd", "rd", "th"} and _DIGITS.search(low[-3:-2] or ""):
        return True  # "3rd" (an ordinal the recogniser called a number)
    if prev is not None and prev.text == "-" and start > 1 and doc[start - 2].is_alpha \
            and doc[start - 2].text[:1].isupper():
        return True  # "S-300", "Su-25": a number inside a name
    if after is not None and after.text == "-" and end + 1 < len(doc) and doc[end + 1].is_alpha \
            and doc[end + 1].is_upper:
        return True  # "127-FZ"
    nxt = after
    k = end
    while nxt is not None and nxt.text == "-" and k + 1 < len(doc):
        k += 1
        nxt = doc[k]
    if nxt is not None and (nxt.lower_ in _AGE_TIME or nxt.lower_.split("-")[0] in _AGE_TIME):
        return True  # "18-year-old", "at 9 am"
    if prev is not None and prev.lower_ == "aged":
        return True
    for token in (prev, after):
        if token is not None and (token.lower_ in _MONTHS and (token.lower_ != "may" or token.text == "May")
                                  or token.lower_.rstrip(".") in _MONTH_ABBREVIATIONS and token.text[:1].isupper()):
            return True  # "24 February", "February 24", "26 Jul 2022"
    if _CLOCK.fullmatch(text.strip()) and number < 24 and (start == ent.sent.start or prev is not None and (
            prev.like_num or prev.is_space)):
        return True  # "23.58 Ukraine aims to ...": the time of a live blog entry
    if ent.label_ in {"CARDINAL", "QUANTITY"}:
        if _PHONE.fullmatch(text.strip()) or (prev is not None and prev.text == "+"):
            return True  # "+380 44 256 7890"
        if prev is not None and prev.text == "," and start > 1 and doc[start - 2].ent_type_ == "PERSON" \
                and after is not None and after.text == "," and len(ent) == 1 and number <= 120:
            return True  # "Joe Biden, 79, said"
    if ent.label_ == "CARDINAL":
        head = ent.root.head
        if prev is not None and prev.tag_ in {"NNP", "NNPS"} and head.i == prev.i and head.i < start:
            return True  # "Boeing 737", "Apollo 11"
        if 1900 <= number <= 2100 and "," not in text and not text.count("000"):
            return True  # a year
    return False


def _unsigned(text: str) -> str:
    """'US$40' -> '40', '$20bn' -> '20bn'."""
    for sign in sorted(_SIGNS, key=len, reverse=True):
        if text.startswith(sign):
            return text[len(sign):]
    return text


def _amount_token(text: str) -> bool:
    """'8bn', '$550', 'US$40', '160km', '15-$20bn': digits with a sign or a scale, not a name."""
    return all(_NUMBER_WITH_SUFFIX.fullmatch(_unsigned(part).lower()) for part in text.split("-"))


# ------------------------------------------------------------------------------------- what kind of number

def _kind(doc: Doc, ent: Span, start: int, end: int, noun: Optional[Token]) -> tuple[str, str]:
    """('money', 'USD'), ('percent', '%'), ('quantity', 'km') or ('count', '')."""
    window = list(doc[max(0, start - 2): end])
    for token in reversed(window):  # the nearest sign: "$8bn (£6.55bn)"
        if token.text in _SIGNS:
            return "money", str(_SIGNS[token.text])
        for sign in sorted(_SIGNS, key=len, reverse=True):
            if token.text.startswith(sign) and _DIGITS.search(token.text[len(sign):]):
                return "money", str(_SIGNS[sign])
    after = doc[end] if end < len(doc) else None
    candidates = list(ent) + ([after] if after is not None else []) + ([noun] if noun is not None else [])
    for token in candidates:
        code = _CURRENCY_WORDS.get(token.lower_)
        if code and (token.lower_ not in {"pound", "pounds"} or ent.label_ == "MONEY"):
            return "money", str(code)
    if ent.label_ == "PERCENT":
        return "percent", "%"
    for token in candidates:
        if token.lower_ in _PERCENT_WORDS or token.lower_ == "per" and token.i + 1 < len(doc) \
                and token.nbor().lower_ == "cent":
            return "percent", "%"
    for token in candidates:
        unit = _UNITS.get(token.lower_)
        if unit:
            if unit in {"sq", "cu"}:
                if token.i + 1 < len(doc) and _UNITS.get(token.nbor().lower_):
                    return "quantity", f"{unit} {_UNITS[token.nbor().lower_]}"
                continue
            return "quantity", str(unit)
    if ent.label_ == "MONEY":
        return "money", ""
    if ent.label_ == "QUANTITY" and not any(t.lower_ in {"sq", "square", "cubic"} for t in candidates):
        word = next((t.lower_ for t in ent if t.is_alpha and t.lower_ not in _SCALE and t.pos_ == "NOUN"), "")
        return "quantity", word
    return "count", ""


def _range_high(doc: Doc, ent: Span, low: float) -> Optional[float]:
    """The upper bound of '10-20', 'two or three', '10 to 20', 'between 10 and 20'; None for one number
    or a change ('from 10 to 20')."""
    tokens = list(ent)
    if ent.start > 0 and doc[ent.start - 1].lower_ == "from" or tokens[0].lower_ == "from":
        return None
    between = tokens[0].lower_ == "between"
    for k, token in enumerate(tokens[1:-1], start=1):
        if token.lower_ in _CONNECTORS or between and token.lower_ == "and":
            if _is_number(tokens[k - 1]) and _is_number(tokens[k + 1]):
                high = parse_number(" ".join(t.text for t in tokens[k + 1:]))
                return high if high is not None and high > low else None
    if len(tokens) == 1 and "-" in tokens[0].text:  # "10-20" or "15-$20bn" as one token
        left, _, right = tokens[0].text.partition("-")
        left, right = _unsigned(left), _unsigned(right)
        if _DIGITS.match(left) and _DIGITS.match(right):
            high = parse_number(right)
            return high if high is not None and high > low else None
    return None


def _next_number(doc: Doc, ent: Span) -> Optional[Span]:
    """The entity of the same label right after 'or', 'to' or a dash ('two or three', '10 - 20')."""
    end = ent.end
    if end + 1 >= len(doc) or doc[end].lower_ not in _CONNECTORS or doc[end + 1].ent_iob_ != "B" \
            or doc[end + 1].ent_type_ != ent.label_ or ent.start > 0 and doc[ent.start - 1].lower_ == "from":
        return None
    k = end + 2
    while k < len(doc) and doc[k].ent_iob_ == "I" and k - end < 8:
        k += 1
    return doc[end + 1: k]


def _range_low(ent: Span, low: float, high: float) -> float:
    """'$15-$20bn': the scale written once, after the upper bound, applies to both."""
    if len(ent) == 1 and "-" in ent.text:
        left, _, right = ent.text.partition("-")
        lo, hi = parse_number(_unsigned(left)), parse_number(_unsigned(right))
        if lo == low and hi is not None and hi == high and high >= 1000 * low:
            factor = high / float(re.sub(r"[^\d.]", "", _unsigned(right).replace(",", "")) or 1)
            return low * factor if factor > 1 and low * factor < high else low
    return low


def _is_number(token: Token) -> bool:
    return token.like_num or token.lower_ in _WORDS or token.lower_ in _SCALE


# ------------------------------------------------------------------------------------- what it counts

def _counted(span: Span) -> tuple[Optional[Token], str]:
    """The noun a number counts and how it was found: its head for 'nummod', the noun inside the
    entity ("a hundred thousand hryvnias"), the object of 'of', a measure noun ("a population of
    500,000") or the attribute of 'be' ("95 are Azovstal defenders")."""
    root = span.root
    if root.dep_ in {"nummod", "quantmod", "amod", "compound"} and root.head.pos_ in {"NOUN", "PROPN"}:
        return root.head, "cardinal+noun"
    if root.pos_ in {"NOUN", "PROPN"} and not root.like_num and root.lower_ not in _SCALE and root.i > span.start \
            and any(t.like_num or t.lower_ in _WORDS for t in span[: root.i - span.start]):
        return root, "cardinal+noun"  # "a hundred thousand hryvnias a month": the noun is in the entity
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in _MEASURE_NOUNS:
        return root.head.head, "measure"  # "a population of about 500,000"
    if root.dep_ == "pobj" and root.head.lower_ in {"to", "at"} and root.head.head.lemma_.lower() in _LEVEL_VERBS:
        subject = next((c for c in root.head.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.lemma_.lower() in _MEASURE_NOUNS:
            return subject, "measure"  # "the death toll rose to 23"
    if root.pos_ in {"NOUN", "NUM"} and root.dep_ in {"nsubj", "dobj", "pobj", "attr", "nsubjpass"}:
        of = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        out = next((c for c in root.children if c.dep_ == "prep" and c.lower_ == "out"), None)
        if of is None and out is not None:  # "76 out of 190 tankers"
            of = next((c for c in out.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is not None:
            pobj = next((c for c in of.children if c.dep_ == "pobj"), None)
            return pobj, "cardinal+of"
        if root.dep_ == "nsubj" and root.head.lemma_ == "be":  # "95 are Azovstal defenders"
            attr = next((c for c in root.head.children if c.dep_ == "attr" and c.pos_ == "NOUN"), None)
            return attr, "attribute"
    return None, ""


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


def _counted_subject(verb: Token) -> Optional[Token]:
    """The subject of `verb` when it is a counted noun ("four S-300 missiles hit ...")."""
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None or subject.pos_ not in {"NOUN", "PROPN"}:
        return None
    if not any(c.dep_ == "nummod" and (c.like_num or c.lower_ in _WORDS) for c in subject.children):
        return None
    return subject


def _coordinated(ent: Span) -> Optional[tuple[Token, str, str]]:
    """'four S-300 missiles hit the university and five hit the port': 'five' counts missiles."""
    root = ent.root
    if root.dep_ not in {"nsubj", "nsubjpass"} or root.head.dep_ != "conj":
        return None
    noun = _counted_subject(root.head.head)
    if noun is None:
        return None
    return noun, _join(_noun_phrase(noun, noun.left_edge.i, right=False) + _clause(root.head)), "coordinated"


def _elided(ent: Span, found: list[_Found]) -> Optional[tuple[Token, str, str]]:
    """'Three civilians were killed in Vuhledar, and another three in Lyman': a number standing for
    more of what the sentence counted just before counts it too, where its own words say."""
    root = ent.root
    if not any(c.lower_ in {"another", "further"} for c in root.children):
        return None
    before = next((f for f in reversed(found[-6:]) if f.noun is not None and f.end <= ent.start
                   and f.noun.sent.start == ent.sent.start and f.noun.pos_ != "PRON"), None)
    if before is None:
        return None
    words = before.what.split()
    cut = next((n for n, w in enumerate(words) if n and w in _ELIDED_CUT), len(words))
    own = [t for c in root.children if c.dep_ == "prep" for t in c.subtree]
    return before.noun, " ".join(words[:cut] + [t.text for t in sorted(own, key=lambda t: t.i)]), "elided"


_ELIDED_CUT = frozenset({"in", "at", "near", "on", "from", "outside"})  # where the earlier figure's place starts


def _including(ent: Span, found: list[_Found]) -> Optional[tuple[Token, str, str]]:
    """'144 of its soldiers, including 95 who defended Azovstal': 95 counts the soldiers."""
    root = ent.root
    prep = root.head
    if root.dep_ != "pobj" or prep.lower_ != "including":
        return None
    target = prep.head
    noun = None
    if target.pos_ in {"NOUN", "PROPN"} and not target.like_num:
        noun = target
    else:
        noun = next((f.noun for f in reversed(found[-12:]) if f.start <= target.i < f.end and f.noun is not None),
                    None)
    if noun is None or noun.pos_ == "PRON":
        return None
    rest = [c for c in root.children if c.i > root.i and c.dep_ in {"relcl", "acl", "prep"}]
    following = root.nbor() if root.i + 1 < len(root.doc) else None
    if not rest and following is not None and following.tag_ in {"WP", "WDT"} and following.head.dep_ == "relcl" \
            and following.head.left_edge.i == following.i:
        rest = [following.head]  # "including 95 who defended ...": the parser hung the clause on 144
    part = _clipped(rest[0]) if rest else []
    if not part:
        return None
    tokens = _noun_phrase(noun, noun.left_edge.i, right=False) + part
    return noun, _join(tokens), "partitive"


def _partitive(ent: Span, pronoun: Token, found: list[_Found]) -> Optional[tuple[Token, str]]:
    """'1,300 of them have surrendered', 'about 80 of whom are studying': the pronoun's noun is the
    counted noun of the figure before it in the sentence (or in the sentence before)."""
    sent = ent.sent
    recent = found[-12:]  # the figures just before: an antecedent is near
    noun = next((f.noun for f in reversed(recent) if f.noun is not None and f.end <= ent.start
                 and f.noun.sent.start == sent.start and f.noun.pos_ != "PRON"), None)
    if noun is None:
        previous = [f for f in recent if f.noun is not None and f.noun.pos_ != "PRON"
                    and f.noun.sent.end == sent.start]
        noun = previous[-1].noun if previous else None
    if noun is None:
        window = sent[max(0, ent.start - sent.start - 30): ent.start - sent.start]
        noun = next((t for t in reversed(window) if t.tag_ in {"NNS", "NNPS"}
                     and t.dep_ in {"nsubj", "nsubjpass", "dobj"}), None)
    if noun is None:
        return None
    root = ent.root
    head = root.head
    if root.dep_ in {"nsubj", "nsubjpass"} and head.pos_ in {"VERB", "AUX"}:
        clause = _clause(head)
        if not clause:
            return None
        return noun, _join(_noun_phrase(noun, noun.left_edge.i, right=False) + clause)
    return None


def _verb_what(verb: Token) -> str:
    """'were injured'; 'civilians wounded' when coordinated with 'two civilians were killed'."""
    if verb.dep_ == "conj" and (subject := _counted_subject(verb.head)) is not None:
        return _join(_noun_phrase(subject, subject.left_edge.i, right=False)) + " " + _participle(verb)
    aux = [a for a in verb.children if a.dep_ in {"aux", "auxpass", "neg"} and a.i < verb.i]
    if verb.tag_ == "VBG" and not aux:
        return _participle(verb)  # "killing one and injuring seven"
    return _join(aux + [verb])


def _counted_what(ent: Span, noun: Token) -> str:
    """'refugees have fled the country', 'Ukrainian prisoners of war killed', 'Russian and separatist
    soldiers were returned to Russia'."""
    after = ent.end if ent.end <= noun.i else noun.left_edge.i
    phrase = _noun_phrase(noun, after)
    verb = noun.head
    clauses = {t.dep_ for t in phrase} & {"relcl", "acl"}
    if noun.dep_ in {"nsubj", "nsubjpass"} and verb.pos_ in {"VERB", "AUX"} and verb.lemma_ not in {"be", "have"}:
        if "acl" not in clauses:  # "US volunteers missing in Ukraine": the clause is not theirs
            return _join(phrase + _clause(verb, budget=_MAX_WHAT - len(phrase)))
    if noun.dep_ == "dobj" and verb.pos_ == "VERB" and _factual(verb) and verb.lemma_.lower() not in _LIGHT_VERBS \
            and not clauses:
        return _join(phrase) + " " + _participle(verb)
    return _join(phrase)


def _amount_what(ent: Span, end: int, noun: Optional[Token], kind: str, unit: str) -> str:
    """What an amount of money or a percentage measures: the noun it modifies ('aid package'), its 'of'
    or 'in' object ('security assistance to Ukraine', 'budget revenues'), the verb spending it ('invested
    in the economy of Kazakhstan', 'earned by Russia's oil exports') or the subject whose level it is
    ('trade', 'Ukraine's progress')."""
    inside = range(ent.start, end)
    numbers = [t for t in ent if t.like_num or _DIGITS.search(t.text) and _amount_token(t.text)]
    anchor = numbers[-1] if numbers else ent.root  # "an additional $550m tranche": the number, not "an"
    if noun is not None and kind == "money" and _CURRENCY_WORDS.get(noun.lower_) == unit:
        anchor = noun  # "100,000 hryvnias": the currency word stands for the amount
    while anchor.head.i in inside and anchor.head.i != anchor.i:
        anchor = anchor.head  # "$ 100 m": the scale token
    for _ in range(2):
        what = _amount_phrase(anchor, inside, kind)
        if what or anchor.dep_ not in {"conj", "appos"} or not (anchor.head.like_num or anchor.head.ent_type_
                                                              in {"MONEY", "PERCENT"}):
            break
        anchor = anchor.head  # "US$40 billion or more precisely US$38 billion", "$8bn (£6.55bn)"
    return what or ("money" if kind == "money" else "percent")


def _amount_phrase(anchor: Token, inside: range, kind: str) -> str:
    head = anchor.head
    if anchor.dep_ in {"nummod", "compound", "amod", "quantmod", "nmod"} \
            and (head.pos_ == "NOUN" or head.pos_ == "PROPN" and head.text.islower()) \
            and head.i not in inside and not _CURRENCY_WORDS.get(head.lower_) and head.lower_ not in _PERCENT_WORDS:
        return _join(_noun_phrase(head, max(inside.stop, head.left_edge.i)))
    preps = {"of", "in", "for"} if kind == "money" else {"of"}
    for holder in (anchor, head) if head.lower_ in _PERCENT_WORDS or head.i in inside else (anchor,):
        for child in holder.children:
            if child.dep_ == "prep" and child.lower_ in preps and child.i > anchor.i:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ != "PRON" and not _temporal(child):
                    return _join(_noun_phrase(pobj, pobj.left_edge.i))
    verb = head
    if kind == "money" and anchor.dep_ in {"dobj", "conj", "appos"} and verb.pos_ == "VERB":
        for child in verb.children:  # "$8bn in security assistance": the purpose, attached to the verb
            if child.dep_ == "prep" and child.lower_ == "in" and child.i > anchor.i:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None and not any(c.dep_ == "det" for c in pobj.children) \
                        and pobj.ent_type_ not in {"GPE", "LOC", "ORG", "NORP", "DATE", "TIME"}:
                    return _join(_noun_phrase(pobj, pobj.left_edge.i))
                break
        if anchor.dep_ == "dobj" and verb.lemma_.lower() in _MONEY_VERBS and _factual(verb, allow_present=True):
            words = [_participle(verb)]
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None and subject.pos_ in {"NOUN", "PROPN"}:  # "pledged by the US"
                the = [c for c in subject.children if c.dep_ == "det" and c.lower_ == "the"]
                words.append("by " + ("the " if the else "") + _join(_noun_phrase(subject, subject.left_edge.i,
                                                                                      budget=6)))
            prep = next((c for c in verb.children if c.dep_ == "prep" and c.i > anchor.i and not _temporal(c)
                         and c.lower_ in _NOUN_PREPOSITIONS), None)
            if prep is not None:
                words.append(_join(_clipped(prep, 7)))
            return " ".join(w for w in words if w)
    # climb "at the level of 40%", "rose to 12%" to the verb whose subject the amount measures
    node, hops = anchor, 0
    while hops < 4 and node.dep_ in {"pobj", "prep", "attr", "dobj", "npadvmod", "advmod", "acomp"} \
            and node.head.i != node.i:
        node, hops = node.head, hops + 1
        if node.pos_ in {"VERB", "AUX"}:
            break
    if node.pos_ in {"VERB", "AUX"} and node.lemma_.lower() in _LEVEL_VERBS:
        subject = next((c for c in node.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.pos_ in {"NOUN", "PROPN"}:
            return _join(_noun_phrase(subject, subject.left_edge.i, budget=10))
    head = anchor.head
    if anchor.dep_ == "pobj" and head.lower_ in {"by", "to", "from"} and head.head.pos_ == "VERB":
        verb = head.head  # "reducing deliveries by 40%", "expanded the credit to 9 billion euros"
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if obj is not None and obj.pos_ == "NOUN":
            phrase = _noun_phrase(obj, obj.left_edge.i, budget=8)
            if head.lower_ != "by" or any(t.dep_ in {"relcl", "acl"} for t in phrase) \
                    or not _factual(verb, allow_present=True):
                return _join(phrase)
            return _join(phrase) + " " + _participle(verb)
    if anchor.dep_ in {"nsubj", "nsubjpass"} and head.lemma_ == "be":  # "40 percent were Soviet citizens"
        attr = next((c for c in head.children if c.dep_ == "attr" and c.pos_ in {"NOUN", "PROPN"}), None)
        if attr is not None:
            return _join(_noun_phrase(attr, attr.left_edge.i))
    return ""


def _quantity_what(doc: Doc, ent: Span, end: int, unit: str) -> str:
    """'distance from the Polish border', 'strip of Polish and Lithuanian borderland', 'grain'."""
    unit_token = next((t for t in list(ent) + list(doc[end:end + 1]) if _UNITS.get(t.lower_)), ent.root)
    distance = unit in _DISTANCE_UNITS
    head = unit_token.head
    if unit_token.dep_ in {"compound", "amod", "nmod", "nummod"} and head.pos_ == "NOUN" and head.i >= end:
        return _join(_noun_phrase(head, head.left_edge.i if head.left_edge.i >= end else end))
    if unit_token.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return _join(_noun_phrase(head.head, head.head.left_edge.i, right=False))
    holders = [unit_token] + ([head] if head.pos_ in {"ADV", "ADJ", "VERB", "AUX"} else [])
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.i > unit_token.i and child.lower_ in {"from", "of", "to"}:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if pobj is not None:
                    place = _join(_noun_phrase(pobj, pobj.left_edge.i, budget=8))
                    if distance:
                        return ("distance to " if child.lower_ == "to" else "distance from ") + place
                    return place
    return "distance" if distance else (unit or "quantity")


# ------------------------------------------------------------------------------------- phrases

def _temporal(prep: Token) -> bool:
    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return pobj is None or pobj.ent_type_ in {"DATE", "TIME"} or prep.lower_ in {"since", "until", "during"}


def _factual(verb: Token, allow_present: bool = False) -> bool:
    """A verb that reports what happened: past or participle, no modal, no negation ('killed', 'has
    sheltered', 'killing'), not 'could lose' or 'to supply'."""
    children = list(verb.children)
    if any(c.dep_ == "neg" or c.tag_ == "MD" or c.lower_ == "to" and c.dep_ == "aux" for c in children):
        return False
    if verb.tag_ in {"VBD", "VBN"}:
        return True
    if verb.tag_ == "VBG" and not allow_present:
        return not any(c.dep_ in {"aux", "auxpass"} for c in children) and verb.dep_ not in {"xcomp", "pcomp"}
    return allow_present and verb.tag_ in {"VBZ", "VBP", "VBG"}


def _participle(verb: Token) -> str:
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), "")
    if particle and f"{lemma} {particle}" in _PARTICIPLES:
        return str(_PARTICIPLES[f"{lemma} {particle}"])
    if lemma in _PARTICIPLES:
        base = str(_PARTICIPLES[lemma])
    elif verb.tag_ in {"VBN", "VBD"}:
        base = verb.lower_
    elif lemma.endswith("e"):
        base = lemma + "d"
    elif lemma.endswith("y") and len(lemma) > 2 and lemma[-2] not in "aeiou":
        base = lemma[:-1] + "ied"
    else:
        base = lemma + "ed"
    return f"{base} {particle}".strip()


def _clause(verb: Token, budget: int = 8) -> list[Token]:
    """'have fled the country', 'were not covered', 'have been reported killed', 'became victims of the
    shelling': the verb with its auxiliaries and a short object."""
    words = [c for c in verb.children if c.dep_ in {"aux", "auxpass", "neg"} and c.i < verb.i] + [verb]
    doc = verb.doc
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.dep_ == "prt":
            words.append(child)
        elif child.dep_ == "xcomp" and child.tag_ == "VBN":  # "want to be evacuated", not "want evacuated"
            words.extend([a for a in child.children if a.dep_ in {"aux", "auxpass"} and a.i < child.i] + [child])
        elif child.dep_ == "conj" and child.i == verb.i + 2 and doc[verb.i + 1].dep_ == "cc" \
                and child.tag_ == verb.tag_:
            words.extend([doc[verb.i + 1], child])  # "were killed or mutilated": both, as the source says
        elif child.dep_ in {"dobj", "attr", "acomp", "oprd"} and child.pos_ != "PRON":
            part = _clipped(child, 6)
            if len(words) + len(part) <= budget and len(part) == child.right_edge.i - child.left_edge.i + 1:
                words.extend(part)
            break
    return words


def _noun_phrase(noun: Token, after: int, right: bool = True, budget: int = 10,
                 skip: Optional[range] = None) -> list[Token]:
    """The counted noun with the words that say what it is: the modifiers between the number and the noun
    ('Ukrainian civilians', 'Russian and separatist soldiers') and, with `right`, its 'of'/'in' phrases
    and relative clauses ('prisoners of war', 'refugees who fled Ukraine'); no determiners, no numbers,
    no 'more'."""
    doc = noun.doc
    left = [t for t in doc[max(noun.left_edge.i, after, noun.i - 8): noun.i]
            if t.dep_ not in {"det", "predet", "quantmod", "nummod", "advmod", "punct"} or t.tag_ == "HYPH"
            or t.dep_ == "advmod" and t.head.dep_ == "amod"]  # "the 97 most affected settlements"
    left = [t for t in left if not t.like_num and t.lower_ not in _SCALE and t.lower_ not in _WORDS
            and t.text not in _SIGNS]
    while left and (left[0].lower_ in _QUANTITY_ADJECTIVES or left[0].dep_ in {"cc", "punct", "case"}):
        left = left[1:]
    words = left + [noun]
    if not right:
        return words
    for child in noun.rights:
        if skip is not None and child.left_edge.i <= skip.start < child.right_edge.i + 1:
            continue  # "a population of about 500,000": the phrase holding the number itself
        if child.dep_ == "prep" and child.lower_ in _NOUN_PREPOSITIONS and not _temporal(child) \
                or child.dep_ in {"acl", "relcl"}:
            part = _clipped(child, budget - len(words))
            whole = len(part) == child.right_edge.i - child.left_edge.i + 1
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if not part or len(part) + len(words) > budget:
                break
            if child.dep_ == "prep" and not whole and (pobj is None or pobj not in part):
                break  # a phrase cut at a comma before its noun says something else ("in the Kharkiv")
            if child.dep_ != "prep" and (not whole and len(part) < 3 or len(part) == 1 and child.tag_ != "VBN"
                                         or any(t.like_num for t in part)):
                break  # "tankers shipping"; "the credit it granted Uniper to 9 billion euros"
            words.extend(part)
        else:
            break
    return words


def _clipped(head: Token, budget: int = 10) -> list[Token]:
    """`head`'s subtree up to its first comma, quote or bracket, within `budget` words (else nothing)."""
    tokens = []
    for t in head.subtree:
        if t.i < head.i and t.dep_ in {"punct", "cc"}:
            continue
        if t.text in {",", ";", ":", "(", ")", '"', "—", "–"} or t.is_space:
            break
        tokens.append(t)
        if len(tokens) > budget + 2:  # a long clause is not part of a noun phrase: stop reading it
            return []
    while tokens and tokens[-1].dep_ in {"cc", "det", "prep", "punct", "case", "mark"}:
        tokens.pop()
    return tokens if len(tokens) <= budget else []


def _join(tokens: list[Token]) -> str:
    """The tokens as the text writes them (in text order, one space across a gap)."""
    out = []
    ordered = sorted(set(tokens), key=lambda t: t.i)
    for k, token in enumerate(ordered):
        out.append(token.text)
        if k + 1 < len(ordered):
            out.append(token.whitespace_ if ordered[k + 1].i == token.i + 1 else " ")
    return " ".join("".join(out).split())


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
