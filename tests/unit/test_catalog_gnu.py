"""newsl10n's PO writer against GNU gettext itself.

- generated catalogs (singular and plural entries, contexts, long lines, escapes,
  CJK/Cyrillic/Arabic text, combining marks, flags, references, previous msgids,
  obsolete entries) written by newsl10n: ``msgcat`` gives the same bytes back, and
  newsl10n gives ``msgcat``'s and ``msgmerge``'s output back byte for byte;
- real catalogs from Django and Sphinx (tests/data/po-real, licences there);
- the line breaker and column widths against libunistring, the library msgcat
  breaks lines with (skipped where it is not installed).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import shutil
import subprocess
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from newsl10n.catalog import Catalog, merge, parse_catalog, read_catalog, render_catalog
from newsl10n.catalog.wrap import column_width, possible_breaks, wrap_string
from newsl10n.model import Unit, UnitState
from tests.conftest import DATA, msgfmt_check

REAL = sorted((DATA / "po-real").glob("*.po"))
NEEDS_GETTEXT = pytest.mark.skipif(
    not all(shutil.which(t) for t in ("msgcat", "msgmerge", "msgfmt")), reason="GNU gettext not installed"
)


def gnu(*argv: str, data: bytes, tmp: Path, extra: dict[str, bytes] | None = None) -> bytes:
    """Run a gettext tool on ``data`` (as in.po) and return what it wrote to out.po."""
    (tmp / "in.po").write_bytes(data)
    for name, content in (extra or {}).items():
        (tmp / name).write_bytes(content)
    subprocess.run([*argv, "-o", "out.po"], cwd=tmp, check=True, capture_output=True)
    return (tmp / "out.po").read_bytes()


# ------------------------------------------------------------------ generated catalogs

WORDS = st.sampled_from(
    [
        "the", "a", "Ukrainian", "forces", "well-known", "re-entered", "U.S.", "e.g.", "(see", "below)", "[1]",
        "Київ", "Харків", "звільнили", "«лапки»", "—", "–", "…", "!", "?", ",", ";", ":", "/", "and/or",
        "https://www.djangoproject.com/en/5.1/ref/settings/#std-setting-DATABASES", "a/very/long/path/name.txt",
        "日本語のテキスト", "中文字符串", "한국어", "ＦＵＬＬ", "مرحبا", "بالعالم", "שלום", "e\u0301te\u0301",
        "👍🏽", "🇺🇦", "\u00a0", "x" * 90, "%(count)s", "%d", "{0}", "{name}", "{n:>5}", "{{", "% d", "%(a b)s", "%(well-known)s", "50% off", "$3bn", "50", "1,234.5", "15:30", "#tag", "@user", "<b>", "&amp;",
        '"quoted"', "back\\slash", "tab\there", "bell\a", "cr\r", "\u2028", "\x1c", "\x85",
    ]
)
SEPARATORS = st.sampled_from([" ", " ", " ", "  ", "", "\n", " \n", "\t", "-"])


@st.composite
def texts(draw: st.DrawFn, *, min_words: int = 0) -> str:
    words = draw(st.lists(WORDS, min_size=min_words, max_size=25))
    out = []
    for word in words:
        out += [word, draw(SEPARATORS)]
    return "".join(out[:-1]) + draw(st.sampled_from(["", "", ".", "\n", ":"]))


FLAGS = st.sets(st.sampled_from(["python-format", "c-format", "no-perl-format", "python-brace-format", "no-wrap",
                                 "range: 0..10"]), max_size=2)
LOCATIONS = st.lists(
    st.tuples(st.sampled_from(["a.py", "django/contrib/admin/static/admin/js/admin/DateTimeShortcuts.js",
                               "./x/y.c", "article.txt"]), st.integers(0, 99999)),
    max_size=8, unique=True,
)
COMMENTS = st.lists(st.sampled_from(["note", ("Translators: a very long note " * 4).strip(), "x\\", "кома, «лапки»"]),
                    max_size=2)


@st.composite
def units(draw: st.DrawFn, *, obsolete: bool = False) -> Unit:
    plural = draw(st.booleans())
    targets = tuple(draw(st.lists(texts(), min_size=3, max_size=3))) if plural else ()
    target = targets[0] if plural else draw(texts())
    state = UnitState.UNTRANSLATED if not target else draw(st.sampled_from([UnitState.MT_DRAFT, UnitState.REVIEWED]))
    previous = draw(st.one_of(st.none(), texts())) if state is UnitState.MT_DRAFT else None
    unit = Unit(
        source=draw(texts(min_words=1)),
        target=target,
        targets=targets,
        source_plural=draw(texts(min_words=1)) if plural else None,
        state=state,
        context=draw(st.one_of(st.none(), texts())),
        locations=() if obsolete else tuple(draw(LOCATIONS)),
        translator_comments=tuple(draw(COMMENTS)),
        extracted_comments=() if obsolete else tuple(draw(COMMENTS)),
        previous_source=previous,
        # GNU reads "#| msgctxt" and "#| msgid_plural" only with a "#| msgid"
        previous_context=draw(st.one_of(st.none(), texts())) if previous is not None else None,
        previous_source_plural=draw(st.one_of(st.none(), texts())) if previous is not None and plural else None,
    )
    flags = draw(FLAGS)
    if obsolete:  # GNU keeps only fuzzy, format and no-wrap flags on an obsolete entry
        flags = {f for f in flags if not f.startswith("range")}
    strings = [unit.source, unit.source_plural, unit.context, unit.target, *unit.targets, unit.previous_source,
               unit.previous_context, unit.previous_source_plural]
    if any("%" in text for text in strings if text):
        # newsl10n locates python-format and python-brace-format directives, where GNU never
        # breaks a line; GNU's C format parser is not reproduced (see catalog/wrap.py).
        flags.discard("c-format")
    return replace(unit, flags=frozenset(flags))


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    live = draw(st.lists(units(), min_size=1, max_size=6, unique_by=lambda u: u.key))  # msgcat writes nothing for no messages
    keys = {u.key for u in live}
    gone = draw(st.lists(units(obsolete=True), max_size=3, unique_by=lambda u: u.key))
    header = {
        "Project-Id-Version": "test 1.0",
        "Language": "uk",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || "
        "n%100>=20) ? 1 : 2);",
    }
    return Catalog(header=header, units=live, obsolete=[u for u in gone if u.key not in keys and u.target],
                   header_comment=draw(st.sampled_from(["", "Title.\nCopyright.", ("A " * 60).strip()])),
                   header_fuzzy=draw(st.booleans()))


@NEEDS_GETTEXT
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(catalog=catalogs())
def test_msgcat_is_a_noop_on_what_newsl10n_writes(catalog: Catalog, tmp_path: Path) -> None:
    written = render_catalog(catalog)
    assert gnu("msgcat", "in.po", data=written, tmp=tmp_path).decode("utf-8") == written.decode("utf-8")
    back = parse_catalog(written, path="x.po")
    assert [replace(u, line=0) for u in back.units] == [_as_read(u) for u in catalog.units]
    assert [replace(u, line=0) for u in back.obsolete] == [_as_read(u) for u in catalog.obsolete]


def _as_read(unit: Unit) -> Unit:
    """``unit`` as reading gives it back: references lose a leading "./" (as GNU writes them)."""
    return replace(unit, locations=tuple((p.removeprefix("./"), n) for p, n in unit.locations))


@NEEDS_GETTEXT
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(catalog=catalogs(), width=st.sampled_from(["--width=30", "--no-wrap", "--width=79"]))
def test_newsl10n_is_a_noop_on_what_msgcat_writes(catalog: Catalog, width: str, tmp_path: Path) -> None:
    """msgcat output of any wrapping (so newsl10n cannot just echo its own) reads and writes as msgcat's default."""
    rewrapped = gnu("msgcat", width, "in.po", data=render_catalog(catalog), tmp=tmp_path)
    default = gnu("msgcat", "in.po", data=rewrapped, tmp=tmp_path)
    assert render_catalog(parse_catalog(rewrapped, path="x.po")).decode("utf-8") == default.decode("utf-8")
    assert render_catalog(parse_catalog(default, path="x.po")) == default


@NEEDS_GETTEXT
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(old=catalogs(), new=catalogs())
def test_newsl10n_is_a_noop_on_what_msgmerge_writes(old: Catalog, new: Catalog, tmp_path: Path) -> None:
    template = Catalog(header={"Content-Type": "text/plain; charset=UTF-8"},
                       units=[replace(u, target="", targets=("", "") if u.is_plural else (),
                                      state=UnitState.UNTRANSLATED, previous_source=None, previous_context=None,
                                      previous_source_plural=None, translator_comments=())
                              for u in {u.key: u for u in new.units + old.units[:2]}.values()])
    merged = gnu("msgmerge", "--previous", "-q", "in.po", "t.pot", data=render_catalog(old), tmp=tmp_path,
                 extra={"t.pot": render_catalog(template)})
    assert render_catalog(parse_catalog(merged, path="m.po")).decode("utf-8") == merged.decode("utf-8")


@NEEDS_GETTEXT
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                 HealthCheck.function_scoped_fixture])
@given(old=catalogs(), new=catalogs())
def test_merge_writes_what_msgmerge_writes(old: Catalog, new: Catalog, tmp_path: Path) -> None:
    """Without fuzzy matching (difflib's, not msgmerge's) and with no obsolete entry coming back
    (newsl10n revives it, msgmerge does not), the merged entries are msgmerge's byte for byte."""
    template = [replace(u, target="", targets=("", "") if u.is_plural else (), state=UnitState.UNTRANSLATED,
                        previous_source=None, previous_context=None, previous_source_plural=None,
                        translator_comments=())
                for u in {u.key: u for u in new.units + old.units[:2]}.values()]
    assume(not {u.key for u in old.obsolete} & {u.key for u in template})
    pot = render_catalog(Catalog(header={"Content-Type": "text/plain; charset=UTF-8"}, units=template))
    merged = gnu("msgmerge", "--no-fuzzy-matching", "--previous", "-q", "in.po", "t.pot",
                 data=render_catalog(old), tmp=tmp_path, extra={"t.pot": pot})
    units, obsolete = merge(template, parse_catalog(render_catalog(old), path="old.po"), fuzzy_matching=False)
    ours = render_catalog(Catalog(header=old.header, units=units, obsolete=obsolete))
    assert ours.decode("utf-8").split("\n\n", 1)[1:] == merged.decode("utf-8").split("\n\n", 1)[1:]


@NEEDS_GETTEXT
@pytest.mark.parametrize("text", ["msgid \"a\"\nmsgstr \"\\x41\\101\\a\"\n", "msgid \"\\xd0\\x96\"\nmsgstr \"b\"\n"])
def test_gnu_escapes_read_and_written_as_gnu_does(text: str, tmp_path: Path) -> None:
    data = ('msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n' + text).encode("utf-8")
    assert render_catalog(parse_catalog(data, path="x.po")) == gnu("msgcat", "in.po", data=data, tmp=tmp_path)


# ------------------------------------------------------------------ real catalogs


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_catalogs_read_and_write_as_msgcat_writes_them(path: Path, tmp_path: Path) -> None:
    written = render_catalog(read_catalog(path))
    if path.name.startswith("django"):  # as msgcat wrote them: no gettext needed to know the answer
        assert written == path.read_bytes()
    if shutil.which("msgcat"):
        assert written == gnu("msgcat", "in.po", data=path.read_bytes(), tmp=tmp_path)
    out = tmp_path / "w.po"
    out.write_bytes(written)
    msgfmt_check(out)


def test_real_catalogs_have_plural_entries_and_keep_them() -> None:
    plural = [u for path in REAL for u in read_catalog(path).units if u.is_plural]
    assert len(plural) > 20
    arabic = [u for u in read_catalog(DATA / "po-real" / "django-humanize.ar.po").units if u.is_plural]
    assert {len(u.targets) for u in arabic} == {6}
    assert all(u.target == u.targets[0] for u in plural)


# ------------------------------------------------------------------ the wrapping itself


@pytest.mark.parametrize(
    ("value", "lines"),
    [
        pytest.param("", ['msgid ""'], id="empty"),
        pytest.param("a\nb", ['msgid ""', '"a\\n"', '"b"'], id="newline-inside"),
        pytest.param("a\n", ['msgid "a\\n"'], id="newline-at-end"),
        pytest.param("x" * 100, ['msgid "' + "x" * 100 + '"'], id="one-long-word-stays-on-the-keyword-line"),
        pytest.param("word " * 15 + "end", ['msgid ""', '"' + "word " * 15 + '"', '"end"'], id="fills-77-columns"),
        pytest.param("re-entered " * 6 + "then-re-entered-again",
                     ['msgid ""', '"' + "re-entered " * 6 + 'then-re-"', '"entered-again"'], id="after-a-hyphen"),
        pytest.param("ab " + "c" * 70 + "-defgh", ['msgid ""', '"ab ' + "c" * 70 + '-"', '"defgh"'],
                     id="hyphen-inside-a-long-word"),
        pytest.param("日本" * 40, ['msgid ""', '"' + "日本" * 19 + '"', '"' + "日本" * 19 + '"', '"日本日本"'],
                     id="cjk-two-columns-and-a-break-between-ideographs"),
    ],
)
def test_wrap_like_gnu(value: str, lines: list[str]) -> None:
    """Expectations are msgcat 0.21's output for these msgids."""
    assert wrap_string("", "msgid", value) == lines


def _libunistring() -> ctypes.CDLL:
    name = ctypes.util.find_library("unistring")
    if name is None:
        pytest.skip("libunistring (GNU gettext's line breaker) not installed")
    return ctypes.CDLL(name)


# Every character Python's unicodedata (Unicode 14, as libunistring 1.0) has assigned, bar private use.
ASSIGNED = [chr(c) for c in [*range(0x20, 0xD800), *range(0xF900, 0x30000)]
            if unicodedata.category(chr(c)) not in ("Cn", "Co")]
ALPHABET = st.one_of(st.sampled_from(ASSIGNED), st.sampled_from(" -/()a1,.!?%$\u00a0\u2014\u200d\u0301"))


@settings(max_examples=300, deadline=None)
@given(text=st.text(ALPHABET, min_size=1, max_size=30))
def test_line_breaks_are_libunistrings(text: str) -> None:
    lib = _libunistring()
    data = text.encode("utf-8")
    out = ctypes.create_string_buffer(len(data))
    lib.u8_possible_linebreaks(data, ctypes.c_size_t(len(data)), b"UTF-8", out)
    offsets = [len(text[:i].encode("utf-8")) for i in range(len(text))]
    expected = [{2: 1, 3: 2}.get(out.raw[o], 0) for o in offsets]  # UC_BREAK_POSSIBLE, UC_BREAK_MANDATORY
    assert possible_breaks(text) == expected


def test_column_widths_are_libunistrings() -> None:
    lib = _libunistring()
    lib.uc_width.restype = ctypes.c_int
    wrong = [hex(ord(ch)) for ch in ASSIGNED if max(lib.uc_width(ord(ch), b"UTF-8"), 0) != column_width(ch)]
    assert wrong == []
