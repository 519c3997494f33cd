"""Round-trip properties: articles from anywhere survive extract → build, edits keep translations.

- extract → update → build with no translations gives the article back byte for byte;
- with translations, the built article is the skeleton with each span replaced, and
  building with msgstr = msgid and re-segmenting gives the same messages;
- random article edits then ``update``: no translation is lost (it stays live, is
  carried as fuzzy with ``#|``, or goes obsolete) and no entry is duplicated;
- PO render → parse → render is byte-identical and keeps every field.

Every catalog written is checked with ``msgfmt -c``.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from hypothesis import assume, given, note
from hypothesis import strategies as st

from newsl10n.catalog import Catalog, parse_catalog, read_catalog, render_catalog, write_catalog
from newsl10n.config import Config, load_config
from newsl10n.errors import ArticleError
from newsl10n.model import Unit, UnitState
from newsl10n.render import render_article
from newsl10n.segment import parse_article, segment_text
from newsl10n.workflow import build, extract, update
from newsl10n.workflow.project import po_path
from tests.conftest import PYPROJECT, msgfmt_check

SLUG = "a"

# ------------------------------------------------------------------ articles

WORDS = st.sampled_from(
    [
        "the", "Ukrainian", "forces", "said", "Mr.", "Dr.", "U.S.", "e.g.", "i.e.", "St.", "a.m.",  # ASCII prose
        "Київ", "Харків", "Ізюм", "ЗСУ", "російських",  # Cyrillic
        "مرحبا", "بالعالم", "كييف",  # Arabic (RTL)
        "שלום", "עולם", "\u200fקייב\u200e",  # Hebrew (RTL) with direction marks
        "e\u0301te\u0301", "Zoe\u0308", "a\u0308\u0301", "\u0301",  # combining marks, NFD, a bare one
        "👨\u200d👩\u200d👧\u200d👦", "🏳\ufe0f\u200d🌈", "👍🏽", "🇺🇦", "🇬🇧", "\u200b", "\u00a0",  # ZWJ, flags, ZW space, nbsp
        "https://example.com/a?b=1&c=%20", "pic.twitter.com/IipipvFJpb", "news@example.org",  # URLs, email
        "@ZelenskyyUa", "@x", "#Izium", "#StandWithUkraine", "#1",  # handles and tags
        "440", "1,234.5", "15:30", "2022-09-16", "50%", "$3bn", "№5", "½",  # numbers
        "(Sept", "15)", '"quoted', 'words"', "«лапки»", "—", "…", "'", "&amp;", "<b>", "\\n",
    ]
)
SPACE = st.sampled_from([" ", " ", " ", "  ", "\t", "\n", "\r\n", "\r", " \t "])
SINGLE_SPACE = st.sampled_from([" ", " ", "\n", "\r\n"])
END = st.sampled_from([".", "!", "?", "...", "…", ".\"", "?»", "", ";", ":"])
PARAGRAPH_BREAK = st.sampled_from(["\n\n", "\r\n\r\n", "\r\r", "\n\n\n\n", "\n \n", "\n\t\n", "\r\n\r\n\r\n"])


@st.composite
def sentences(draw: st.DrawFn, space: st.SearchStrategy[str] = SPACE) -> str:
    words = draw(st.lists(WORDS, min_size=1, max_size=12))
    out = []
    for i, w in enumerate(words):
        out.append(w)
        if i < len(words) - 1:
            out.append(draw(space))
    return "".join(out) + draw(END)


@st.composite
def paragraphs(draw: st.DrawFn, space: st.SearchStrategy[str] = SPACE) -> str:
    sents = draw(st.lists(sentences(space), min_size=1, max_size=5))
    return "".join(s + (draw(space) if i < len(sents) - 1 else "") for i, s in enumerate(sents))


@st.composite
def articles(draw: st.DrawFn, space: st.SearchStrategy[str] = SPACE) -> bytes:
    paras = draw(st.lists(paragraphs(space), min_size=1, max_size=6))
    text = paras[0]
    for p in paras[1:]:
        text += draw(PARAGRAPH_BREAK) + p
    text = draw(st.sampled_from(["", "\ufeff", " date 2022-09-16 ", "\n\n", "\t"])) + text
    text += draw(st.sampled_from(["", "\n", "\r\n", "\n\n\n", " ", "\r"]))
    # At least one word of ASCII prose, so the article has something to translate.
    text = "Kyiv said it. " + text if draw(st.booleans()) else text + "\nKyiv said it."
    return text.encode("utf-8")


@contextmanager
def a_project(article: bytes) -> Iterator[Config]:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "articles").mkdir()
        (root / "articles" / f"{SLUG}.txt").write_bytes(article)
        (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
        yield load_config(start=root)


def _translate_some(path: Path, data: st.DataObject) -> dict[tuple[str, str | None], str]:
    po = read_catalog(path)
    chosen = data.draw(st.lists(st.booleans(), min_size=len(po.units), max_size=len(po.units)))
    target = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=20)
    units = []
    for unit, pick in zip(po.units, chosen):
        if pick:
            state = data.draw(st.sampled_from([UnitState.REVIEWED, UnitState.MT_DRAFT]))
            unit = replace(unit, target=data.draw(target).strip() or "x", state=state)
        units.append(unit)
    po.units = units
    write_catalog(po, path)
    return {u.key: u.target for u in po.units if u.target}


@given(article=articles())
def test_no_translations_build_the_article_back_byte_for_byte(article: bytes) -> None:
    with a_project(article) as config:
        [pot] = extract(config)
        [po] = update(config, "uk")
        msgfmt_check(pot.path)
        msgfmt_check(po.path)
        [built] = build(config, "uk")
        assert built.output.read_bytes() == article
        assert built.translated == 0


@given(article=articles(), data=st.data())
def test_translations_land_in_their_spans(article: bytes, data: st.DataObject) -> None:
    with a_project(article) as config:
        extract(config)
        [po] = update(config, "uk")
        targets = _translate_some(po.path, data)
        msgfmt_check(po.path)
        [built] = build(config, "uk", include_fuzzy=True)
        [again] = build(config, "uk", include_fuzzy=True, output=config.root / "again")
        assert built.output.read_bytes() == again.output.read_bytes()  # deterministic
        parsed = parse_article(config.root / "articles" / f"{SLUG}.txt", ref_path=f"articles/{SLUG}.txt")
        expected, pos = [], 0
        for seg in parsed.segments:
            expected.append(parsed.text[pos : seg.start])
            expected.append(targets.get((seg.source, seg.context), parsed.text[seg.start : seg.end]))
            pos = seg.end
        expected.append(parsed.text[pos:])
        assert built.output.read_bytes().decode("utf-8") == "".join(expected)


# pysbd's decisions depend on how much whitespace follows a full stop ("a.m.  X"
# is one sentence, "a.m. X" two), and msgids fold whitespace runs; so this
# property holds for articles whose words are separated by single spaces or wraps.
@given(article=articles(SINGLE_SPACE))
def test_building_with_msgstr_equal_msgid_resegments_the_same(article: bytes) -> None:
    text = article.decode("utf-8")
    _meta, segments = segment_text(text, ref_path="a.txt")
    assume(segments)
    catalog = Catalog(units=[Unit(source=s.source, target=s.source, state=UnitState.REVIEWED) for s in segments])
    from newsl10n.segment import Article

    built, stats = render_article(Article("a.txt", text, _meta, tuple(segments)), catalog)
    assert stats.translated == len(segments)
    _meta2, again = segment_text(built, ref_path="a.txt")
    note(repr(built))
    assert [s.source for s in again] == [s.source for s in segments]


# ------------------------------------------------------------------ edits


@st.composite
def edits(draw: st.DrawFn, text: str) -> str:
    paras = text.split("\n\n")
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["delete", "insert", "reword", "duplicate", "swap", "split-join"]))
        i = draw(st.integers(0, len(paras) - 1))
        if kind == "delete" and len(paras) > 1:
            paras.pop(i)
        elif kind == "insert":
            paras.insert(i, draw(paragraphs()))
        elif kind == "reword":
            words = paras[i].split(" ")
            j = draw(st.integers(0, len(words) - 1))
            words[j] = draw(st.sampled_from([words[j] + "s", "new", "Київ", "", words[j].upper()]))
            paras[i] = " ".join(words)
        elif kind == "duplicate":
            paras.insert(i, paras[i])
        elif kind == "swap" and len(paras) > 1:
            j = draw(st.integers(0, len(paras) - 1))
            paras[i], paras[j] = paras[j], paras[i]
        elif kind == "split-join":
            paras[i] = paras[i].replace(". ", ".\n\n", 1) if draw(st.booleans()) else paras[i].replace("\n", " ")
    out = "\n\n".join(paras)
    return out if out.strip() else text


def _work(catalog: Catalog) -> dict[tuple[str, str | None], str]:
    return {u.key: u.target for u in catalog.units if u.target}


def _assert_no_work_lost(before: Catalog, after: Catalog) -> None:
    live = after.by_key()
    keys = [u.key for u in after.units]
    obsolete_keys = [u.key for u in after.obsolete]
    assert len(keys) == len(set(keys)), "duplicate live entry"
    assert len(obsolete_keys) == len(set(obsolete_keys)), "duplicate obsolete entry"
    assert not set(keys) & set(obsolete_keys), "an entry is both live and obsolete"
    obsolete = {u.key: u for u in after.obsolete}
    carried = {(u.previous_source, u.context): u for u in after.units if u.previous_source}
    for old in [*before.units, *before.obsolete]:
        if not old.target:
            continue
        kept = live.get(old.key)
        if kept is not None:
            assert kept.target == old.target, f"translation of {old.source!r} changed"
            if old in before.units:
                assert kept.state is old.state, f"state of {old.source!r} changed"
            continue
        fuzzy = carried.get(old.key)
        if fuzzy is not None and fuzzy.target == old.target:
            assert fuzzy.state is UnitState.MT_DRAFT
            continue
        gone = obsolete.get(old.key)
        assert gone is not None and gone.target == old.target, f"translation of {old.source!r} lost"


@given(article=articles(), data=st.data())
def test_article_edits_never_lose_a_translation(article: bytes, data: st.DataObject) -> None:
    text = article.decode("utf-8")
    with a_project(article) as config:
        path = config.root / "articles" / f"{SLUG}.txt"
        extract(config)
        update(config, "uk")
        po = po_path(config, "uk", SLUG)
        for _round in range(2):
            _translate_some(po, data)
            before = read_catalog(po)
            text = data.draw(edits(text))
            path.write_bytes(text.encode("utf-8"))
            try:
                extract(config)
            except ArticleError:
                # An edit that leaves nothing to translate is refused, and the
                # catalog is left as it was.
                assert read_catalog(po) == before
                return
            update(config, "uk")
            after = read_catalog(po)
            msgfmt_check(po)
            _assert_no_work_lost(before, after)
            template = {s.source for s in parse_article(path).segments}
            assert {u.source for u in after.units} == template


# ------------------------------------------------------------------ PO bytes

PO_TEXT = st.lists(
    st.one_of(
        st.sampled_from(['"', "\\", "\t", "\\n", '\\"', "'", "#", "msgid ", " ", "%s", "{0}", "\r", '"\n"']),
        st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")),
    ),
    min_size=1,
    max_size=30,
).map("".join)
COMMENT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")), max_size=20).map(
    str.strip
)


@st.composite
def units(draw: st.DrawFn) -> Unit:
    source = draw(st.one_of(PO_TEXT, st.lists(PO_TEXT, min_size=2, max_size=4).map("\n".join)))
    state = draw(st.sampled_from(list(UnitState)))
    target = "" if state is UnitState.UNTRANSLATED else draw(PO_TEXT)
    # msgfmt -c: msgid and msgstr agree on a leading and a trailing newline.
    if target:
        target = target.strip("\n")
        target = ("\n" if source.startswith("\n") else "") + (target or "x") + ("\n" if source.endswith("\n") else "")
    comments = tuple(c for c in draw(st.lists(COMMENT, max_size=2)) if c and not c.startswith("newsl10n:"))
    return Unit(
        source=source,
        target=target,
        state=state,
        context=draw(st.one_of(st.none(), PO_TEXT)),
        locations=tuple(draw(st.lists(st.tuples(st.sampled_from(["a.txt", "articles/b.md"]), st.integers(1, 999)),
                                      max_size=3))),
        flags=frozenset(draw(st.sets(st.sampled_from(["no-c-format", "no-python-format", "x-newsl10n"])))),
        translator_comments=comments,
        extracted_comments=tuple(c for c in draw(st.lists(COMMENT, max_size=2)) if c),
        previous_source=draw(st.one_of(st.none(), PO_TEXT)) if state is UnitState.MT_DRAFT else None,
    )


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    live = draw(st.lists(units(), max_size=8, unique_by=lambda u: u.key))
    keys = {u.key for u in live}
    obsolete = [
        replace(u, locations=(), previous_source=None)
        for u in draw(st.lists(units(), max_size=3, unique_by=lambda u: u.key))
        if u.key not in keys and u.target
    ]
    header = {
        "Project-Id-Version": draw(COMMENT),
        "Language": "uk",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);",
        "X-Newsl10n-MT": "fake:fake|mode:translit",
    }
    comment = "\n".join(draw(st.lists(COMMENT, max_size=3)))
    return Catalog(header=header, units=live, obsolete=obsolete, header_comment=comment)


@given(catalog=catalogs())
def test_po_render_parse_render_is_byte_stable(catalog: Catalog) -> None:
    data = render_catalog(catalog)
    parsed = parse_catalog(data, path="random.po")
    assert render_catalog(parsed) == data
    assert [replace(u, line=0) for u in parsed.units] == catalog.units
    assert [(u.key, u.target, u.state) for u in parsed.obsolete] == [(u.key, u.target, u.state) for u in catalog.obsolete]
    assert parsed.header == catalog.header
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "random.po"
        path.write_bytes(data)
        msgfmt_check(path)
        assert render_catalog(read_catalog(path)) == data
