"""The ``repeated-word``, ``whitespace-edges``, ``double-space`` and ``bidi-controls`` checks.

Typing slips that survive a read-through: a word typed twice ("в в", "що
що"), a translation that gained or lost the leading/trailing whitespace
``build`` relies on to reassemble the article, and doubled spaces inside a
sentence. Each compares with the source, so a repetition or spacing the
author wrote ("Bora Bora", an aligned table) is not reported.

``bidi-controls`` guards right-to-left copy. Arabic and Hebrew translators
(and CLDR's own number formats) use invisible direction controls: marks (LRM,
RLM, ALM) that attach a neutral character to one side, embeddings and
overrides (LRE RLE LRO RLO … PDF) and isolates (LRI RLI FSI … PDI) that must
be closed in the same segment, or the direction leaks into the rest of the
page. Reported: an embedding or isolate not closed, a PDF or PDI that closes
nothing (errors), and marks or overrides in a translation into a
left-to-right language that the source does not have (warnings: a paste
from an RTL document). A Latin URL or handle inside Arabic or Hebrew needs
no control at all and is never reported.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from newsl10n.checks.base import CheckContext, Issue, check
from newsl10n.model import Severity, Unit
from newsl10n.placeables import mask_verbatim

# A word (letters of any script, with inner apostrophes and hyphens), then
# whitespace, then the same word, compared case-insensitively. Readable form:
#     (?<![\w’'-])([^\W\d_](?:[\w’'-]*[^\W_])?)\s+(\1)(?![\w’'-])
# The word is taken possessively (*+, then a look-behind for its last letter),
# so a failed attempt does not backtrack through every shorter prefix of the
# word: a third faster, and the same matches (a word can only be followed by
# whitespace at its end).
_REPEAT_RE = re.compile(
    r"(?<![\w’'-])([^\W\d_](?:[\w’'-]*+(?<=[^\W_]))?)\s++(\1)(?![\w’'-])",
    re.IGNORECASE,
)
# Reduplications that are correct Ukrainian or Russian.
ALLOWED_REPEATS = frozenset({"так", "ні", "нет", "да", "ну", "ой", "ха", "ще", "ещё", "еще",
                             "дуже", "очень", "ага", "тук", "бла"})  # fmt: skip
_DOUBLE_SPACE_RE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")


def repeated_words(text: str) -> list[str]:
    """Words immediately repeated in ``text`` (lower-cased), in order."""
    return list(_repeated_words(text))


@lru_cache(maxsize=4096)
def _repeated_words(text: str) -> tuple[str, ...]:
    masked = mask_verbatim(text)
    found = []
    for m in _REPEAT_RE.finditer(masked):
        word = m.group(1).casefold()
        if word not in ALLOWED_REPEATS:
            found.append(word)
    return tuple(found)


@check("repeated-word", severity=Severity.WARNING)
def repeated_word(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """A word must not be typed twice in a row."""
    if not unit.target:
        return
    in_source = Counter(repeated_words(unit.source))
    in_target = Counter(repeated_words(unit.target))
    if sum(in_target.values()) <= sum(in_source.values()):
        # The source repeats as often ("Bora Bora", "very, very"); trust it.
        return
    for word in dict.fromkeys(in_target):
        yield Issue(f"word repeated: {word!r} {word!r}")


def _edges(text: str) -> tuple[str, str]:
    stripped = text.strip()
    if not stripped:
        return text, ""
    start = text.index(stripped[0])
    end = len(text.rstrip())
    return text[:start], text[end:]


def _show(ws: str) -> str:
    return repr(ws) if ws else "none"


@check("whitespace-edges", severity=Severity.WARNING, sees_markup=True)
def whitespace_edges(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """Leading and trailing whitespace must be the same as in the source."""
    if not unit.target:
        return
    src_lead, src_trail = _edges(unit.source)
    tgt_lead, tgt_trail = _edges(unit.target)
    if src_lead != tgt_lead:
        yield Issue(
            f"leading whitespace differs: source {_show(src_lead)}, translation {_show(tgt_lead)}"
        )
    if src_trail != tgt_trail:
        yield Issue(
            f"trailing whitespace differs: source {_show(src_trail)},"
            f" translation {_show(tgt_trail)}"
        )


def _double_spaces(text: str) -> int:
    """How many runs of two or more spaces (or no-break spaces) ``text`` has inside it."""
    if "  " not in text and "\u00a0" not in text:
        return 0  # the common case, decided by two substring searches
    return len(_DOUBLE_SPACE_RE.findall(text))


@check("double-space", severity=Severity.WARNING, sees_markup=True)
def double_space(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """The translation must not contain doubled spaces the source does not have."""
    if not unit.target:
        return
    found = _double_spaces(unit.target)
    if found > (in_source := _double_spaces(unit.source)):
        extra = found - in_source
        yield Issue(f"doubled space in the translation ({extra} more than in the source)")


_EMBED_OPEN = frozenset("\u202a\u202b\u202d\u202e")  # LRE RLE LRO RLO, closed by PDF
_ISOLATE_OPEN = frozenset("\u2066\u2067\u2068")  # LRI RLI FSI, closed by PDI
_PDF, _PDI = "\u202c", "\u2069"
_MARKS = frozenset("\u200e\u200f\u061c")  # LRM RLM ALM
_OVERRIDES = frozenset("\u202d\u202e")
_BIDI_RE = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]")
# Languages written right to left (CLDR character order; the common ones, so
# that no locale data loads for a left-to-right catalog).
RTL_LANGS = frozenset({"ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "dv", "ckb", "syr", "iw"})
_NAMES = {"\u202a": "LRE", "\u202b": "RLE", "\u202d": "LRO", "\u202e": "RLO", "\u2066": "LRI",
          "\u2067": "RLI", "\u2068": "FSI", _PDF: "PDF", _PDI: "PDI", "\u200e": "LRM", "\u200f": "RLM",
          "\u061c": "ALM"}  # fmt: skip


def bidi_problems(text: str) -> tuple[list[str], list[str]]:
    """(controls left open, closers without an opener) in ``text``, by Unicode short name.

    Follows UAX #9: a PDI closes the innermost isolate and every embedding
    opened inside it; a PDF closes the innermost embedding inside the current
    isolate.
    """
    stack: list[str] = []
    stray: list[str] = []
    for m in _BIDI_RE.finditer(text):
        ch = m.group()
        if ch in _EMBED_OPEN or ch in _ISOLATE_OPEN:
            stack.append(ch)
        elif ch == _PDI:
            if any(c in _ISOLATE_OPEN for c in stack):
                while stack.pop() not in _ISOLATE_OPEN:
                    pass
            else:
                stray.append("PDI")
        elif ch == _PDF:
            if stack and stack[-1] in _EMBED_OPEN:
                stack.pop()
            else:
                stray.append("PDF")
    return [_NAMES[c] for c in stack], stray


def _is_rtl(lang: str) -> bool:
    base = lang.replace("-", "_").split("_", 1)[0]
    if base in RTL_LANGS:
        return True
    if base.isascii() and len(base) in (2, 3) and "_" not in lang:
        return False
    from babel import Locale, UnknownLocaleError

    try:
        return bool(Locale.parse(lang.replace("-", "_")).character_order == "right-to-left")
    except (UnknownLocaleError, ValueError):
        return False


@check("bidi-controls", severity=Severity.ERROR)
def bidi_controls(unit: Unit, ctx: CheckContext) -> Iterator[Issue]:
    """Bidirectional controls must be balanced, and not stray into left-to-right text."""
    if not unit.target or _BIDI_RE.search(unit.target) is None:
        return
    left_open, stray = bidi_problems(unit.target)
    src_open, src_stray = bidi_problems(unit.source)
    if left_open and left_open != src_open:
        yield Issue(f"bidi control not closed: {', '.join(left_open)} (the direction leaks into what follows)")
    if stray and stray != src_stray:
        yield Issue(f"bidi control closes nothing: {', '.join(stray)}")
    if _is_rtl(ctx.lang):
        return
    in_source = set(_BIDI_RE.findall(unit.source))
    found = dict.fromkeys(_BIDI_RE.findall(unit.target))
    extra = [c for c in found if (c in _MARKS or c in _OVERRIDES) and c not in in_source]
    if extra:
        shown = ", ".join(_NAMES[c] for c in extra)
        yield Issue(f"stray bidi control in a left-to-right translation: {shown}", Severity.WARNING)
