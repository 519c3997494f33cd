"""The ``quotes-balanced`` and ``end-punctuation`` checks.

Quotation marks change style in translation: English “ ” and " " become « »
in Ukrainian and Russian, with „ “ inside. So quotes are not compared mark by
mark, but by *structure*: how many quotations a segment opens without closing
and how many it closes without opening. A segment may legitimately end inside
a quotation (segmentation splits a quoted paragraph into sentences), so the
translation must leave exactly as much open as the source does. Brackets
``()``, ``[]`` and ``{}`` are compared the same way, kind by kind.

Whether an ambiguous mark (" “ ” ‘ ’) opens or closes is decided from its
neighbours, as a typesetter would: after a space or at the start it opens,
after a letter it closes. ’ between letters is an apostrophe (п’ять, O’Brien).

The target language's own delimiters come from CLDR (``<delimiters>`` of
each locale; Babel does not import them, so :data:`LOCALE_QUOTES` copies them
for the languages news desks publish in): in German „…“ the “ closes, in
Polish „…” the ” closes, Hungarian nests » « inside „…”, Japanese quotes
「…」 with 『…』 inside. A locale's opening mark opens and its closing mark closes
whatever the neighbours; the mixes translators really use (« » with " " inside,
straight quotes anywhere) still balance by the neighbour rule. CJK corner and
angle brackets and full-width brackets （）［］ count as their ASCII kind.

``end-punctuation`` compares the mark that ends the sentence, ignoring closing
quotes and brackets around it (English puts the full stop inside the quote,
Ukrainian outside): ? ! and … must survive, and a full stop must stay a full
stop or be absent in both. Marks are compared by function: ``?`` ``؟`` ``？``
(and Greek ``;``) are question marks, ``.`` ``。`` ``।`` ``۔`` full stops, ``!``
``！`` exclamation marks. Scripts that end sentences without a mark (Thai,
Lao, Khmer, Burmese write a space) may drop the full stop. Spanish (and
Galician, Asturian) questions and exclamations open with ``¿`` ``¡``: a final
``?`` or ``!`` without its opening mark is reported. A full stop that ends an
abbreviation is not a sentence's and may come or go: the source's in a label of
three words at most ("6 a.m." → "6:00"), the translation's after a one-word
source of five letters at most ("Jan" → "Січ.").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from newsl10n.checks.base import CheckContext, Issue, check
from newsl10n.model import Severity, Unit

# Opening mark → closing marks that end it.
_QUOTE_PAIRS: dict[str, str] = {
    "«": "»",
    "„": "“”",
    "“": "”",
    '"': '"',
    "‘": "’",
    "‚": "‘’",
    "‹": "›",
    "「": "」",
    "『": "』",
    "《": "》",
    "〈": "〉",
}
# CLDR <delimiters> (quotationStart, quotationEnd, alternateQuotationStart,
# alternateQuotationEnd), by language; a region that differs is its own key.
# More pairs after the four: conventions in wide use besides CLDR's (German
# books' »…«, Swiss-style «…» in German copy).
LOCALE_QUOTES: dict[str, str] = {
    "ar": "”“’‘", "be": "«»„“", "bg": "„“„“", "ca": "«»“”", "cs": "„“‚‘", "da": "“”‘’",
    "de": "„“‚‘»«›‹«»", "de_CH": "«»‹›", "el": "«»“”", "en": "“”‘’", "es": "«»“”", "et": "„“‚‘",
    "fa": "«»‹›", "fi": "””’’", "fr": "«»«»", "fr_CH": "«»‹›", "he": "””’’", "hr": "„“‚‘",
    "hu": "„”»«", "it": "«»“”", "ja": "「」『』", "ka": "„“«»", "kk": "«»“”", "ko": "“”‘’",
    "lt": "„“„“", "lv": "„“«»", "nb": "«»‘’", "nl": "‘’“”", "nn": "«»‘’", "pl": "„”«»",
    "pt": "“”‘’", "pt_PT": "«»“”", "ro": "„”«»", "ru": "«»„“", "sk": "„“‚‘", "sl": "„“‚‘",
    "sq": "«»“”", "sr": "„“‘’", "sv": "””’’", "tr": "“”‘’", "uk": "«»„“", "zh": "“”‘’",
    "zh_Hant": "「」『』",
}  # fmt: skip
_QUOTES = set("«»„“”\"‘’‚‹›「」『』《》〈〉")
_ALWAYS_OPEN = set("«„‚‹「『《〈")
_ALWAYS_CLOSE = set("»›」』》〉")
_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_CLOSE_BRACKETS = {v: k for k, v in _BRACKETS.items()}
# Full-width and CJK brackets count as their ASCII kind.
_BRACKET_KIND = {"（": "(", "［": "[", "｛": "{", "【": "[", "〔": "[", "）": ")", "］": "]", "｝": "}", "】": "]", "〕": "]"}
_MARKS_RE = re.compile(
    "[" + re.escape("".join(sorted(_QUOTES | set(_BRACKETS) | set(_CLOSE_BRACKETS) | set(_BRACKET_KIND)))) + "]"
)
# What may precede an opening mark.
_OPEN_CONTEXT = set(" \t\n\u00a0\u202f([{—–-/«„“‘\"'")
_CLOSERS = set("»”“\"’'›)]}")


@dataclass(frozen=True, slots=True)
class Balance:
    """The quote/bracket structure of a text: what stays open, what closes unopened."""

    open_quotes: int = 0
    stray_quotes: int = 0
    mismatched: int = 0
    brackets: tuple[tuple[str, int, int], ...] = ()  # (kind, left open, stray closing)

    @property
    def quotes(self) -> tuple[int, int]:
        """(quotations left open, closing marks without an opening one)."""
        return (self.open_quotes, self.stray_quotes)


@dataclass(frozen=True, slots=True)
class QuoteStyle:
    """How a locale's quote marks pair: opening → closing marks, and fixed roles."""

    pairs: dict[str, str]
    opens: frozenset[str]
    closes: frozenset[str]


def _locale_key(lang: str) -> str | None:
    """The :data:`LOCALE_QUOTES` key for ``lang`` (``de-CH`` → ``de_CH``, ``pt-BR`` → ``pt``)."""
    parts = lang.replace("-", "_").split("_")
    for n in range(len(parts), 0, -1):
        key = "_".join(parts[:n])
        if key in LOCALE_QUOTES:
            return key
    if len(parts) > 1 and parts[0] + "_" + parts[-1] in LOCALE_QUOTES:
        return parts[0] + "_" + parts[-1]  # zh_Hant_TW
    return None


@lru_cache(maxsize=64)
def quote_style(lang: str) -> QuoteStyle:
    """The pairing rules for text in ``lang``: the generic ones plus the locale's CLDR delimiters."""
    pairs = dict(_QUOTE_PAIRS)
    opens, closes = set(_ALWAYS_OPEN), set(_ALWAYS_CLOSE)
    key = _locale_key(lang) if lang else None
    if key is not None:
        marks = LOCALE_QUOTES[key]
        starts = set(marks[0::2])
        ends = set(marks[1::2])
        for start, end in zip(marks[0::2], marks[1::2]):
            if end not in pairs.get(start, ""):
                pairs[start] = pairs.get(start, "") + end
        for mark in starts | ends:
            opens.discard(mark)
            closes.discard(mark)
            if mark in starts and mark not in ends:
                opens.add(mark)  # the locale fixes the role: Hungarian » opens, Arabic ” opens
            elif mark in ends and mark not in starts and mark not in _QUOTE_PAIRS:
                closes.add(mark)
            # A locale's closing mark that opens in English (“ ‘ close „…“ in uk, ru, de)
            # is decided by its neighbours too: translators of software and wire copy write
            # English “…” in those languages (Django's uk catalogs), and “ after „ still
            # closes it (see ``balance``).
            # A mark that both opens and closes in the locale (Swedish ”, German » in
            # »…« and «…») is decided by its neighbours.
    return QuoteStyle(pairs, frozenset(opens), frozenset(closes))


_GENERIC = QuoteStyle(dict(_QUOTE_PAIRS), frozenset(_ALWAYS_OPEN), frozenset(_ALWAYS_CLOSE))


def _role(text: str, i: int, style: QuoteStyle = _GENERIC) -> str:
    """``open``, ``close`` or ``none`` for the quote mark at ``text[i]``."""
    ch = text[i]
    if ch in style.opens:
        return "open"
    if ch in style.closes:
        return "close"
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if ch in "’'" and prev.isalnum() and nxt.isalpha():
        return "none"  # apostrophe
    opens = prev in _OPEN_CONTEXT or i == 0
    closes = not prev.isspace() and i > 0
    if opens and nxt.isspace():
        return "none"  # a mark standing alone between spaces
    if opens and not (closes and prev in _CLOSERS):
        return "open"
    if closes:
        return "close"
    return "none"


@lru_cache(maxsize=4096)  # a source is asked about once per language
def balance(text: str, lang: str = "") -> Balance:
    """Compute the :class:`Balance` of ``text`` written in ``lang`` (``""``: generic rules)."""
    style = quote_style(lang) if lang else _GENERIC
    pairs = style.pairs
    stack: list[str] = []
    stray = mismatched = 0
    brackets: dict[str, list[int]] = {k: [0, 0] for k in _BRACKETS}
    for m in _MARKS_RE.finditer(text):  # only the marks: a per-character loop is slow
        i, ch = m.start(), m.group()
        ch = _BRACKET_KIND.get(ch, ch)
        if ch in _BRACKETS:
            brackets[ch][0] += 1
        elif ch in _CLOSE_BRACKETS:
            counts = brackets[_CLOSE_BRACKETS[ch]]
            if counts[0]:
                counts[0] -= 1
            else:
                counts[1] += 1
        elif ch in _QUOTES:
            role = _role(text, i, style)
            if role == "open" and ch in pairs:
                # “ after „ is ambiguous: in „…“ style it closes.
                if stack and ch in pairs[stack[-1]] and ch not in style.opens:
                    stack.pop()
                else:
                    stack.append(ch)
            elif role in ("close", "open"):
                if stack and ch in pairs[stack[-1]]:
                    stack.pop()
                elif stack and any(ch in pairs[o] for o in stack):
                    # Closes an outer quotation: the inner one was never closed.
                    while stack and ch not in pairs[stack[-1]]:
                        stack.pop()
                        mismatched += 1
                    stack.pop()
                elif ch in "’'":
                    continue  # a trailing apostrophe (Jones’), not a quote
                else:
                    stray += 1
    return Balance(
        open_quotes=len(stack),
        stray_quotes=stray,
        mismatched=mismatched,
        brackets=tuple((k, v[0], v[1]) for k, v in brackets.items() if v != [0, 0]),
    )


@check("quotes-balanced", severity=Severity.ERROR)
def quotes_balanced(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """Quotation marks and brackets must open and close as they do in the source."""
    if not unit.target:
        return
    src, tgt = balance(unit.source, "en"), balance(unit.target, ctx.lang)
    if tgt.quotes != src.quotes:
        opened, stray = tgt.quotes
        if opened > src.open_quotes:
            yield Issue("a quotation is opened but not closed")
        elif stray > src.stray_quotes:
            yield Issue("a closing quotation mark has no opening mark")
        else:
            yield Issue(
                "quotation marks do not match the source (a quotation that continues"
                " from or into the next segment must stay open)"
            )
    elif tgt.mismatched > src.mismatched:
        yield Issue("quotation marks are mismatched (an inner quotation is not closed)")
    src_brackets = {k: (o, s) for k, o, s in src.brackets}
    for kind, opened, stray in tgt.brackets:
        if src_brackets.pop(kind, (0, 0)) != (opened, stray):
            yield Issue(f"brackets {kind}{_BRACKETS[kind]} are not balanced as in the source")
    for kind in src_brackets:
        yield Issue(f"brackets {kind}{_BRACKETS[kind]} are not balanced as in the source")


_TRAILING = set("»”“\"’'›)]} \t\n\u00a0\u202f」』》〉）］｝】〕\u200e\u200f\u061c\u2069\u202c")
_END_MARKS = "?!…:;."
# Marks of other scripts, by function: Arabic ؟ ؛ ، and Urdu ۔, full-width
# CJK ？！：；。, Devanagari danda, Armenian and Ethiopic full stops.
_EQUIVALENT = str.maketrans({
    "؟": "?", "？": "?", "⁇": "?", "\u037e": "?", "！": "!", "‼": "!", "：": ":", "；": ";", "؛": ";",
    "。": ".", "．": ".", "｡": ".", "।": ".", "॥": ".", "۔": ".", "։": ".", "።": ".", "⋯": "…",
})  # fmt: skip
# What the tail of a sentence is made of: closers, marks and the marks' equivalents.
_TAIL_CHARS = frozenset(_TRAILING) | frozenset(_END_MARKS) | frozenset(chr(c) for c in _EQUIVALENT)
# Scripts that end a sentence with a space, not a mark.
_NO_FULL_STOP = frozenset({"th", "lo", "km", "my"})
# Languages that open questions and exclamations with ¿ ¡.
_INVERTED = frozenset({"es", "gl", "ast"})


@lru_cache(maxsize=4096)
def end_marks(text: str, lang: str = "") -> frozenset[str]:
    """The sentence-final marks of ``text``, ignoring closing quotes and brackets.

    ``...`` counts as ``…``; ``?!`` gives both; marks of other scripts count as
    their ASCII equivalent (``؟`` and ``？`` as ``?``, ``。`` as ``.``); in
    Greek a final ``;`` is a question mark.
    """
    stripped = text.rstrip()
    i = len(stripped)
    while i > 0 and stripped[i - 1] in _TAIL_CHARS:
        i -= 1
    # Only the tail is translated (a dict-table translate walks every character
    # in Python): each equivalent is one character, so the tail's start holds.
    tail = stripped[i:].translate(_EQUIVALENT)
    if tail.endswith(";") and lang.split("_", 1)[0].split("-", 1)[0] == "el":
        tail = tail[:-1] + "?"
    # The English comma before a closing quote ("..., " he said) is not final.
    marks = set()
    rest = tail.replace("...", "…")
    for mark in "?!…:;":
        if mark in rest:
            marks.add(mark)
    if "." in rest:
        marks.add(".")
    return frozenset(marks)


_NAMES = {"?": "question mark", "!": "exclamation mark", "…": "ellipsis", ".": "full stop",
          ":": "colon", ";": "semicolon"}  # fmt: skip


@check("end-punctuation", severity=Severity.WARNING)
def end_punctuation(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """The translation must end with the same kind of punctuation as the source."""
    if not unit.target:
        return
    base = ctx.lang.replace("-", "_").split("_", 1)[0]
    src, tgt = end_marks(unit.source), end_marks(unit.target, ctx.lang)
    if base in _INVERTED:
        for mark, opening, name in (("?", "¿", "question"), ("!", "¡", "exclamation")):
            if mark in tgt and mark in src and opening not in unit.target and not unit.source.lstrip()[:1].islower():
                yield Issue(f"the {name} does not open with {opening}")
                return
    if base in _NO_FULL_STOP and "." in src and "." not in tgt:
        tgt = tgt | {"."}
    if src == tgt:
        return
    for mark in "?!…":
        if mark in src and mark not in tgt:
            yield Issue(f"the source ends with a {_NAMES[mark]}, the translation does not")
            return
        if mark in tgt and mark not in src:
            yield Issue(f"the translation ends with a {_NAMES[mark]}, the source does not")
            return
    # A colon or semicolon in the source may become a dash or a full stop;
    # anything else (a full stop lost, added, or turned into ";") is reported.
    src_stops, tgt_stops = src & set(".:;"), tgt & set(".:;")
    if src_stops == tgt_stops or (src_stops and src_stops <= set(":;")):
        return
    if _abbreviation_stop(unit.source, unit.target, src_stops, tgt_stops):
        return
    yield Issue(
        f"the source ends with {_describe(src_stops)}, the translation with {_describe(tgt_stops)}"
    )


# A label's final full stop that belongs to an abbreviation, not to a sentence: "6 a.m.", "U.S."
# in a time or place label; "Jan" abbreviated "Січ." or "Верес." in a translation.
_LETTER_ABBREVIATION_RE = re.compile(r"(?:^|\s)(?:[^\W\d_]\.){2,}[\"'’”»)\]]*$")
_ABBREVIATED_WORD_RE = re.compile(r"^[^\W\d_]{1,6}\.$")
ABBREVIATION_MAX_WORDS = 3  # a label, not a sentence


def _abbreviation_stop(source: str, target: str, src_stops: frozenset[str], tgt_stops: frozenset[str]) -> bool:
    """True when the only difference is a full stop that ends an abbreviation: the source's, in a
    label of a few words ("6 a.m." → "6:00"), or the translation's, for a one-word source of at
    most five letters ("Jan" → "Січ.")."""
    source, target = source.strip(), target.strip()
    if src_stops == {"."} and not tgt_stops and len(source.split()) <= ABBREVIATION_MAX_WORDS:
        return bool(_LETTER_ABBREVIATION_RE.search(source))
    if tgt_stops == {"."} and not src_stops and source.isalpha() and len(source) <= 5:
        return bool(_ABBREVIATED_WORD_RE.match(target))
    return False


def _describe(marks: frozenset[str]) -> str:
    if not marks:
        return "no punctuation"
    return " and ".join(f"a {_NAMES[m]}" for m in sorted(marks))
