"""An HTML tokenizer that keeps exact source spans: tags, attribute values, text, comments.

It follows the WHATWG tokenizer for where tokens start and end (tag and
attribute syntax, comments including the abrupt ``<!-->`` forms, bogus
comments, doctypes, raw text in ``script``/``style``/``xmp``/``iframe``/
``noembed``/``noframes``/``noscript``, RCDATA in ``title``/``textarea``,
``plaintext``), and keeps no decoded values: every token is a span of the
input, so the bytes between spans can be copied untouched.

It does no tree construction: which element a token lands in is decided by
the HTML5 tree builder (justhtml) in :mod:`newsl10n.formats.html`, which
matches its nodes to these tokens by offset. Simplifications, all on the safe
side (a mismatch makes a block stay untranslated, never changes output):
script data's ``<!--<script>`` double-escaping is not modelled, and CDATA
sections are treated as bogus comments (they only exist inside SVG/MathML,
which are never extracted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WS = "\t\n\f\r "
_RAWTEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"})
_RCDATA = frozenset({"title", "textarea"})
VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "basefont",
        "bgsound",
        "frame",
        "keygen",
        "param",
        "image",
    }
)
_NAME_END_RE = re.compile(r"[\t\n\f\r />]")
_ATTR_NAME_RE = re.compile(r"[^\t\n\f\r />=][^\t\n\f\r />=]*|=[^\t\n\f\r />=]*")
_UNQUOTED_RE = re.compile(r"[^\t\n\f\r >]*")
_SKIP_WS_RE = re.compile(r"[\t\n\f\r ]*")
_DOCTYPE_RE = re.compile(r"<!doctype", re.IGNORECASE)


@dataclass(slots=True)
class Attr:
    """One attribute: its lower-cased name and where its value sits (quotes excluded)."""

    name: str
    value_start: int
    value_end: int
    has_value: bool


@dataclass(slots=True)
class Token:
    """One token; ``kind`` is text, start, end, comment, doctype or dropped (EOF in a tag)."""

    kind: str
    start: int
    end: int
    name: str = ""
    attrs: list[Attr] = field(default_factory=list)

    def attr(self, text: str, name: str) -> str | None:
        """The raw (undecoded) value of the first attribute ``name``, or None."""
        for a in self.attrs:
            if a.name == name:
                return text[a.value_start : a.value_end]
        return None


def tokenize(text: str) -> list[Token]:
    """Every token of ``text`` in order; the spans tile the whole input."""
    tokens: list[Token] = []
    n = len(text)
    pos = 0
    text_start = 0

    def flush(upto: int) -> None:
        if upto > text_start:
            tokens.append(Token("text", text_start, upto))

    while True:
        lt = text.find("<", pos)
        if lt < 0 or lt + 1 >= n:
            break
        nxt = text[lt + 1]
        tok: Token | None = None
        if nxt.isascii() and nxt.isalpha():
            tok = _tag(text, lt, lt + 1, "start")
        elif nxt == "/":
            after = text[lt + 2] if lt + 2 < n else ""
            if after.isascii() and after.isalpha():
                tok = _tag(text, lt, lt + 2, "end")
            elif after == ">":
                tok = Token("comment", lt, lt + 3)  # "</>" is dropped; nothing to keep
            elif after:
                tok = _bogus(text, lt)
        elif nxt == "!":
            if text.startswith("<!--", lt):
                tok = _comment(text, lt)
            elif _DOCTYPE_RE.match(text, lt):
                gt = text.find(">", lt)
                tok = Token("doctype", lt, n if gt < 0 else gt + 1)
            else:
                tok = _bogus(text, lt)
        elif nxt == "?":
            tok = _bogus(text, lt)
        if tok is None:
            pos = lt + 1
            continue
        flush(lt)
        tokens.append(tok)
        pos = text_start = tok.end
        if tok.kind == "start" and (tok.name in _RAWTEXT or tok.name in _RCDATA or tok.name == "plaintext"):
            close = n if tok.name == "plaintext" else _find_end_tag(text, tok.end, tok.name)
            pos = close
            flush(close)
            text_start = close
    flush(n)
    return tokens


def _find_end_tag(text: str, pos: int, name: str) -> int:
    pattern = re.compile(r"</" + re.escape(name) + r"[\t\n\f\r />]", re.IGNORECASE)
    m = pattern.search(text, pos)
    return m.start() if m else len(text)


def _comment(text: str, lt: int) -> Token:
    body = lt + 4
    if text.startswith(">", body):
        return Token("comment", lt, body + 1)
    if text.startswith("->", body):
        return Token("comment", lt, body + 2)
    ends = [i for i in (text.find("-->", body), text.find("--!>", body)) if i >= 0]
    if not ends:
        return Token("comment", lt, len(text))
    end = min(ends)
    return Token("comment", lt, end + (3 if text.startswith("-->", end) else 4))


def _bogus(text: str, lt: int) -> Token:
    gt = text.find(">", lt + 1)
    return Token("comment", lt, len(text) if gt < 0 else gt + 1)


def _tag(text: str, lt: int, name_at: int, kind: str) -> Token:
    n = len(text)
    m = _NAME_END_RE.search(text, name_at)
    name_end = m.start() if m else n
    tok = Token(kind, lt, n, text[name_at:name_end].lower())
    pos = name_end
    while pos < n:
        ch = text[pos]
        if ch in _WS or ch == "/":
            pos += 1
            continue
        if ch == ">":
            tok.end = pos + 1
            return tok
        am = _ATTR_NAME_RE.match(text, pos)
        if am is None:  # pragma: no cover - the pattern accepts any other character
            pos += 1
            continue
        attr_name = am.group().lower()
        pos = _SKIP_WS_RE.match(text, am.end()).end()  # type: ignore[union-attr]
        if pos < n and text[pos] == "=":
            pos = _SKIP_WS_RE.match(text, pos + 1).end()  # type: ignore[union-attr]
            if pos < n and text[pos] in "\"'":
                close = text.find(text[pos], pos + 1)
                if close < 0:
                    break
                tok.attrs.append(Attr(attr_name, pos + 1, close, True))
                pos = close + 1
            else:
                um = _UNQUOTED_RE.match(text, pos)
                end = um.end() if um else pos
                tok.attrs.append(Attr(attr_name, pos, end, True))
                pos = end
        else:
            tok.attrs.append(Attr(attr_name, pos, pos, False))
    tok.kind = "dropped"  # EOF inside a tag: the tokenizer emits nothing for it
    tok.end = n
    return tok


def set_attributes(tag: str, wanted: dict[str, str | None]) -> str:
    """``tag`` (one start tag's source) with attributes set.

    A value of None means "set to ``ltr`` only if the attribute is already
    there" (for ``dir``). Existing values are replaced in place, keeping their
    quotes; missing ones are added before the closing ``>``.
    """
    tok = _tag(tag, 0, 1, "start")
    out = tag
    additions: list[str] = []
    for name, value in wanted.items():
        existing = next((a for a in tok.attrs if a.name == name), None)
        if existing is None:
            if value is not None:
                additions.append(f' {name}="{value}"')
            continue
        new = value if value is not None else "ltr"
        if existing.has_value:
            out = out[: existing.value_start] + new + out[existing.value_end :]
            delta = len(new) - (existing.value_end - existing.value_start)
        else:
            insert = f'="{new}"'
            out = out[: existing.value_end] + insert + out[existing.value_end :]
            delta = len(insert)
        tok = _tag(out, 0, 1, "start") if delta else tok
    if additions:
        close = len(out) - 1
        if out.endswith("/>"):
            close -= 1
        out = out[:close] + "".join(additions) + out[close:]
    return out
