"""The one-pass PO reader: the subset newsl10n, msgcat, msgmerge and Poedit write, read
exactly as :func:`newsl10n.catalog.read._parse_with_polib` reads it (tests/unit/test_catalog_fastread.py
compares the two), or ``_NotSimple`` so that the polib path decides."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsl10n.catalog.base import Catalog
from newsl10n.catalog.read import (
    _NUMERIC_ESCAPE_RE,
    _SIMPLE_ESCAPE_RE,
    _charset,
    _is_utf8,
    _location,
    _simple_escape,
    _starts_message,
    _unescape,
    make_unit,
)
from newsl10n.model import Location, Unit

# ------------------------------------------------------------- fast reading
#
# polib reads a line at a time through a general state machine and the lint
# above reads every line once more: most of ``check``'s time went into that.
# The reader below matches each entry of the subset that newsl10n, msgmerge and
# Poedit write with one regular expression, and gives up (``_NotSimple``) on
# anything else, so that the polib path reads every odd file and raises every
# error. Within its subset it reproduces polib's quirks (how comments are
# stripped and joined, which entry is the header, which line an entry starts
# at) and builds units with the same ``make_unit``;
# tests/unit/test_catalog_fastread.py compares the two readers.


class _NotSimple(Exception):
    """The fast reader met something outside its subset; the polib path decides."""


@dataclass(slots=True)
class _Comments:
    """An entry's comment lines as polib collects them (``#|`` strings still in pieces)."""

    header: list[str] = field(default_factory=list)  # the file's header comment, in the first entry
    translator: list[str] = field(default_factory=list)
    extracted: list[str] = field(default_factory=list)
    occurrences: list[tuple[str, str]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    previous_msgid: list[str] | None = None
    previous_msgctxt: list[str] | None = None
    previous_msgid_plural: list[str] | None = None
    before_msgid: int = 0  # comment lines before the one _msgid_line stops at


# Where str.splitlines, so polib, ends a line; the fast reader accepts none but the "\n" ending each line.
_BREAKS = r"\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# A string on one line: closed at the line's end, with only escapes GNU gettext decodes.
_ESCAPE = r'\\(?:[\\"ntrvbfa0-7]|x[0-9A-Fa-f])'
_STRING_LINE = rf'"[^"\\{_BREAKS}]*(?:{_ESCAPE}[^"\\{_BREAKS}]*)*"\n'
_PLAIN_BODY_RE = re.compile(rf'[^"\\]*(?:{_ESCAPE}[^"\\]*)*')
_FORM_RE = re.compile(r"msgstr\[(\d+)\] ")


def _entry_re(prefix: str) -> re.Pattern[str]:
    """An entry, from its comment lines to its msgstr's last continuation line and the blank
    lines after it; every keyword and continuation line starts with ``prefix``."""
    string = f"{_STRING_LINE}(?:{prefix}{_STRING_LINE})*"
    return re.compile(
        rf"(?P<comments>(?:#(?!~ )[^{_BREAKS}]*\n)*)"
        rf"(?:{prefix}msgctxt (?P<msgctxt>{string}))?"
        rf"{prefix}msgid (?P<msgid>{string})"
        rf"(?:{prefix}msgstr (?P<msgstr>{string})"
        rf"|{prefix}msgid_plural (?P<plural>{string})(?P<forms>(?:{prefix}msgstr\[\d+\] {string})+))"
        r"\n*"
    )


_LIVE_ENTRY_RE = _entry_re("")
_OBSOLETE_ENTRY_RE = _entry_re("#~ ")


def _fast_parse(text: str) -> Catalog:
    """Read newline-normalised PO text as :func:`_parse_with_polib` would, or raise ``_NotSimple``.

    The text must be entries one after the other with only blank lines between them.
    """
    if not text.endswith("\n"):
        text += "\n"
    catalog = Catalog()
    keys: set[tuple[str, str | None]] = set()
    pos = len(text) - len(text.lstrip("\n"))
    start = pos + 1  # the line the next entry starts at
    first = True
    while pos < len(text):
        m = _LIVE_ENTRY_RE.match(text, pos) or _OBSOLETE_ENTRY_RE.match(text, pos)
        if m is None:
            raise _NotSimple(f"line {start}: not an entry of the simple kind")
        unit = _fast_entry(m, start, catalog, first=first)
        first = False
        if unit is not None and m.re is _OBSOLETE_ENTRY_RE:
            catalog.obsolete.append(unit)
        elif unit is not None:
            if unit.key in keys:
                raise _NotSimple(f"line {unit.line}: a duplicate message")
            keys.add(unit.key)
            catalog.units.append(unit)
        start += text.count("\n", pos, m.end())
        pos = m.end()
    charset = _charset(catalog.header.get("Content-Type", ""))
    if charset and not _is_utf8(charset):
        raise _NotSimple(f"charset {charset!r}")
    return catalog


def _fast_entry(m: re.Match[str], start: int, catalog: Catalog, *, first: bool) -> Unit | None:
    """The unit of an entry matched at line ``start``, or None for the header, which (with the
    file's header comment) goes into ``catalog``: polib's header is the first entry, msgid "".
    """
    obsolete = m.re is _OBSOLETE_ENTRY_RE
    separator = '"\n#~ "' if obsolete else '"\n"'  # between the pieces of a string
    msgctxt_block, msgid_block, msgstr_block, plural_block = m.group("msgctxt", "msgid", "msgstr", "plural")
    msgid = _string_value(msgid_block, separator)
    msgctxt = None if msgctxt_block is None else _string_value(msgctxt_block, separator)
    plural = None if plural_block is None else _string_value(plural_block, separator) or None
    forms = _forms(m["forms"], separator) if plural else ()
    msgstr = "" if plural_block is not None else _string_value(msgstr_block, separator)
    block = m["comments"]
    lines = block.count("\n")
    if msgid and not first and (not block or (block.startswith("#: ") and block.count("\n#: ") + 1 == lines)):
        # No comments, or references only (templates, untranslated entries): the common case, made
        # quick. polib splits each "#: " line into words; the entry's msgid is on the next line.
        words = block[3:-1].split() if lines == 1 else [w for line in block.split("\n")[:-1] for w in line[3:].split()]
        return make_unit(
            msgid=msgid,
            msgstr=msgstr,
            msgctxt=msgctxt,
            locations=tuple(map(_reference, words)),
            flags=[],
            translator_comments=(),
            extracted_comments=(),
            previous=(None, None, None),
            line=start + lines,
            msgid_plural=plural,
            forms=forms,
        )
    comments = _comments(block, first=first)
    if first:
        catalog.header_comment = _polib_join(comments.header)
    if not msgid:
        if not first or msgctxt is not None or obsolete or plural_block is not None:
            raise _NotSimple(f"line {start}: an empty msgid that is not the header")
        catalog.header = _metadata(msgstr)
        catalog.header_fuzzy = "fuzzy" in comments.flags
        catalog.header_order = tuple(catalog.header)
        return None
    return make_unit(
        msgid=msgid,
        msgstr=msgstr,
        msgctxt=msgctxt,
        locations=tuple(map(_location, comments.occurrences)),
        flags=comments.flags,
        translator_comments=_comment_lines(comments.translator),
        extracted_comments=_comment_lines(comments.extracted),
        previous=(
            None if comments.previous_msgctxt is None else "".join(comments.previous_msgctxt),
            None if comments.previous_msgid is None else "".join(comments.previous_msgid),
            None if comments.previous_msgid_plural is None else "".join(comments.previous_msgid_plural),
        ),
        line=start + comments.before_msgid,
        msgid_plural=plural,
        forms=forms,
    )


def _forms(block: str, separator: str) -> tuple[str, ...]:
    """The msgstr[N] strings of a plural entry, which must be numbered 0, 1, 2, ..."""
    prefix = separator[2:-1]
    starts = [(m.start(), m.end(), int(m.group(1))) for m in _FORM_RE.finditer(block)
              if m.start() == len(prefix) or block[m.start() - 1 - len(prefix) : m.start()] == "\n" + prefix]
    if [n for _, _, n in starts] != list(range(len(starts))):
        raise _NotSimple("msgstr[N] not numbered 0, 1, 2, ...")
    forms = []
    for i, (_, end, _n) in enumerate(starts):
        stop = starts[i + 1][0] - len(prefix) if i + 1 < len(starts) else len(block)
        forms.append(_string_value(block[end:stop], separator))
    return tuple(forms)


def _comments(block: str, *, first: bool) -> _Comments:
    """An entry's comment lines. polib takes the leading "#" lines of the file's first entry
    for the file's header comment, and skips "#~|" lines wherever they are."""
    found = _Comments()
    translator = found.header if first else found.translator
    previous: list[str] | None = None  # the "#|" string a '#| "' line continues
    lines = block.split("\n")[:-1]
    for line in lines:
        text = line.strip()  # polib slices comments from the stripped line
        if line.startswith(('#~| msgctxt "', '#~| msgid "', '#~| msgid_plural "', '#~| "')):
            line = "#| " + line[4:]  # an obsolete entry's previous msgid, read as a live one's
        elif text == "#~|" or text.startswith("#~| "):
            continue
        if line.startswith('#| "') and previous is not None:
            previous.append(_string(line, 4))
            continue
        previous = None
        if text == "#" or text.startswith("# "):
            translator.append(text[2:])
            continue
        translator = found.translator
        if text.startswith("#: "):
            found.occurrences.extend(map(_occurrence, text[3:].split()))
        elif text.startswith("#. "):
            found.extracted.append(text[3:])
        elif text.startswith("#, "):
            found.flags.extend(flag.strip() for flag in text[3:].split(","))
        elif line.startswith('#| msgid "') and found.previous_msgid is None:
            previous = found.previous_msgid = [_string(line, 10)]
        elif line.startswith('#| msgctxt "') and found.previous_msgctxt is None:
            previous = found.previous_msgctxt = [_string(line, 12)]
        elif line.startswith('#| msgid_plural "') and found.previous_msgid_plural is None:
            previous = found.previous_msgid_plural = [_string(line, 17)]
        else:
            raise _NotSimple(f"comment {line[:3]!r}")
    found.before_msgid = next((i for i, line in enumerate(lines) if _starts_message(line)), len(lines))
    return found


def _string_value(block: str, separator: str) -> str:
    """A matched string (first line and continuation lines): pieces joined, then unescaped.
    Every escape lies within one piece, so this is unescaping each piece."""
    body = block[1:-2]
    if "\\" not in body:
        return body.replace(separator, "")
    if not _NUMERIC_ESCAPE_RE.search(body):  # every escape lies within one piece: unescape them joined
        return _SIMPLE_ESCAPE_RE.sub(_simple_escape, body.replace(separator, ""))
    try:
        return "".join(_unescape(piece) for piece in body.split(separator))
    except UnicodeDecodeError:
        raise _NotSimple("escapes that do not make UTF-8") from None


def _string(line: str, start: int) -> str:
    """The string opening just before ``line[start]`` and closing at the line's end, unescaped."""
    if len(line) <= start or not line.endswith('"') or not _PLAIN_BODY_RE.fullmatch(line, start, len(line) - 1):
        raise _NotSimple("not a string closed at the line's end with only escapes GNU decodes")
    try:
        return _unescape(line[start:-1])
    except UnicodeDecodeError:
        raise _NotSimple("escapes that do not make UTF-8") from None


def _reference(word: str) -> Location:
    """A "#: " word as the unit's location (``_location(_occurrence(word))``, in one step)."""
    path, colon, line = word.rpartition(":")
    if colon and line.isdigit():
        return path, int(line) if line.isdecimal() else 0
    return word, 0


def _occurrence(word: str) -> tuple[str, str]:
    """``path:line`` split as polib splits it: the whole word and no line unless digits follow the last ':'."""
    path, colon, line = word.rpartition(":")
    return (path, line) if colon and line.isdigit() else (word, "")


def _polib_join(lines: list[str]) -> str:
    """Comment lines joined as polib joins them: it adds the "\\n" only once the text is non-empty,
    so leading empty lines vanish."""
    for i, line in enumerate(lines):
        if line:
            return "\n".join(lines[i:])
    return ""


def _comment_lines(lines: list[str]) -> tuple[str, ...]:
    """``tuple(_polib_join(lines).split("\\n"))``, or () when that is empty: no line holds a newline."""
    for i, line in enumerate(lines):
        if line:
            return tuple(lines[i:])
    return ()


def _metadata(msgstr: str) -> dict[str, str]:
    """Header fields as polib reads them (key as written, value stripped); a line without
    ':' or a repeated field, which polib folds into the field before, is left to polib."""
    header: dict[str, str] = {}
    for line in msgstr.splitlines():
        key, colon, value = line.partition(":")
        if not colon or key in header:
            raise _NotSimple(f"header line {line!r}")
        header[key] = value.strip()
    return header


