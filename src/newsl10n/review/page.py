"""What a review page shows, as plain data: catalog + article + findings + glossary → :class:`Page`.

No markup here and no template engine: :mod:`newsl10n.review.render` turns a
:class:`Page` into HTML. Texts are cut into :class:`Piece` runs (plain text, a
glossary term, a changed placeable) so the template never has to build markup
from strings.

Order and grouping come from the article when it can be read (its segments
carry the paragraph number), else from the ``#:`` references (one group per
article line: a paragraph of a plain-text article is one line unless wrapped).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from newsl10n.catalog import Catalog, is_machine_draft, tm_note
from newsl10n.model import Finding, Severity, Unit, UnitState
from newsl10n.placeables import find_placeables
from newsl10n.review.confidence import draft_confidence

# Review states (the catalog has three; the reviewer needs to know where a fuzzy one came from).
REVIEWED = "reviewed"
MT = "machine-draft"
TM = "translation-memory"
STALE = "stale"
UNTRANSLATED = "untranslated"
STATE_LABELS = {
    REVIEWED: "reviewed",
    MT: "machine draft",
    TM: "from translation memory",
    STALE: "stale",
    UNTRANSLATED: "untranslated",
}
_LABELS = {"url": "link", "number": "number"}
_DIGITS_RE = re.compile(r"\d+")


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of text; ``kind`` is '' (plain), 'term', 'term-deprecated' or 'changed'."""

    text: str
    kind: str = ""
    title: str = ""


@dataclass(frozen=True, slots=True)
class Entry:
    """One catalog entry as the reviewer sees it."""

    number: int  # position in article order, from 1
    source: tuple[Piece, ...]
    target: tuple[Piece, ...]
    state: str
    po_ref: str  # "locales/uk/LC_MESSAGES/x.po:42"
    article_ref: str  # "articles/x.txt:3"
    findings: tuple[Finding, ...] = ()
    confidence: float | None = None
    context: str | None = None
    note: str = ""  # why the state is what it is (edited draft, previous msgid, ...)

    @property
    def state_label(self) -> str:
        """Human label of the state."""
        return STATE_LABELS[self.state]

    @property
    def worst(self) -> str:
        """Highest finding severity label, '' when there is none."""
        return max(self.findings, key=lambda f: f.severity).severity.label if self.findings else ""


@dataclass(frozen=True, slots=True)
class Group:
    """A paragraph of the article (or what stands for one: a list item, a caption, a heading).

    ``heading`` is the page heading level (2 or 3) at which the entries of a
    heading block of an HTML/Markdown article are shown, 0 for any other block.
    """

    title: str
    entries: tuple[Entry, ...]
    heading: int = 0


@dataclass(frozen=True, slots=True)
class Part:
    """A heading of the article and the blocks under it, up to the next heading.

    The part before the article's first heading has ``heading`` None.
    """

    heading: Group | None
    groups: tuple[Group, ...]


@dataclass
class Page:
    """One article in one language."""

    slug: str
    lang: str
    article: str
    catalog: str
    title: str
    metadata: list[tuple[str, str]] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    severities: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    structured: bool = False  # groups are blocks of an HTML/Markdown article, under its headings

    @property
    def parts(self) -> list[Part]:
        """The groups under the article's headings (one part without a heading when there is none)."""
        parts: list[Part] = []
        heading: Group | None = None
        body: list[Group] = []
        for group in self.groups:
            if group.heading:
                if heading is not None or body:
                    parts.append(Part(heading, tuple(body)))
                heading, body = group, []
            else:
                body.append(group)
        if heading is not None or body:
            parts.append(Part(heading, tuple(body)))
        return parts

    @property
    def entries(self) -> list[Entry]:
        """Every entry, in article order."""
        return [e for g in self.groups for e in g.entries]

    @property
    def total(self) -> int:
        """Number of entries."""
        return sum(self.counts.values())

    @property
    def drafts(self) -> int:
        """Entries with a translation that nobody has signed off."""
        return self.counts.get(MT, 0) + self.counts.get(TM, 0) + self.counts.get(STALE, 0)

    def percent(self, state: str) -> float:
        """Share of entries in ``state``, 0–100."""
        return 100.0 * self.counts.get(state, 0) / self.total if self.total else 0.0

    @property
    def bar(self) -> list[tuple[str, float, float]]:
        """Progress-bar segments ``(class, x, width)`` in percent: reviewed, drafts, untranslated."""
        parts = [
            ("reviewed", self.percent(REVIEWED)),
            ("draft", self.percent(MT) + self.percent(TM) + self.percent(STALE)),
            ("untranslated", self.percent(UNTRANSLATED)),
        ]
        out, x = [], 0.0
        for cls, width in parts:
            out.append((cls, round(x, 3), round(width, 3)))
            x += width
        return out

    @property
    def lowest_confidence(self) -> float | None:
        """The lowest draft confidence on the page."""
        values = [e.confidence for e in self.entries if e.confidence is not None]
        return min(values) if values else None


def review_state(unit: Unit, *, in_article: bool = True) -> tuple[str, str]:
    """``(state, note)`` of a unit for the reviewer."""
    if unit.state is UnitState.UNTRANSLATED:
        return UNTRANSLATED, ""
    if not in_article:
        return STALE, "this sentence is no longer in the article; run `newsl10n update`"
    if unit.state is UnitState.REVIEWED:
        return REVIEWED, ""
    if unit.previous_source is not None:
        return STALE, f"translated for an earlier source: {unit.previous_source}"
    reuse = tm_note(unit)
    if reuse is not None:
        return TM, reuse
    if unit.origin is not None:
        if is_machine_draft(unit):
            return MT, f"by {unit.origin}"
        return MT, f"by {unit.origin}, edited since; remove the fuzzy mark once reviewed"
    return STALE, "marked fuzzy (needs checking)"


def build_page(
    catalog: Catalog,
    *,
    slug: str,
    lang: str,
    po_shown: str,
    findings: Sequence[Finding] = (),
    glossary: Any = None,
    article: Any = None,
) -> Page:
    """Everything one review page shows.

    Args:
        catalog: the PO catalog.
        slug: the article's slug (page name).
        lang: target language.
        po_shown: the catalog's path as shown on the page.
        findings: the check findings of this catalog (matched to entries by line).
        glossary: a loaded glossary, for highlighting, or None.
        article: the parsed :class:`~newsl10n.segment.Article`, or None when it
            cannot be read (grouping falls back to the ``#:`` references).
    """
    article_path = catalog.header.get("X-Newsl10n-Article", "") or (article.path if article is not None else slug)
    by_line: dict[int, list[Finding]] = {}
    for f in findings:
        by_line.setdefault(f.line, []).append(f)
    order, paragraph_of, missing = _article_layout(catalog.units, article)
    block_of = _blocks_of(article)
    order.update((source, (where[2], 0)) for source, where in block_of.items())
    units = sorted(catalog.units, key=lambda u: order.get(u.source, (1 << 30, 0)))
    groups: dict[str, list[Entry]] = {}
    heading_of: dict[str, int] = {}
    counts: Counter[str] = Counter()
    severities: Counter[str] = Counter()
    for number, unit in enumerate(units, start=1):
        in_article = article is None or unit.source in order
        state, note = review_state(unit, in_article=in_article)
        counts[state] += 1
        own = tuple(f for f in by_line.get(unit.line, ()) if f.msgid == unit.source) if unit.line else ()
        severities.update(f.severity.label for f in own)
        source, target = highlight(unit.source, unit.target, findings=own, glossary=glossary, lang=lang)
        loc = unit.locations[0] if unit.locations else (article_path, 0)
        entry = Entry(
            number=number,
            source=source,
            target=target,
            state=state,
            po_ref=f"{po_shown}:{unit.line}" if unit.line else po_shown,
            article_ref=f"{loc[0]}:{loc[1]}" if loc[1] else loc[0],
            findings=own,
            confidence=draft_confidence(unit),
            context=unit.context,
            note=note,
        )
        if article is not None and in_article and unit.source in block_of:
            title, heading_of[title], _ = block_of[unit.source]
        elif article is not None:
            title = f"Paragraph {paragraph_of[unit.source]}" if in_article else "No longer in the article"
        else:
            title = f"Line {loc[1]}" if loc[1] else "Without a reference"
        groups.setdefault(title, []).append(entry)
    metadata = [("Article", article_path), ("Language", lang), ("Catalog", po_shown)]
    for key in ("PO-Revision-Date", "Last-Translator", "X-Newsl10n-MT"):
        if catalog.header.get(key):
            metadata.append((_META_LABELS.get(key, key), catalog.header[key]))
    for key, value in sorted(catalog.header.items()):
        if key.startswith("X-Article-"):
            metadata.append((key[len("X-Article-"):].replace("-", " ").capitalize(), value))
    warnings = []
    if missing:
        warnings.append(
            f"{missing} sentence(s) of the article are not in the catalog: run `newsl10n update --lang {lang}`"
        )
    first = units[0].source if units else slug
    return Page(
        slug=slug,
        lang=lang,
        article=article_path,
        catalog=po_shown,
        title=first if len(first) <= 90 else first[:89] + "…",
        metadata=metadata,
        groups=[Group(t, tuple(e), heading_of.get(t, 0)) for t, e in groups.items()],
        counts={s: counts.get(s, 0) for s in STATE_LABELS},
        severities={s.label: severities.get(s.label, 0) for s in sorted(Severity, reverse=True)},
        warnings=warnings,
        structured=bool(block_of),
    )


_META_LABELS = {
    "PO-Revision-Date": "Revised",
    "Last-Translator": "Last translator",
    "X-Newsl10n-MT": "Machine translation",
}


# Block kinds of the HTML and Markdown parsers (formats.base.Region.kind) → what a reviewer calls them.
_BLOCK_LABELS = {
    "p": "Paragraph",
    "li": "List item",
    "blockquote": "Quote",
    "figcaption": "Caption",
    "caption": "Table caption",
    "th": "Table header",
    "td": "Table cell",
    "dt": "Term",
    "dd": "Definition",
    "title": "Page title",
    "attr:alt": "Image description",
    "attr:title": "Tooltip",
    "attr:content": "Page metadata",
}
# Article heading → page heading: the page's own <h1> is the article title line, so h1/h2 → h2, deeper → h3.
HEADING_LEVELS = {"h1": 2, "h2": 2, "h3": 3, "h4": 3, "h5": 3, "h6": 3}


def block_title(kind: str, number: int) -> str:
    """What the reviewer sees above the entries of block ``number`` (from 1) of kind ``kind``."""
    if kind in HEADING_LEVELS:
        return f"Heading {number}"
    if kind.startswith("front-matter:"):
        return f"Front matter {kind.partition(':')[2]} {number}"
    label = _BLOCK_LABELS.get(kind) or (f"Attribute {kind[5:]}" if kind.startswith("attr:") else f"Block <{kind}>")
    return f"{label} {number}"


def _blocks_of(article: Any) -> dict[str, tuple[str, int, int]]:
    """source → (group title, page heading level or 0, segment index) for the blocks of an HTML/Markdown article.

    Empty for a plain-text article (its groups are its paragraphs) or when
    there is no article. A sentence the article repeats (an HTML ``<title>``
    and its ``<h1>``) belongs to its first heading block if it has one, so the
    heading shows as a heading.
    """
    if article is None or getattr(article, "format", "text") == "text" or not getattr(article, "blocks", ()):
        return {}
    blocks = article.blocks
    spans = sorted(range(len(blocks)), key=lambda i: (blocks[i].start, blocks[i].end))
    starts = [blocks[i].start for i in spans]
    out: dict[str, tuple[str, int, int]] = {}
    for i, seg in enumerate(article.segments):
        k = bisect.bisect_right(starts, seg.start) - 1
        if k < 0 or not (blocks[spans[k]].start <= seg.start and seg.end <= blocks[spans[k]].end):
            continue
        number = spans[k] + 1
        kind = blocks[spans[k]].kind
        level = HEADING_LEVELS.get(kind, 0)
        if seg.source not in out or (level and not out[seg.source][1]):
            out[seg.source] = (block_title(kind, number), level, i)
    return out


def _article_layout(
    units: Iterable[Unit], article: Any
) -> tuple[dict[str, tuple[int, int]], dict[str, int], int]:
    """(source → sort key, source → paragraph, sentences missing from the catalog)."""
    order: dict[str, tuple[int, int]] = {}
    paragraph_of: dict[str, int] = {}
    units = list(units)
    if article is None:
        for i, unit in enumerate(units):
            line = unit.locations[0][1] if unit.locations else 1 << 29
            order.setdefault(unit.source, (line, i))
        return order, paragraph_of, 0
    for i, seg in enumerate(article.segments):
        order.setdefault(seg.source, (i, 0))
        paragraph_of.setdefault(seg.source, seg.paragraph)
    present = {u.source for u in units}
    missing = sum(1 for s in order if s not in present)
    return order, paragraph_of, missing


def highlight(
    source: str,
    target: str,
    *,
    findings: Sequence[Finding] = (),
    glossary: Any = None,
    lang: str = "",
) -> tuple[tuple[Piece, ...], tuple[Piece, ...]]:
    """Source and target cut into pieces: glossary terms and changed placeables marked."""
    src_marks: list[tuple[int, int, str, str]] = []
    tgt_marks: list[tuple[int, int, str, str]] = []
    kinds = {k for f in findings if (k := _placeable_kind(f.check))}
    if kinds and target:
        for side, other, marks in ((source, target, src_marks), (target, source, tgt_marks)):
            for p in _unmatched(side, other, kinds):
                label = _LABELS.get(p.kind, p.kind)
                where = "translation" if marks is src_marks else "source"
                marks.append((p.start, p.end, "changed", f"{label} changed: not in the {where} as written here"))
    if glossary is not None:
        src_marks.extend(_source_terms(glossary, source, lang))
        if target:
            tgt_marks.extend(_target_terms(glossary, target, lang))
    return _pieces(source, src_marks), _pieces(target, tgt_marks)


def _placeable_kind(check_id: str) -> str | None:
    """The placeable kind a check's finding says changed: ``numbers`` → number,
    ``placeables-url`` → url (and any ``placeables-<kind>`` a later format adds, e.g. tags)."""
    if check_id == "numbers":
        return "number"
    if check_id.startswith("placeables-"):
        return check_id[len("placeables-"):]
    return None


def _key(kind: str, text: str) -> str:
    if kind == "number":
        return "".join(_DIGITS_RE.findall(text))  # 1,200 and 1 200 are the same number
    if kind == "url":
        return text.rstrip("/")
    return text.lower() if kind == "email" else text


def _unmatched(text: str, other: str, kinds: set[str]) -> list[Any]:
    kinds_t = tuple(sorted(kinds))
    available = Counter(_key(p.kind, p.text) for p in find_placeables(other) if p.kind in kinds_t)
    out = []
    for p in find_placeables(text):
        if p.kind not in kinds_t:
            continue
        key = _key(p.kind, p.text)
        if available[key] > 0:
            available[key] -= 1
        else:
            out.append(p)
    return out


def _source_terms(glossary: Any, source: str, lang: str) -> list[tuple[int, int, str, str]]:
    marks = []
    for hit in glossary.source_matcher.find(source):
        preferred = hit.concept.preferred(lang)
        wanted = preferred.text if preferred is not None else "(no term for this language)"
        title = f"glossary: {hit.text} → {wanted}"
        if hit.deprecated:
            title += " (deprecated English spelling)"
        marks.append((hit.start, hit.end, "term-deprecated" if hit.deprecated else "term", title))
    return marks


def _target_terms(glossary: Any, target: str, lang: str) -> list[tuple[int, int, str, str]]:
    from newsl10n.glossary.audit import concept_of, target_hits

    good, bad = target_hits(glossary, target, lang)
    marks = []
    for hit in good:
        preferred = concept_of(glossary, hit.term, lang).preferred(lang)
        wanted = preferred.text if preferred is not None else hit.term.text
        marks.append((hit.start, hit.end, "term", f"glossary: preferred spelling {wanted}"))
    for hit in bad:
        preferred = concept_of(glossary, hit.term, lang).preferred(lang)
        instead = f"; use {preferred.text}" if preferred is not None else ""
        marks.append((hit.start, hit.end, "term-deprecated", f"glossary: deprecated{instead}"))
    return marks


def _pieces(text: str, marks: list[tuple[int, int, str, str]]) -> tuple[Piece, ...]:
    """Cut ``text`` at non-overlapping marks; a changed placeable wins over a term."""
    marks.sort(key=lambda m: (m[0], m[2] != "changed", -m[1]))
    pieces: list[Piece] = []
    pos = 0
    for start, end, kind, title in marks:
        if start < pos or end <= start:
            continue  # overlaps an earlier mark
        if start > pos:
            pieces.append(Piece(text[pos:start]))
        pieces.append(Piece(text[start:end], kind, title))
        pos = end
    if pos < len(text) or not pieces:
        pieces.append(Piece(text[pos:]))
    return tuple(pieces)

