"""review.page and review.render: states, highlighting, grouping, escaping, the CSP."""

from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from newsl10n.catalog import Catalog, mt_mark, read_catalog, tm_mark
from newsl10n.model import Finding, Severity, Unit, UnitState
from newsl10n.review import Piece, build_page, highlight, render_index, render_page, review_state
from newsl10n.review.confidence import confidence_comment
from newsl10n.segment import parse_article
from tests.conftest import REPO
from tests.review_fixtures import hostile_catalog

SIG = "fake:fake|mode:translit"


def marked(pieces: tuple[Piece, ...], kind: str) -> list[str]:
    return [p.text for p in pieces if p.kind == kind]


@pytest.mark.parametrize(
    ("unit", "in_article", "state"),
    [
        pytest.param(Unit("A."), True, "untranslated", id="empty"),
        pytest.param(Unit("A.", "Б.", UnitState.REVIEWED), True, "reviewed", id="reviewed"),
        pytest.param(
            Unit("A.", "Б.", UnitState.MT_DRAFT, origin=SIG, translator_comments=(mt_mark(SIG, "Б."),)),
            True, "machine-draft", id="machine-draft",
        ),
        pytest.param(
            Unit("A.", "Б-edited.", UnitState.MT_DRAFT, origin=SIG, translator_comments=(mt_mark(SIG, "Б."),)),
            True, "machine-draft", id="edited-draft",
        ),
        pytest.param(
            Unit("A.", "Б.", UnitState.MT_DRAFT, translator_comments=(tm_mark("x.po:3"),)),
            True, "translation-memory", id="tm",
        ),
        pytest.param(Unit("A.", "Б.", UnitState.MT_DRAFT, previous_source="Old A."), True, "stale", id="msgmerge"),
        pytest.param(Unit("A.", "Б.", UnitState.MT_DRAFT), True, "stale", id="fuzzy-by-hand"),
        pytest.param(Unit("A.", "Б.", UnitState.REVIEWED), False, "stale", id="gone-from-article"),
    ],
)
def test_review_state(unit: Unit, in_article: bool, state: str) -> None:
    assert review_state(unit, in_article=in_article)[0] == state


def test_edited_draft_says_so_and_has_no_confidence() -> None:
    unit = Unit("A.", "Б-edited.", UnitState.MT_DRAFT, origin=SIG,
                translator_comments=(mt_mark(SIG, "Б."), confidence_comment(0.9)))
    assert "edited since" in review_state(unit)[1]
    page = build_page(Catalog(units=[unit]), slug="s", lang="uk", po_shown="s.po")
    assert page.entries[0].confidence is None


def test_glossary_terms_highlighted_both_sides_with_preferred_spelling(desk: Any) -> None:
    src, tgt = highlight(
        "Russian troops fled Izyum and Kyiv.", "Російські війська втекли з Изюма та Києва.", glossary=desk, lang="uk"
    )
    assert marked(src, "term") == ["Russian", "Kyiv"]
    assert marked(src, "term-deprecated") == ["Izyum"]
    [izyum] = [p for p in src if p.text == "Izyum"]
    assert "Ізюм" in izyum.title
    assert "Києва" in marked(tgt, "term")
    [bad] = [p for p in tgt if p.kind == "term-deprecated"]
    assert bad.text == "Изюма" and "use Ізюм" in bad.title
    assert "".join(p.text for p in src) == "Russian troops fled Izyum and Kyiv."
    assert "".join(p.text for p in tgt) == "Російські війська втекли з Изюма та Києва."


@pytest.mark.parametrize(
    ("check", "source", "target", "src_changed", "tgt_changed"),
    [
        pytest.param("numbers", "440 bodies, 1,200 graves.", "447 тіл, 1 200 могил.", ["440"], ["447"], id="number"),
        pytest.param("placeables-url", "See pic.twitter.com/Abc now.", "Див. pic.twitter.com/Abd зараз.",
                     ["pic.twitter.com/Abc"], ["pic.twitter.com/Abd"], id="link"),
        pytest.param("placeables-handle", "By @DefenceU today.", "Від @DefenceUA сьогодні.",
                     ["@DefenceU"], ["@DefenceUA"], id="handle"),
    ],
)
def test_changed_placeable_marked_where_it_occurs(
    check: str, source: str, target: str, src_changed: list[str], tgt_changed: list[str]
) -> None:
    finding = Finding("x.po", 3, check, Severity.ERROR, "changed", msgid=source)
    src, tgt = highlight(source, target, findings=[finding])
    assert marked(src, "changed") == src_changed
    assert marked(tgt, "changed") == tgt_changed


def test_no_finding_no_changed_mark() -> None:
    src, tgt = highlight("440 bodies.", "447 тіл.")
    assert not marked(src, "changed") and not marked(tgt, "changed")


def test_seed_page_groups_by_paragraph_in_article_order() -> None:
    catalog = read_catalog(REPO / "locales" / "uk" / "LC_MESSAGES" / "izium-2022-09-16.po")
    article = parse_article(REPO / "articles" / "izium-2022-09-16.txt", ref_path="articles/izium-2022-09-16.txt")
    page = build_page(catalog, slug="izium-2022-09-16", lang="uk", po_shown="uk.po", article=article)
    paragraphs = [int(g.title.split()[-1]) for g in page.groups]
    assert paragraphs == sorted(paragraphs) and paragraphs[0] == 1
    sources = [seg.source for seg in article.segments]
    shown = [p.text for e in page.entries for p in e.source]
    assert "".join(shown) == "".join(dict.fromkeys(sources))
    [quote] = [g for g in page.groups if g.title == "Paragraph 3"]
    assert len(quote.entries) == 2  # the two sentences of one paragraph stay together
    assert all(re.fullmatch(r"uk\.po:\d+", e.po_ref) for e in page.entries)


@pytest.mark.parametrize(
    ("name", "headings"),
    [
        pytest.param(
            "izium-mass-grave.html",
            ["Mass grave with more than 440 bodies found in Izium", "What we know"],
            id="html",
        ),
        pytest.param(
            "izium-forest-graves.md",
            [
                "In the forest outside Izium, crosses with numbers instead of names",
                "What investigators found",
                '"Only crosses and numbers"',
            ],
            id="markdown",
        ),
    ],
)
def test_structured_article_groups_under_its_headings(name: str, headings: list[str]) -> None:
    from newsl10n.formats import parse_file

    slug = name.rsplit(".", 1)[0]
    catalog = read_catalog(REPO / "locales" / "uk" / "LC_MESSAGES" / f"{slug}.po")
    article = parse_file(REPO / "articles" / name, ref_path=f"articles/{name}")
    page = build_page(catalog, slug=slug, lang="uk", po_shown="uk.po", article=article)
    assert page.structured
    parts = page.parts
    assert [p.entries[0].source[0].text for p in (part.heading for part in parts) if p is not None] == headings
    assert all(part.heading is None or part.heading.heading == 2 for part in parts)
    # every catalog entry is shown once, in article order, and nothing but headings is a heading
    assert sorted(e.number for e in page.entries) == list(range(1, len(catalog.units) + 1))
    assert [e.number for e in page.entries] == sorted(e.number for e in page.entries)
    assert all(not g.heading for part in parts for g in part.groups)
    html = render_page(page)
    assert [unescape(t) for t in re.findall(r'<h2 class="text" lang="en">(.*?)</h2>', html)] == headings
    assert html.count('<h2 class="text" lang="uk">') == len(headings)  # translated headings are headings too
    assert "<h2>Paragraph" not in html and '<p class="block">Paragraph ' in html


def test_heading_levels_and_hostile_heading_text(tmp_path: Path) -> None:
    from newsl10n.formats import parse_file

    md = tmp_path / "a.md"
    md.write_text("# Top <script>alert(1)</script>\n\nIntro.\n\n### Deep\n\nBody.\n", encoding="utf-8")
    article = parse_file(md, ref_path="a.md")
    units = [Unit(s.source) for s in article.segments]
    page = build_page(Catalog(units=units), slug="a", lang="uk", po_shown="a.po", article=article)
    assert [(p.heading.heading if p.heading else 0, [g.title for g in p.groups]) for p in page.parts] == [
        (2, ["Paragraph 2"]),
        (3, ["Paragraph 4"]),
    ]
    html = render_page(page)
    assert '<h3 class="text" lang="en">Deep</h3>' in html
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_text_article_keeps_paragraph_groups() -> None:
    catalog = read_catalog(REPO / "locales" / "uk" / "LC_MESSAGES" / "izium-2022-09-16.po")
    article = parse_article(REPO / "articles" / "izium-2022-09-16.txt", ref_path="articles/izium-2022-09-16.txt")
    page = build_page(catalog, slug="izium-2022-09-16", lang="uk", po_shown="uk.po", article=article)
    assert not page.structured and all(not g.heading for g in page.groups)
    html = render_page(page)
    assert "<h2>Paragraph 1</h2>" in html and 'class="part"' not in html


def test_findings_attach_to_their_entry_only() -> None:
    units = [Unit("One.", "Один.", UnitState.REVIEWED, line=5), Unit("Two.", "Два.", UnitState.REVIEWED, line=9)]
    finding = Finding("p.po", 9, "end-punctuation", Severity.WARNING, "differs", msgid="Two.")
    page = build_page(Catalog(units=units), slug="p", lang="uk", po_shown="p.po", findings=[finding])
    assert [len(e.findings) for e in page.entries] == [0, 1]
    assert page.severities == {"error": 0, "warning": 1, "info": 0}


class _Tree(HTMLParser):
    """Elements, attributes and text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def _parse(html: str) -> _Tree:
    tree = _Tree()
    tree.feed(html)
    return tree


def test_payloads_are_text_not_markup(tmp_path: Path) -> None:
    catalog = hostile_catalog(tmp_path / "xss.po")
    page = build_page(read_catalog(tmp_path / "xss.po"), slug="xss", lang="uk", po_shown="xss.po")
    html = render_page(page)
    tree = _parse(html)
    assert [t for t, _ in tree.tags].count("script") == 1  # ours
    assert not {"img", "iframe", "textarea"} & {t for t, _ in tree.tags}
    for tag, attrs in tree.tags:
        assert not any(k.startswith("on") for k in attrs), (tag, attrs)
        for value in attrs.values():
            assert not (value or "").strip().lower().startswith("javascript:"), (tag, attrs)
    assert [a.get("http-equiv") for t, a in tree.tags if t == "meta" and a.get("http-equiv")] == [
        "Content-Security-Policy"
    ]
    text = "".join(tree.text)
    for unit in catalog.units:
        assert unit.source in text and unit.target in text
    assert "{{ 7*7 }}" in text and "49" not in text


def test_csp_allows_exactly_the_inline_script_and_style(tmp_path: Path) -> None:
    hostile_catalog(tmp_path / "xss.po")
    page = build_page(read_catalog(tmp_path / "xss.po"), slug="xss", lang="uk", po_shown="xss.po")
    html = render_page(page)
    [csp] = map(unescape, re.findall(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html))
    [script] = re.findall(r"<script>(.*?)</script>", html, re.S)
    [style] = re.findall(r"<style>(.*?)</style>", html, re.S)

    def sha(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    assert f"script-src {sha(script)};" in csp and f"style-src {sha(style)};" in csp
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp and "http" not in csp
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", html)  # nothing fetched from anywhere


def test_index_lists_every_page_and_runs_no_script(tmp_path: Path) -> None:
    units = [Unit("One.", "Один.", UnitState.REVIEWED), Unit("Two.")]
    pages = [
        build_page(Catalog(units=units), slug="a<b>", lang=lang, po_shown=f"{lang}.po") for lang in ("uk", "ru")
    ]
    html = render_index(pages, project="<b>desk</b>")
    tree = _parse(html)
    hrefs = [a["href"] for t, a in tree.tags if t == "a"]
    assert hrefs == ["uk/a%3Cb%3E.html", "ru/a%3Cb%3E.html"]
    assert "script" not in [t for t, _ in tree.tags] and "script-src 'none'" in unescape(html)
    assert "<b>desk</b>" in "".join(tree.text)
    assert "1/2" in html
