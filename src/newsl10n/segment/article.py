"""Article text → translatable sentence segments, and the skeleton around them.

Segmentation is span based: every segment records where it sits in the article,
and everything between segments (whitespace, metadata, bare links, hashtag
blocks) is kept verbatim. ``build`` substitutes translations into those spans,
so an article built with no translations is the original, byte for byte.

Sentence boundaries come from pysbd (the Golden Rules segmenter), run on a copy
of the paragraph in which URLs, handles and hashtags are masked with letters of
the same length, so offsets stay valid. News-specific rules are layered on top:
embedded-tweet attribution lines, tweets glued to the sentence before them, and
trailing runs of links and hashtags.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from newsl10n.errors import ArticleError
from newsl10n.model import Segment
from newsl10n.placeables import find_placeables, has_words

if TYPE_CHECKING:
    import pysbd

# A long news feature is ~100 KB; segmentation takes ~15 s per MiB of one
# unbroken paragraph, so anything past this is a wrong file, not an article.
MAX_ARTICLE_BYTES = 2 * 1024 * 1024

# A leading metadata field fused to the dateline: " date 2022-09-16 KYIV - ..."
_METADATA_RE = re.compile(
    r"\A(?P<lead>\ufeff?[ \t]*)(?P<key>date|published|updated|modified)[ \t]*[:=]?[ \t]+"
    r"(?P<value>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)"
    r"(?=\s)[ \t]*",
    re.IGNORECASE,
)
_EOL = r"(?:\r\n|\n|\r(?!\n))"  # never split a CRLF into two line breaks
_PARAGRAPH_BREAK_RE = re.compile(rf"{_EOL}[ \t]*{_EOL}(?:[ \t]*{_EOL})*")
# "— Defense of Ukraine (@DefenceU) September 15, 2022" closing an embedded tweet.
_ATTRIBUTION_RE = re.compile(
    r"[—–-]{1,2}[ \t]*[^—–\n()]{1,80}?\(@\w{1,30}\)[ \t]+"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"[ \t]+\d{1,2},[ \t]+\d{4}[ \t]*\Z"
)
# A sentence end glued to a tweet's @handle or #hashtag: "graves.@ZelenskyyUa".
_GLUED_RE = re.compile(r"(?<=[.!?…])(?=[@#][^\W\d_])")
_SPACE_RE = re.compile(r"\s+")


@dataclass(frozen=True, slots=True)
class Article:
    """A parsed article: its text, metadata, and the translatable segments."""

    path: str  # as written in references (posix, relative to the project root)
    text: str
    metadata: dict[str, str]
    segments: tuple[Segment, ...]

    @property
    def slug(self) -> str:
        """The catalog name: the file stem."""
        return Path(self.path).stem


def read_article_text(path: Path) -> str:
    """Read an article as UTF-8, with a precise error for anything unusable.

    Raises:
        ArticleError: missing, empty, too large, not UTF-8, or containing NUL.
    """
    shown = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ArticleError("article not found", path=shown) from None
    except OSError as exc:
        raise ArticleError(f"cannot read article: {exc.strerror}", path=shown) from None
    if path.is_dir():
        raise ArticleError("is a directory, not an article", path=shown)
    if size > MAX_ARTICLE_BYTES:
        raise _too_large(shown, size)
    try:
        with path.open("rb") as fh:  # bounded: a device or FIFO reports size 0
            data = fh.read(MAX_ARTICLE_BYTES + 1)
    except OSError as exc:
        raise ArticleError(f"cannot read article: {exc.strerror}", path=shown) from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise _too_large(shown, None)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ArticleError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path=shown,
            line=line,
            hint="re-save the article as UTF-8, e.g. iconv -f cp1252 -t utf-8",
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        raise ArticleError(
            "contains a NUL byte (binary file?)", path=shown, line=text.count("\n", 0, nul) + 1
        )
    if not text.strip("\ufeff \t\r\n"):
        raise ArticleError("article is empty", path=shown)
    return text


def _too_large(shown: str, size: int | None) -> ArticleError:
    limit = f"{MAX_ARTICLE_BYTES / 2**20:g} MiB"
    what = f"{size / 2**20:.1f} MiB" if size is not None else f"over {limit}"
    return ArticleError(
        f"article is {what}; the limit is {limit} ({MAX_ARTICLE_BYTES} bytes)",
        path=shown,
        hint="a news article is far smaller: is this the right file?",
    )


def parse_article(path: Path, *, ref_path: str | None = None) -> Article:
    """Read and segment the article at ``path``.

    Args:
        path: the article file.
        ref_path: how the article is named in ``#:`` references; defaults to ``path``.
    """
    text = read_article_text(path)
    ref = ref_path if ref_path is not None else path.as_posix()
    metadata, segments = segment_text(text, ref_path=ref)
    if not segments:
        raise ArticleError("article has no translatable text", path=str(path))
    return Article(path=ref, text=text, metadata=metadata, segments=tuple(segments))


def segment_text(text: str, *, ref_path: str) -> tuple[dict[str, str], list[Segment]]:
    """Split ``text`` into metadata and sentence segments with exact spans."""
    metadata: dict[str, str] = {}
    body_start = 0
    m = _METADATA_RE.match(text)
    if m:
        metadata[m.group("key").lower()] = m.group("value")
        body_start = m.end()
    line_starts = _line_starts(text)
    segments: list[Segment] = []
    for paragraph_no, (p_start, p_end) in enumerate(_paragraphs(text, body_start), start=1):
        for s_start, s_end in _sentences(text[p_start:p_end]):
            start, end = p_start + s_start, p_start + s_end
            raw = text[start:end]
            if not has_words(raw):
                continue
            segments.append(
                Segment(
                    source=normalise_source(raw),
                    location=(ref_path, _line_of(line_starts, start)),
                    start=start,
                    end=end,
                    paragraph=paragraph_no,
                )
            )
    return metadata, segments


def normalise_source(raw: str) -> str:
    """The msgid for a span: NFC, internal whitespace (line wraps) folded to one space."""
    return _SPACE_RE.sub(" ", unicodedata.normalize("NFC", raw)).strip()


def _paragraphs(text: str, start: int) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = start
    for m in _PARAGRAPH_BREAK_RE.finditer(text, start):
        spans.append((pos, m.start()))
        pos = m.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer(r"\r\n|\n|\r", text))
    return starts


def _line_of(line_starts: list[int], offset: int) -> int:
    lo, hi = 0, len(line_starts)
    while lo + 1 < hi:
        mid = (lo + hi) // 2
        if line_starts[mid] <= offset:
            lo = mid
        else:
            hi = mid
    return lo + 1


@lru_cache(maxsize=1)
def _segmenter() -> pysbd.Segmenter:
    import pysbd

    return pysbd.Segmenter(language="en", clean=False, char_span=False)


def _mask(paragraph: str) -> str:
    """Same-length copy for pysbd: placeables as letters, line wraps as spaces."""
    chars = list(paragraph)
    for p in find_placeables(paragraph, kinds=("url", "email", "handle", "hashtag", "emoji")):
        # Keep a leading @/# so the glued-tweet rule still sees it.
        keep = 1 if p.kind in ("handle", "hashtag") else 0
        for i in range(p.start + keep, p.end):
            chars[i] = "x"
    # A single line break inside a paragraph is a wrap, not a boundary.
    return "".join(chars).replace("\r", " ").replace("\n", " ")


def _sentences(paragraph: str) -> list[tuple[int, int]]:
    """Sentence spans (stripped of surrounding whitespace) within one paragraph."""
    masked = _mask(paragraph)
    spans: list[tuple[int, int]] = []
    for start, end in _sentence_spans(masked):
        spans.extend(_refine(masked, start, end))
    return [_strip(paragraph, s, e) for s, e in spans if paragraph[s:e].strip()]


def _sentence_spans(masked: str) -> list[tuple[int, int]]:
    """pysbd's sentences located in ``masked``, in order and never overlapping.

    pysbd slows down with the square of its input, so a long paragraph is fed
    to it in windows: each window's sentences are kept up to the last one that
    ends well before the window's edge, and the next window starts there. A
    paragraph of 190,000 characters took 19 s in one piece.
    """
    spans: list[tuple[int, int]] = []
    base = 0
    window = _WINDOW
    while base < len(masked):
        end = base + window
        local = _pysbd_spans(masked[base:end])
        if end >= len(masked):
            spans.extend((base + s, base + e) for s, e in local)
            break
        keep = [(s, e) for s, e in local if e <= window - _WINDOW_MARGIN]
        if not keep:
            window *= 2  # one sentence longer than the window: look further
            continue
        spans.extend((base + s, base + e) for s, e in keep)
        base += keep[-1][1]
        window = _WINDOW
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
        attribution = _ATTRIBUTION_RE.search(masked, s, e)
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
