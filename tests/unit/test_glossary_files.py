"""Glossary files: the desk glossary, TSV and TBX readers, precise errors, TBX export."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from newsl10n.errors import GlossaryError
from newsl10n.glossary import (
    TermStatus,
    dump_tbx,
    dump_tsv,
    export_tbx,
    load_glossary,
    parse_tsv,
)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "glossary"
DESK = ROOT / "glossary"
EXPECT = re.compile(r"expect: (\d+): (.+?)(?: -->)?$", re.MULTILINE)


def _expectation(path: Path) -> tuple[int, str]:
    match = EXPECT.search(path.read_text(encoding="utf-8"))
    assert match, f"{path.name} lacks an 'expect: LINE: MESSAGE' comment"
    return int(match.group(1)), match.group(2).strip()


@pytest.mark.parametrize(
    "path",
    [pytest.param(p, id=p.name) for p in sorted(DATA.glob("bad.*.tsv")) + sorted(DATA.glob("bad.*.tbx"))],
)
def test_bad_glossary_names_file_line_and_problem(path: Path) -> None:
    line, message = _expectation(path)
    with pytest.raises(GlossaryError) as info:
        load_glossary(path)
    assert info.value.path == str(path)
    assert info.value.line == line
    assert message in info.value.message


def test_there_are_bad_files_of_both_formats() -> None:
    assert len(list(DATA.glob("bad.*.tsv"))) >= 6
    assert len(list(DATA.glob("bad.*.tbx"))) >= 4


def test_desk_glossary_has_the_seed_article_concepts() -> None:
    glossary = load_glossary(DESK)
    ids = {c.id for c in glossary}
    assert {"izium", "kharkiv", "kyiv", "bucha", "zelensky", "bolvinov", "russia", "ukraine", "sky-news"} <= ids
    izium = glossary.concept("izium")
    assert [t.text for t in izium.terms_for("en", TermStatus.DEPRECATED)] == ["Izyum", "Izum"]
    assert izium.preferred("uk").text == "Ізюм"
    assert izium.preferred("ru").text == "Изюм"
    assert izium.preferred("uk_UA").text == "Ізюм"  # region falls back to the language
    assert glossary.concept("sky-news").do_not_translate


def test_directory_skips_the_tbx_exported_from_a_tsv() -> None:
    assert load_glossary(DESK) == load_glossary(DESK / "desk.tsv")


def test_committed_tbx_equals_a_fresh_export() -> None:
    committed = (DESK / "desk.tbx").read_text(encoding="utf-8")
    assert committed == dump_tbx(load_glossary(DESK / "desk.tsv")), (
        "glossary/desk.tbx is stale: regenerate it with export_tbx(load_glossary('glossary/desk.tsv'), ...)"
    )


def test_tsv_to_tbx_to_glossary_round_trip(tmp_path: Path) -> None:
    glossary = load_glossary(DESK / "desk.tsv")
    export_tbx(glossary, tmp_path / "desk.tbx")
    assert load_glossary(tmp_path / "desk.tbx") == glossary


def test_tsv_dump_round_trip() -> None:
    glossary = load_glossary(DESK / "desk.tsv")
    assert parse_tsv(dump_tsv(glossary), path="dumped.tsv") == glossary


def test_case_flag_and_notes_survive_tbx(tmp_path: Path) -> None:
    text = "nato\ten\tNATO\tpreferred\tcase\tAlliance\nnato\tuk\tНАТО\tpreferred\n"
    glossary = parse_tsv(text, path="g.tsv")
    export_tbx(glossary, tmp_path / "g.tbx")
    again = load_glossary(tmp_path / "g.tbx")
    term = again.concept("nato").terms[0]
    assert term.case_sensitive and term.note == "Alliance"


def test_weblate_style_tbx_without_statuses_reads_first_term_as_preferred() -> None:
    glossary = load_glossary(DATA / "weblate.tbx")
    kharkiv = glossary.concept("kharkiv")
    assert kharkiv.preferred("en").text == "Kharkiv"
    assert kharkiv.preferred("uk").text == "Харків"
    assert [t.text for t in kharkiv.terms_for("uk", TermStatus.DEPRECATED)] == ["Харьков"]


def test_concept_in_two_files_of_a_directory_is_a_duplicate(tmp_path: Path) -> None:
    (tmp_path / "a.tsv").write_text("izium\ten\tIzium\tpreferred\n", encoding="utf-8")
    (tmp_path / "b.tsv").write_text("izium\ten\tIzyum\tdeprecated\nizium\ten\tIzium\tpreferred\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="duplicate concept 'izium'"):
        load_glossary(tmp_path)


def test_empty_directory_and_unknown_suffix_are_errors(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="no glossary files"):
        load_glossary(tmp_path)
    other = tmp_path / "g.csv"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(GlossaryError, match="unknown glossary format"):
        load_glossary(other)


def test_comments_blank_lines_and_header_row_are_ignored() -> None:
    text = "# comment\n\nconcept\tlang\tterm\tstatus\tflags\tnote\nbucha\ten\tBucha\tpreferred\n"
    assert [c.id for c in parse_tsv(text, path="g.tsv")] == ["bucha"]
