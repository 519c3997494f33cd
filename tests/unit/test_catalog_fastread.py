"""The one-pass PO reader (``catalog._fast_parse``) against the polib path it stands in for.

For any text, the fast reader either returns exactly the catalog ``_parse_with_polib``
returns (header, header comment, units with their line numbers, obsolete units) or
gives up with ``_NotSimple``; it never returns a catalog for a file the polib path
refuses, so every error a user sees still comes from the polib path.

Inputs: every PO/POT in the repo and under tests/data; those rewrapped, given extra
entries and blank lines, with CRLF or CR and a BOM; real GNU output (msgcat,
msgmerge --previous, msgattrib, xgettext) when gettext is installed; hand-written
edge cases on both sides of the subset; catalogs from the round-trip property
tests; and random entry soups.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newsl10n.catalog import (
    Catalog,
    _decode,
    _fast_parse,
    _NotSimple,
    _parse_with_polib,
    parse_catalog,
    read_catalog,
    render_catalog,
)
from newsl10n.errors import CatalogError
from tests.conftest import DATA, REPO
from tests.property.test_roundtrip import catalogs
from tests.unit.test_catalog import BAD, sample
from tests.unit.test_catalog_gnu import catalogs as gnu_catalogs

GOOD = sorted([*REPO.glob("locales/**/*.po"), *REPO.glob("locales/*.pot")])
MALFORMED = sorted([*(DATA / "po").glob("bad.*.po"), *(DATA / "hostile").glob("*.po")])
# What str.splitlines, and so polib, ends a line at besides "\n": the fast reader leaves these to polib.
OTHER_LINE_BREAKS = "\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"


def outcome(read: object) -> object:
    """A catalog, or an exception as comparable fields."""
    if isinstance(read, Exception):
        fields = (read.message, read.path, read.line, read.hint) if isinstance(read, CatalogError) else str(read)
        return (type(read).__name__, fields)
    return read


def read_both(text: str) -> tuple[Catalog | None, object]:
    """What the fast reader returns (None when it gives up) and what the polib path gives."""
    try:
        fast: Catalog | None = _fast_parse(text)
    except _NotSimple:
        fast = None
    try:
        slow: object = _parse_with_polib(text, path="x.po")
    except Exception as exc:  # noqa: BLE001 -- compared: the fast reader must not return where polib fails
        slow = exc
    return fast, outcome(slow)


def assert_same(text: str, *, fast: bool) -> None:
    """The fast reader agrees with polib; with ``fast``, it also must not give up."""
    got, expected = read_both(text)
    if fast:
        assert got is not None, _why_not_simple(text)
    if got is not None:
        assert got == expected


def _why_not_simple(text: str) -> str:
    try:
        _fast_parse(text)
    except _NotSimple as exc:
        return f"fast reader gave up: {exc}"
    return ""


# ------------------------------------------------------------------ mutations

_STRING_LINE_RE = re.compile(r'^(#~ |#\| )?((?:msgctxt|msgid|msgstr) )?"(.*)"$')
_PIECE_RE = re.compile(r"\\(?:x[0-9A-Fa-f]+|[0-7]{1,3}|.)|[^\\]")  # an escape is one piece


def rewrapped(text: str, width: int) -> str:
    """Every string split into ``width``-character continuation lines (escapes kept whole)."""
    out = []
    for line in text.split("\n"):
        m = _STRING_LINE_RE.match(line)
        if not m:
            out.append(line)
            continue
        prefix, keyword, body = m.group(1) or "", m.group(2) or "", m.group(3)
        pieces = _PIECE_RE.findall(body)
        chunks = ["".join(pieces[i : i + width]) for i in range(0, len(pieces), width)] or [""]
        if keyword:
            out.append(f'{prefix}{keyword}""')
        out.extend(f'{prefix}"{chunk}"' for chunk in chunks)
    return "\n".join(out)


EXTRA = r"""
# translator note
#  indented note
#. extracted
#: a.txt:1 b.txt c:d:7 e.txt: f:²
#, fuzzy, no-c-format,,
#| msgctxt "old context"
#| msgid ""
#| "previous "
#| "text"
msgctxt "ctx"
msgid "Fresh \"quoted\" text\t\\ \r\v\b\f\n"
msgstr ""
"Свіжий "
"текст\n"

# msgid-looking comment: polib's entry starts here and the unit's line points at it
msgid "Line points at the comment"
msgstr ""

msgctxt ""
msgid "Empty context"
msgstr "Порожній контекст"

#, fuzzy
#~| msgctxt "was"
#~| msgid "was"
#~ msgctxt "gone"
#~ msgid ""
#~ "Gone "
#~ "entry."
#~ msgstr "Зникло."

# note on an obsolete entry
#| msgid "previous of an obsolete entry"
#~ msgid "Gone too."
#~ msgstr ""
#~ "Теж "
#~ "зникло."
"""

XGETTEXT_POT = r"""# SOME DESCRIPTIVE TITLE.
# Copyright (C) YEAR THE PACKAGE'S COPYRIGHT HOLDER
# This file is distributed under the same license as the PACKAGE package.
# FIRST AUTHOR <EMAIL@ADDRESS>, YEAR.
#
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: PACKAGE VERSION\n"
"Report-Msgid-Bugs-To: \n"
"POT-Creation-Date: 2022-09-16 12:00+0000\n"
"PO-Revision-Date: YEAR-MO-DA HO:MI+ZONE\n"
"Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"
"Language-Team: LANGUAGE <LL@li.org>\n"
"Language: \n"
"MIME-Version: 1.0\n"
"Content-Type: text/plain; charset=CHARSET\n"
"Content-Transfer-Encoding: 8bit\n"

#: src/a.c:12 src/b.c:40
#, c-format
msgid "Hello, %s!\n"
msgstr ""
"""


def mutations(text: str) -> dict[str, str]:
    """Variants of a well-formed file that the fast reader must read like polib."""
    return {
        "as-is": text,
        "wrapped-7": rewrapped(text, 7),
        "wrapped-1": rewrapped(text, 1),
        "extra-entries": text + EXTRA,
        "extra-wrapped": rewrapped(text + EXTRA, 5),
        "blank-lines": "\n\n" + text.replace("\n\n", "\n\n\n\n") + "\n\n",
        "no-final-newline": text.rstrip("\n"),
    }


# ------------------------------------------------------------------ the repo's files


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.relative_to(REPO).as_posix())
@pytest.mark.parametrize("mutation", list(mutations("")))
def test_repo_catalogs_read_alike(path: Path, mutation: str) -> None:
    text = mutations(_decode(path.read_bytes(), path=str(path)))[mutation]
    assert_same(text, fast=True)


@pytest.mark.parametrize("path", GOOD, ids=lambda p: p.relative_to(REPO).as_posix())
@pytest.mark.parametrize("newline", [b"\r\n", b"\r"], ids=["crlf", "cr"])
def test_bom_and_other_newlines_read_alike(path: Path, newline: bytes) -> None:
    data = path.read_bytes()
    expected = _parse_with_polib(_decode(data, path="x.po"), path="x.po")
    assert parse_catalog(b"\xef\xbb\xbf" + data.replace(b"\n", newline), path="x.po") == expected


def test_xgettext_template_reads_alike() -> None:
    for text in mutations(XGETTEXT_POT).values():
        assert_same(text, fast=True)


@pytest.mark.parametrize("path", MALFORMED, ids=lambda p: p.name)
def test_malformed_files_fall_back_and_fail_as_before(path: Path) -> None:
    """The fast reader gives up; the error is the polib path's, as test_catalog expects it."""
    data = path.read_bytes()
    with pytest.raises(CatalogError) as via_parse:
        parse_catalog(data, path=str(path))
    if path.name in BAD:
        message, line = BAD[path.name]
        assert re.search(message, via_parse.value.message) and via_parse.value.line == line
    try:
        text = _decode(data, path=str(path))
    except CatalogError as exc:  # not UTF-8, NUL: refused before either reader runs
        assert outcome(exc) == outcome(via_parse.value)
        return
    with pytest.raises(_NotSimple):
        _fast_parse(text)
    with pytest.raises(CatalogError) as via_polib:
        _parse_with_polib(text, path=str(path))
    assert outcome(via_polib.value) == outcome(via_parse.value)


# ------------------------------------------------------------------ GNU gettext's own output


@pytest.fixture
def gnu(tmp_path: Path) -> Path:
    """A directory with the uk catalog and its template; skipped without GNU gettext."""
    if not all(shutil.which(tool) for tool in ("msgcat", "msgmerge", "msgattrib", "xgettext")):
        pytest.skip("GNU gettext not installed")
    shutil.copy(REPO / "locales" / "uk" / "LC_MESSAGES" / "izium-2022-09-16.po", tmp_path / "uk.po")
    shutil.copy(REPO / "locales" / "izium-2022-09-16.pot", tmp_path / "t.pot")
    return tmp_path


def gnu_run(cwd: Path, *argv: str) -> str:
    subprocess.run(argv, cwd=cwd, check=True, capture_output=True)
    return _decode((cwd / argv[-1]).read_bytes(), path=argv[-1])


def test_gnu_rewrapped_catalogs_read_alike(gnu: Path) -> None:
    for width in ("--width=20", "--width=40", "--no-wrap"):
        assert_same(gnu_run(gnu, "msgcat", width, "uk.po", "-o", "out.po"), fast=True)


def test_gnu_merged_and_obsoleted_catalogs_read_alike(gnu: Path) -> None:
    template = (gnu / "t.pot").read_text(encoding="utf-8")
    (gnu / "t2.pot").write_text(template.replace(" said", " stated"), encoding="utf-8")
    merged = gnu_run(gnu, "msgmerge", "--previous", "-q", "uk.po", "t2.pot", "-o", "m.po")
    assert "#| msgid" in merged
    assert_same(merged, fast=True)
    obsoleted = gnu_run(gnu, "msgattrib", "--set-obsolete", "--only-fuzzy", "m.po", "-o", "ob.po")
    assert "#~| msgid" in obsoleted and "#~ msgid" in obsoleted
    assert_same(obsoleted, fast=True)
    assert_same(rewrapped(obsoleted, 3), fast=True)


def test_xgettext_output_reads_alike(gnu: Path) -> None:
    (gnu / "a.py").write_text(
        '_("Hello")\n# TRANSLATORS: a note\n_("Say \\"hi\\"\\n")\npgettext("menu", "Open")\n', encoding="utf-8"
    )
    pot = gnu_run(gnu, "xgettext", "--add-comments=TRANSLATORS", "--keyword=pgettext:1c,2", "a.py", "-o", "a.pot")
    assert "msgctxt" in pot and "#." in pot
    assert_same(pot, fast=True)


# ------------------------------------------------------------------ edge cases

HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: uk\\n"\n\n'

SAME = {
    "empty": "",
    "blank": "\n\n\n",
    "header-only": HEADER,
    "empty-header": 'msgid ""\nmsgstr ""\n\nmsgid "a"\nmsgstr "b"\n',
    "no-header": '# file comment\n#. first entry\nmsgid "a"\nmsgstr "b"\n',
    "no-header-comment-msgid": '# msgid in the file comment\nmsgid "a"\nmsgstr "b"\n',
    "header-odd-values": 'msgid ""\nmsgstr ""\n" Key :  spaced  \\n"\n"X-Empty:\\n"\n"X-Colons: a:b:c"\n',
    "header-entry-comments": '# top\n#, fuzzy\n# header tcomment\n#. x\n' + HEADER + 'msgid "a"\nmsgstr ""\n',
    "charset-ascii": HEADER.replace("UTF-8", "ASCII") + 'msgid "a"\nmsgstr ""\n',
    "comments-trailing-space": HEADER + '# note\\ \n#. ex\\  \n#, fuzzy  \nmsgid "a"\nmsgstr "b"\n',
    "comment-nbsp": HEADER + "# note\u00a0\n#. x\u00a0\nmsgid \"a\"\nmsgstr \"b\"\n",
    "empty-comments": HEADER + '#\n#\n# a\n#\n#. e\nmsgid "a"\nmsgstr "b"\n',
    "occurrences": HEADER + '#: a:1 :2 b: c:x d:٣ e:² f\u2068 g\u2069:3\nmsgid "a"\nmsgstr ""\n',
    "flags": HEADER + '#, fuzzy,,  x ,fuzzy\n#, y\nmsgid "a"\nmsgstr "b"\n',
    "skip-lines": HEADER + '#~| x\n#, fuzzy\n#~|\nmsgid "a"\nmsgstr "c"\n\n#~|\n# t\nmsgid "d"\nmsgstr "e"\n',
    "previous-continued": HEADER + '#, fuzzy\n#| msgid ""\n#| "old "\n#~| z\n#| "text"\nmsgid "new"\nmsgstr "x"\n',
    "previous-empty": HEADER + '#| msgid ""\nmsgid "new"\nmsgstr "x"\n',
    "all-escapes": HEADER + 'msgid "\\t\\r\\v\\b\\f\\\\\\"\\n"\nmsgstr "\\\\n"\n',
    "obsolete-only": '#~ msgid "a"\n#~ msgstr "b"\n',
    "obsolete-duplicates": HEADER + 'msgid "a"\nmsgstr ""\n\n#~ msgid "a"\n#~ msgstr "b"\n\n#~ msgid "a"\n#~ msgstr "c"\n',
    "mt-mark": HEADER + "# newsl10n: machine draft by fake:x (sha1:0123abcd)\n#, fuzzy\nmsgid \"a\"\nmsgstr \"b\"\n",
    "msgid_plural": HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "c"\n',
    "plural-context-fuzzy": HEADER + '#, fuzzy\nmsgctxt "c"\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n"b2"\n'
    'msgstr[1] ""\nmsgstr[2] "d"\n',
    "plural-untranslated": HEADER + '#, fuzzy\nmsgid "a"\nmsgid_plural "as"\nmsgstr[0] ""\nmsgstr[1] "x"\n',
    "plural-one-form": HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\n',
    "plural-obsolete": HEADER + '#~| msgid "was"\n#~| msgid_plural "were"\n#~ msgid "a"\n#~ msgid_plural "as"\n'
    '#~ msgstr[0] "b"\n#~ msgstr[1] ""\n#~ "c"\n',
    "previous-plural": HEADER + '#| msgid_plural "p"\nmsgid "a"\nmsgstr "b"\n',
    "previous-context-and-plural": HEADER + '#, fuzzy\n#| msgctxt "pc"\n#| msgid "p"\n#| msgid_plural "ps"\n'
    'msgid "a"\nmsgid_plural "as"\nmsgstr[0] "b"\nmsgstr[1] "c"\n',
    "gnu-escapes": HEADER + 'msgid "bell \\a octal \\101\\1010 hex \\x41\\x4a \\\\x41"\nmsgstr "b"\n',
    "header-fuzzy": '# title\n#, fuzzy\n' + HEADER + 'msgid "a"\nmsgstr ""\n',
}

NOT_SIMPLE = {
    "header-comment-only": "#\n#\n# a\n#\n# b\n",
    "whitespace-line": HEADER + ' \nmsgid "a"\nmsgstr "b"\n',
    "blank-line-inside-entry": HEADER + 'msgid "a"\n\nmsgstr "b"\n',
    "skip-line-inside-message": HEADER + 'msgid "a"\n#~| x\n"b"\nmsgstr "c"\n',
    "msgstr-index": HEADER + 'msgid "a"\nmsgstr[0] "b"\n',
    "plural-forms-out-of-order": HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr[1] "b"\nmsgstr[0] "c"\n',
    "plural-without-forms": HEADER + 'msgid "a"\nmsgid_plural "as"\nmsgstr "b"\n',
    "escapes-not-utf8": HEADER + 'msgid "a \\xff"\nmsgstr "b"\n',
    "unknown-keyword": HEADER + 'msgid "a"\nmsgstr "b"\nmsgfoo "x"\n',
    "keyword-no-space": HEADER + 'msgid"a"\nmsgstr "b"\n',
    "header-line-without-colon": 'msgid ""\nmsgstr ""\n"Language: uk\\n"\n"continued\\n"\n',
    "header-blank-line": 'msgid ""\nmsgstr ""\n"Language: uk\\n\\n"\n',
    "header-field-twice": 'msgid ""\nmsgstr ""\n"Language: uk\\n"\n"Language: ru\\n"\n',
    "header-not-first": 'msgid "a"\nmsgstr "b"\n\n' + HEADER,
    "second-header": HEADER + HEADER,
    "header-with-context": 'msgctxt "c"\nmsgid ""\nmsgstr "X: y\\n"\n',
    "obsolete-empty-msgid": HEADER + '#~ msgid ""\n#~ msgstr "X: y\\n"\n',
    "charset-foreign": HEADER.replace("UTF-8", "ISO-8859-5") + 'msgid "a"\nmsgstr ""\n',
    "last-line-skip": HEADER + 'msgid "a"\nmsgstr "b"\n#~| msgid "c"\n',
    "trailing-comment": HEADER + 'msgid "a"\nmsgstr "b"\n\n# dangling\n',
    "comment-inside-entry": HEADER + 'msgid "a"\n# c\nmsgstr "b"\n',
    "comment-after-msgctxt": HEADER + 'msgctxt "c"\n#. x\nmsgid "a"\nmsgstr "b"\n',
    "previous-after-msgctxt": HEADER + 'msgctxt "c"\n#| msgid "p"\nmsgid "a"\nmsgstr "b"\n',
    "previous-twice": HEADER + '#| msgid "p"\n#| msgid "q"\nmsgid "a"\nmsgstr "b"\n',
    "previous-continued-plainly": HEADER + '#| msgid "p"\n"q"\nmsgid "a"\nmsgstr "b"\n',
    "msgid-continued-as-previous": HEADER + 'msgid "a"\n#| "q"\nmsgstr "b"\n',
    "obsolete-continued-live": HEADER + '#~ msgid "a"\n"q"\n#~ msgstr "b"\n',
    "obsolete-and-live": HEADER + '#~ msgid "a"\nmsgstr "b"\n',
    "obsolete-without-msgstr": HEADER + '#~ msgid "a"\n',
    "obsolete-comment": HEADER + '#~ # c\n#~ msgid "a"\n#~ msgstr "b"\n',
    "truncated": HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "c"\n',
    "duplicate": HEADER + 'msgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n',
    "unterminated": HEADER + 'msgid "a\nmsgstr "b"\n',
    "bad-escape": HEADER + 'msgid "a\\q"\nmsgstr "b"\n',
    "text-after-string": HEADER + 'msgid "a" # c\nmsgstr "b"\n',
    "space-after-string": HEADER + 'msgid "a" \nmsgstr "b"\n',
    "escaped-backslash-then-quote": HEADER + 'msgid "a\\\\"b"\nmsgstr "c"\n',
    "indented": HEADER + '  msgid "a"\nmsgstr "b"\n',
    "bare-comments": HEADER + '#.\n#:\n#,\nmsgid "a"\nmsgstr "b"\n',
    "hash-hash": HEADER + '##x\nmsgid "a"\nmsgstr "b"\n',
    "hash-word": HEADER + '#x\nmsgid "a"\nmsgstr "b"\n',
    "tab-comment": HEADER + '#\tx\nmsgid "a"\nmsgstr "b"\n',
    "nbsp-after-marker": HEADER + '#.\u00a0x\nmsgid "a"\nmsgstr "b"\n',
    "line-separator-in-string": HEADER + 'msgid "a\u2028b"\nmsgstr "c"\n',
    "form-feed-in-comment": HEADER + '# a\fb\nmsgid "a"\nmsgstr "c"\n',
    "second-bom": "\ufeff" + HEADER,
}


@pytest.mark.parametrize("name", list(SAME))
def test_edge_cases_read_alike(name: str) -> None:
    assert_same(SAME[name], fast=True)
    assert_same(rewrapped(SAME[name], 1), fast=True)


@pytest.mark.parametrize("name", list(NOT_SIMPLE))
def test_outside_the_subset_the_polib_path_decides(name: str) -> None:
    text = NOT_SIMPLE[name]
    with pytest.raises(_NotSimple):
        _fast_parse(text)
    try:
        via_parse: object = parse_catalog(text.encode("utf-8"), path="x.po")
    except Exception as exc:  # noqa: BLE001 -- whatever the polib path does, parse_catalog must do too
        via_parse = exc
    _, via_polib = read_both(text)
    assert outcome(via_parse) == via_polib


@pytest.mark.parametrize(
    "template",
    [
        HEADER + 'msgid "a{}b"\nmsgstr ""\n',
        HEADER + '# a{}b\nmsgid "a"\nmsgstr ""\n',
        HEADER + '#: a{}b\nmsgid "a"\nmsgstr ""\n',
        HEADER + '#| msgid "a{}b"\nmsgid "a"\nmsgstr ""\n',
        'msgid ""\nmsgstr "X-A: a{}b\\n"\n',
    ],
)
@pytest.mark.parametrize("char", list(OTHER_LINE_BREAKS), ids=ascii)
def test_line_breaks_polib_splits_at_are_left_to_polib(template: str, char: str) -> None:
    assert_same(template.format("x"), fast=True)
    with pytest.raises(_NotSimple):
        _fast_parse(template.format(char))


# ------------------------------------------------------------------ generated


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalog=catalogs(), width=st.integers(1, 30))
def test_written_catalogs_read_alike(catalog: Catalog, width: int) -> None:
    text = render_catalog(catalog).decode("utf-8")
    simple = not any(ch in text for ch in OTHER_LINE_BREAKS)
    assert_same(text, fast=simple)
    assert_same(rewrapped(text, width), fast=simple)
    assert_same(text + EXTRA, fast=simple)


_STRINGS = st.one_of(
    st.sampled_from(
        [
            '""', '"a"', '"b"', '"Content-Type: text/plain; charset=UTF-8\\n"', '"Language: uk\\n"', '"X-A: 1\\n"',
            '"esc \\t\\\\ \\""', '"#~| x"', '"msgid"',
        ]
    ),
    st.text(st.characters(exclude_characters='"\\\n\r' + OTHER_LINE_BREAKS), max_size=5).map(lambda s: f'"{s}"'),
)
_COMMENTS = st.sampled_from(
    [
        "# t", "#", "#  two", "# msgid-like", "#. e", "#: a.txt:3 b c:²", "#, fuzzy", "#, a,,b", '#| msgid "p"',
        '#| "q"', '#| msgctxt "pc"', '#~| msgid "z"', "#~|", "", " ",
    ]
)
_STRAYS = st.sampled_from(
    [
        "##x", "#.", "#~", "#x", "\t# t", "#~ # c", 'msgid_plural "p"', 'msgstr[0] "x"', '"stray"', '#~ "stray"',
        '#| msgid_plural "p"', 'msgid "x" # c', '"open', '"bad \\q"', '"kept \\a"', '"a\\"', '"a"b"', '"a\u2028b"',
        '"no colon\\n"', '"Language: ru\\n"', 'msgctxt "c"', 'msgid "a"', 'msgstr "b"', '#~ msgid "a"',
    ]
)


@st.composite
def entry_soups(draw: st.DrawFn) -> str:
    """Mostly well-formed entries (live or obsolete, some with empty msgids), sometimes a stray line."""
    lines: list[str] = []
    for _ in range(draw(st.integers(0, 5))):
        prefix = draw(st.sampled_from(["", "", "#~ "]))
        lines += draw(st.lists(_COMMENTS, max_size=3))
        for keyword in ("msgctxt", "msgid", "msgstr"):
            if keyword == "msgctxt" and draw(st.booleans()):
                continue
            lines.append(f"{prefix}{keyword} {draw(_STRINGS)}")
            lines += [f"{prefix}{s}" for s in draw(st.lists(_STRINGS, max_size=2))]
        lines.append("")
    for stray in draw(st.lists(_STRAYS, max_size=2)):
        lines.insert(draw(st.integers(0, len(lines))), stray)
    return "\n".join(lines)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=entry_soups())
def test_random_entries_read_alike_or_fall_back(text: str) -> None:
    assume("\0" not in text)
    assert_same(text, fast=False)


# ------------------------------------------------------------------ the fast path is used


def test_catalogs_newsl10n_writes_never_reach_polib(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """A regression to "always fall back" would pass every test above: this one catches it."""
    expected = [read_catalog(p) for p in GOOD]
    written = render_catalog(sample())

    def no_polib(*args: object, **kwargs: object) -> None:
        raise AssertionError("polib.pofile called")

    monkeypatch.setattr(polib, "pofile", no_polib)
    assert [read_catalog(p) for p in GOOD] == expected
    assert render_catalog(parse_catalog(written, path="x.po")) == written
    with pytest.raises(AssertionError, match="polib.pofile called"):  # the patch does bite
        parse_catalog(NOT_SIMPLE["keyword-no-space"].encode("utf-8"), path="x.po")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(catalog=gnu_catalogs(), width=st.integers(1, 30))
def test_gnu_style_catalogs_read_alike(catalog: Catalog, width: int) -> None:
    """Plural entries, previous msgctxt/msgid_plural, obsolete "#~|" lines, header "#, fuzzy", GNU escapes."""
    text = render_catalog(catalog).decode("utf-8")
    simple = not any(ch in text for ch in OTHER_LINE_BREAKS)
    assert_same(text, fast=simple)
    assert_same(rewrapped(text, width), fast=simple)
