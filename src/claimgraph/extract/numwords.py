"""Numbers written in digits, words or both: "four hundred seventy-seven", "1,000",
"1.2 million", "11 thousand 400", "10k": how far one runs in a sentence and its value."""

from __future__ import annotations

import re

from spacy.tokens import Doc

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9,
}  # fmt: skip
_TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fourty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9}
WORD_NUMBERS = frozenset([*_UNITS, *_TEENS, *_TENS, *_SCALES, "hundred", "dozen"])
_MULTIPLIERS = frozenset([*_SCALES, "hundred", "dozen"])
# "1,000" and "1.2"; a lone "1 000" group is joined by the run scanner, not here.
DIGITS = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")
_SPLIT = re.compile(r"[\s\-]+")
# Newsroom shorthand: "1.5m people", "3mn refugees", "10k displaced".
_SHORT = re.compile(r"^(\d+(?:\.\d+)?)(k|m|mn|bn)$")
_SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}


def parse_number_words(words: str) -> float | None:
    """The value of a number written in digits, words or both; None when it is not one.

    "four hundred seventy-seven" -> 477, "a thousand" -> 1000, "1,000" -> 1000,
    "1.2 million" -> 1200000, "twenty-three" -> 23, "two dozen" -> 24."""
    text = words.strip().lower()
    short = _SHORT.match(text)
    if short:
        return float(short[1]) * _SHORT_SCALES[short[2]]
    if re.fullmatch(r"\d{1,3}(?: \d{3})+", text):  # "1 000", "12 000"
        return float(text.replace(" ", ""))
    parts = [p for p in _SPLIT.split(text) if p and p != "and"]
    if not parts:
        return None
    total, current, last = 0.0, 0.0, ""
    for i, part in enumerate(parts):
        kind = _kind(part, parts[i + 1] if i + 1 < len(parts) else "")
        if kind is None or not _may_follow(last, kind):
            return None
        total, current = _step(part, kind, total, current)
        last = kind
    return total + current


def _kind(part: str, following: str) -> str | None:
    """The role of one word: a digit group, unit, teen, ten or a multiplier."""
    if DIGITS.match(part):
        return "digits"
    if part in ("a", "an"):
        return "unit" if following in _MULTIPLIERS else None
    if part in _UNITS:
        return "unit"
    if part in _TEENS:
        return "teen"
    if part in _TENS:
        return "ten"
    if part in _MULTIPLIERS:
        return "mult"
    return None


# Which word kinds may follow which: "seventy seven" yes, "seven seventy" no, "20 7946" no.
_FOLLOWS = {
    "": frozenset({"digits", "unit", "teen", "ten", "mult"}),
    "digits": frozenset({"mult"}),
    "unit": frozenset({"mult"}),
    "teen": frozenset({"mult"}),
    "ten": frozenset({"unit", "mult"}),
    "mult": frozenset({"unit", "teen", "ten", "mult", "digits"}),
}


def _may_follow(last: str, kind: str) -> bool:
    return kind in _FOLLOWS[last]


def _step(part: str, kind: str, total: float, current: float) -> tuple[float, float]:
    """Fold one word into the running (total, current) pair."""
    if kind == "digits":
        return total, current + float(part.replace(",", ""))
    if part in ("a", "an"):
        return total, current + 1
    if kind != "mult":
        return total, current + float(_UNITS.get(part) or _TEENS.get(part) or _TENS[part])
    if part == "hundred":
        return total, (current or 1) * 100
    if part == "dozen":
        return total, (current or 1) * 12
    return total + (current or 1) * _SCALES[part], 0.0


def read_number(doc: Doc, i: int, limit: int) -> tuple[int, float] | None:
    """The longest well-formed number starting at token i: (end index, value)."""
    j = i
    while j < limit and _continues_number(doc, i, j, limit):
        j += 1
    while j > i:  # back off until the words parse ("30 40" is two numbers, not one)
        value = parse_number_words(doc[i:j].text)
        if value is not None and doc[j - 1].lower_ not in ("-", "and", "a", "an"):
            return j, value
        j -= 1
    return None


def _continues_number(doc: Doc, i: int, j: int, limit: int) -> bool:
    """Whether token j still belongs to the number that starts at token i."""
    word = doc[j].lower_
    nxt = doc[j + 1].lower_ if j + 1 < limit else ""
    if _SHORT.match(word):  # "10k", "3mn": one token
        return j == i
    if word in _SHORT_SCALES:  # "1.5m": the tokenizer splits off the "m"
        glued = j > i and not doc[j - 1].whitespace_ and bool(DIGITS.match(doc[j - 1].text))
        # "m" is also metres: a million only before a plural noun ("1.5m people")
        plural = j + 1 < limit and doc[j + 1].tag_ in ("NNS", "NNPS")
        return glued and (word != "m" or plural)
    if DIGITS.match(word):
        # digits start a number, join "1 000" or follow a scale ("11 thousand 400"), never
        # other words ("two 30")
        scaled = j > i and doc[j - 1].lower_ in _SCALES and bool(re.fullmatch(r"\d{1,3}", word))
        return j == i or scaled or (bool(re.fullmatch(r"\d{3}", word)) and _space_group(doc, i, j))
    if word in WORD_NUMBERS:
        return True
    if word in ("a", "an"):
        return j == i and nxt in _MULTIPLIERS
    if word == "-":  # "seventy-seven": a hyphen between two number words, no spaces
        return j > i and not doc[j - 1].whitespace_ and not doc[j].whitespace_ and nxt in _UNITS
    if word == "and":  # "four hundred and seventy-seven"
        return j > i and doc[j - 1].lower_ in _MULTIPLIERS and nxt in WORD_NUMBERS
    return False


def _space_group(doc: Doc, i: int, j: int) -> bool:
    # "12 000": the previous token is a short digit group followed by a space
    prev = doc[j - 1]
    return j - 1 >= i and bool(re.fullmatch(r"\d{1,3}", prev.text)) and bool(prev.whitespace_)
