"""Writing catalogs as GNU gettext writes them, atomically; compiling ``.mo`` files.

The output is what ``msgcat`` would write for the same messages (same comment
lines, flag order, reference and string wrapping at 79 columns, obsolete
entries at the end), so ``msgcat`` on a file newsl10n wrote changes nothing and
reading and writing a file ``msgcat``/``msgmerge`` wrote changes nothing. Two
safety deviations, both only for input GNU itself would write as an invalid
file: a comment ending in a backslash gets a trailing space, and a comment with
a newline is written as several comment lines (as GNU does for translator
comments).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import polib

from newsl10n.catalog.base import Catalog, header_keys
from newsl10n.catalog.read import _charset, parse_catalog
from newsl10n.catalog.wrap import PAGE_WIDTH, wrap_string
from newsl10n.errors import CatalogError
from newsl10n.fsio import FileChanged, atomic_write
from newsl10n.model import Location, Unit, UnitState

WRAP_WIDTH = PAGE_WIDTH  # GNU gettext's default, so msgcat rewraps nothing

# GNU gettext 0.21's format languages, in the order msgcat writes their flags.
FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript", "scheme", "lisp",
    "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal", "smalltalk", "qt", "qt-plural", "kde",
    "kde-kuit", "boost", "tcl", "perl", "perl-brace", "php", "gcc-internal", "gfc-internal", "ycp",
)
_FORMAT_RANK = {
    f"{kind}{lang}-format": i * 3 + k
    for i, lang in enumerate(FORMAT_LANGUAGES)
    for k, kind in enumerate(("", "no-", "possible-"))
}
_RANGE_RE = re.compile(r"^range:\s*\d+\.\.\d+$")


def render_catalog(catalog: Catalog) -> bytes:
    """Serialise ``catalog`` as UTF-8 PO text, as GNU ``msgcat`` writes it."""
    # GNU breaks lines of a catalog it can decode; CHARSET, ASCII or no charset: ASCII-only strings.
    utf8 = _charset(catalog.header.get("Content-Type", "")).lower().replace("_", "-") in ("utf-8", "utf8")
    blocks = [_header_block(catalog, utf8=utf8)]
    blocks.extend(_entry_lines(unit, obsolete=False, utf8=utf8) for unit in catalog.units)
    blocks.extend(_entry_lines(unit, obsolete=True, utf8=utf8) for unit in catalog.obsolete if _target0(unit))
    return ("\n\n".join("\n".join(block) for block in blocks) + "\n").encode("utf-8")


def _header_block(catalog: Catalog, *, utf8: bool) -> list[str]:
    lines = _header_comment(catalog.header_comment)
    msgstr = "".join(f"{key}: {catalog.header[key]}\n" for key in header_keys(catalog))
    if catalog.header_fuzzy and msgstr:
        lines.append("#, fuzzy")
    lines += wrap_string("", "msgid", "", utf8=utf8)
    lines += wrap_string("", "msgstr", msgstr, utf8=utf8)
    return lines


def _header_comment(comment: str) -> list[str]:
    if not comment:
        return []
    lines = comment.split("\n")
    while lines and not lines[0]:
        lines.pop(0)  # leading "#" lines read as nothing; write what is read
    return [f"# {_safe_comment(line)}" if line else "#" for line in lines]


def _safe_comment(line: str) -> str:
    """GNU gettext reads a backslash at the end of any line, comments included,
    as a line continuation, and msgfmt then fails on the next line. A trailing
    space (stripped again on reading) keeps the file valid."""
    return line + " " if line.endswith("\\") else line


def _target0(unit: Unit) -> str:
    return unit.targets[0] if unit.is_plural and unit.targets else unit.target


def _entry_lines(unit: Unit, *, obsolete: bool, utf8: bool) -> list[str]:
    """One entry as GNU's ``message_print`` / ``message_print_obsolete`` writes it."""
    lines = [f"# {_safe_comment(c)}" if c else "#" for text in unit.translator_comments for c in text.split("\n")]
    lines += [f"#. {_safe_comment(c)}" if c else "#." for text in unit.extracted_comments for c in text.split("\n")]
    if unit.locations:
        lines += _references(unit.locations)
    flags = _flags(unit, obsolete=obsolete)
    if flags:
        lines.append("#, " + ", ".join(flags))
    wrap = "no-wrap" not in unit.flags
    language = _format_language(unit.flags)
    previous = "#~| " if obsolete else "#| "
    if unit.previous_context is not None:
        lines += wrap_string(previous, "msgctxt", unit.previous_context, wrap=wrap, utf8=utf8, format_language=language)
    if unit.previous_source is not None:
        lines += wrap_string(previous, "msgid", unit.previous_source, wrap=wrap, utf8=utf8, format_language=language)
    if unit.previous_source_plural is not None:
        lines += wrap_string(previous, "msgid_plural", unit.previous_source_plural, wrap=wrap, utf8=utf8, format_language=language)
    prefix = "#~ " if obsolete else ""
    if unit.context is not None:
        lines += wrap_string(prefix, "msgctxt", unit.context, wrap=wrap, utf8=utf8, format_language=language)
    lines += wrap_string(prefix, "msgid", unit.source, wrap=wrap, utf8=utf8, format_language=language)
    if unit.source_plural is None:
        lines += wrap_string(prefix, "msgstr", unit.target, wrap=wrap, utf8=utf8, format_language=language)
    else:
        lines += wrap_string(prefix, "msgid_plural", unit.source_plural, wrap=wrap, utf8=utf8, format_language=language)
        for i, target in enumerate(unit.targets or (unit.target,)):
            lines += wrap_string(prefix, f"msgstr[{i}]", target, wrap=wrap, utf8=utf8, format_language=language)
    return lines


def _format_language(flags: frozenset[str]) -> str | None:
    """The format GNU parses this entry's strings with when wrapping them: the first format
    language (in GNU's order) flagged as a possible format."""
    for lang in FORMAT_LANGUAGES:
        if f"{lang}-format" in flags or f"possible-{lang}-format" in flags:
            return lang
    return None


def _flags(unit: Unit, *, obsolete: bool) -> list[str]:
    """The ``#,`` flags in GNU's order: fuzzy, format flags, range, no-wrap; then any others
    (GNU itself drops flags it does not know; an obsolete entry keeps only fuzzy, format
    and no-wrap flags)."""
    fuzzy = unit.state is UnitState.MT_DRAFT or ("fuzzy" in unit.flags and unit.state is UnitState.UNTRANSLATED)
    formats = sorted((f for f in unit.flags if f in _FORMAT_RANK), key=_FORMAT_RANK.__getitem__)
    ranges = [] if obsolete else sorted(f for f in unit.flags if _RANGE_RE.match(f))
    rest = [] if obsolete else sorted(
        f for f in unit.flags if f not in _FORMAT_RANK and f not in ("fuzzy", "no-wrap", "wrap") and f not in ranges
    )
    return [*(["fuzzy"] if fuzzy else []), *formats, *ranges, *(["no-wrap"] if "no-wrap" in unit.flags else []), *rest]


def _references(locations: Iterable[Location]) -> list[str]:
    """``#:`` lines wrapped as GNU wraps them: a new line when the next reference would pass
    column 79. A line number of 0 means none (``#: path``)."""
    lines: list[str] = []
    line = "#:"
    for path, number in locations:
        while path.startswith("./"):
            path = path[2:]
        ref = f"{path}:{number}" if number else path
        if len(line) > 2 and len(line) + len(ref) + 1 > WRAP_WIDTH:
            lines.append(line)
            line = "#:"
        line += " " + ref
    lines.append(line)
    return lines


def write_catalog(catalog: Catalog, path: Path) -> bool:
    """Atomically write ``catalog`` to ``path``; return False when nothing changed."""
    return atomic_write(path, render_catalog(catalog))


T = TypeVar("T")
_MAX_RETRIES = 100


def update_catalog(path: Path, change: Callable[[Catalog | None], tuple[Catalog, T]]) -> tuple[bool, T]:
    """Read ``path``, apply ``change``, write the result: a compare-and-swap.

    ``change`` gets the catalog on disk (None if there is none) and returns the
    catalog to write plus a value for the caller. If the file changes on disk
    between the read and the rename (an editor saving without newsl10n's lock),
    nothing is written and ``change`` runs again on the new content, so the
    other writer's work is never overwritten with a stale copy.

    Returns:
        ``(changed, value)``: whether the file was rewritten, and ``change``'s value.

    Raises:
        CatalogError: the file is malformed, or kept changing for 100 attempts.
    """
    for _attempt in range(_MAX_RETRIES):
        try:
            data: bytes | None = path.read_bytes()
        except FileNotFoundError:
            data = None
        except OSError as exc:
            raise CatalogError(f"cannot read catalog: {exc.strerror}", path=str(path)) from None
        old = parse_catalog(data, path=str(path)) if data is not None else None
        new, value = change(old)
        try:
            return atomic_write(path, render_catalog(new), expect=data), value
        except FileChanged:
            continue
    raise CatalogError("the file kept changing on disk while newsl10n was saving it", path=str(path),
                       hint="another program is rewriting it continuously; close it and run again")


def mo_bytes(header: dict[str, str], units: Iterable[Unit]) -> bytes:
    """A compiled ``.mo`` holding ``units`` as translated messages (plural entries with
    every ``msgstr[N]``, as msgfmt compiles them)."""
    po = polib.POFile()
    po.metadata = dict(header)
    for unit in units:
        if unit.is_plural:
            targets = unit.targets or (unit.target,)
            po.append(polib.POEntry(msgid=unit.source, msgid_plural=unit.source_plural, msgctxt=unit.context,
                                    msgstr_plural=dict(enumerate(targets))))
        else:
            po.append(polib.POEntry(msgid=unit.source, msgstr=unit.target, msgctxt=unit.context))
    data: bytes = po.to_binary()
    return data
