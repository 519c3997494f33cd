"""formats.text wraps the text path; extract/build dispatch on the article format."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from newsl10n import formats
from newsl10n.catalog import read_catalog, write_catalog
from newsl10n.cli import main
from newsl10n.config import Config
from newsl10n.errors import UsageError
from newsl10n.model import UnitState
from newsl10n.segment import parse_article
from newsl10n.workflow import build, extract, update
from tests.conftest import DATA, SEED

FORMATS = DATA / "formats"


def test_text_document_is_the_text_path() -> None:
    doc = formats.parse_file(SEED, ref_path="articles/x.txt")
    article = parse_article(SEED, ref_path="articles/x.txt")
    assert (doc.format, doc.segments, doc.metadata, doc.text) == (
        "text",
        article.segments,
        article.metadata,
        article.text,
    )


@pytest.mark.parametrize(
    ("name", "override", "expected"),
    [
        ("a.txt", None, "text"),
        ("a.html", None, "html"),
        ("a.HTM", None, "html"),
        ("a.md", None, "markdown"),
        ("a.markdown", None, "markdown"),
        ("a.text", None, "text"),
        ("a.txt", "html", "html"),
    ],
)
def test_format_for(name: str, override: str | None, expected: str) -> None:
    assert formats.format_for(name, format=override) == expected


def _add(project: Config, *names: str) -> None:
    for name in names:
        shutil.copy(FORMATS / name, project.root / "articles" / name)


@pytest.mark.parametrize("name", ["izium.html", "izium.md", "fragment-crlf.html", "page-bom.html"])
def test_extract_update_build_round_trip(project: Config, name: str) -> None:
    _add(project, name)
    article = project.root / "articles" / name
    [pot] = extract(project, [article])
    header = read_catalog(pot.path).header
    assert header["X-Newsl10n-Format"] == formats.format_for(name)
    update(project, "uk", [article])
    [result] = build(project, "uk", articles=[article])
    assert result.output == project.root / "build" / "uk" / name
    assert result.output.read_bytes() == article.read_bytes()


def test_translated_html_build_sets_language_and_keeps_markup(project: Config) -> None:
    _add(project, "izium.html")
    article = project.root / "articles" / "izium.html"
    extract(project, [article])
    [po] = update(project, "ar", [article])
    catalog = read_catalog(po.path)
    catalog.units = [replace(u, target="ترجمة " + u.source, state=UnitState.REVIEWED) for u in catalog.units]
    write_catalog(catalog, po.path)
    [result] = build(project, "ar", articles=[article])
    out = result.output.read_text(encoding="utf-8")
    assert out.count('<html lang="ar" dir="rtl">') == 1
    assert "ترجمة" in out and out.count("<a ") == article.read_text(encoding="utf-8").count("<a ")


def test_text_templates_have_no_format_header(project: Config) -> None:
    [pot] = extract(project)
    assert "X-Newsl10n-Format" not in read_catalog(pot.path).header


def test_format_override_is_recorded_and_used_by_build(project: Config) -> None:
    article = project.root / "articles" / "page.txt"
    article.write_text("<p>Hello there. <b>Bold</b> move.</p>\n", encoding="utf-8")
    assert main(["extract", "--format", "html", str(article)]) == 0
    pot = read_catalog(project.locales_dir / "page.pot")
    assert [u.source for u in pot.units] == ["Hello there.", "<b>Bold</b> move."]
    update(project, "uk", [article])
    [result] = build(project, "uk", articles=[article])
    assert result.output.read_bytes() == article.read_bytes()


@pytest.mark.parametrize("bad", sorted(FORMATS.glob("bad.*.html")), ids=lambda p: p.name)
def test_cli_bad_encoding_exits_2_naming_the_file(
    project: Config, bad: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = project.root / "articles" / bad.name
    shutil.copy(bad, target)
    assert main(["extract", str(target)]) == 2
    assert bad.name in capsys.readouterr().err


def test_a_directory_argument_takes_every_format(project: Config) -> None:
    _add(project, "izium.html", "fragment-crlf.html")
    shutil.copy(FORMATS / "izium.md", project.root / "articles" / "izium-notes.md")
    (project.root / "articles" / "notes.rst").write_text("Not an article.\n", encoding="utf-8")
    results = extract(project, [project.root / "articles"])
    assert sorted(r.path.name for r in results) == [
        "fragment-crlf.pot",
        "izium-2022-09-16.pot",
        "izium-notes.pot",
        "izium.pot",
    ]


def test_same_stem_in_two_formats_is_a_slug_clash(project: Config) -> None:
    _add(project, "izium.html", "izium.md")
    with pytest.raises(UsageError, match="share the slug 'izium'"):
        extract(project, [project.root / "articles"])
