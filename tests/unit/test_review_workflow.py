"""workflow.review and ``newsl10n review``: which files, what they say, and nothing written on bad input."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from newsl10n.cli import main
from newsl10n.config import Config
from newsl10n.errors import CatalogError, UsageError
from newsl10n.workflow import extract, review, translate, update
from newsl10n.workflow.project import po_path
from tests.conftest import REPO, msgfmt_check
from tests.review_fixtures import ScoredFake

SLUG = "izium-2022-09-16"
GLOSSARY = REPO / "glossary" / "desk.tsv"


def _drafted(project: Config) -> None:
    extract(project)
    for lang in ("uk", "ru"):
        translate(project, lang, translator=ScoredFake([math.log(0.8), math.log(0.2)]), use_cache=False)


def test_one_page_per_article_and_language_plus_index(project: Config) -> None:
    _drafted(project)
    result = review(project)
    out = project.root / "build" / "review"
    assert sorted(result.pages) == [out / "ru" / f"{SLUG}.html", out / "uk" / f"{SLUG}.html"]
    assert result.index == out / "index.html"
    index = result.index.read_text(encoding="utf-8")
    assert f'href="uk/{SLUG}.html"' in index and f'href="ru/{SLUG}.html"' in index
    page = (out / "uk" / f"{SLUG}.html").read_text(encoding="utf-8")
    assert page.count('class="entry ') == 24 == result.entries // 2
    assert page.count("confidence 0.20") >= 12 and "lowest confidence 0.20" in page
    assert f"locales/uk/LC_MESSAGES/{SLUG}.po:" in page
    assert "Paragraph 1" in page and "machine draft" in page
    before = {p: p.read_bytes() for p in out.rglob("*.html")}
    review(project)
    assert {p: p.read_bytes() for p in out.rglob("*.html")} == before  # no timestamps: re-runs give no diff


def test_findings_and_glossary_terms_on_the_page(project: Config) -> None:
    _drafted(project)
    review(project, langs=["uk"], glossary_path=GLOSSARY, output=project.root / "out")
    page = (project.root / "out" / "uk" / f"{SLUG}.html").read_text(encoding="utf-8")
    # the fake backend transliterates, so the approved Ukrainian terms are missing
    assert re.search(r'<li class="sev-warning"><span class="sev">warning</span> <code>glossary-term-missing</code>', page)
    assert '<mark class="term" title="glossary: Izium → Ізюм">Izium</mark>' in page


def test_min_confidence_findings_on_the_page(project: Config) -> None:
    _drafted(project)
    result = review(project, langs=["uk"], min_confidence=0.5)
    page = result.pages[0].read_text(encoding="utf-8")
    assert page.count("<code>mt-confidence</code>") == 12


def test_without_the_article_entries_group_by_line(project: Config) -> None:
    _drafted(project)
    (project.root / "articles" / f"{SLUG}.txt").unlink()
    result = review(project, langs=["uk"])
    page = result.pages[0].read_text(encoding="utf-8")
    assert "<h2>Line 1</h2>" in page and "Paragraph" not in page


def test_sentences_missing_from_the_catalog_are_reported(project: Config) -> None:
    _drafted(project)
    article = project.root / "articles" / f"{SLUG}.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nA brand new closing sentence.\n", encoding="utf-8")
    page = review(project, langs=["uk"]).pages[0].read_text(encoding="utf-8")
    assert "1 sentence(s) of the article are not in the catalog" in page


def test_malformed_catalog_is_exit_2_and_nothing_is_written(
    project: Config, capsys: pytest.CaptureFixture[str]
) -> None:
    _drafted(project)
    out = project.root / "build" / "review"
    assert main(["review"]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*.html")}
    ru = po_path(project, "ru", SLUG)
    ru.write_text(ru.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    uk = po_path(project, "uk", SLUG)
    uk.write_text(uk.read_text(encoding="utf-8").replace("#, fuzzy", "", 1), encoding="utf-8")  # uk changed
    capsys.readouterr()
    assert main(["review", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert f"{SLUG}.po:" in err and err.startswith("error: ")
    assert {p: p.read_bytes() for p in out.rglob("*.html")} == before
    with pytest.raises(CatalogError):
        review(project, output=project.root / "fresh")
    assert not (project.root / "fresh").exists()


def test_article_without_catalog_is_a_usage_error(project: Config) -> None:
    extract(project)
    update(project, "uk")
    with pytest.raises(UsageError, match="no ru catalog"):
        review(project, langs=["ru"], articles=[project.root / "articles" / f"{SLUG}.txt"])


def test_cli_review(project: Config, capsys: pytest.CaptureFixture[str]) -> None:
    _drafted(project)
    assert main(["review", "--lang", "uk", "-o", "pages", "--no-glossary"]) == 0
    err = capsys.readouterr().err
    assert "wrote 1 review pages (24 entries" in err
    assert (project.root / "pages" / "uk" / f"{SLUG}.html").is_file()
    assert not (project.root / "pages" / "ru").exists()
    msgfmt_check(po_path(project, "uk", SLUG))  # review never rewrites a catalog
    assert main(["review", "--lang", "xx-nope"]) == 2


def test_the_repo_seed_pages_render(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsl10n.config import load_config

    monkeypatch.chdir(REPO)
    result = review(load_config(start=REPO), output=tmp_path)
    from newsl10n.catalog import read_catalog

    catalogs = sorted(REPO.glob("locales/*/LC_MESSAGES/*.po"))  # every article (text, HTML, Markdown) x uk, ru
    assert len(catalogs) >= 6
    assert len(result.pages) == len(catalogs)
    assert result.entries == sum(len(read_catalog(p).units) for p in catalogs)


def test_check_and_stats_never_import_jinja2(project: Config) -> None:
    import subprocess
    import sys

    _drafted(project)
    code = (
        "import sys; from newsl10n.cli import main; "
        "codes = [main(['check', '--min-confidence', '0.5']), main(['stats', '--format', 'json'])]; "
        "print(codes, 'jinja2' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=project.root, check=True)
    assert proc.stdout.strip().endswith("False"), proc.stdout
