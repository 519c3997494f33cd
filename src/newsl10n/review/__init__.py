"""Static review pages: catalogs + article + findings + glossary → one HTML file per article and language.

- :mod:`~newsl10n.review.confidence`: the draft confidence comment (no Jinja2);
- :mod:`~newsl10n.review.page`: what a page shows, as plain data (no Jinja2);
- :mod:`~newsl10n.review.render`: the templates (the only importer of Jinja2),
  imported on first use so that ``newsl10n check`` and ``stats`` never load it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from newsl10n.review.confidence import (
    confidence_comment,
    confidence_from_score,
    confidence_notes,
    draft_confidence,
    parse_confidence,
)
from newsl10n.review.page import Entry, Group, Page, Part, Piece, build_page, highlight, review_state

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "Entry",
    "Group",
    "Page",
    "Part",
    "Piece",
    "build_page",
    "confidence_comment",
    "confidence_from_score",
    "confidence_notes",
    "draft_confidence",
    "highlight",
    "parse_confidence",
    "render_index",
    "render_page",
    "review_state",
]


def render_page(page: Page) -> str:
    """The HTML of one review page (see :func:`newsl10n.review.render.render_page`)."""
    from newsl10n.review.render import render_page as render

    return render(page)


def render_index(pages: Sequence[Page], *, project: str) -> str:
    """The HTML of the index page (see :func:`newsl10n.review.render.render_index`)."""
    from newsl10n.review.render import render_index as render

    return render(pages, project=project)


