"""Sentences longer than a model can read: split into pieces, draft them, join.

A Marian model has a fixed number of position encodings
(``max_position_embeddings``, 512 for Opus-MT, 256 for some local models).
Truncating a longer input silently drops the end of the draft, and feeding it
whole fails inside the model. Both backends instead split such a sentence where
a translator would (``;``, ``:``, ``—``, ``,`` followed by a space, in that
order of preference), or failing that into windows of whole words, so that each
piece fits; the pieces are drafted like any other input and their drafts are
joined with a space. A cut never falls inside a placeable (a URL's ``https:``,
``1,200``), so placeable protection still finds every one of them in the join.

The catalog keeps the whole sentence; the joined :class:`~newsl10n.model.Draft`
says how many pieces it was made from (``Draft.pieces``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from newsl10n.model import Draft
from newsl10n.placeables import find_placeables

__all__ = ["CLAUSE_MARKS", "PiecePlan", "join_drafts", "plan_pieces", "split_for_model"]

# Preferred cut points, strongest boundary first; each must be followed by whitespace.
CLAUSE_MARKS: tuple[str, ...] = (";", ":", "—", ",")
_WORD_RE = re.compile(r"\S+\s*")

Counter = Callable[[Sequence[str]], list[int]]  # texts -> model tokens of each (end token included)


@dataclass(frozen=True, slots=True)
class PiecePlan:
    """What the model is given for a list of texts.

    ``inputs[spans[i]]`` are the pieces of ``texts[i]`` (one piece, the text
    itself, when it fits).
    """

    inputs: list[str]
    spans: list[range]

    @property
    def owners(self) -> list[int]:
        """The text index of each input."""
        out = [0] * len(self.inputs)
        for i, span in enumerate(self.spans):
            for j in span:
                out[j] = i
        return out


def plan_pieces(texts: Sequence[str], *, count: Counter, limit: int) -> PiecePlan:
    """Split every text of more than ``limit`` tokens (see :func:`split_for_model`)."""
    inputs: list[str] = []
    spans: list[range] = []
    for text, n in zip(texts, count(texts) if texts else []):
        pieces = [text] if n <= limit else split_for_model(text, count=count, limit=limit)
        spans.append(range(len(inputs), len(inputs) + len(pieces)))
        inputs.extend(pieces)
    return PiecePlan(inputs, spans)


def split_for_model(text: str, *, count: Counter, limit: int) -> list[str]:
    """``text`` as consecutive pieces of at most ``limit`` tokens each.

    Clause boundaries are tried first, strongest first; a clause that is still
    too long is split at the next weaker mark, and finally into windows of
    whole words (a single word longer than the limit into character windows).
    Joining the pieces with single spaces gives ``text`` up to whitespace.
    """
    if limit < 2:
        raise ValueError(f"a model input limit of {limit} tokens leaves no room for text")
    return [p for p in _split(text.strip(), 0, count, limit) if p]


def _split(text: str, level: int, count: Counter, limit: int) -> list[str]:
    if count([text])[0] <= limit:
        return [text]
    if level < len(CLAUSE_MARKS):
        parts = _cut(text, CLAUSE_MARKS[level])
        if len(parts) > 1:
            return _pack(parts, level + 1, count, limit)
        return _split(text, level + 1, count, limit)
    words = _WORD_RE.findall(text)
    if len(words) > 1:
        return _pack(words, level + 1, count, limit)
    return _char_windows(text, count, limit)


def _cut(text: str, mark: str) -> list[str]:
    """``text`` cut after each ``mark`` that is followed by whitespace and is not inside a placeable."""
    protected = [(p.start, p.end) for p in find_placeables(text)]
    parts, start = [], 0
    for m in re.finditer(re.escape(mark) + r"\s+", text):
        if any(s <= m.start() < e for s, e in protected):
            continue
        parts.append(text[start : m.end()])
        start = m.end()
    parts.append(text[start:])
    return [p for p in parts if p.strip()]


def _pack(parts: list[str], level: int, count: Counter, limit: int) -> list[str]:
    """Consecutive ``parts`` packed greedily into pieces that fit; a part too long alone is split further."""
    sizes = count([p.strip() for p in parts])
    out: list[str] = []
    current, current_size = "", 0
    for part, size in zip(parts, sizes):
        # Each count includes one end token; a packed piece has one end token in all.
        if current and current_size + size - 1 <= limit:
            current, current_size = current + part, current_size + size - 1
            continue
        if current:
            out.append(current.strip())
        if size <= limit:
            current, current_size = part, size
        else:
            # The next weaker mark; past the last mark, word windows; past those, character windows.
            deeper = _split(part.strip(), level, count, limit) if level <= len(CLAUSE_MARKS) else (
                _char_windows(part.strip(), count, limit)
            )
            out.extend(deeper)
            current, current_size = "", 0
    if current.strip():
        out.append(current.strip())
    # Sentencepiece may tokenise a join differently from its parts: check, and split again if needed.
    checked: list[str] = []
    for piece, n in zip(out, count(out) if out else []):
        checked.extend([piece] if n <= limit else _halves(piece, count, limit))
    return checked


def _halves(text: str, count: Counter, limit: int) -> list[str]:
    words = _WORD_RE.findall(text)
    if len(words) < 2:
        return _char_windows(text, count, limit)
    mid = len(words) // 2
    out = []
    for half in ("".join(words[:mid]).strip(), "".join(words[mid:]).strip()):
        out.extend([half] if count([half])[0] <= limit else _halves(half, count, limit))
    return out


def _char_windows(text: str, count: Counter, limit: int) -> list[str]:
    """A single over-long "word": the longest prefixes that fit, one after another."""
    out, rest = [], text
    while rest:
        lo, hi = 1, len(rest)
        while lo < hi:  # the longest prefix that fits
            mid = (lo + hi + 1) // 2
            if count([rest[:mid]])[0] <= limit:
                lo = mid
            else:
                hi = mid - 1
        out.append(rest[:lo])
        rest = rest[lo:]
    return out


def join_drafts(drafts: Sequence[Draft]) -> Draft:
    """One draft from the drafts of consecutive pieces: texts and n-best joined with spaces."""
    if len(drafts) == 1:
        return drafts[0]
    n = max(len(d.alternatives) or 1 for d in drafts)
    alts = tuple(
        " ".join(s for s in ((d.alternatives or (d.text,))[min(k, len(d.alternatives or (d.text,)) - 1)].strip()
                             for d in drafts) if s)
        for k in range(n)
    )
    # Hypothesis k joins each piece's k-th hypothesis (or its last): its score is their mean.
    per_k = [[d.score_of(min(k, len(d.alternatives or (d.text,)) - 1)) for d in drafts] for k in range(n)]
    scores = tuple(sum(s) / len(s) for s in per_k if None not in s)  # type: ignore[arg-type]
    if len(scores) != n:
        scores = ()
    best = [d.score for d in drafts if d.score is not None]
    return Draft(
        alts[0],
        score=sum(best) / len(best) if len(best) == len(drafts) else None,
        alternatives=alts,
        pieces=sum(d.pieces for d in drafts),
        truncated=any(d.truncated for d in drafts),
        scores=scores,
    )
