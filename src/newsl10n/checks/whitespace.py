"""The ``repeated-word``, ``whitespace-edges`` and ``double-space`` checks.

Typing slips that survive a read-through: a word typed twice ("в в", "що
що"), a translation that gained or lost the leading/trailing whitespace
``build`` relies on to reassemble the article, and doubled spaces inside a
sentence. Each compares with the source, so a repetition or spacing the
author wrote ("Bora Bora", an aligned table) is not reported.
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
