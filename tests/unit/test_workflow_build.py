"""build and stats: the translated article, the .mo, and progress numbers."""

from __future__ import annotations

import gettext
from dataclasses import replace

import pytest

from newsl10n.catalog import read_catalog, write_catalog
from newsl10n.config import Config
from newsl10n.errors import BuildError
from newsl10n.model import UnitState
from newsl10n.mt.fake import FakeTranslator
from newsl10n.workflow import build, extract, stats, translate, update
from tests.conftest import SEED

SLUG = "izium-2022-09-16"


def test_no_translations_reproduce_the_article(project: Config) -> None:
    extract(project)
    update(project, "uk")
    [result] = build(project, "uk")
    assert result.output.read_bytes() == SEED.read_bytes()
    assert (result.translated, result.segments) == (0, 24)


@pytest.mark.parametrize("variant", ["crlf", "bom", "no-final-newline"])
def test_round_trip_is_byte_exact_for_odd_files(project: Config, variant: str) -> None:
    data = SEED.read_bytes()
    data = {"crlf": data.replace(b"\n", b"\r\n"), "bom": b"\xef\xbb\xbf" + data,
            "no-final-newline": data.rstrip(b"\n")}[variant]
    article = project.root / "articles" / SEED.name
    article.write_bytes(data)
    extract(project)
    update(project, "uk")
    [result] = build(project, "uk")
    assert result.output.read_bytes() == data


def test_reviewed_translations_replace_their_sentences(project: Config) -> None:
    extract(project)
    [res] = update(project, "uk")
    po = read_catalog(res.path)
    po.units = [replace(u, target=f"[{i}]", state=UnitState.REVIEWED) for i, u in enumerate(po.units)]
    write_catalog(po, res.path)
    [result] = build(project, "uk")
    text = result.output.read_text(encoding="utf-8")
    assert text.startswith(" date 2022-09-16 [0]\n\n[1]\n\n[2] [3]\n")  # metadata and paragraphs kept
    assert "pic.twitter.com/IipipvFJpb" in text  # bare links are skeleton, not segments
    assert result.translated == result.segments
    with result.mo.open("rb") as fh:
        assert gettext.GNUTranslations(fh).gettext(po.units[1].source) == "[1]"


def test_drafts_only_with_include_fuzzy(project: Config) -> None:
    extract(project)
    translate(project, "uk", translator=FakeTranslator())
    [plain] = build(project, "uk")
    assert plain.translated == 0 and plain.output.read_bytes() == SEED.read_bytes()
    [fuzzy] = build(project, "uk", include_fuzzy=True)
    assert fuzzy.translated == fuzzy.segments
    assert "Ізіум" in fuzzy.output.read_text(encoding="utf-8")


def test_min_translated_refuses_and_writes_nothing(project: Config) -> None:
    extract(project)
    update(project, "uk")
    out = project.root / "out"
    with pytest.raises(BuildError, match=r"only 0% of segments translated \(0/24\), below --min-translated 80%"):
        build(project, "uk", min_translated=80, output=out)
    assert not out.exists()


def test_stats_counts_states_and_words(project: Config) -> None:
    extract(project)
    [res] = update(project, "uk")
    po = read_catalog(res.path)
    po.units[0] = replace(po.units[0], target="Так.", state=UnitState.REVIEWED)
    po.units[1] = replace(po.units[1], target="Може.", state=UnitState.MT_DRAFT)
    write_catalog(po, res.path)
    [row] = stats(project, lang="uk")
    assert (row.total, row.reviewed, row.draft, row.untranslated) == (24, 1, 1, 22)
    assert row.words_reviewed == len(po.units[0].source.split())
    assert row.words_total == sum(len(u.source.split()) for u in po.units)
    assert row.as_dict()["article"] == "articles/izium-2022-09-16.txt"


def test_build_without_arguments_takes_globs_and_recorded_articles(
    project: Config, caplog: pytest.LogCaptureFixture
) -> None:
    elsewhere = project.root / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "b.txt").write_text("A sentence from elsewhere.\n", encoding="utf-8")
    (elsewhere / "gone.txt").write_text("This article will be deleted.\n", encoding="utf-8")
    extract(project)
    extract(project, [elsewhere / "b.txt", elsewhere / "gone.txt"])
    (elsewhere / "gone.txt").unlink()
    update(project, "uk")
    built = build(project, "uk")
    assert sorted(r.article.name for r in built) == ["b.txt", SEED.name]
    assert "gone.pot: its article elsewhere/gone.txt no longer exists; not built" in caplog.text
    assert (project.root / "build" / "uk" / "b.txt").read_text(encoding="utf-8") == "A sentence from elsewhere.\n"
