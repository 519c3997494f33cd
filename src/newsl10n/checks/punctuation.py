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

``end-punctuation`` compares the mark that ends the sentence, ignoring closing
quotes and brackets around it (English puts the full stop inside the quote,
Ukrainian outside): ? ! and … must survive, and a full stop must stay a full
stop or be absent in both.
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
}
_QUOTES = set("«»„“”\"‘’‚‹›")
_ALWAYS_OPEN = set("«„‚‹")
_ALWAYS_CLOSE = set("»›")
_BRACKETS = {"(": ")", "[": "]", "{": "}"}
_CLOSE_BRACKETS = {v: k for k, v in _BRACKETS.items()}
_MARKS_RE = re.compile("[" + re.escape("".join(sorted(_QUOTES | set(_BRACKETS) | set(_CLOSE_BRACKETS)))) + "]")
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


def _role(text: str, i: int) -> str:
    """``open``, ``close`` or ``none`` for the quote mark at ``text[i]``."""
    ch = text[i]
    if ch in _ALWAYS_OPEN:
        return "open"
    if ch in _ALWAYS_CLOSE:
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
def balance(text: str) -> Balance:
    """Compute the :class:`Balance` of ``text``."""
    stack: list[str] = []
    stray = mismatched = 0
    brackets: dict[str, list[int]] = {k: [0, 0] for k in _BRACKETS}
    for m in _MARKS_RE.finditer(text):  # only the marks: a per-character loop is slow
        i, ch = m.start(), m.group()
        if ch in _BRACKETS:
            brackets[ch][0] += 1
        elif ch in _CLOSE_BRACKETS:
            counts = brackets[_CLOSE_BRACKETS[ch]]
            if counts[0]:
                counts[0] -= 1
            else:
                counts[1] += 1
        elif ch in _QUOTES:
            role = _role(text, i)
            if role == "open" and ch in _QUOTE_PAIRS:
                # “ after „ is ambiguous: in „…“ style it closes.
                if stack and ch in _QUOTE_PAIRS[stack[-1]] and ch not in _ALWAYS_OPEN:
                    stack.pop()
                else:
                    stack.append(ch)
            elif role in ("close", "open"):
                if stack and ch in _QUOTE_PAIRS[stack[-1]]:
                    stack.pop()
                elif stack and any(ch in _QUOTE_PAIRS[o] for o in stack):
                    # Closes an outer quotation: the inner one was never closed.
                    while stack and ch not in _QUOTE_PAIRS[stack[-1]]:
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
    src, tgt = balance(unit.source), balance(unit.target)
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


_TRAILING = set("»”“\"’'›)]} \t\n\u00a0\u202f")
_END_MARKS = "?!…:;."


@lru_cache(maxsize=4096)
def end_marks(text: str) -> frozenset[str]:
    """The sentence-final marks of ``text``, ignoring closing quotes and brackets.

    ``...`` counts as ``…``; ``?!`` gives both.
    """
    stripped = text.rstrip()
    tail = ""
    i = len(stripped)
    while i > 0 and (stripped[i - 1] in _TRAILING or stripped[i - 1] in _END_MARKS):
        i -= 1
    tail = stripped[i:]
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
    src, tgt = end_marks(unit.source), end_marks(unit.target)
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
    yield Issue(
        f"the source ends with {_describe(src_stops)}, the translation with {_describe(tgt_stops)}"
    )


def _describe(marks: frozenset[str]) -> str:
    if not marks:
        return "no punctuation"
    return " and ".join(f"a {_NAMES[m]}" for m in sorted(marks))
