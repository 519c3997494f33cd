"""Catalog + article → the translated article and a compiled ``.mo``.

The article is re-segmented and each segment's span is replaced by its
translation; everything between segments (paragraph breaks, metadata, bare
links) is copied verbatim. A segment with no usable translation keeps its
English text, so a catalog with no translations reproduces the article exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsl10n.catalog import Catalog, mo_bytes
from newsl10n.formats import Document, fit_translation
from newsl10n.model import UnitState
from newsl10n.segment import Article


@dataclass(frozen=True, slots=True)
class RenderStats:
    """How much of an article came out translated."""

    segments: int
    translated: int
    stale: int  # segments with no entry in the catalog (catalog older than article)

    @property
    def percent(self) -> float:
        """Translated share of segments, 0–100."""
        return 100.0 * self.translated / self.segments if self.segments else 100.0


def usable(state: UnitState, *, include_fuzzy: bool) -> bool:
    """Whether a translation in ``state`` goes into the built article."""
    return state is UnitState.REVIEWED or (include_fuzzy and state is UnitState.MT_DRAFT)


def render_article(
    article: Document | Article, catalog: Catalog, *, include_fuzzy: bool = False
) -> tuple[str, RenderStats]:
    """The translated article text, and how much of it was translated."""
    units = catalog.by_key()
    out: list[str] = []
    pos = 0
    translated = stale = 0
    for seg in article.segments:
        out.append(article.text[pos : seg.start])
        unit = units.get((seg.source, seg.context))
        if unit is None:
            stale += 1
        if unit is not None and unit.target and usable(unit.state, include_fuzzy=include_fuzzy):
            out.append(fit_translation(article, seg, unit.target))  # e.g. a quote inside an attribute value
            translated += 1
        else:
            out.append(article.text[seg.start : seg.end])
        pos = seg.end
    out.append(article.text[pos:])
    return "".join(out), RenderStats(len(article.segments), translated, stale)



def compile_mo(catalog: Catalog, *, include_fuzzy: bool = False) -> bytes:
    """The binary ``.mo`` for ``catalog`` (fuzzy entries only with ``include_fuzzy``)."""
    units = [u for u in catalog.units if u.target and usable(u.state, include_fuzzy=include_fuzzy)]
    return mo_bytes(catalog.header, units)
