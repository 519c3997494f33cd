"""Article text → translatable sentence segments, and the skeleton around them.

Segmentation is span based: every segment records where it sits in the article,
and everything between segments (whitespace, metadata, bare links, hashtag
blocks) is kept verbatim. ``build`` substitutes translations into those spans,
so an article built with no translations is the original, byte for byte.

A paragraph (text between blank lines) is cut into blocks at the line breaks
that end a line standing on its own (:mod:`newsl10n.segment.lines`); the other
line breaks are wraps. Each block is split into sentences by
:mod:`newsl10n.segment.sentences`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from newsl10n.errors import ArticleError
from newsl10n.model import Segment
from newsl10n.placeables import has_words
from newsl10n.segment.lines import blocks
from newsl10n.segment.sentences import sentences

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
        paragraph = text[p_start:p_end]
        spans = [
            (b_start + s, b_start + e)
            for b_start, b_end in blocks(paragraph)
            for s, e in sentences(paragraph[b_start:b_end])
        ]
        for s_start, s_end in spans:
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
