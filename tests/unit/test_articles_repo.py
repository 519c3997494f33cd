"""The repository's own articles in all three formats: reviewed catalogs, clean checks, faithful builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.catalog import read_catalog
from newsl10n.config import load_config
from newsl10n.formats import EXTENSIONS, FORMAT_HEADER
from newsl10n.formats.inline import markup_signature
from newsl10n.model import Severity, UnitState
from newsl10n.workflow import build
from newsl10n.workflow.check import check

REPO = Path(__file__).resolve().parents[2]
ARTICLES = sorted(p for p in (REPO / "articles").iterdir() if p.suffix in EXTENSIONS)


def test_every_format_has_an_article() -> None:
    assert {EXTENSIONS[p.suffix] for p in ARTICLES} == {"text", "html", "markdown"}
    assert len({p.stem for p in ARTICLES}) == len(ARTICLES)  # one stem per article


@pytest.mark.parametrize("lang", ["uk", "ru"])
@pytest.mark.parametrize("article", ARTICLES, ids=[p.name for p in ARTICLES])
def test_catalogs_are_reviewed_and_keep_the_markup(article: Path, lang: str) -> None:
    catalog = read_catalog(REPO / "locales" / lang / "LC_MESSAGES" / f"{article.stem}.po")
    fmt = catalog.header.get(FORMAT_HEADER, "text")
    assert fmt == EXTENSIONS[article.suffix]
    assert catalog.units and all(u.state is UnitState.REVIEWED and u.target for u in catalog.units)
    for unit in catalog.units:
        assert markup_signature(unit.target, format=fmt) == markup_signature(unit.source, format=fmt), unit.source


def test_check_on_the_repository_has_no_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    result = check(load_config(start=REPO), jobs=1)
    expected = sorted(REPO.glob("locales/*/LC_MESSAGES/*.po"))
    assert sorted(result.files) == expected and len(expected) >= 2 * len(ARTICLES)  # uk and ru of every article
    assert [f for f in result.findings if f.severity >= Severity.ERROR] == []


def _html_shape(markup: str) -> list[tuple[str, ...]]:
    from justhtml import JustHTML

    out: list[tuple[str, ...]] = []
    stack = [(JustHTML(markup, sanitize=False).root, 0)]
    while stack:
        node, depth = stack.pop()
        attrs = getattr(node, "attrs", None) or {}
        out.append((node.name, str(depth), attrs.get("href") or "", attrs.get("src") or ""))
        stack.extend(
            (c, depth + 1) for c in reversed(node.children or []) if hasattr(c, "attrs") and not c.name.startswith("#")
        )
    return out


def _md_shape(src: str) -> list[tuple[str, str]]:
    from markdown_it import MarkdownIt

    out = []
    for tok in MarkdownIt("commonmark").enable("table").parse(src):
        out.append((tok.type, tok.tag))
        for child in tok.children or []:
            if child.type not in ("text", "softbreak"):
                out.append((child.type, str(child.attrGet("href") or child.attrGet("src") or "")))
    return out


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_translated_builds_have_the_source_structure(lang: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    build(load_config(start=REPO), lang, output=tmp_path, min_translated=100)
    for article in ARTICLES:
        source = article.read_text(encoding="utf-8")
        out = (tmp_path / lang / article.name).read_text(encoding="utf-8")
        assert out != source
        fmt = EXTENSIONS[article.suffix]
        if fmt == "html":
            assert _html_shape(out) == _html_shape(source)
            assert f'<html lang="{lang}">' in out
            assert '<script async src="https://platform.twitter.com/widgets.js" charset="utf-8"></script>' in out
        elif fmt == "markdown":
            assert _md_shape(out) == _md_shape(source)
            assert out.split("---", 2)[2].count("](") == source.split("---", 2)[2].count("](")


def test_readme_before_after_examples_are_true(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("Before / after (`uk`") :]
    blocks = re.findall(r"```(html|markdown)\n(.*?)\n```", section, re.DOTALL)[:2]
    assert [kind for kind, _ in blocks] == ["html", "markdown"]
    monkeypatch.chdir(REPO)
    build(load_config(start=REPO), "uk", output=tmp_path)
    for kind, body in blocks:
        before, after = body.splitlines()
        article = next(p for p in ARTICLES if EXTENSIONS[p.suffix] == kind)
        assert before.strip() in article.read_text(encoding="utf-8")
        assert after.strip() in (tmp_path / "uk" / article.name).read_text(encoding="utf-8")
    # The Poedit example is the reviewed entry as it stands in the catalog.
    po_block = re.search(r"```po\n\s*(#: articles/izium-mass-grave.html.*?)\n\s*```", readme, re.DOTALL)
    assert po_block is not None
    entry = "\n".join(line.strip() for line in po_block.group(1).splitlines())
    assert entry in (REPO / "locales" / "uk" / "LC_MESSAGES" / "izium-mass-grave.po").read_text(encoding="utf-8")
