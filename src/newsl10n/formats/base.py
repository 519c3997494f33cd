"""What every article format shares: the ``Document``, decoding, msgids, sentences, rendering.

A format module turns article text into a :class:`Document`: translatable
blocks with exact spans into the decoded text, the sentence segments inside
them, and the regions it deliberately left alone. Rendering substitutes
translations into segment spans and copies everything else verbatim, so a
render with no translations is the input, byte for byte.

What a translator sees (the msgid) is the source text of the segment as
written, with inline markup kept (HTML tags, Markdown link and emphasis
syntax), whitespace runs folded to one space, NFC-normalised, and character
references decoded *only* when the character they stand for is neither
markup-significant in that format nor invisible: ``&mdash;`` shows as ``—``,
``&eacute;`` as ``é``, while ``&amp;``, ``&lt;``, ``&gt;``, ``&quot;``, ``&#39;``,
``&nbsp;``, ``&shy;``, ``&zwj;`` and the like stay exactly as written, inside
tags too (``href="?a=1&amp;b=2"`` is untouched). A translation is inserted as
written, so a translator types the same notation.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from newsl10n.errors import ArticleError
from newsl10n.model import Segment
from newsl10n.segment import MAX_ARTICLE_BYTES, normalise_source, segment_text

FORMATS = ("text", "html", "markdown")
EXTENSIONS = {".txt": "text", ".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


@dataclass(frozen=True, slots=True)
class Region:
    """A span of the article: a translatable block or a region left alone."""

    kind: str  # "p", "h2", "attr:alt", "title", "front-matter:title" / "script", "code-fence"...
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    """A parsed article of any format.

    ``text``, ``segments``, ``metadata``, ``path`` and ``slug`` mean what they
    mean on :class:`newsl10n.segment.Article`, so code written for text
    articles (``render.render_article``, ``template_units``) takes a Document.
    """

    path: str
    format: str
    text: str
    segments: tuple[Segment, ...]
    blocks: tuple[Region, ...] = ()
    protected: tuple[Region, ...] = ()  # regions never extracted (code, script, URLs...)
    metadata: dict[str, str] = field(default_factory=dict)
    html_tag: tuple[int, int] | None = None  # span of an explicit <html> start tag
    # segment start → how a translation must be written there (see ``fit_translation``)
    escapes: Mapping[int, str] = field(default_factory=dict)

    @property
    def slug(self) -> str:
        """The catalog name: the file stem."""
        return Path(self.path).stem


def decode(data: bytes, *, path: str) -> str:
    """Article bytes → text, with the same checks as the text path.

    Raises:
        ArticleError: too large, not UTF-8, containing NUL, or empty.
    """
    if len(data) > MAX_ARTICLE_BYTES:
        limit = f"{MAX_ARTICLE_BYTES / 2**20:g} MiB"
        raise ArticleError(
            f"article is {len(data) / 2**20:.1f} MiB; the limit is {limit} ({MAX_ARTICLE_BYTES} bytes)",
            path=path,
            hint="a news article is far smaller: is this the right file?",
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path=path,
            line=data.count(b"\n", 0, exc.start) + 1,
            hint="re-save the article as UTF-8, e.g. iconv -f cp1252 -t utf-8",
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        raise ArticleError("contains a NUL byte (binary file?)", path=path, line=text.count("\n", 0, nul) + 1)
    if not text.strip("\ufeff \t\r\n"):
        raise ArticleError("article is empty", path=path)
    return text


# ------------------------------------------------------------------ msgids

_REF_RE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]*;?)")
# Characters a reader cannot see: a translator must see how they were written.
_INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf", "Mn", "Me"})
HTML_SIGNIFICANT = frozenset("&<>\"'")
MARKDOWN_SIGNIFICANT = frozenset("&<>\"'*_`[]()!#\\|~")


def decode_reference(ref: str, significant: frozenset[str]) -> str:
    """The text a translator sees for one character reference (see the module docstring)."""
    value = html.unescape(ref)
    if value == ref or not value:
        return ref
    if any(c in significant or unicodedata.category(c) in _INVISIBLE_CATEGORIES for c in value):
        return ref
    return value


def msgid_for(raw: str, *, significant: frozenset[str] = HTML_SIGNIFICANT) -> str:
    """The msgid of a segment whose source text is ``raw``."""
    if "&" in raw:
        raw = _REF_RE.sub(lambda m: decode_reference(m.group(), significant), raw)
    return normalise_source(raw)


# --------------------------------------------------------------- sentences


def sentence_spans(view: str) -> list[tuple[int, int]]:
    """Sentence spans in ``view``, the plain text of one block (markup removed).

    The spans come from the text path's segmenter (pysbd with the news
    rules), so a paragraph splits the same way in every format. Line breaks
    are wraps inside a block, never paragraph breaks.
    """
    flat = view.replace("\r", " ").replace("\n", " ")
    _, segments = segment_text(flat, ref_path="")
    return [(s.start, s.end) for s in segments]


def decoded_view(raw: str) -> tuple[str, list[int], list[int]]:
    """``raw`` with character references decoded, for the sentence splitter.

    Returns the view and, for each of its characters, where it starts and ends
    in ``raw`` (a reference's characters all map to the whole reference), so
    that ``&mdash;`` reads as a dash to the tweet-attribution rule.
    """
    if "&" not in raw:
        return raw, list(range(len(raw))), list(range(1, len(raw) + 1))
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _REF_RE.finditer(raw):
        out.append(raw[pos : m.start()])
        starts.extend(range(pos, m.start()))
        ends.extend(range(pos + 1, m.start() + 1))
        value = html.unescape(m.group())
        out.append(value)
        starts.extend([m.start()] * len(value))
        ends.extend([m.end()] * len(value))
        pos = m.end()
    out.append(raw[pos:])
    starts.extend(range(pos, len(raw)))
    ends.extend(range(pos + 1, len(raw) + 1))
    return "".join(out), starts, ends


def merge_with_markup(sentences: list[tuple[int, int]], markup: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sentence spans grown so that none cuts through a markup span.

    ``markup`` holds the extent of each inline element (open tag to close tag),
    code span or link. A sentence that overlaps one is widened to cover it, and
    sentences joined by one become one segment; markup that touches no
    sentence stays in the skeleton. Linear after sorting.
    """
    items = sorted([(s, e, True) for s, e in sentences] + [(s, e, False) for s, e in markup])
    out: list[tuple[int, int]] = []
    cur_s = cur_e = -1
    has_sentence = False
    for s, e, is_sentence in items:
        if cur_e >= 0 and s < cur_e:
            cur_e = max(cur_e, e)
            has_sentence = has_sentence or is_sentence
            continue
        if has_sentence:
            out.append((cur_s, cur_e))
        cur_s, cur_e, has_sentence = s, e, is_sentence
    if has_sentence:
        out.append((cur_s, cur_e))
    return out


class LineIndex:
    """Offset → 1-based line number, by bisection over line starts."""

    def __init__(self, text: str) -> None:
        self._starts = [0, *(m.end() for m in re.finditer(r"\r\n|\n|\r", text))]

    def line_of(self, offset: int) -> int:
        """The line ``offset`` is on."""
        lo, hi = 0, len(self._starts)
        while lo + 1 < hi:
            mid = (lo + hi) // 2
            if self._starts[mid] <= offset:
                lo = mid
            else:
                hi = mid
        return lo + 1


# --------------------------------------------------------------- rendering

RTL_LANGUAGES = frozenset({"ar", "he", "fa", "ur", "yi", "ps", "sd", "ckb", "dv", "ug"})


def render(document: Document, translations: Mapping[tuple[str, str | None], str], *, lang: str | None = None) -> str:
    """The article with each segment's translation put into its span.

    A segment with no (or an empty) translation keeps its source text, so an
    empty mapping gives back ``document.text`` exactly. With ``lang``, an HTML
    document's explicit ``<html>`` tag gets ``lang`` (and ``dir`` for
    right-to-left languages, or when the tag already had one); a fragment has
    no ``<html>`` tag and none is invented.
    """
    out: list[str] = []
    pos = 0
    text = document.text
    for seg in document.segments:
        out.append(text[pos : seg.start])
        target = translations.get((seg.source, seg.context))
        out.append(fit_translation(document, seg, target) if target else text[seg.start : seg.end])
        pos = seg.end
    out.append(text[pos:])
    result = "".join(out)
    if lang is not None:
        result = set_language(document, result, lang)
    return result


_EOL_RUN_RE = re.compile(r"[ \t]*(?:\r\n|\n|\r)[ \t]*")
_UNQUOTED_UNSAFE_RE = re.compile(r"[\s\"'=<>`]")
_YAML_PLAIN_UNSAFE_RE = re.compile(r"\A[\s\-?:,\[\]{}#&*!|>'\"%@`]|: | #|\s\Z")


def fit_translation(document: object, segment: Segment, target: str) -> str:
    """``target`` written so that it cannot break the markup around its segment.

    Only what the format's syntax forces: an attribute value's own quote
    character becomes a character reference (an unquoted value gets quotes if
    it needs them), a YAML scalar is escaped or quoted, a Markdown line break
    (which would end a heading or a table row) becomes a space and a ``|`` in
    a table cell is escaped. Everything else is inserted as typed. Works for
    any article object; one without ``escapes`` (a text article) gets
    ``target`` back unchanged.
    """
    style = getattr(document, "escapes", {}).get(segment.start)
    if style is None:
        return target
    if style.startswith("md"):
        target = _EOL_RUN_RE.sub(" ", target)
        return re.sub(r"(?<!\\)\|", r"\\|", target) if style == "md-cell" else target
    if style == 'attr"':
        return target.replace('"', "&quot;")
    if style == "attr'":
        return target.replace("'", "&#39;")
    if style == "attr":
        return f'"{target.replace(chr(34), "&quot;")}"' if _UNQUOTED_UNSAFE_RE.search(target) else target
    target = _EOL_RUN_RE.sub(" ", target)
    if style == 'yaml"':
        return re.sub(r'(?<!\\)"', r'\\"', target)
    if style == "yaml'":
        return re.sub(r"(?<!')'(?!')", "''", target)
    if style == "yaml" and _YAML_PLAIN_UNSAFE_RE.search(target):
        return '"' + target.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return target


def set_language(document: Document, rendered: str, lang: str) -> str:
    """``rendered`` with ``lang``/``dir`` set on the document's ``<html>`` tag, if it has one.

    The tag precedes every segment, so its offsets are the same in ``rendered``.
    """
    if document.format != "html" or document.html_tag is None:
        return rendered
    from newsl10n.formats.htmltokens import set_attributes

    start, end = document.html_tag
    primary = lang.replace("_", "-").split("-")[0].lower()
    bcp47 = lang.replace("_", "-")
    tag = rendered[start:end]
    wanted: dict[str, str | None] = {"lang": bcp47}
    wanted["dir"] = "rtl" if primary in RTL_LANGUAGES else None  # None: only if present, set to ltr
    return rendered[:start] + set_attributes(tag, wanted) + rendered[end:]
