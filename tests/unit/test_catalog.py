from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from newsl10n.catalog import (
    Catalog,
    is_machine_draft,
    merge,
    mt_mark,
    parse_catalog,
    read_catalog,
    render_catalog,
    write_catalog,
)
from newsl10n.errors import CatalogError
from newsl10n.model import Unit, UnitState
from tests.conftest import DATA, REPO, msgfmt_check

BAD = {
    "bad.unterminated.po": ("unterminated string", 7),
    "bad.escape.po": ("invalid escape sequence", 7),
    "bad.duplicate.po": ("duplicate message 'One.' \\(first defined at line 6\\)", 9),
    "bad.charset.po": ("charset 'ISO-8859-5'", 3),
    "bad.truncated.po": ("msgid without msgstr", 9),
    "bad.keyword.po": ("malformed PO", 8),
    "bad.encoding.po": ("not valid UTF-8", 7),
}


@pytest.mark.parametrize("path", sorted((DATA / "po").glob("bad.*.po")), ids=lambda p: p.name)
def test_malformed_po_names_file_and_line(path: Path) -> None:
    message, line = BAD[path.name]
    with pytest.raises(CatalogError, match=message) as info:
        read_catalog(path)
    assert (info.value.path, info.value.line) == (str(path), line)


def test_every_bad_file_has_an_expectation() -> None:
    assert {p.name for p in (DATA / "po").glob("bad.*.po")} == set(BAD)


@pytest.mark.parametrize("path", sorted([*REPO.glob("locales/**/*.po"), *REPO.glob("locales/*.pot")]), ids=lambda p: p.name)
def test_read_write_is_byte_identical(path: Path) -> None:
    assert render_catalog(read_catalog(path)) == path.read_bytes()


def sample() -> Catalog:
    draft = "Привіт, світ."
    return Catalog(
        header={
            "Project-Id-Version": "t",
            "Content-Type": "text/plain; charset=UTF-8",
            "Language": "uk",
            "X-Newsl10n-MT": "fake:x|mode:translit",
        },
        units=[
            Unit("Hello, world.", draft, UnitState.MT_DRAFT, locations=(("a.txt", 1), ("a.txt", 9)),
                 translator_comments=("keep it short", mt_mark("fake:x", draft)), origin="fake:x"),
            Unit("Reviewed.", "Перевірено.", UnitState.REVIEWED, locations=(("a.txt", 3),), flags=frozenset({"newsl10n-ignore:numbers"})),
            Unit('Quote "this" \\ and\ttab.', "", locations=(("a.txt", 5),)),
            Unit("With context.", "З контекстом.", UnitState.REVIEWED, context="headline"),
        ],
        obsolete=[Unit("Gone.", "Зникло.", UnitState.REVIEWED)],
        header_comment="A comment.",
    )


def test_round_trip_keeps_every_field(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    write_catalog(sample(), path)
    back = read_catalog(path)
    assert back.header["X-Newsl10n-MT"] == "fake:x|mode:translit"
    assert [replace(u, line=0) for u in back.units] == sample().units
    assert [replace(u, line=0) for u in back.obsolete] == sample().obsolete
    assert render_catalog(back) == path.read_bytes()
    msgfmt_check(path)


def test_units_carry_their_po_line(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    write_catalog(sample(), path)
    lines = path.read_text(encoding="utf-8").split("\n")
    for unit in read_catalog(path).units:
        assert lines[unit.line - 1].startswith(("msgid", "msgctxt"))


def test_write_is_a_noop_when_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    assert write_catalog(sample(), path) is True
    mtime = path.stat().st_mtime_ns
    assert write_catalog(read_catalog(path), path) is False
    assert path.stat().st_mtime_ns == mtime


def test_write_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "x.po"
    write_catalog(sample(), path)
    path.chmod(0o640)
    cat = read_catalog(path)
    cat.units[2] = replace(cat.units[2], target="Цитата.", state=UnitState.REVIEWED)
    write_catalog(cat, path)
    assert path.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("newline", [b"\r\n", b"\n"], ids=["crlf", "lf"])
def test_bom_and_crlf_input_read_like_plain(newline: bytes) -> None:
    plain = render_catalog(sample())
    data = b"\xef\xbb\xbf" + plain.replace(b"\n", newline)
    assert render_catalog(parse_catalog(data, path="x.po")) == plain


def test_edited_draft_is_human_work() -> None:
    draft = sample().units[0]
    assert is_machine_draft(draft)
    assert not is_machine_draft(replace(draft, target="Привіт, світе!"))  # translator edited
    assert not is_machine_draft(replace(draft, state=UnitState.REVIEWED))


def test_merge_like_msgmerge() -> None:
    old = Catalog(
        units=[
            Unit("Kept.", "Збережено.", UnitState.REVIEWED, locations=(("a", 1),), translator_comments=("note",)),
            Unit("The town was shelled on Monday.", "Місто обстріляли в понеділок.", UnitState.REVIEWED),
            Unit("Removed entirely.", "Видалено.", UnitState.REVIEWED),
            Unit("Never translated.", ""),
        ],
        obsolete=[Unit("Back again.", "Знову тут.", UnitState.REVIEWED)],
    )
    template = [
        Unit("Kept.", locations=(("a", 5),)),
        Unit("The town was shelled on Tuesday.", locations=(("a", 7),)),
        Unit("Back again.", locations=(("a", 9),)),
        Unit("Brand new and unlike anything.", locations=(("a", 11),)),
    ]
    units, obsolete = merge(template, old)
    by = {u.source: u for u in units}
    assert by["Kept."].target == "Збережено." and by["Kept."].state is UnitState.REVIEWED
    assert by["Kept."].locations == (("a", 5),) and by["Kept."].translator_comments == ("note",)
    edited = by["The town was shelled on Tuesday."]
    assert (edited.target, edited.state) == ("Місто обстріляли в понеділок.", UnitState.MT_DRAFT)
    assert edited.previous_source == "The town was shelled on Monday."
    assert by["Back again."].target == "Знову тут."
    assert by["Brand new and unlike anything."].state is UnitState.UNTRANSLATED
    assert [u.source for u in obsolete] == ["Removed entirely."]  # untranslated ones carry no work


def test_merged_catalog_writes_previous_msgid(tmp_path: Path) -> None:
    old = Catalog(header={"Content-Type": "text/plain; charset=UTF-8", "Language": "uk"},
                  units=[Unit("The town was shelled on Monday.", "Місто обстріляли в понеділок.", UnitState.REVIEWED)])
    units, obsolete = merge([Unit("The town was shelled on Tuesday.")], old)
    path = tmp_path / "m.po"
    write_catalog(Catalog(header=old.header, units=units, obsolete=obsolete), path)
    text = path.read_text(encoding="utf-8")
    assert '#| msgid "The town was shelled on Monday."' in text and "#, fuzzy" in text
    msgfmt_check(path)


def test_long_comments_are_not_wrapped(tmp_path: Path) -> None:
    """GNU tools never wrap '# ' comments; a wrapped MT mark would read back as two comments."""
    signature = "ctranslate2:opus-mt-en-uk@0123456789abcdef0123456789abcdef01234567|int8|beams:4|max_new_tokens:256"
    draft = "Чернетка."
    note = "newsl10n: [length-ratio]" + " дуже довге пояснення" * 8
    unit = Unit("Draft.", draft, UnitState.MT_DRAFT, translator_comments=(mt_mark(signature, draft), note),
                extracted_comments=("x" * 120,))
    path = tmp_path / "long.po"
    write_catalog(Catalog(header={"Content-Type": "text/plain; charset=UTF-8"}, units=[unit]), path)
    [back] = read_catalog(path).units
    assert back.translator_comments == unit.translator_comments
    assert back.extracted_comments == unit.extracted_comments
    assert is_machine_draft(back) and back.origin == signature
    msgfmt_check(path)


@pytest.mark.parametrize(
    "breaker", ["\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"], ids=ascii
)
def test_characters_python_breaks_lines_at_survive_a_round_trip(tmp_path: Path, breaker: str) -> None:
    # A U+2028 pasted from a web page: GNU gettext breaks lines at \n only, but
    # polib splits files with str.splitlines(), which cut such a msgid in two.
    long = "word " * 20 + f"a{breaker}b" + " more" * 20
    unit = Unit(
        source=long,
        target=f"слово{breaker}інше",
        state=UnitState.REVIEWED,
        context=f"ctx{breaker}",
        translator_comments=(f"note{breaker}x",),
        extracted_comments=(f"from{breaker}article",),
    )
    catalog = Catalog(header={"Language": "uk", "Content-Type": "text/plain; charset=UTF-8"}, units=[unit],
                      header_comment=f"head{breaker}er")
    path = tmp_path / "x.po"
    write_catalog(catalog, path)
    back = read_catalog(path)
    assert [replace(u, line=0) for u in back.units] == [unit]
    assert back.header_comment == catalog.header_comment and back.header == catalog.header
    msgfmt_check(path)


GNU_WRITTEN = """\
# Ukrainian translation of a GNU package.
# Copyright (C) 2022 The Authors
#
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: pkg 1.0\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
"n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: uk\\n"
"X-Generator: Poedit 3.4\\n"

#. TRANSLATORS: a note
#: src/main.c:12
#: src/widgets/very/long/path/to/a/source/file/that/is/long.c:1234
#: doc/index.rst
#, fuzzy, c-format
#| msgctxt "menu"
#| msgid "Open %s"
msgctxt "file menu"
msgid "Open %s"
msgstr "Відкрити %s"

msgid ""
"A long message that GNU msgcat wraps at seventy-nine columns, after spaces "
"and after hy-phens, with a line per \\\\n:\\n"
"second line"
msgstr ""

#, fuzzy
#~| msgid "Old removed message"
#~ msgid "Removed message"
#~ msgid_plural "Removed messages"
#~ msgstr[0] "Видалене"
#~ msgstr[1] "Видалені"
#~ msgstr[2] "Видалених"
"""


def test_a_file_gnu_wrote_is_written_back_unchanged(tmp_path: Path) -> None:
    """Header #, fuzzy and field order, #| msgctxt, #~| lines, references without a line, flag order."""
    data = GNU_WRITTEN.encode("utf-8")
    catalog = parse_catalog(data, path="gnu.po")
    assert catalog.header_fuzzy and list(catalog.header)[1] == "Plural-Forms"
    [unit] = [u for u in catalog.units if u.context]
    assert (unit.previous_context, unit.previous_source) == ("menu", "Open %s")
    assert unit.locations[-1] == ("doc/index.rst", 0)
    assert catalog.obsolete[0].previous_source == "Old removed message"
    assert render_catalog(catalog) == data
    if shutil.which("msgcat"):  # the fixture is what GNU writes
        path = tmp_path / "gnu.po"
        path.write_bytes(data)
        assert subprocess.run(["msgcat", str(path)], check=True, capture_output=True).stdout == data


def test_newsl10n_header_order_stays_its_own() -> None:
    """Fields of a catalog built in memory, or read in newsl10n's order, are written in that order,
    a new field in its place; only a file with another order keeps its own."""
    built = Catalog(header={"X-B": "1", "Language": "uk", "Content-Type": "text/plain; charset=UTF-8"})
    text = render_catalog(built).decode("utf-8")
    assert text.index("Language:") < text.index("Content-Type:") < text.index("X-B:")
    read = parse_catalog(render_catalog(built), path="x.po")
    read.header["MIME-Version"] = "1.0"
    text = render_catalog(read).decode("utf-8")
    assert text.index("Language:") < text.index("MIME-Version:") < text.index("Content-Type:")


def test_hex_and_octal_escapes_are_decoded_not_doubled() -> None:
    data = b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "\\x41\\102 \\xd0\\x96"\nmsgstr ""\n'
    [unit] = parse_catalog(data, path="x.po").units
    assert unit.source == "AB Ж"
    assert b'msgid "AB \xd0\x96"' in render_catalog(parse_catalog(data, path="x.po"))


def test_fuzzy_on_an_empty_msgstr_is_kept() -> None:
    """Poedit and Weblate write it; GNU msgcat drops it, newsl10n keeps what the translator's tool wrote."""
    data = b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n#, fuzzy\nmsgid "a"\nmsgstr ""\n'
    catalog = parse_catalog(data, path="x.po")
    assert catalog.units[0].state is UnitState.UNTRANSLATED
    assert render_catalog(catalog) == data
    translated = replace(catalog.units[0], target="б", state=UnitState.REVIEWED)
    assert b"fuzzy" not in render_catalog(replace(catalog, units=[translated]))
