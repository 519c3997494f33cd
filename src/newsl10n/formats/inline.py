"""The inline markup inside one msgid or msgstr: what a translation must carry over.

A segment of an HTML or Markdown article keeps its inline markup as written
(``Read <a href="…">the report</a>.``, ``Run `ls` *now*.``). This module lists
that markup, so that tags can become placeholders around a model call and a
check can compare a translation's markup with its source's. It knows only
text: which format a unit's article has is for the caller to say.

``markup_signature`` is what must survive a translation unchanged, as a
multiset: tags with their attributes (the values of readable attributes,
``alt``/``title``/``placeholder``/``aria-label``, excluded: they are
translated), comments, the character references a translator sees as
written (``&amp;``, ``&nbsp;``…; see :mod:`newsl10n.formats.base`), code spans and their text,
link and image destinations, autolinks, and Markdown emphasis delimiters.
Order is not part of it (a translation may move a link); pairing is checked
by ``unbalanced``.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from newsl10n.formats.base import HTML_SIGNIFICANT, MARKDOWN_SIGNIFICANT, decode_reference
from newsl10n.formats.htmltokens import VOID, tokenize

READABLE = frozenset({"alt", "title", "placeholder", "aria-label"})
_REF_RE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
_MD_CODE_RE = re.compile(r"(?<!`)(`+)(?!`)(.*?)(?<!`)\1(?!`)", re.DOTALL)
_MD_DEST_RE = re.compile(r"\]\(\s*(<[^>\n]*>|[^\s()]*)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
_MD_REF_LINK_RE = re.compile(r"\]\[([^\]]*)\]")
_MD_AUTOLINK_RE = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
_MD_EMPHASIS_RE = re.compile(r"(?<!\\)(?:\*+|~~|(?<![\w])_+|_+(?![\w]))")
_MD_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Markup:
    """One piece of inline markup in a segment's text."""

    kind: str  # open, close, void, comment, reference, code, link, autolink, emphasis
    text: str  # as written
    start: int
    end: int
    key: str  # what must match between source and translation


def inline_markup(text: str, *, format: str) -> list[Markup]:
    """The markup in ``text`` (a msgid or msgstr of a ``format`` article), in order."""
    if format == "html":
        return _html(text)
    if format == "markdown":
        return _markdown(text)
    return []


def markup_signature(text: str, *, format: str) -> Counter[str]:
    """What a translation of ``text`` must keep, as a multiset of keys."""
    return Counter(m.key for m in inline_markup(text, format=format))


def unbalanced(text: str, *, format: str) -> list[Markup]:
    """Tags closed without being opened, closed out of order, or left open (HTML markup only)."""
    items = _html(text) if format == "html" else [m for m in _markdown(text) if m.kind in ("open", "close")]
    stack: list[Markup] = []
    bad: list[Markup] = []
    for m in items:
        if m.kind == "open":
            stack.append(m)
        elif m.kind == "close":
            name = m.key[2:-1]
            if stack and stack[-1].key.split(" ", 1)[0].lstrip("<").rstrip(">") == name:
                stack.pop()
            else:
                bad.append(m)
    return bad + stack


def _tag_key(text: str, tok_name: str, attrs: list[tuple[str, str]]) -> str:
    parts = [tok_name]
    for name, value in sorted(attrs):
        parts.append(name if name in READABLE else f"{name}={value}")
    return "<" + " ".join(parts) + ">"


def _html(text: str) -> list[Markup]:
    out: list[Markup] = []
    code_depth = 0
    code_start = 0
    for tok in tokenize(text):
        raw = text[tok.start : tok.end]
        if tok.kind == "text":
            if code_depth:
                continue
            for m in _REF_RE.finditer(text, tok.start, tok.end):
                if decode_reference(m.group(), HTML_SIGNIFICANT) == m.group():  # shown as written
                    out.append(Markup("reference", m.group(), m.start(), m.end(), m.group()))
        elif tok.kind == "comment":
            out.append(Markup("comment", raw, tok.start, tok.end, raw))
        elif tok.kind in ("start", "end"):
            attrs = [(a.name, text[a.value_start : a.value_end]) for a in tok.attrs]
            if tok.kind == "end":
                kind, key = "close", f"</{tok.name}>"
            else:
                kind, key = ("void" if tok.name in VOID else "open"), _tag_key(text, tok.name, attrs)
            out.append(Markup(kind, raw, tok.start, tok.end, key))
            if tok.name in ("code", "kbd", "samp", "var"):
                if tok.kind == "start":
                    code_depth += 1
                    code_start = tok.end
                elif code_depth:
                    code_depth -= 1
                    inner = text[code_start : tok.start]
                    out.append(Markup("code", inner, code_start, tok.start, f"code:{inner}"))
    return out


def _markdown(text: str) -> list[Markup]:
    out: list[Markup] = []
    taken = [False] * len(text)

    def add(kind: str, start: int, end: int, key: str) -> None:
        out.append(Markup(kind, text[start:end], start, end, key))
        for i in range(start, end):
            taken[i] = True

    for m in _MD_CODE_RE.finditer(text):
        add("code", m.start(), m.end(), f"code:{m.group(2).strip()}")
    for pattern, kind in ((_MD_AUTOLINK_RE, "autolink"), (_MD_DEST_RE, "link"), (_MD_REF_LINK_RE, "link")):
        for m in pattern.finditer(text):
            if not any(taken[m.start() : m.end()]):
                add(kind, m.start(), m.end(), f"{kind}:{m.group(1) if kind == 'link' else m.group()}")
    for m in _MD_TAG_RE.finditer(text):
        if not any(taken[m.start() : m.end()]):
            for item in _html(m.group()):
                if item.kind in ("open", "close", "void", "comment"):
                    add(item.kind, m.start() + item.start, m.start() + item.end, item.key)
    for m in _REF_RE.finditer(text):
        if not any(taken[m.start() : m.end()]) and decode_reference(m.group(), MARKDOWN_SIGNIFICANT) == m.group():
            add("reference", m.start(), m.end(), m.group())
    for m in _MD_EMPHASIS_RE.finditer(text):
        if not any(taken[m.start() : m.end()]):
            add("emphasis", m.start(), m.end(), f"emphasis:{m.group()}")
    out.sort(key=lambda mk: mk.start)
    return out


_VOID_SPACE = frozenset({"<br>", "<hr>", "<wbr>"})


@lru_cache(maxsize=8192)
def readable_text(text: str, *, format: str) -> str:
    """``text`` as a reader sees it: markup taken out, the words inside kept.

    ``Read <a href="…">the <em>full</em> report</a>&nbsp;now`` → ``Read the
    full report\u00a0now``; ``See [the map](https://x "Map") and `ls` *now*``
    → ``See the map and   now``. Tags, comments, emphasis markers and link
    destinations disappear (a ``<br>`` becomes a space), a character
    reference becomes its character, and a code span becomes spaces: it is
    not prose, and the markup check compares it verbatim. The checks that read
    words, numbers and punctuation (and glossary matching) use this text.
    """
    items = inline_markup(text, format=format)
    if not items:
        return text
    out: list[str] = []
    last = 0
    opened: list[int] = []  # Markdown: output positions of "[" that may open a link
    for m in items:
        chunk = text[last : m.start]
        if format == "markdown":
            chunk = _drop_link_brackets(chunk, out, opened)
        out.append(chunk)
        last = m.end
        if m.kind == "reference":
            out.append(html.unescape(m.text))
        elif m.kind == "code":
            out.append(" " * len(m.text.strip("`")) if format == "markdown" else "")
        elif m.kind == "void" and m.key.split(" ", 1)[0].rstrip(">") + ">" in _VOID_SPACE:
            out.append(" ")
        elif m.kind == "link" and format == "markdown" and opened:
            # "[text](dest)": the "[" that opened this link goes too (and "!" of an image).
            idx = opened.pop()
            out[idx] = ""
            if idx > 0 and out[idx - 1].endswith("!"):
                out[idx - 1] = out[idx - 1][:-1]
    tail = text[last:]
    out.append(_drop_link_brackets(tail, out, opened) if format == "markdown" else tail)
    return "".join(out)


def _drop_link_brackets(chunk: str, out: list[str], opened: list[int]) -> str:
    """Split ``chunk`` at each ``[`` so that a link's opening bracket can be dropped later."""
    if "[" not in chunk:
        return chunk
    pieces = chunk.split("[")
    for piece in pieces[:-1]:
        out.append(piece)
        opened.append(len(out))
        out.append("[")
    return pieces[-1]
