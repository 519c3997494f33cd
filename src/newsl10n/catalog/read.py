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
from dataclasses import replace
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
    return parse_text(read_text(path), path=str(path))[0]


def read_text(path: Path) -> str:
    """A PO or POT file's text as both readers read it (see ``_decode``); CatalogError if it
    cannot be read or is not UTF-8."""
    shown = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CatalogError("catalog not found", path=shown) from None
    except OSError as exc:
        raise CatalogError(f"cannot read catalog: {exc.strerror}", path=shown) from None
    return _decode(data, path=shown)


def parse_catalog(data: bytes, *, path: str) -> Catalog:
    """Parse PO/POT bytes; ``path`` is used in error messages.

    A one-pass reader handles the files newsl10n, msgmerge and Poedit write;
    anything else, and every error, goes through polib (see ``_fast_parse``).
    """
    return parse_text(_decode(data, path=path), path=path)[0]


def parse_text(text: str, *, path: str) -> tuple[Catalog, bool]:
    """Parse text from :func:`read_text`: ``(catalog, True when the one-pass reader read it)``.
    The one-pass reader's files have the simple shape ``catalog.scan`` relies on."""
    from newsl10n.catalog.fastread import _fast_parse, _NotSimple  # it builds on this module's helpers

    try:
        return _fast_parse(text), True
    except _NotSimple:
        return _parse_with_polib(text, path=path), False


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


def _unit_from_entry(entry: polib.POEntry) -> Unit:
    plural = entry.msgid_plural or None
    return make_unit(
        msgid=entry.msgid,
        msgstr=entry.msgstr,
        msgctxt=entry.msgctxt,
        locations=tuple(_location(o) for o in entry.occurrences),
        flags=entry.flags,
        translator_comments=tuple(entry.tcomment.split("\n")) if entry.tcomment else (),
        extracted_comments=tuple(entry.comment.split("\n")) if entry.comment else (),
        previous=(entry.previous_msgctxt, entry.previous_msgid, entry.previous_msgid_plural),
        line=entry.linenum,
        msgid_plural=plural,
        forms=tuple(entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)) if plural else (),
    )


_NO_FLAGS: frozenset[str] = frozenset()
_NO_PREVIOUS: tuple[None, None, None] = (None, None, None)


def make_unit(
    *,
    msgid: str,
    msgstr: str,
    msgctxt: str | None,
    locations: tuple[Location, ...],
    flags: list[str],
    translator_comments: tuple[str, ...],
    extracted_comments: tuple[str, ...],
    previous: tuple[str | None, str | None, str | None],
    line: int,
    msgid_plural: str | None = None,
    forms: tuple[str, ...] = (),
) -> Unit:
    """The unit of one PO entry as both readers found it (``previous``: the ``#|`` msgctxt, msgid
    and msgid_plural; ``forms``: the msgstr[N] of a plural entry)."""
    origin = None
    for comment in translator_comments:
        if comment.startswith("newsl10n: machine draft"):
            m = _MT_MARK_RE.match(comment)
            if m:
                origin = m.group("sig")
    fuzzy = "fuzzy" in flags
    target = (forms[0] if forms else "") if msgid_plural is not None else msgstr
    # As msgfmt --statistics counts: untranslated when msgstr (msgstr[0]) is empty, fuzzy or not.
    if not target:
        state = UnitState.UNTRANSLATED
    elif fuzzy:
        state = UnitState.MT_DRAFT
    else:
        state = UnitState.REVIEWED
    if not flags:
        kept = _NO_FLAGS
    else:  # "fuzzy" is the state, except on an empty msgstr, where the flag is all there is to keep.
        kept = frozenset(f for f in flags if f != "fuzzy" or state is UnitState.UNTRANSLATED)
    return Unit(
        source=msgid,
        target=target,
        state=state,
        context=msgctxt,
        locations=locations,
        flags=kept,
        translator_comments=translator_comments,
        extracted_comments=extracted_comments,
        origin=origin,
        previous_source=previous[1],
        line=line,
        source_plural=msgid_plural,
        targets=forms if msgid_plural is not None else (),
        previous_context=previous[0],
        previous_source_plural=previous[2],
    )


def _location(occurrence: tuple[str, str]) -> Location:
    """polib keeps a line of ``isdigit`` characters, which includes some (``²``) ``int`` rejects."""
    path, line = occurrence
    return (path, int(line) if line and line.isdecimal() else 0)
