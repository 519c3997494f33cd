"""Plain-text articles: the text path of :mod:`newsl10n.segment`, behind the formats interface.

Segmentation is exactly ``segment.segment_text`` (metadata line, blank-line
paragraphs, pysbd sentences with the news rules), so a text article gives the
same segments, msgids and build output whether it goes through here or
through ``segment.parse_article``.
"""

from __future__ import annotations

from newsl10n.formats.base import Document, Region
from newsl10n.segment import segment_text


def parse(text: str, *, path: str) -> Document:
    """Parse decoded plain ``text`` into a :class:`Document`."""
    metadata, segments = segment_text(text, ref_path=path)
    blocks: dict[int, Region] = {}
    for seg in segments:
        prev = blocks.get(seg.paragraph)
        start = prev.start if prev else seg.start
        blocks[seg.paragraph] = Region("paragraph", start, seg.end)
    return Document(
        path=path,
        format="text",
        text=text,
        segments=tuple(segments),
        blocks=tuple(blocks.values()),
        metadata=metadata,
    )
