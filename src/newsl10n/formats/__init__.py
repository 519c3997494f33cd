"""Article formats: bytes → :class:`Document` (blocks, segments, protected regions) → bytes.

One module per format (``text``, ``html``, ``markdown``); the only importers of
the HTML and Markdown parsers. :func:`parse` picks the module by the file's
extension unless a format is named; :func:`render` puts translations back.
:mod:`newsl10n.formats.inline` lists the markup inside a msgid or msgstr (for
tag placeholders around the model and for a markup check).
"""

from __future__ import annotations

from pathlib import Path

from newsl10n.errors import ArticleError, UsageError
from newsl10n.formats.base import (
    EXTENSIONS,
    FORMATS,
    Document,
    Region,
    decode,
    fit_translation,
    render,
    set_language,
)
from newsl10n.segment import read_article_text

FORMAT_HEADER = "X-Newsl10n-Format"

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "FORMAT_HEADER",
    "Document",
    "Region",
    "decode",
    "fit_translation",
    "format_for",
    "parse",
    "parse_file",
    "parse_text",
    "render",
    "set_language",
]


def format_for(path: str | Path, *, format: str | None = None) -> str:
    """The format of the article at ``path``: ``format`` if given, else by extension.

    Raises:
        UsageError: an unknown ``format`` name.
    """
    if format is not None:
        if format not in FORMATS:
            raise UsageError(f"unknown article format {format!r} (valid: {', '.join(FORMATS)})")
        return format
    # Any other extension is read as plain text, as before formats existed.
    return EXTENSIONS.get(Path(path).suffix.lower(), "text")


def parse_text(
    text: str, *, path: str, format: str, front_matter_keys: tuple[str, ...] | None = None
) -> Document:
    """Parse already decoded ``text`` as ``format``.

    ``front_matter_keys``: the Markdown front-matter keys whose values are
    segments (default :data:`newsl10n.formats.markdown.FRONT_MATTER_KEYS`).
    """
    if format == "html":
        from newsl10n.formats import html

        return html.parse(text, path=path)
    if format == "markdown":
        from newsl10n.formats import markdown

        if front_matter_keys is None:
            return markdown.parse(text, path=path)
        return markdown.parse(text, path=path, front_matter_keys=front_matter_keys)
    from newsl10n.formats import text as plain

    return plain.parse(text, path=path)


def parse(
    data: bytes, *, path: str, format: str | None = None, front_matter_keys: tuple[str, ...] | None = None
) -> Document:
    """Parse article bytes; ``path`` names the article in references and errors.

    Raises:
        ArticleError: too large, not UTF-8, a false charset declaration, no text.
    """
    fmt = format_for(path, format=format)
    return _checked(parse_text(decode(data, path=path), path=path, format=fmt, front_matter_keys=front_matter_keys))


def parse_file(
    path: Path,
    *,
    ref_path: str | None = None,
    format: str | None = None,
    front_matter_keys: tuple[str, ...] | None = None,
) -> Document:
    """Read and parse the article at ``path`` (the text path's read checks and 2 MiB limit)."""
    fmt = format_for(path, format=format)
    text = read_article_text(path)
    ref = ref_path if ref_path is not None else path.as_posix()
    doc = parse_text(text, path=ref, format=fmt, front_matter_keys=front_matter_keys)
    if not doc.segments:
        raise ArticleError("article has no translatable text", path=str(path))
    return doc


def _checked(doc: Document) -> Document:
    if not doc.segments:
        raise ArticleError("article has no translatable text", path=doc.path)
    return doc
