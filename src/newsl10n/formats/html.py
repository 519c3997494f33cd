"""HTML articles (a full page or a CMS body fragment) → translatable blocks and segments.

Two parsers work together, each for what it is made for:

* justhtml, a WHATWG HTML5 parser (passes the html5lib-tests tree-construction
  suite), decides the tree the way browsers do: implied end tags, misnested
  formatting elements, foster parenting, stray tags. It records where each
  node's token started (``track_node_locations``), but not where tags end, so
  it cannot say which bytes belong to a node.
* :mod:`newsl10n.formats.htmltokens` gives every tag, attribute value, text
  run and comment its exact span, but builds no tree.

A *run* is a maximal sequence of sibling nodes that are text or inline
elements (``a``, ``em``, ``span``, ``br``...) inside a block (``p``, ``li``,
``td``, ``h2``, ``div``, ``title``...). A run with words is a block; its source
span is checked token by token against the tree: every tag and text token in
the span must belong to the run's nodes and every end tag must close one of
them. A run that fails (the tree builder moved, cloned or dropped something
in it) is left untranslated and listed in ``protected``: the output is never
rebuilt from the tree, so nothing the parser invented or dropped reaches it.

Inline markup stays inside the msgid; a sentence boundary never cuts through
an inline element (sentences joined by one become one segment). Readable
attributes (``alt``, ``title``, ``placeholder``, ``aria-label``, and the
``content`` of description/Open Graph/Twitter ``<meta>``) are segments of
their own when their element is not inside a translated run; inside one they
are part of its msgid.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import Any

from newsl10n.errors import ArticleError
from newsl10n.formats.base import (
    HTML_SIGNIFICANT,
    Document,
    LineIndex,
    Region,
    merge_with_markup,
    msgid_for,
    sentence_spans,
)
from newsl10n.formats.htmltokens import VOID, Token, tokenize
from newsl10n.model import Segment
from newsl10n.placeables import has_words

log = logging.getLogger(__name__)

# Phrasing content that stays inside a sentence.
INLINE = frozenset(
    "a abbr b bdi bdo br cite data dfn em i img ins del mark q s small span strong sub sup time u wbr "
    "font big tt strike nobr label ruby rt rp code kbd samp var".split()
)
# Inline, but their text is not translated (kept verbatim inside the segment).
OPAQUE_INLINE = frozenset({"code", "kbd", "samp", "var"})
# Subtrees never extracted.
SKIP = frozenset(
    "script style template pre code kbd samp var textarea svg math iframe noscript object embed canvas "
    "select datalist video audio".split()
)
READABLE_ATTRS = ("alt", "title", "placeholder", "aria-label")
_META_KEYS = frozenset(
    {
        "description",
        "og:title",
        "og:description",
        "og:image:alt",
        "twitter:title",
        "twitter:description",
        "twitter:image:alt",
    }
)
_UTF8_LABELS = frozenset({"utf-8", "utf8", "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "x-unicode20utf8"})
_CHARSET_RE = re.compile(r"charset\s*=\s*[\"']?\s*([^\s\"';]+)", re.IGNORECASE)


@dataclass
class _State:
    text: str
    path: str
    tokens: list[Token]
    by_start: dict[int, int]  # token start offset → index
    lines: LineIndex
    same_length: str  # what justhtml parsed (see ``parse``)
    segments: list[Segment] = field(default_factory=list)
    blocks: list[Region] = field(default_factory=list)
    protected: list[Region] = field(default_factory=list)
    escapes: dict[int, str] = field(default_factory=dict)
    paragraph: int = 0


def parse(text: str, *, path: str) -> Document:
    """Parse decoded HTML ``text`` into a :class:`Document`.

    Raises:
        ArticleError: the page declares a charset other than UTF-8.
    """
    from justhtml import JustHTML

    tokens = tokenize(text)
    _check_charset(text, tokens, path)
    # justhtml drops a leading BOM and turns CRLF into LF before tokenizing; give it
    # a same-length copy instead, so its offsets are offsets into ``text``.
    same_length = text.replace("\r\n", " \n").replace("\r", "\n")
    if same_length.startswith("\ufeff"):
        same_length = " " + same_length[1:]
    state = _State(text, path, tokens, {t.start: i for i, t in enumerate(tokens)}, LineIndex(text), same_length)
    tree = JustHTML(same_length, sanitize=False, track_node_locations=True)
    html_tag = None
    for node in tree.root.children or ():
        if _is_element(node) and node.name == "html":
            tok = _token_at(state, node.origin_offset, "start")
            if tok is not None and tok.name == "html":
                html_tag = (tok.start, tok.end)
            _walk(state, node)
    state.segments.sort(key=lambda s: s.start)
    if html_tag is not None and state.segments and state.segments[0].start < html_tag[1]:
        html_tag = None  # text before <html>: not the tag that starts the page
    return Document(
        path=path,
        format="html",
        text=text,
        segments=tuple(state.segments),
        blocks=tuple(sorted(state.blocks, key=lambda r: r.start)),
        protected=tuple(state.protected),
        html_tag=html_tag,
        escapes=state.escapes,
    )


def _check_charset(text: str, tokens: list[Token], path: str) -> None:
    for tok in tokens:
        if tok.kind != "start" or tok.name != "meta":
            continue
        label = tok.attr(text, "charset")
        if label is None and (tok.attr(text, "http-equiv") or "").strip().lower() == "content-type":
            m = _CHARSET_RE.search(tok.attr(text, "content") or "")
            label = m.group(1) if m else None
        if label is not None and label.strip().lower() not in _UTF8_LABELS:
            raise ArticleError(
                f"declares charset {label.strip()!r}, but newsl10n reads and writes HTML as UTF-8",
                path=path,
                line=text.count("\n", 0, tok.start) + 1,
                hint='convert the file to UTF-8 and declare <meta charset="utf-8">',
            )


def _is_element(node: Any) -> bool:
    return hasattr(node, "attrs") and isinstance(getattr(node, "name", None), str) and not node.name.startswith("#")


def _html_ns(node: Any) -> bool:
    return node.namespace in (None, "html")


def _token_at(state: _State, offset: int | None, kind: str) -> Token | None:
    if offset is None:
        return None
    i = state.by_start.get(offset)
    if i is None or state.tokens[i].kind != kind:
        return None
    return state.tokens[i]


def _skipped(node: Any) -> bool:
    attrs = node.attrs or {}
    if (attrs.get("translate") or "").strip().lower() == "no":
        return True
    if "notranslate" in (attrs.get("class") or "").split():
        return True
    return not _html_ns(node) or node.name in SKIP


def _inline(node: Any, cache: dict[int, bool]) -> bool:
    """Text, a comment, or an inline element whose whole subtree is inline.

    Iterative (post-order with an explicit stack): a page may nest thousands deep.
    """
    if not _is_element(node):
        return bool(node.name in ("#text", "#comment"))
    stack: list[tuple[Any, bool]] = [(node, False)]
    while stack:
        n, children_done = stack.pop()
        key = id(n)
        if key in cache:
            continue
        own = _html_ns(n) and n.name in INLINE
        if not own or _opaque(n):
            cache[key] = own
            continue
        kids = [c for c in n.children or () if _is_element(c)]
        if not children_done and kids:
            stack.append((n, True))
            stack.extend((c, False) for c in kids)
            continue
        cache[key] = all(cache[id(c)] if _is_element(c) else c.name in ("#text", "#comment") for c in n.children or ())
    return cache[id(node)]


def _opaque(node: Any) -> bool:
    return _is_element(node) and (node.name in OPAQUE_INLINE or _skipped(node))


def _walk(state: _State, root: Any) -> None:
    """Extract from an element that is not inline: its attributes, then its children, in order.

    Iterative, in document order: a work stack of elements and of runs.
    """
    cache: dict[int, bool] = {}
    stack: list[tuple[Any, str, list[Any]]] = [(root, "", [])]
    while stack:
        node, block, run_nodes = stack.pop()
        if run_nodes:
            _run(state, block, run_nodes)
            continue
        if _skipped(node):
            start = node.origin_offset or 0
            state.protected.append(Region(node.name, start, _element_end(state, start, node.name)))
            continue
        _attribute_segments(state, node)
        work: list[tuple[Any, str, list[Any]]] = []
        run: list[Any] = []
        for child in node.children or ():
            if _inline(child, cache):
                run.append(child)
                continue
            if run:
                work.append((None, node.name, run))
                run = []
            if _is_element(child):
                work.append((child, "", []))
        if run:
            work.append((None, node.name, run))
        stack.extend(reversed(work))


def _element_end(state: _State, start: int, name: str) -> int:
    """Where the element whose start tag is at ``start`` ends in the source (best effort)."""
    i = state.by_start.get(start)
    if i is None or state.tokens[i].kind != "start" or name in VOID:
        return start if i is None else state.tokens[i].end
    depth = 0
    for tok in state.tokens[i:]:
        if tok.name == name and tok.kind == "start":
            depth += 1
        elif tok.name == name and tok.kind == "end":
            depth -= 1
            if depth == 0:
                return tok.end
    return len(state.text)


def _subtree(nodes: list[Any]) -> list[Any]:
    out: list[Any] = []
    stack = list(reversed(nodes))
    while stack:
        n = stack.pop()
        out.append(n)
        if _is_element(n):
            stack.extend(reversed(n.children or ()))
    return out


def _run(state: _State, block: str, nodes: list[Any]) -> None:
    """One run of inline siblings: a translatable block if it has words and a clean span."""
    members = _subtree(nodes)
    elements = [n for n in members if _is_element(n)]
    span = _run_span(state, members)
    if span is None:
        text_nodes = [n for n in members if n.name == "#text" and (n.data or "").strip()]
        if text_nodes:
            where = min(n.origin_offset or 0 for n in text_nodes)
            log.info("%s:%d: markup the parser rearranged is left untranslated", state.path, state.lines.line_of(where))
            state.protected.append(Region("rearranged", where, where))
        for el in elements:
            _attribute_segments(state, el)
        return
    start, end, extents, opaque = span
    view, starts, ends = _view(state, start, end, opaque)
    words_view = _blank(view, starts, opaque)
    if not has_words(words_view):
        for el in elements:
            _attribute_segments(state, el)
        return
    state.paragraph += 1
    state.blocks.append(Region(block, start, end))
    sentences = [(starts[s], ends[e - 1]) for s, e in sentence_spans(view) if e > s]
    for s, e in merge_with_markup(sentences, extents):
        raw = state.text[s:e]
        if not has_words(_strip_tags(_blank(raw, list(range(s, e)), opaque))):
            continue  # only code or translate="no" text
        state.segments.append(
            Segment(
                source=msgid_for(raw, significant=HTML_SIGNIFICANT),
                location=(state.path, state.lines.line_of(s)),
                start=s,
                end=e,
                paragraph=state.paragraph,
            )
        )


_TAG_RE = re.compile(r"<[^<>]*>")  # not "<[^>]*>": many "<" and no ">" made that quadratic


def _blank(view: str, starts: list[int], opaque: list[tuple[int, int]]) -> str:
    """``view`` with the characters from opaque elements (code, translate="no") blanked."""
    if not opaque:
        return view
    ranges = sorted(opaque)
    chars = list(view)
    k = 0
    for i, at in enumerate(starts):  # ``starts`` never decreases
        while k < len(ranges) and ranges[k][1] <= at:
            k += 1
        # Sorted by start: if the first range not yet ended does not hold ``at``, none does.
        if k < len(ranges) and ranges[k][0] <= at:
            chars[i] = " "
    return "".join(chars)


def _strip_tags(raw: str) -> str:
    return _TAG_RE.sub(" ", raw)


def _run_span(
    state: _State, members: list[Any]
) -> tuple[int, int, list[tuple[int, int]], list[tuple[int, int]]] | None:
    """The run's source span, its inline elements' extents and opaque extents; None if not clean."""
    origins: set[int] = set()
    text_origins: list[int] = []
    for n in members:
        off = n.origin_offset
        if off is None:
            return None
        if n.name == "#text":
            i = _token_index_containing(state, off)
            if i is None or not _same_text(state, state.tokens[i], n.data or "", off):
                return None  # the node took text from elsewhere (a stray tag was dropped)
            text_origins.append(off)
        elif off in origins:
            return None  # a clone made by the adoption agency
        else:
            origins.add(off)
    covered_texts: set[int] = set()
    first = last = None
    for off in origins:
        i = state.by_start.get(off)
        if i is None:
            return None
        first = i if first is None else min(first, i)
        last = i if last is None else max(last, i)
    for off in text_origins:
        i = _token_index_containing(state, off)
        if i is None or state.tokens[i].kind != "text":
            return None
        covered_texts.add(i)
        first = i if first is None else min(first, i)
        last = i if last is None else max(last, i)
    if first is None or last is None:
        return None
    stack: list[tuple[str, int]] = []
    extents: list[tuple[int, int]] = []
    opaque: list[tuple[int, int]] = []
    opaque_names: dict[int, Any] = {}
    for n in members:
        if _is_element(n) and _opaque(n):
            opaque_names[n.origin_offset] = n
    i = first
    while i < len(state.tokens):
        tok = state.tokens[i]
        if i > last and not (tok.kind == "end" and any(name == tok.name for name, _ in stack)):
            break
        if tok.kind == "start":
            if tok.start not in origins:
                return None
            if tok.name in VOID:
                extents.append((tok.start, tok.end))
            else:
                stack.append((tok.name, tok.start))
        elif tok.kind == "end":
            if not any(name == tok.name for name, _ in stack):
                return None  # a stray end tag inside the run
            while stack:
                name, at = stack.pop()
                extents.append((at, tok.end))
                if at in opaque_names:
                    opaque.append((at, tok.end))
                if name == tok.name:
                    break
        elif tok.kind == "text":
            if i not in covered_texts and state.text[tok.start : tok.end].strip():
                return None
        elif tok.kind == "comment":
            if tok.start not in origins:
                return None
            extents.append((tok.start, tok.end))
        else:
            return None
        i += 1
    end = state.tokens[i - 1].end
    for _, at in stack:  # closed implicitly by what follows the run
        extents.append((at, end))
        if at in opaque_names:
            opaque.append((at, end))
    # A text node may start inside its token (a dropped leading BOM or whitespace).
    start = min(min(origins, default=end), min(text_origins, default=end))
    return start, end, extents, opaque


def _same_text(state: _State, tok: Token, data: str, origin: int) -> bool:
    """Whether a text node is exactly its token's text from where the node starts.

    (Whitespace before the first element of a page is dropped by the tree
    builder, so a node may start inside its token; it may not go past it.)
    """
    import html as htmlmod

    return tok.kind == "text" and htmlmod.unescape(state.same_length[origin : tok.end]) == data


def _token_index_containing(state: _State, offset: int) -> int | None:
    i = state.by_start.get(offset)
    if i is not None:
        return i
    # A text node can start after a character the tree builder dropped; find the token.
    lo, hi = 0, len(state.tokens)
    while lo + 1 < hi:
        mid = (lo + hi) // 2
        if state.tokens[mid].start <= offset:
            lo = mid
        else:
            hi = mid
    tok = state.tokens[lo]
    return lo if tok.start <= offset < tok.end else None


_REF_RE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")


def _view(state: _State, start: int, end: int, opaque: list[tuple[int, int]]) -> tuple[str, list[int], list[int]]:
    """The run's plain text for the sentence splitter, and where each character came from.

    Tags vanish (``br``/``img``/``wbr`` become a space), character references
    become their characters, line breaks become spaces.
    """
    import html as htmlmod

    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    found = _token_index_containing(state, start)
    i = 0 if found is None else found
    text = state.text
    while i < len(state.tokens) and state.tokens[i].start < end:
        tok = state.tokens[i]
        i += 1
        if tok.kind == "start" and tok.name in ("br", "img", "wbr"):
            out.append(" ")
            starts.append(tok.start)
            ends.append(tok.end)
            continue
        if tok.kind != "text":
            continue
        pos = max(tok.start, start)
        for m in _REF_RE.finditer(text, pos, tok.end):
            for k in range(pos, m.start()):
                out.append(text[k])
                starts.append(k)
                ends.append(k + 1)
            for ch in htmlmod.unescape(m.group()):
                out.append(ch)
                starts.append(m.start())
                ends.append(m.end())
            pos = m.end()
        for k in range(pos, tok.end):
            out.append(text[k])
            starts.append(k)
            ends.append(k + 1)
    view = "".join(out).replace("\r", " ").replace("\n", " ").replace("\t", " ").replace("\f", " ")
    return view, starts, ends


def _attribute_segments(state: _State, node: Any) -> None:
    if not _html_ns(node) or not node.attrs:
        return
    tok = _token_at(state, node.origin_offset, "start")
    if tok is None or tok.name != node.name:
        return
    names: tuple[str, ...] = READABLE_ATTRS
    if node.name == "meta":
        key = (tok.attr(state.text, "name") or tok.attr(state.text, "property") or "").strip().lower()
        names = ("content",) if key in _META_KEYS else ()
    for attr in tok.attrs:
        if attr.name not in names or not attr.has_value:
            continue
        raw = state.text[attr.value_start : attr.value_end]
        if not has_words(raw):
            continue
        before = state.text[attr.value_start - 1]
        quoted = before in "\"'" and state.text[attr.value_end : attr.value_end + 1] == before
        state.escapes[attr.value_start] = f"attr{before}" if quoted else "attr"
        state.paragraph += 1
        state.blocks.append(Region(f"attr:{attr.name}", attr.value_start, attr.value_end))
        state.segments.append(
            Segment(
                source=msgid_for(raw, significant=HTML_SIGNIFICANT),
                location=(state.path, state.lines.line_of(attr.value_start)),
                start=attr.value_start,
                end=attr.value_end,
                paragraph=state.paragraph,
            )
        )
