"""Markdown articles (CommonMark + GFM tables, via markdown-it-py) → blocks and segments.

markdown-it gives each block's inline content (``Token.content``: the source
text of the block with container markers and indentation removed, lines
joined by ``\\n``) and the source lines it came from (``Token.map``), but no
character offsets. Each content line is found in its source line, left to
right (table cells share a line), which maps every character of the content
back to the file. A block whose content cannot be located exactly (tabs that
markdown-it expanded, say) stays untranslated and is listed in ``protected``.

Translatable: headings (ATX and setext), paragraphs (in list items and block
quotes too), table cells, and the ``title``/``description``/``summary`` values
of YAML front matter. Raw HTML blocks go through :mod:`newsl10n.formats.html`.
Left alone: fenced and indented code, link reference definitions, the rest of
the front matter. Inline code, links, images (alt text and title
included), autolinks, emphasis and inline HTML stay inside the segment as
written; a sentence boundary never cuts through one.

A segment spanning a line break inside a block quote or list item covers the
``>`` or indentation of the next line in the file; its msgid does not contain
them, and its translation is written on one line, which CommonMark reads as
the same paragraph (lazy continuation).
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from newsl10n.formats.base import (
    MARKDOWN_SIGNIFICANT,
    Document,
    LineIndex,
    Region,
    decoded_view,
    merge_with_markup,
    msgid_for,
    sentence_spans,
)
from newsl10n.model import Segment
from newsl10n.placeables import has_words

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

log = logging.getLogger(__name__)

FRONT_MATTER_KEYS = ("title", "description", "summary")
_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)?")
_FM_FIELD_RE = re.compile(r"(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]+(?P<value>.*?)[ \t]*\Z")
_BLOCK_KINDS = {"heading_open", "paragraph_open", "th_open", "td_open"}
_PROTECTED = {"fence": "code-fence", "code_block": "code-block"}
# Inline constructs a sentence boundary must not cut (in content coordinates).
_CODE_SPAN_RE = re.compile(r"(?<!`)(`+)(?!`).*?(?<!`)\1(?!`)", re.DOTALL)
_LINK_RE = re.compile(
    r"!?\[(?:[^\[\]\\]|\\.|\[[^\[\]]*\])*\](?:\([^()\s]*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)|\[[^\]]*\])?"
)
_ANGLE_RE = re.compile(r"<[^<>\n]*>")
_EMPHASIS_RE = re.compile(r"(?<!\\)(?:\*+|~~|(?<![\w])_+|_+(?![\w]))")


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def parse(text: str, *, path: str, front_matter_keys: tuple[str, ...] = FRONT_MATTER_KEYS) -> Document:
    """Parse decoded Markdown ``text`` into a :class:`Document`."""
    lines = [(m.start(), m.start() + len(m.group().rstrip("\r\n"))) for m in _LINE_RE.finditer(text) if m.group()]
    index = LineIndex(text)
    segments: list[Segment] = []
    blocks: list[Region] = []
    protected: list[Region] = []
    escapes: dict[int, str] = {}
    paragraph = 0

    fm_lines = _front_matter_lines(text, lines)
    if fm_lines:
        protected.append(Region("front-matter", 0, lines[fm_lines - 1][1]))
        for no in range(1, fm_lines - 1):
            s, e = lines[no]
            m = _FM_FIELD_RE.match(text, s, e)
            if not m or m.group("key") not in front_matter_keys:
                continue
            vs, ve = _scalar_span(text, m.start("value"), m.end("value"))
            if vs < 0 or not has_words(text[vs:ve]):
                continue
            paragraph += 1
            blocks.append(Region(f"front-matter:{m.group('key')}", vs, ve))
            quote = text[vs - 1]
            escapes[vs] = f"yaml{quote}" if quote in "\"'" and vs - 1 == m.start("value") else "yaml"
            segments.append(
                Segment(
                    msgid_for(text[vs:ve], significant=frozenset("\"'\\")), (path, index.line_of(vs)), vs, ve, paragraph
                )
            )

    # Front matter lines become empty lines, so markdown-it's line numbers stay ours.
    # A BOM is an encoding mark, not text: "\ufeff# Title" is a heading.
    body = "\n" * fm_lines + "".join(text[s:e] + "\n" for s, e in lines[fm_lines:])
    body = body[1:] if body.startswith("\ufeff") else body
    cursor: dict[int, int] = {}
    kind = "p"
    for tok in _markdown().parse(body):
        if tok.type in _BLOCK_KINDS:
            kind = tok.tag
        elif tok.type == "html_block" and tok.map:
            first, last = tok.map[0], min(tok.map[1], len(lines)) - 1
            if first <= last:
                paragraph = _html_block(
                    text, path, lines[first][0], lines[last][1], index, paragraph, segments, blocks, protected, escapes
                )
        elif tok.type in _PROTECTED and tok.map:
            first, last = tok.map[0], min(tok.map[1], len(lines)) - 1
            if first <= last:
                protected.append(Region(_PROTECTED[tok.type], lines[first][0], lines[last][1]))
        elif tok.type == "inline" and tok.map and tok.content.strip():
            located = _locate(text, lines, tok.map[0], tok.content, cursor)
            if located is None:
                where = lines[tok.map[0]][0]
                log.info("%s:%d: block not located in the source; left untranslated", path, index.line_of(where))
                protected.append(Region("unlocated", where, lines[min(tok.map[1], len(lines)) - 1][1]))
                continue
            starts, ends = located
            view = tok.content
            if not has_words(_CODE_SPAN_RE.sub(" ", view)):
                continue
            paragraph += 1
            blocks.append(Region(kind, starts[0], ends[-1]))
            for vs, ve in _segment_spans(view):
                raw = view[vs:ve]
                if not has_words(_CODE_SPAN_RE.sub(" ", raw)):
                    continue
                escapes[starts[vs]] = "md-cell" if kind in ("th", "td") else "md"
                segments.append(
                    Segment(
                        source=msgid_for(raw, significant=MARKDOWN_SIGNIFICANT),
                        location=(path, index.line_of(starts[vs])),
                        start=starts[vs],
                        end=ends[ve - 1],
                        paragraph=paragraph,
                    )
                )
    segments.sort(key=lambda s: s.start)
    return Document(
        path=path,
        format="markdown",
        text=text,
        segments=tuple(segments),
        blocks=tuple(sorted(blocks, key=lambda r: r.start)),
        protected=tuple(protected),
        escapes=escapes,
    )


# A hard line break: two or more spaces, or a backslash, before a line break.
_HARD_BREAK_RE = re.compile(r"(?: {2,}|\\)\n")


def _segment_spans(view: str) -> list[tuple[int, int]]:
    """Segment spans in a block's content: sentences, never cutting inline markup.

    A hard line break always ends a segment, so it stays in the skeleton: a
    msgid folds line breaks, which would lose it. (Markup spanning a hard
    break is rare; its halves then sit in two segments.)
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for piece_end, next_start in [
        *((m.start(), m.end()) for m in _HARD_BREAK_RE.finditer(view)),
        (len(view), len(view)),
    ]:
        piece = view[pos:piece_end]
        decoded, d_starts, d_ends = decoded_view(piece)
        sentences = [(d_starts[a], d_ends[b - 1]) for a, b in sentence_spans(decoded) if b > a]
        spans.extend((pos + a, pos + b) for a, b in merge_with_markup(sentences, _markup_extents(piece)))
        pos = next_start
    return spans


def _html_block(
    text: str,
    path: str,
    start: int,
    end: int,
    index: LineIndex,
    paragraph: int,
    segments: list[Segment],
    blocks: list[Region],
    protected: list[Region],
    escapes: dict[int, str],
) -> int:
    """A raw HTML block goes through the HTML rules; its spans are shifted into the file."""
    from newsl10n.formats import html

    doc = html.parse(text[start:end], path=path)
    numbers: dict[int, int] = {}
    for seg in doc.segments:
        if seg.paragraph not in numbers:
            paragraph += 1
            numbers[seg.paragraph] = paragraph
        s, e = seg.start + start, seg.end + start
        style = doc.escapes.get(seg.start)
        escapes[s] = style or "md"  # a blank line would end the HTML block
        segments.append(Segment(seg.source, (path, index.line_of(s)), s, e, numbers[seg.paragraph], seg.context))
    blocks.extend(Region(r.kind, r.start + start, r.end + start) for r in doc.blocks)
    protected.extend(Region(r.kind, r.start + start, r.end + start) for r in doc.protected)
    return paragraph


def _front_matter_lines(text: str, lines: list[tuple[int, int]]) -> int:
    """How many lines the YAML front matter takes (delimiters included), 0 if none."""
    if not lines or text[lines[0][0] : lines[0][1]].lstrip("\ufeff") != "---":
        return 0
    for no in range(1, len(lines)):
        if text[lines[no][0] : lines[no][1]] in ("---", "..."):
            return no + 1
    return 0


def _scalar_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of a one-line YAML scalar's text (inside its quotes); (-1, -1) if not one."""
    value = text[start:end]
    if not value or value[0] in "|>[{&*!%@`#":
        return -1, -1
    if value[0] in "\"'":
        close = value.rfind(value[0])
        if close <= 0:
            return -1, -1
        return start + 1, start + close
    comment = re.search(r"\s#", value)
    if comment:
        end = start + comment.start()
    return start, end


def _locate(
    text: str, lines: list[tuple[int, int]], first_line: int, content: str, cursor: dict[int, int]
) -> tuple[list[int], list[int]] | None:
    """Where each character of ``content`` sits in ``text`` (start and end offsets), or None."""
    starts: list[int] = []
    ends: list[int] = []
    parts = content.split("\n")
    if first_line + len(parts) > len(lines):
        return None
    for i, part in enumerate(parts):
        no = first_line + i
        s, e = lines[no]
        at = text.find(part, s + cursor.get(no, 0), e) if part else s + cursor.get(no, 0)
        if at < 0:
            return None
        if i:
            # The "\n" between two content lines stands for the line break and any prefix.
            starts.append(ends[-1] if ends else s)
            ends.append(at)
        starts.extend(range(at, at + len(part)))
        ends.extend(range(at + 1, at + len(part) + 1))
        cursor[no] = at + len(part) - s
    return starts, ends


def _markup_extents(view: str) -> list[tuple[int, int]]:
    """Spans of inline constructs in ``view`` that one segment must hold whole.

    Emphasis delimiter runs are paired in order; a wrong pairing only joins
    sentences that could have been split, never splits a construct.
    """
    extents = [m.span() for m in _CODE_SPAN_RE.finditer(view)]
    masked = _mask(view, extents)
    for pattern in (_LINK_RE, _ANGLE_RE):
        found = [m.span() for m in pattern.finditer(masked)]
        extents.extend(found)
        masked = _mask(masked, found)
    delims = [m for m in _EMPHASIS_RE.finditer(masked)]
    by_char: dict[str, list[re.Match[str]]] = {}
    for m in delims:
        by_char.setdefault(m.group()[0], []).append(m)
    for runs in by_char.values():
        for a, b in zip(runs[::2], runs[1::2], strict=False):
            extents.append((a.start(), b.end()))
        if len(runs) % 2:
            extents.append((runs[-1].start(), len(view)))
    return extents


def _mask(view: str, spans: list[tuple[int, int]]) -> str:
    chars = list(view)
    for s, e in spans:
        for i in range(s, e):
            chars[i] = "\0"
    return "".join(chars)
