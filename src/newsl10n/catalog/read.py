"""Reading PO/POT files into :class:`~newsl10n.catalog.Catalog` (fast path + polib reference).

Reading validates what polib lets through (unterminated strings, bad escapes,
duplicate messages, a non-UTF-8 charset) and reports it with the file and line.
Strings are unescaped as GNU gettext unescapes them (``\a``, octal ``\101`` and
hex ``\x41`` included). Plural entries (``msgid_plural``/``msgstr[N]``) are
read whatever their number of forms: a count that does not match the header's
``nplurals`` is for ``check`` to report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import polib

from newsl10n.catalog.base import Catalog
from newsl10n.catalog.marks import _MT_MARK_RE
from newsl10n.errors import CatalogError
from newsl10n.model import Location, Unit, UnitState

# ------------------------------------------------------------------ reading


def read_catalog(path: Path) -> Catalog:
    """Parse a PO or POT file.

    Raises:
        CatalogError: unreadable, not UTF-8, malformed, duplicate messages,
            or a charset other than UTF-8; with the file and line.
    """
    shown = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError("catalog not found", path=shown) from None
    except OSError as exc:
        raise CatalogError(f"cannot read catalog: {exc.strerror}", path=shown) from None
    return parse_catalog(data, path=shown)


def parse_catalog(data: bytes, *, path: str) -> Catalog:
    """Parse PO/POT bytes; ``path`` is used in error messages.

    A one-pass reader handles the files newsl10n, msgmerge and Poedit write;
    anything else, and every error, goes through polib (see ``_fast_parse``).
    """
    text = _decode(data, path=path)
    try:
        return _fast_parse(text)
    except _NotSimple:
        return _parse_with_polib(text, path=path)


def _decode(data: bytes, *, path: str) -> str:
    """UTF-8 text without BOM, with LF newlines and no NUL: what both readers read."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CatalogError(
            "not valid UTF-8",
            path=path,
            line=data.count(b"\n", 0, exc.start) + 1,
            hint="newsl10n reads and writes UTF-8 catalogs only (msgconv -t UTF-8 converts)",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in text:
        raise CatalogError("contains a NUL byte", path=path, line=text.count("\n", 0, text.index("\0")) + 1)
    return text


# Characters str.splitlines() breaks lines at besides \n and \r. polib splits
# the file with it, so a U+2028 inside a msgid (pasted from a web page) would
# cut the string in two; GNU gettext breaks lines at \n only, and polib's
# writer leaves these characters unescaped. They are hidden from polib.
_LINE_BREAKERS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _hide_line_breakers(text: str) -> tuple[str, dict[int, str]]:
    """``text`` with each line breaker replaced by an unused private-use
    character, and the table that puts them back."""
    if not any(ch in text for ch in _LINE_BREAKERS):
        return text, {}
    free = (chr(c) for c in range(0x100000, 0x10FFFE) if chr(c) not in text)
    hide = {ord(ch): next(free) for ch in _LINE_BREAKERS}
    return text.translate(hide), {ord(v): chr(k) for k, v in hide.items()}


def _restore_entry(entry: polib.POEntry, table: dict[int, str]) -> None:
    for name in ("msgid", "msgstr", "msgctxt", "tcomment", "comment", "previous_msgid", "previous_msgctxt",
                 "msgid_plural", "previous_msgid_plural"):
        value = getattr(entry, name, None)
        if isinstance(value, str):
            setattr(entry, name, value.translate(table))
    entry.msgstr_plural = {k: v.translate(table) for k, v in entry.msgstr_plural.items()}
    entry.flags = [f.translate(table) for f in entry.flags]
    entry.occurrences = [(p.translate(table), n.translate(table)) for p, n in entry.occurrences]


def _parse_with_polib(text: str, *, path: str) -> Catalog:
    """The reference reader (lint, polib, units), for what ``_fast_parse`` leaves; it raises every format error."""
    _lint_strings(text, path=path)
    hidden, restore = _hide_line_breakers(_for_polib(text, path=path))
    try:
        po = polib.pofile(hidden if "\n" in hidden else hidden + "\n", wrapwidth=79)
    except (OSError, ValueError) as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise CatalogError(
            f"malformed PO: {_polib_reason(str(exc))}",
            path=path,
            line=int(m.group(1)) if m else None,
        ) from None
    charset = _charset(po.metadata.get("Content-Type", ""))
    if charset and not _is_utf8(charset):
        raise CatalogError(
            f"charset {charset!r} in the Content-Type header; newsl10n needs UTF-8",
            path=path,
            line=_header_line(text, "Content-Type"),
            hint="convert with: msgconv -t UTF-8 FILE",
        )
    if restore:
        for entry in po:
            _restore_entry(entry, restore)
        po.metadata = {k.translate(restore): v.translate(restore) for k, v in po.metadata.items()}
        po.header = po.header.translate(restore)
    lines = text.split("\n")
    seen: dict[tuple[str, str | None], int] = {}
    units: list[Unit] = []
    obsolete: list[Unit] = []
    for entry in po:
        if entry.msgid == "" and not entry.msgctxt:
            continue
        if entry.msgid_plural and list(entry.msgstr_plural) != list(range(len(entry.msgstr_plural))):
            raise CatalogError(
                "the msgstr[N] of a plural entry must be numbered 0, 1, 2, ... in order",
                path=path,
                line=_msgid_line(lines, entry.linenum),
            )
        unit = replace(_unit_from_entry(entry), line=_msgid_line(lines, entry.linenum))
        if entry.obsolete:
            obsolete.append(unit)
            continue
        if unit.key in seen:
            raise CatalogError(
                f"duplicate message {_short(unit.source)!r} (first defined at line {seen[unit.key]})",
                path=path,
                line=entry.linenum,
            )
        seen[unit.key] = unit.line
        units.append(unit)
    return Catalog(
        header=dict(po.metadata),
        units=units,
        obsolete=obsolete,
        header_comment=po.header,
        header_fuzzy="fuzzy" in (po.metadata_is_fuzzy or ()),
        header_order=tuple(po.metadata),
    )


# A string literal on a keyword or continuation line, live, obsolete or previous.
_LITERAL_LINE_RE = re.compile(r'^((?:#~ ?)?(?:#\| ?)?(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) )?)"(.*)"$')
_OBSOLETE_PREVIOUS_RE = re.compile(r'^#~\| (?=(?:msgctxt|msgid|msgid_plural) "|")')


def _for_polib(text: str, *, path: str) -> str:
    """``text`` with what polib reads differently from GNU rewritten into what it reads alike:
    escapes polib keeps literally (``\\a``, octal, hex) decoded, and ``#~|`` previous-msgid
    lines of obsolete entries, which polib skips, turned into ``#|`` lines."""
    if "\\" not in text and "#~|" not in text:
        return text
    out = []
    for lineno, line in enumerate(text.split("\n"), start=1):
        line = _OBSOLETE_PREVIOUS_RE.sub("#| ", line)
        m = _LITERAL_LINE_RE.match(line) if "\\" in line else None
        if m and _GNU_ONLY_ESCAPE_RE.search(m.group(2)):
            try:
                value = _unescape(m.group(2))
            except UnicodeDecodeError:
                raise CatalogError("escape sequences that do not make UTF-8 text", path=path, line=lineno) from None
            line = f'{m.group(1)}"{polib.escape(value)}"'
        out.append(line)
    return "\n".join(out)


_ESCAPE_RE = re.compile(r'\\(?:([ntrvbfa\\"])|([0-7]{1,3})|x([0-9A-Fa-f]+))')
_GNU_ONLY_ESCAPE_RE = re.compile(r'(?<!\\)(?:\\\\)*\\[a0-7x]')
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "v": "\v", "b": "\b", "f": "\f", "a": "\a", "\\": "\\",
                   '"': '"'}


_NUMERIC_ESCAPE_RE = re.compile(r"\\[0-7x]")
_SIMPLE_ESCAPE_RE = re.compile(r'\\([ntrvbfa\\"])')


def _simple_escape(m: re.Match[str]) -> str:
    return _SIMPLE_ESCAPES[m.group(1)]


def _unescape(body: str) -> str:
    """A string literal's body decoded as GNU gettext decodes it. Octal and hex escapes
    are bytes of the (UTF-8) text; raises UnicodeDecodeError when they do not make UTF-8."""
    if "\\" not in body:
        return body
    if not _NUMERIC_ESCAPE_RE.search(body):
        return _SIMPLE_ESCAPE_RE.sub(_simple_escape, body)
    pieces: list[bytes] = []
    pos = 0
    numeric = False
    for m in _ESCAPE_RE.finditer(body):
        pieces.append(body[pos : m.start()].encode("utf-8"))
        if m.group(1):
            pieces.append(_SIMPLE_ESCAPES[m.group(1)].encode("utf-8"))
        else:
            numeric = True
            value = int(m.group(2), 8) if m.group(2) else int(m.group(3), 16)
            pieces.append(bytes([value & 0xFF]))
        pos = m.end()
    if not numeric:  # only a "\\" before a digit
        return _SIMPLE_ESCAPE_RE.sub(_simple_escape, body)
    pieces.append(body[pos:].encode("utf-8"))
    return b"".join(pieces).decode("utf-8")


_STRING_LINE_RE = re.compile(r'^\s*(?:#~\s*)?(?:#\|\s*)?(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)?\s*"')
_KEYWORD_RE = re.compile(r"^(msgctxt|msgid|msgstr(?:\[\d+\])?)\b")


_STRING_BODY_RE = re.compile(r'(?:[^"\\]|\\[\\"ntrabfv01234567x?\'])*"\s*(?:#.*)?$')
_BAD_ESCAPE_RE = re.compile(r'\\([^\\"ntrabfv01234567x?\'])')


def _lint_strings(text: str, *, path: str) -> None:
    """Reject what polib silently accepts: bad strings, a msgid with no msgstr."""
    open_msgid: int | None = None  # line of a msgid still waiting for its msgstr
    for lineno, line in enumerate(text.split("\n"), start=1):
        keyword = _KEYWORD_RE.match(line)
        if keyword:
            if keyword.group(1) == "msgid":
                if open_msgid is not None:
                    raise CatalogError("msgid without msgstr (truncated file?)", path=path, line=open_msgid)
                open_msgid = lineno
            elif keyword.group(1).startswith("msgstr"):
                open_msgid = None
        m = _STRING_LINE_RE.match(line)
        if not m:
            continue
        body = line[m.end() :]
        if _STRING_BODY_RE.match(body):
            continue
        _string_error(body, path=path, line=lineno)
    if open_msgid is not None:
        raise CatalogError("msgid without msgstr (truncated file?)", path=path, line=open_msgid)


def _string_error(body: str, *, path: str, line: int) -> None:
    """Say precisely what is wrong with a string literal that failed the fast check."""
    i = 0
    while i < len(body):
        if body[i] == "\\":
            if i + 1 >= len(body):
                break
            bad = _BAD_ESCAPE_RE.match(body, i)
            if bad:
                raise CatalogError(f"invalid escape sequence '\\{bad.group(1)}'", path=path, line=line)
            i += 2
            continue
        if body[i] == '"':
            rest = body[i + 1 :].strip()
            raise CatalogError(f"unexpected text after string: {_short(rest)!r}", path=path, line=line)
        i += 1
    raise CatalogError("unterminated string", path=path, line=line)


def _msgid_line(lines: list[str], start: int) -> int:
    """The line of the entry's msgctxt/msgid (polib gives the entry's first comment line)."""
    for lineno in range(max(start, 1), len(lines) + 1):
        if _starts_message(lines[lineno - 1]):
            return lineno
    return start


def _starts_message(line: str) -> bool:
    """A msgctxt/msgid line to :func:`_msgid_line`; so is a comment that begins with either word."""
    return line.lstrip("#~ ").startswith(("msgctxt", "msgid")) and not line.startswith("#|")


def _polib_reason(message: str) -> str:
    reason = re.sub(r"\s*\(line \d+\)", "", message)
    reason = re.sub(r"Syntax error in po file\s*", "syntax error", reason)
    return reason.strip() or "syntax error"


def _charset(content_type: str) -> str:
    m = re.search(r"charset=([\w.-]+)", content_type)
    return m.group(1) if m else ""


def _is_utf8(charset: str) -> bool:
    """A charset newsl10n reads as UTF-8 (ASCII is a subset; ``CHARSET`` is a template's placeholder)."""
    return charset.lower().replace("_", "-") in ("utf-8", "utf8", "charset", "ascii", "us-ascii")


def _header_line(text: str, fieldname: str) -> int | None:
    for lineno, line in enumerate(text.split("\n"), start=1):
        if f'"{fieldname}:' in line:
            return lineno
    return None


def _short(text: str, width: int = 50) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _unit_from_entry(entry: polib.POEntry | _FastEntry) -> Unit:
    comments = tuple(entry.tcomment.split("\n")) if entry.tcomment else ()
    origin = None
    for comment in comments:
        m = _MT_MARK_RE.match(comment)
        if m:
            origin = m.group("sig")
    fuzzy = "fuzzy" in entry.flags
    plural = entry.msgid_plural or None
    targets = tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)) if plural else ()
    target = (targets[0] if targets else "") if plural else entry.msgstr
    # As msgfmt --statistics counts: untranslated when msgstr (msgstr[0]) is empty, fuzzy or not.
    if not target:
        state = UnitState.UNTRANSLATED
    elif fuzzy:
        state = UnitState.MT_DRAFT
    else:
        state = UnitState.REVIEWED
    return Unit(
        source=entry.msgid,
        target=target,
        state=state,
        context=entry.msgctxt,
        locations=tuple(_location(o) for o in entry.occurrences),
        # "fuzzy" is the state, except on an empty msgstr, where the flag is all there is to keep.
        flags=frozenset(f for f in entry.flags if f != "fuzzy" or state is UnitState.UNTRANSLATED),
        translator_comments=comments,
        extracted_comments=tuple(entry.comment.split("\n")) if entry.comment else (),
        origin=origin,
        previous_source=entry.previous_msgid,
        line=entry.linenum,
        source_plural=plural,
        targets=targets,
        previous_context=entry.previous_msgctxt,
        previous_source_plural=entry.previous_msgid_plural,
    )


def _location(occurrence: tuple[str, str]) -> Location:
    """polib keeps a line of ``isdigit`` characters, which includes some (``²``) ``int`` rejects."""
    path, line = occurrence
    return (path, int(line) if line and line.isdecimal() else 0)


# ------------------------------------------------------------- fast reading
#
# polib reads a line at a time through a general state machine and the lint
# above reads every line once more: most of ``check``'s time went into that.
# The reader below matches each entry of the subset that newsl10n, msgmerge and
# Poedit write with one regular expression, and gives up (``_NotSimple``) on
# anything else, so that the polib path reads every odd file and raises every
# error. Within its subset it reproduces polib's quirks (how comments are
# stripped and joined, which entry is the header, which line an entry starts
# at) and builds units with the same ``_unit_from_entry``;
# tests/unit/test_catalog_fastread.py compares the two readers.


class _NotSimple(Exception):
    """The fast reader met something outside its subset; the polib path decides."""


@dataclass(slots=True)
class _FastEntry:
    """The ``polib.POEntry`` fields :func:`_unit_from_entry` reads, holding what polib would."""

    linenum: int
    msgid: str
    msgstr: str
    msgctxt: str | None
    occurrences: list[tuple[str, str]]
    flags: list[str]
    tcomment: str
    comment: str
    previous_msgid: str | None
    previous_msgctxt: str | None
    msgid_plural: str
    msgstr_plural: dict[int, str]
    previous_msgid_plural: str | None


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
    comments = _comments(m["comments"], first=first)
    msgid = _string_value(m["msgid"], separator)
    msgctxt = None if m["msgctxt"] is None else _string_value(m["msgctxt"], separator)
    plural = "" if m["plural"] is None else _string_value(m["plural"], separator)
    forms = _forms(m["forms"], separator) if plural else {}
    msgstr = "" if plural else _string_value(m["msgstr"], separator)
    if first:
        catalog.header_comment = _polib_join(comments.header)
    if not msgid:
        if not first or msgctxt is not None or obsolete or plural:
            raise _NotSimple(f"line {start}: an empty msgid that is not the header")
        catalog.header = _metadata(msgstr)
        catalog.header_fuzzy = "fuzzy" in comments.flags
        catalog.header_order = tuple(catalog.header)
        return None
    return _unit_from_entry(
        _FastEntry(
            linenum=start + comments.before_msgid,
            msgid=msgid,
            msgstr=msgstr,
            msgctxt=msgctxt,
            occurrences=comments.occurrences,
            flags=comments.flags,
            tcomment=_polib_join(comments.translator),
            comment=_polib_join(comments.extracted),
            previous_msgid=None if comments.previous_msgid is None else "".join(comments.previous_msgid),
            previous_msgctxt=None if comments.previous_msgctxt is None else "".join(comments.previous_msgctxt),
            msgid_plural=plural,
            msgstr_plural=forms,
            previous_msgid_plural=(
                None if comments.previous_msgid_plural is None else "".join(comments.previous_msgid_plural)
            ),
        )
    )


def _forms(block: str, separator: str) -> dict[int, str]:
    """The msgstr[N] strings of a plural entry, which must be numbered 0, 1, 2, ..."""
    prefix = separator[2:-1]
    starts = [(m.start(), m.end(), int(m.group(1))) for m in _FORM_RE.finditer(block)
              if m.start() == len(prefix) or block[m.start() - 1 - len(prefix) : m.start()] == "\n" + prefix]
    if [n for _, _, n in starts] != list(range(len(starts))):
        raise _NotSimple("msgstr[N] not numbered 0, 1, 2, ...")
    forms = {}
    for i, (_, end, n) in enumerate(starts):
        stop = starts[i + 1][0] - len(prefix) if i + 1 < len(starts) else len(block)
        forms[n] = _string_value(block[end:stop], separator)
    return forms


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


