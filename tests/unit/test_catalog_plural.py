"""Plural entries (``msgid_plural`` / ``msgstr[N]``): read, state, write, merge, compile."""

from __future__ import annotations

import gettext
import io
import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from newsl10n.catalog import Catalog, merge, mo_bytes, parse_catalog, read_catalog, render_catalog, write_catalog
from newsl10n.errors import CatalogError
from newsl10n.model import Unit, UnitState
from tests.conftest import msgfmt_check

UK_PLURALS = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);"
HEADER = (
    'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: uk\\n"\n'
    f'"Plural-Forms: {UK_PLURALS}\\n"\n\n'
)


def entry(forms: list[str], *, fuzzy: bool = False, msgid: str = "one file") -> str:
    flags = "#, fuzzy\n" if fuzzy else ""
    body = "".join(f'msgstr[{i}] "{f}"\n' for i, f in enumerate(forms))
    return f'{flags}msgid "{msgid}"\nmsgid_plural "{msgid}s"\n{body}\n'


def test_plural_entry_is_read_with_every_form() -> None:
    catalog = parse_catalog((HEADER + entry(["файл", "файли", "файлів"])).encode(), path="x.po")
    [unit] = catalog.units
    assert unit.is_plural and unit.source_plural == "one files"
    assert unit.targets == ("файл", "файли", "файлів") and unit.target == "файл"
    assert unit.state is UnitState.REVIEWED


STATES = [
    pytest.param(["a", "b", "c"], False, UnitState.REVIEWED, id="all-forms"),
    pytest.param(["", "", ""], False, UnitState.UNTRANSLATED, id="no-forms"),
    pytest.param(["", "b", "c"], False, UnitState.UNTRANSLATED, id="first-form-empty"),
    pytest.param(["a", "", ""], False, UnitState.REVIEWED, id="only-first-form"),
    pytest.param(["a", "b", "c"], True, UnitState.MT_DRAFT, id="fuzzy"),
    pytest.param(["", "", ""], True, UnitState.UNTRANSLATED, id="fuzzy-empty"),
]


@pytest.mark.parametrize(("forms", "fuzzy", "state"), STATES)
def test_state_is_counted_as_msgfmt_counts_it(forms: list[str], fuzzy: bool, state: UnitState,
                                               tmp_path: Path) -> None:
    """msgfmt --statistics counts an entry untranslated when msgstr[0] is empty, fuzzy or not."""
    text = HEADER + entry(forms, fuzzy=fuzzy)
    [unit] = parse_catalog(text.encode(), path="x.po").units
    assert unit.state is state
    if shutil.which("msgfmt") is None:
        return
    path = tmp_path / "x.po"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(["msgfmt", "--statistics", "-o", "/dev/null", str(path)], check=False, capture_output=True,
                          text=True)
    counted = {kind: int(n) for n, kind in re.findall(r"(\d+) (translated|fuzzy|untranslated)", done.stderr)
               if n != "0"}
    expected = {UnitState.REVIEWED: "translated", UnitState.MT_DRAFT: "fuzzy", UnitState.UNTRANSLATED: "untranslated"}
    assert counted == {expected[state]: 1}


@pytest.mark.parametrize("forms", [["один"], ["a", "b"], ["a", "b", "c", "d"]], ids=len)
def test_a_form_count_other_than_nplurals_is_read_not_refused(forms: list[str]) -> None:
    """The mismatch is a finding for ``check`` to report, not a reason to refuse the file."""
    [unit] = parse_catalog((HEADER + entry(forms)).encode(), path="x.po").units
    assert unit.targets == tuple(forms)


def test_forms_out_of_order_are_an_error_at_the_msgid() -> None:
    text = HEADER + '#, fuzzy\nmsgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\nmsgstr[0] "c"\n'
    with pytest.raises(CatalogError, match=r"msgstr\[N\]") as info:
        parse_catalog(text.encode(), path="x.po")
    assert info.value.line == 8  # the msgid line, not the "#," line before it


def plural_catalog() -> Catalog:
    return Catalog(
        header={"Content-Type": "text/plain; charset=UTF-8", "Language": "uk", "Plural-Forms": UK_PLURALS},
        units=[
            Unit("%(n)s file", "%(n)s файл", UnitState.REVIEWED, source_plural="%(n)s files",
                 targets=("%(n)s файл", "%(n)s файли", "%(n)s файлів"), flags=frozenset({"python-format"}),
                 locations=(("a.py", 3),)),
            Unit("one day", "", source_plural="days", targets=("", "", "")),
            Unit("a draft", "чернетка", UnitState.MT_DRAFT, source_plural="drafts",
                 targets=("чернетка", "чернетки", "чернеток"), previous_source="the draft",
                 previous_source_plural="the drafts"),
        ],
        obsolete=[Unit("gone", "зник", UnitState.REVIEWED, source_plural="gones", targets=("зник", "зникли", "зникло"))],
    )


def test_plural_catalog_round_trips_and_passes_msgfmt(tmp_path: Path) -> None:
    path = tmp_path / "p.po"
    write_catalog(plural_catalog(), path)
    text = path.read_text(encoding="utf-8")
    assert 'msgstr[2] "%(n)s файлів"' in text and '#| msgid_plural "the drafts"' in text
    assert '#~ msgid_plural "gones"' in text and '#~ msgstr[2] "зникло"' in text
    back = read_catalog(path)
    assert [replace(u, line=0) for u in back.units] == plural_catalog().units
    assert [replace(u, line=0) for u in back.obsolete] == plural_catalog().obsolete
    assert render_catalog(back) == path.read_bytes()
    msgfmt_check(path)


def test_mo_has_every_plural_form() -> None:
    catalog = plural_catalog()
    data = mo_bytes(catalog.header, [u for u in catalog.units if u.state is UnitState.REVIEWED])
    translations = gettext.GNUTranslations(io.BytesIO(data))
    assert [translations.ngettext("%(n)s file", "%(n)s files", n) for n in (1, 3, 5, 21)] == [
        "%(n)s файл", "%(n)s файли", "%(n)s файлів", "%(n)s файл",
    ]


# ------------------------------------------------------------------ merging

OLD = Catalog(
    header={"Plural-Forms": UK_PLURALS},
    units=[
        Unit("kept", "збережено", UnitState.REVIEWED, source_plural="kepts", targets=("з1", "з2", "з3")),
        Unit("now plural", "тепер", UnitState.REVIEWED),
        Unit("now singular", "було", UnitState.REVIEWED, source_plural="were plural", targets=("б1", "б2", "б3")),
        Unit("plural text changed", "п", UnitState.REVIEWED, source_plural="old plural", targets=("п1", "п2", "п3")),
        Unit("stale previous", "с", UnitState.REVIEWED, previous_source="very old"),
    ],
)
TEMPLATE = [
    Unit("kept", source_plural="kepts", locations=(("a", 1),)),
    Unit("now plural", source_plural="now plurals"),
    Unit("now singular"),
    Unit("plural text changed", source_plural="new plural"),
    Unit("stale previous"),
    Unit("brand new", source_plural="brand news", targets=("", "")),
]


def test_merge_keeps_plural_translations_and_fills_new_forms() -> None:
    units, _ = merge(TEMPLATE, OLD)
    by = {u.source: u for u in units}
    assert by["kept"].targets == ("з1", "з2", "з3") and by["kept"].state is UnitState.REVIEWED
    assert by["kept"].locations == (("a", 1),)
    assert by["brand new"].targets == ("", "", "")  # one empty msgstr[N] per form of the catalog's language
    assert by["stale previous"].previous_source is None  # kept only on fuzzy entries, as msgmerge


@pytest.mark.parametrize(
    ("source", "targets", "previous_plural"),
    [
        pytest.param("now plural", ("тепер", "тепер", "тепер"), None, id="singular-to-plural"),
        pytest.param("now singular", (), "were plural", id="plural-to-singular"),
        pytest.param("plural text changed", ("п1", "п2", "п3"), "old plural", id="msgid_plural-changed"),
    ],
)
def test_merge_turns_a_changed_plural_shape_fuzzy(source: str, targets: tuple[str, ...],
                                                  previous_plural: str | None) -> None:
    units, _ = merge(TEMPLATE, OLD)
    unit = {u.source: u for u in units}[source]
    assert unit.state is UnitState.MT_DRAFT and unit.targets == targets
    assert (unit.previous_source, unit.previous_source_plural) == (source, previous_plural)


def test_merged_plural_catalog_passes_msgfmt(tmp_path: Path) -> None:
    units, obsolete = merge(TEMPLATE, OLD)
    header = {"Content-Type": "text/plain; charset=UTF-8", "Plural-Forms": UK_PLURALS}
    path = tmp_path / "m.po"
    write_catalog(Catalog(header=header, units=units, obsolete=obsolete), path)
    msgfmt_check(path)


def test_fuzzy_match_carries_a_plural_translation() -> None:
    old = Catalog(header={"Plural-Forms": UK_PLURALS},
                  units=[Unit("%(n)s town was shelled", "м", UnitState.REVIEWED,
                              source_plural="%(n)s towns were shelled", targets=("м1", "м2", "м3"))])
    [unit], [] = merge([Unit("%(n)s town was hit", source_plural="%(n)s towns were hit")], old)
    assert unit.state is UnitState.MT_DRAFT and unit.targets == ("м1", "м2", "м3")
    assert unit.previous_source_plural == "%(n)s towns were shelled"
