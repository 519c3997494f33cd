"""Generated HTML and Markdown: byte-exact untranslated renders, structure kept when translated,
and a differential check of the built page against a second HTML5 parser (html5lib)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsl10n import formats

html5lib = pytest.importorskip("html5lib")

WORDS = st.sampled_from(["Kyiv", "said", "graves", "440", "the", "city", "Izium.", "Friday!", "U.S.", "a.m.", "é"])
ENTITIES = st.sampled_from(["&amp;", "&mdash;", "&nbsp;", "&#8212;", "&lt;", "&eacute;", "&quot;", "&copy"])
SPACE = st.sampled_from([" ", "  ", "\n", "\r\n", "\t", " \r\n  "])
TEXT = st.lists(st.one_of(WORDS, ENTITIES, SPACE, st.just(". ")), min_size=1, max_size=8).map("".join)
INLINE_TAGS = st.sampled_from(["em", "strong", "b", "i", "span", "q", "sub"])


def _inline(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(lambda t, c: f"<{t}>{c}</{t}>", INLINE_TAGS, children),
        st.builds(lambda c: f'<a href="https://example.org/?a=1&amp;b=2">{c}</a>', children),
        st.lists(children, min_size=1, max_size=3).map("".join),
    )


INLINE = st.recursive(TEXT, _inline, max_leaves=6)
LEAF = st.one_of(
    INLINE,
    st.just('<img src="/i.jpg" alt="A grave">'),
    st.just("<br>"),
    st.builds(lambda c: f"<code>{c}</code>", TEXT),
)
BLOCK_TAGS = st.sampled_from(["p", "h2", "li", "blockquote", "div", "figcaption", "dd"])


def _block(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds(lambda t, c, close: f"<{t}>{c}" + (f"</{t}>" if close else ""), BLOCK_TAGS, children, st.booleans()),
        st.builds(lambda c: f"<ul><li>{c}</li></ul>", children),
        st.builds(lambda a, b: f"<table><tr><td>{a}</td><td>{b}</td></tr></table>", INLINE, INLINE),
        st.lists(children, min_size=1, max_size=3).map("\n".join),
    )


BODY = st.recursive(st.one_of(LEAF, st.just("<pre>x  y</pre>"), st.just("<!-- c -->")), _block, max_leaves=8)
DOCUMENT = st.builds(
    lambda bom, page, body: (
        ("\ufeff" if bom else "")
        + (f"<!DOCTYPE html>\n<html><head><title>T</title></head><body>{body}</body></html>\n" if page else body)
    ),
    st.booleans(),
    st.booleans(),
    BODY,
)
_LETTERS_RE = re.compile(r"(<[^>]*>|&[#\w]+;?)|[A-Za-z]+")


def translate(msgid: str) -> str:
    """A stand-in translation that keeps every tag and character reference."""
    return _LETTERS_RE.sub(lambda m: m.group(1) or "слово", msgid)


def shape(markup: str, parser: str) -> list[tuple[str, ...]]:
    """Tag names in document order with their depth, hrefs and srcs."""
    out: list[tuple[str, ...]] = []
    if parser == "html5lib":
        # As bytes, the way a browser gets a page: the BOM is an encoding mark, not text.
        tree = html5lib.parse(markup.encode("utf-8"), namespaceHTMLElements=False, transport_encoding="utf-8")
        stack = [(tree, 0)]
        while stack:
            node, depth = stack.pop()
            out.append((node.tag, str(depth), node.get("href") or "", node.get("src") or ""))
            stack.extend((child, depth + 1) for child in reversed(list(node)) if isinstance(child.tag, str))
        return out
    from justhtml import JustHTML

    doc = JustHTML(markup, sanitize=False)
    stack2 = [(doc.root.children[-1], 0)]
    while stack2:
        node, depth = stack2.pop()
        out.append((node.name, str(depth), node.attrs.get("href") or "", node.attrs.get("src") or ""))
        stack2.extend(
            (c, depth + 1) for c in reversed(node.children or []) if hasattr(c, "attrs") and not c.name.startswith("#")
        )
    return out


@given(DOCUMENT)
def test_html_untranslated_render_is_byte_exact(src: str) -> None:
    doc = formats.parse_text(src, path="g.html", format="html")
    assert formats.render(doc, {}) == src


@given(DOCUMENT)
def test_html_segments_never_cut_inline_markup(src: str) -> None:
    from newsl10n.formats.inline import unbalanced

    # Generated inline elements are always closed, so every msgid must hold whole elements.
    doc = formats.parse_text(src, path="g.html", format="html")
    for seg in doc.segments:
        assert unbalanced(seg.source, format="html") == [], seg.source


@given(DOCUMENT)
def test_html_translated_render_keeps_structure_in_both_parsers(src: str) -> None:
    doc = formats.parse_text(src, path="g.html", format="html")
    out = formats.render(doc, {(s.source, s.context): translate(s.source) for s in doc.segments})
    for parser in ("html5lib", "justhtml"):
        assert shape(out, parser) == shape(src, parser)
    # Differential: where the parsers agree on the source (html5lib 1.1 predates some
    # living-standard rules, e.g. <li> inside <figcaption>), they agree on the built page.
    if shape(src, "html5lib") == shape(src, "justhtml"):
        assert shape(out, "html5lib") == shape(out, "justhtml")


@pytest.mark.parametrize("name", ["izium.html", "fragment-crlf.html", "page-bom.html", "malformed.html"])
def test_html_test_documents_differential(name: str) -> None:
    from tests.conftest import DATA

    src = (DATA / "formats" / name).read_text(encoding="utf-8")
    doc = formats.parse_text(src, path=name, format="html")
    out = formats.render(doc, {(s.source, s.context): translate(s.source) for s in doc.segments}, lang="uk")
    assert out != src
    assert shape(out, "html5lib") == shape(out, "justhtml") == shape(src, "justhtml")


MD_INLINE = (
    st.lists(
        st.one_of(
            WORDS,
            st.just(" "),
            st.just(". "),
            st.just("*em*"),
            st.just("**Strong. text**"),
            st.just("`co. de`"),
            st.just("[a link](https://example.org/x.y)"),
            st.just("&mdash;"),
            st.just("![alt text](i.png)"),
        ),
        min_size=1,
        max_size=8,
    )
    .map("".join)
    .filter(lambda s: s.strip() and not s.startswith((" ", "\t")))
)
MD_BLOCK = st.one_of(
    MD_INLINE,
    MD_INLINE.map(lambda s: "# " + s),
    MD_INLINE.map(lambda s: "> " + s.replace(". ", ".\n> ")),
    MD_INLINE.map(lambda s: "- " + s),
    st.just("```\ncode. x\n```"),
    st.just("    indented"),
    st.builds(lambda a, b, brk: f"{a}{brk}\n{b}", MD_INLINE, MD_INLINE, st.sampled_from(["  ", "\\"])),
    st.builds(lambda a, b: f"| {a} | {b} |\n|---|---|\n| {b} | {a} |", WORDS, WORDS),
)
MD_DOC = st.builds(
    lambda blocks, eol, fm: ("---\ntitle: A title\n---\n" if fm else "") + "\n\n".join(blocks).replace("\n", eol) + eol,
    st.lists(MD_BLOCK, min_size=1, max_size=6),
    st.sampled_from(["\n", "\r\n"]),
    st.booleans(),
)


_MD_KEEP_RE = re.compile(r"(\([^)]*\)|`[^`]*`|<[^>]*>|&[#\w]+;?)|[A-Za-z]+")


def md_translate(msgid: str) -> str:
    """A stand-in translation that keeps link targets, code spans and references."""
    return _MD_KEEP_RE.sub(lambda m: m.group(1) or "слово", msgid)


def md_shape(src: str) -> list[tuple[str, str]]:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
    out = []
    for tok in md.parse(src):
        out.append((tok.type, tok.tag))
        for child in tok.children or []:
            if child.type not in ("text", "softbreak"):  # line wraps are folded in msgids
                out.append((child.type, str(child.attrGet("href") or child.attrGet("src") or "")))
    return out


@given(MD_DOC)
def test_markdown_round_trip_and_structure(src: str) -> None:
    doc = formats.parse_text(src, path="g.md", format="markdown")
    assert formats.render(doc, {}) == src
    out = formats.render(doc, {(s.source, s.context): md_translate(s.source) for s in doc.segments})
    assert md_shape(out) == md_shape(src)
