"""Article text → translatable sentence segments with exact spans, and the skeleton around them.

- :mod:`~newsl10n.segment.article`: reading an article, metadata, paragraphs, segments;
- :mod:`~newsl10n.segment.lines`: which line breaks end a line standing on its own;
- :mod:`~newsl10n.segment.sentences`: sentences within a block (pysbd, made linear);
- :mod:`~newsl10n.segment.news`: where news copy continues a sentence pysbd ends.
"""

from __future__ import annotations

from newsl10n.segment.article import (
    MAX_ARTICLE_BYTES,
    Article,
    normalise_source,
    parse_article,
    read_article_text,
    segment_text,
)

__all__ = [
    "MAX_ARTICLE_BYTES",
    "Article",
    "normalise_source",
    "parse_article",
    "read_article_text",
    "segment_text",
]
