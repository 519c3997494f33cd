"""Sentence spans within one block of prose: pysbd, made linear, plus the news rules.

pysbd (the Golden Rules segmenter) runs on a copy of the block in which URLs,
handles and hashtags are masked with letters of the same length, so offsets stay
valid. Its sentences are then joined where news copy continues a sentence pysbd
ends (:mod:`newsl10n.segment.news`), and split where a tweet is glued to the
sentence before it, at embedded-tweet attribution lines, and before trailing runs
of links and hashtags.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

from newsl10n.placeables import find_placeables
from newsl10n.segment.news import ATTRIBUTION_RE, join_continued

if TYPE_CHECKING:
    import pysbd

# A sentence end glued to a tweet's @handle or #hashtag: "graves.@ZelenskyyUa".
_GLUED_RE = re.compile(r"(?<=[.!?…])(?=[@#][^\W\d_])")


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def _mask(block: str) -> str:
    """Same-length copy for pysbd: placeables as letters, line wraps as spaces."""
    chars = list(block)
    for p in find_placeables(block, kinds=("url", "email", "handle", "hashtag", "emoji")):
        # Keep a leading @/# so the glued-tweet rule still sees it.
        keep = 1 if p.kind in ("handle", "hashtag") else 0
        for i in range(p.start + keep, p.end):
            chars[i] = "x"
    # A line break left inside a block is a wrap, not a boundary.
    return "".join(chars).replace("\r", " ").replace("\n", " ")


def sentences(block: str) -> list[tuple[int, int]]:
    """Sentence spans (stripped of surrounding whitespace) within one block of prose."""
    masked = _mask(block)
    # pysbd sees only the block's text: a trailing newline or indent changed its
    # decisions (Golden Rule 48 lost its closing ". . ." with a newline after it).
    lo, hi = _strip(masked, 0, len(masked))
    found = [(lo + s, lo + e) for s, e in _sentence_spans(masked[lo:hi])]
    spans: list[tuple[int, int]] = []
    for start, end in join_continued(masked, found):
        spans.extend(_refine(masked, start, end))
    return [_strip(block, s, e) for s, e in spans if block[s:e].strip()]


def _sentence_spans(masked: str) -> list[tuple[int, int]]:
    """pysbd's sentences located in ``masked``, in order and never overlapping.

    pysbd slows down with the square of its input, so a long block is fed
    to it in windows: each window's sentences are kept up to the last one that
    ends well before the window's edge, and the next window starts there. A
    block of 190,000 characters took 19 s in one piece. A window in which no
    sentence ends is a sentence going on: the next window starts at a space
    before its edge, and the sentence ends where the first one found there does.
    (Growing the window instead was quadratic again: 98,000 characters of
    capitalised words without a full stop took 59 s.)
    """
    spans: list[tuple[int, int]] = []
    base = 0
    pending: int | None = None  # start of a sentence whose end is not found yet
    while base < len(masked):
        end = base + _WINDOW
        local = [(base + s, base + e) for s, e in _pysbd_spans(masked[base:end])]
        if end < len(masked):
            local = [(s, e) for s, e in local if e <= end - _WINDOW_MARGIN]
            if not local:
                if pending is None:
                    pending = base
                cut = masked.rfind(" ", base + 1, end - _WINDOW_MARGIN)
                base = cut if cut > base else end - _WINDOW_MARGIN
                continue
        if pending is not None:
            local[:1] = [(pending, local[0][1] if local else len(masked))]
            pending = None
        spans.extend(local)
        if end >= len(masked):
            break
        base = local[-1][1]
    return spans


_WINDOW = 5000
_WINDOW_MARGIN = 500  # pysbd looks ahead a little past a boundary


def _pysbd_spans(masked: str) -> list[tuple[int, int]]:
    """pysbd's sentences located in ``masked``.

    pysbd's own ``char_span=True`` rescans the text from the start for every
    sentence, which is quadratic (30,000 characters of short repeated sentences
    took 50 s) and can return overlapping spans; searching on from the previous
    sentence's end is linear and never overlaps.
    """
    if not masked.strip():
        return []
    # pysbd's decisions depend on how much whitespace there is ("a.m.  X" is one
    # sentence, "a.m. X" two) and on normalisation ("! e\u0301" is no boundary,
    # "! \u00e9" is), so a CRLF and an LF wrap, or NFD and NFC text, would give
    # different msgids. It sees whitespace runs as one space, and NFC text.
    view, starts, ends = _pysbd_view(masked)
    spans: list[tuple[int, int]] = []
    pos = 0
    for sent in _segmenter().processor(view).process():
        found = view.find(sent, pos) if sent else -1
        if found < 0:
            continue  # text pysbd rewrote; it stays in the skeleton, untranslated
        pos = found + len(sent)
        spans.append((starts[found], ends[pos - 1]))
    return spans


def _pysbd_view(text: str) -> tuple[str, list[int], list[int]]:
    """``text`` with whitespace runs as one space and NFC letters, and where each
    character of that view starts and ends in ``text``."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for m in _RUN_RE.finditer(text):
        word, at = m.group(), m.start()
        if word.isspace():
            out.append(" ")
            starts.append(at)
            ends.append(m.end())
        elif unicodedata.is_normalized("NFC", word):
            out.append(word)
            starts.extend(range(at, m.end()))
            ends.extend(range(at + 1, m.end() + 1))
        else:
            for c in _CLUSTER_RE.finditer(word):
                piece = unicodedata.normalize("NFC", c.group())
                out.append(piece)
                starts.extend([at + c.start()] * len(piece))
                ends.extend([at + c.end()] * len(piece))
    return "".join(out), starts, ends


_RUN_RE = re.compile(r"\s+|\S+")
# A character and the combining marks after it (NFC composes only within these).
_CLUSTER_RE = re.compile(r".[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]*", re.DOTALL)


def _refine(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Apply the news rules pysbd does not know to one pysbd sentence."""
    pieces: list[tuple[int, int]] = []
    pos = start
    for m in _GLUED_RE.finditer(masked, start, end):
        pieces.append((pos, m.start()))
        pos = m.start()
    pieces.append((pos, end))
    out: list[tuple[int, int]] = []
    for s, e in pieces:
        s, e = _strip(masked, s, e)
        attribution = ATTRIBUTION_RE.search(masked, s, e)
        if attribution and attribution.start() > s:
            out.extend(_split_tail(masked, s, attribution.start()))
            out.append((attribution.start(), e))
        else:
            out.extend(_split_tail(masked, s, e))
    return out


# Each token must match one way only: "#x+" followed by "x{8,}" could split a run
# of masked letters in many ways, and the failing search backtracked
# exponentially (0.2 s for one 284-character sentence, minutes for longer ones).
_TAIL_RE = re.compile(r"(?:[ \t]*(?:[#@]x+(?!x)|(?<![x#@])x{8,}(?!x)))+[ \t]*\Z")


def _split_tail(masked: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a trailing run of links/hashtags off a sentence that ended before it."""
    s, e = _strip(masked, start, end)
    tail = _TAIL_RE.search(masked, s, e)
    if tail and tail.start() > s and masked[tail.start() - 1] in ".!?…\"”»)":
        return [(s, tail.start()), (tail.start(), e)]
    return [(s, e)]


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end

