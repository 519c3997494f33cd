"""``translated_msgids``, the translation memory's look into a catalog, never misses a msgid.

It answers with msgids of the file's live entries, at least every one the
reader finds translated (and every plural entry), or None (the caller reads the
file); for the files newsl10n writes, exactly the translated ones. Inputs: every
catalog in the repo with the fast reader's mutations, real Django/Sphinx files,
GNU tools' output, the fast reader's edge cases on both sides of its subset,
malformed files, and written random catalogs.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsl10n.catalog import Catalog, parse_catalog, render_catalog
from newsl10n.catalog.scan import translated_msgids
from newsl10n.errors import CatalogError
from tests.conftest import DATA, REPO
from tests.property.test_roundtrip import catalogs
from tests.unit.test_catalog_fastread import GOOD, HEADER, MALFORMED, NOT_SIMPLE, SAME, gnu_run, mutations, rewrapped

REAL = sorted((DATA / "po-real").glob("*.po"))


def assert_vouched(data: bytes) -> set[str] | None:
    """The scan's answer is None, or live msgids that include every translated one the reader finds."""
    found = translated_msgids(data)
    try:
        catalog = parse_catalog(data, path="x.po")
    except CatalogError:
        return found  # a file the reader refuses: the caller reads it and warns, or skips it
    if found is not None:
        assert {u.source for u in catalog.units if u.target or u.is_plural} <= found - {""}
        assert found - {""} <= {u.source for u in catalog.units}
    return found


@pytest.mark.parametrize("path", [*GOOD, *REAL], ids=lambda p: p.name)
@pytest.mark.parametrize("mutation", list(mutations("")))
def test_real_catalogs_are_scanned_exactly(path: Path, mutation: str) -> None:
    text = mutations(path.read_text(encoding="utf-8"))[mutation]
    found = assert_vouched(text.encode("utf-8"))
    if mutation == "as-is" and path in GOOD:  # the files newsl10n writes are the ones the scan is for
        translated = {u.source for u in parse_catalog(text.encode("utf-8"), path="x.po").units if u.target}
        assert found is not None and found - {""} == translated


@pytest.mark.parametrize("text", [*SAME.values(), *NOT_SIMPLE.values()], ids=[*SAME, *NOT_SIMPLE])
def test_edge_cases_are_scanned_exactly_or_left_to_the_reader(text: str) -> None:
    assert_vouched(text.encode("utf-8"))


@pytest.mark.parametrize("path", MALFORMED, ids=lambda p: p.name)
def test_malformed_files_are_scanned_without_error(path: Path) -> None:
    assert_vouched(path.read_bytes())


@pytest.mark.parametrize(
    "text",
    [
        HEADER + 'msgid "a"\nmsgstr "the msgid keyword"\n',  # "msgid" inside a string
        HEADER + '  msgid "a"\nmsgstr "b"\n',  # an indented keyword polib reads
        HEADER + 'msgid "a" "b"\nmsgstr "c"\n',  # two strings on the keyword's line
        HEADER + 'msgid "a"  \nmsgstr "b"\n',  # trailing blanks
        (HEADER + 'msgid "a"\nmsgstr "b"\n').replace("\n", "\r\n"),
    ],
    ids=["in-a-string", "indented", "two-strings", "trailing-blank", "crlf"],
)
def test_what_the_scan_could_misread_is_left_to_the_reader(text: str) -> None:
    assert translated_msgids(text.encode("utf-8")) is None


def test_continued_and_escaped_msgids_are_joined_and_unescaped() -> None:
    text = (
        HEADER + 'msgctxt "menu"\nmsgid ""\n"Izium \\"liberated\\" "\n"\\x41\\101\\n"\nmsgstr ""\n"Ізюм"\n\n'
        'msgid "untranslated"\nmsgstr ""\n\n#~ msgid "gone"\n#~ msgstr "x"\n'
    )
    assert translated_msgids(text.encode("utf-8")) == {"", 'Izium "liberated" AA\n'}


def test_gnu_merged_and_obsoleted_catalogs_are_scanned_exactly(tmp_path: Path) -> None:
    if not all(shutil.which(tool) for tool in ("msgmerge", "msgattrib")):
        pytest.skip("GNU gettext not installed")
    shutil.copy(REPO / "locales" / "uk" / "LC_MESSAGES" / "izium-2022-09-16.po", tmp_path / "uk.po")
    template = (REPO / "locales" / "izium-2022-09-16.pot").read_text(encoding="utf-8")
    (tmp_path / "t2.pot").write_text(template.replace(" said", " stated"), encoding="utf-8")
    merged = gnu_run(tmp_path, "msgmerge", "--previous", "-q", "uk.po", "t2.pot", "-o", "m.po")
    obsoleted = gnu_run(tmp_path, "msgattrib", "--set-obsolete", "--only-fuzzy", "m.po", "-o", "ob.po")
    for text in (merged, obsoleted, rewrapped(obsoleted, 3)):
        assert assert_vouched(text.encode("utf-8")) is not None


@given(catalog=catalogs(), width=st.integers(1, 30))
def test_written_catalogs_are_scanned_exactly(catalog: Catalog, width: int) -> None:
    assert_vouched(rewrapped(render_catalog(catalog).decode("utf-8"), width).encode("utf-8"))
