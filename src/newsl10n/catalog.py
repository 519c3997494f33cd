"""PO/POT files ↔ :class:`~newsl10n.model.Unit`. The only importer of polib.

Reading validates what polib lets through (unterminated strings, bad escapes,
duplicate messages, a non-UTF-8 charset) and reports it with the file and line.
Writing is deterministic (fixed wrap width, fixed header order) and atomic, so
running a command twice gives no diff.

newsl10n's own notes live in translator comments that start with
``newsl10n:``; the machine-draft mark records the backend signature and a hash
of the draft, so a draft a translator has edited counts as human work.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeVar

import polib

from newsl10n.errors import CatalogError
from newsl10n.fsio import FileChanged, atomic_write
from newsl10n.model import Location, Unit, UnitState

WRAP_WIDTH = 79  # GNU gettext's default, so msgcat/Poedit rewraps are no-ops
NOTE_PREFIX = "newsl10n: "
_MT_MARK_RE = re.compile(r"^newsl10n: machine draft by (?P<sig>\S+) \(sha1:(?P<digest>[0-9a-f]{8})\)$")
_TM_MARK_RE = re.compile(r"^newsl10n: reused from translation memory")
FUZZY_MATCH_CUTOFF = 0.6  # msgmerge's similarity threshold is in the same range

HEADER_ORDER = (
    "Project-Id-Version",
    "Report-Msgid-Bugs-To",
    "POT-Creation-Date",
    "PO-Revision-Date",
    "Last-Translator",
    "Language-Team",
    "Language",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Plural-Forms",
    "X-Generator",
)


@dataclass
class Catalog:
    """A PO or POT file in memory: header fields, live units, obsolete units."""

    header: dict[str, str] = field(default_factory=dict)
    units: list[Unit] = field(default_factory=list)
    obsolete: list[Unit] = field(default_factory=list)
    header_comment: str = ""

    @property
    def language(self) -> str:
        """The ``Language`` header field ('' for a template)."""
        return self.header.get("Language", "").strip()

    def by_key(self) -> dict[tuple[str, str | None], Unit]:
        """Live units indexed by ``(source, context)``."""
        return {u.key: u for u in self.units}


# ----------------------------------------------------------------- MT marks


def draft_digest(text: str) -> str:
    """Short hash of a draft, stored in the MT mark to detect human edits."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def mt_mark(signature: str, text: str) -> str:
    """The translator comment that marks ``text`` as a machine draft."""
    return f"{NOTE_PREFIX}machine draft by {signature} (sha1:{draft_digest(text)})"


def tm_mark(where: str) -> str:
    """The translator comment that marks a translation-memory reuse."""
    return f"{NOTE_PREFIX}reused from translation memory ({where})"


def is_machine_draft(unit: Unit) -> bool:
    """True when ``unit`` holds an untouched machine draft (safe to replace).

    A translation a person wrote or edited, fuzzy or not, is never a machine draft.
    """
    if unit.state is not UnitState.MT_DRAFT or not unit.target:
        return False
    for comment in unit.translator_comments:
        m = _MT_MARK_RE.match(comment)
        if m:
            return m.group("digest") == draft_digest(unit.target)
    return False


def without_notes(comments: Iterable[str]) -> tuple[str, ...]:
    """Translator comments minus newsl10n's own notes (marks and findings)."""
    return tuple(c for c in comments if not c.startswith(NOTE_PREFIX))


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
    for name in ("msgid", "msgstr", "msgctxt", "tcomment", "comment", "previous_msgid", "previous_msgctxt"):
        value = getattr(entry, name, None)
        if isinstance(value, str):
            setattr(entry, name, value.translate(table))
    entry.flags = [f.translate(table) for f in entry.flags]
    entry.occurrences = [(p.translate(table), n.translate(table)) for p, n in entry.occurrences]


def _parse_with_polib(text: str, *, path: str) -> Catalog:
    """The reference reader (lint, polib, units), for what ``_fast_parse`` leaves; it raises every format error."""
    _lint_strings(text, path=path)
    hidden, restore = _hide_line_breakers(text)
    try:
        po = polib.pofile(hidden if "\n" in hidden else hidden + "\n", wrapwidth=WRAP_WIDTH)
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
        if entry.msgid_plural:
            raise CatalogError(
                "plural messages (msgid_plural) are not used in article catalogs",
                path=path,
                line=entry.linenum,
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
    )


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
    if not entry.msgstr:
        state = UnitState.UNTRANSLATED
    elif fuzzy:
        state = UnitState.MT_DRAFT
    else:
        state = UnitState.REVIEWED
    return Unit(
        source=entry.msgid,
        target=entry.msgstr,
        state=state,
        context=entry.msgctxt,
        locations=tuple(_location(o) for o in entry.occurrences),
        flags=frozenset(f for f in entry.flags if f != "fuzzy"),
        translator_comments=comments,
        extracted_comments=tuple(entry.comment.split("\n")) if entry.comment else (),
        origin=origin,
        previous_source=entry.previous_msgid or None,
        line=entry.linenum,
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
    before_msgid: int = 0  # comment lines before the one _msgid_line stops at


# Where str.splitlines, so polib, ends a line; the fast reader accepts none but the "\n" ending each line.
_BREAKS = r"\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
# A string on one line: closed at the line's end, with only the escapes polib.unescape decodes.
_STRING_LINE = rf'"[^"\\{_BREAKS}]*(?:\\[\\"ntrvbf][^"\\{_BREAKS}]*)*"\n'
_PLAIN_BODY_RE = re.compile(r'[^"\\]*(?:\\[\\"ntrvbf][^"\\]*)*')


def _entry_re(prefix: str) -> re.Pattern[str]:
    """An entry, from its comment lines to its msgstr's last continuation line and the blank
    lines after it; every keyword and continuation line starts with ``prefix``."""
    string = f"{_STRING_LINE}(?:{prefix}{_STRING_LINE})*"
    return re.compile(
        rf"(?P<comments>(?:#(?!~ )[^{_BREAKS}]*\n)*)"
        rf"(?:{prefix}msgctxt (?P<msgctxt>{string}))?"
        rf"{prefix}msgid (?P<msgid>{string})"
        rf"{prefix}msgstr (?P<msgstr>{string})"
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
    msgid, msgstr = _string_value(m["msgid"], separator), _string_value(m["msgstr"], separator)
    msgctxt = None if m["msgctxt"] is None else _string_value(m["msgctxt"], separator)
    if first:
        catalog.header_comment = _polib_join(comments.header)
    if not msgid:
        if not first or msgctxt is not None or obsolete:
            raise _NotSimple(f"line {start}: an empty msgid that is not the header")
        catalog.header = _metadata(msgstr)
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
        )
    )


def _comments(block: str, *, first: bool) -> _Comments:
    """An entry's comment lines. polib takes the leading "#" lines of the file's first entry
    for the file's header comment, and skips "#~|" lines wherever they are."""
    found = _Comments()
    translator = found.header if first else found.translator
    previous: list[str] | None = None  # the "#|" string a '#| "' line continues
    lines = block.split("\n")[:-1]
    for line in lines:
        text = line.strip()  # polib slices comments from the stripped line
        if text == "#~|" or text.startswith("#~| "):
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
        else:
            raise _NotSimple(f"comment {line[:3]!r}")
    found.before_msgid = next((i for i, line in enumerate(lines) if _starts_message(line)), len(lines))
    return found


def _string_value(block: str, separator: str) -> str:
    """A matched string (first line and continuation lines): pieces joined, then unescaped.
    Every escape lies within one piece, so this is unescaping each piece."""
    body = block[1:-2].replace(separator, "")
    if "\\" not in body:
        return body
    value: str = polib.unescape(body)
    return value


def _string(line: str, start: int) -> str:
    """The string opening just before ``line[start]`` and closing at the line's end, unescaped."""
    if len(line) <= start or not line.endswith('"') or not _PLAIN_BODY_RE.fullmatch(line, start, len(line) - 1):
        raise _NotSimple("not a string closed at the line's end with only escapes polib decodes")
    value: str = polib.unescape(line[start:-1])
    return value


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


# ------------------------------------------------------------------ writing


def render_catalog(catalog: Catalog) -> bytes:
    """Serialise ``catalog`` deterministically as UTF-8 PO text."""
    po = polib.POFile(wrapwidth=WRAP_WIDTH, check_for_duplicates=False)
    po.metadata = {k: catalog.header[k] for k in _header_keys(catalog.header)}
    parts = [str(po)]
    parts.extend(_render_entry(unit, obsolete=False) for unit in catalog.units)
    parts.extend(_render_entry(unit, obsolete=True) for unit in catalog.obsolete)
    text = "\n".join(parts)
    # polib writes an empty header comment as "#" and our own rendering of it
    # replaces that: polib turns a comment line starting with "," or ":" into a
    # flags or reference line, which reads back as something else.
    text = _header_comment(catalog.header_comment) + text.removeprefix("#\n")
    if not text.endswith("\n"):
        text += "\n"
    return text.encode("utf-8")


def _header_comment(comment: str) -> str:
    lines = comment.split("\n")
    while len(lines) > 1 and not lines[0]:
        lines.pop(0)  # polib reads leading "#" lines as nothing; write what it reads
    return "".join(f"# {_safe_comment(line)}\n" if line else "#\n" for line in lines)


def _safe_comment(line: str) -> str:
    """GNU gettext reads a backslash at the end of any line, comments included,
    as a line continuation, and msgfmt then fails on the next line. A trailing
    space (stripped again on reading) keeps the file valid."""
    return line + " " if line.endswith("\\") else line


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
    """A compiled ``.mo`` holding ``units`` as translated messages."""
    po = polib.POFile()
    po.metadata = dict(header)
    for unit in units:
        po.append(polib.POEntry(msgid=unit.source, msgstr=unit.target, msgctxt=unit.context))
    data: bytes = po.to_binary()
    return data


def _header_keys(header: dict[str, str]) -> list[str]:
    known = [k for k in HEADER_ORDER if k in header]
    return known + sorted(k for k in header if k not in HEADER_ORDER)


def _render_entry(unit: Unit, *, obsolete: bool) -> str:
    """One entry as polib writes it, except that comments are never wrapped.

    polib wraps long comment lines; GNU gettext does not, and a wrapped
    comment reads back as two, which would break newsl10n's machine-draft mark.
    """
    entry = _entry_from_unit(unit, obsolete=obsolete)
    comments = [f"# {_safe_comment(c)}" for c in unit.translator_comments]
    if not obsolete:
        comments.extend(f"#. {_safe_comment(c)}" for c in unit.extracted_comments)
    entry.tcomment = entry.comment = ""
    body: str = entry.__unicode__(WRAP_WIDTH)
    return "\n".join([*comments, body]) if comments else body


def _entry_from_unit(unit: Unit, *, obsolete: bool) -> polib.POEntry:
    flags = sorted(unit.flags)
    if unit.state is UnitState.MT_DRAFT:
        flags = ["fuzzy", *flags]
    return polib.POEntry(
        msgid=unit.source,
        msgstr=unit.target,
        msgctxt=unit.context,
        occurrences=[(p, str(n)) for p, n in unit.locations],
        flags=flags,
        tcomment="\n".join(map(_safe_comment, unit.translator_comments)),
        comment="\n".join(map(_safe_comment, unit.extracted_comments)),
        previous_msgid=unit.previous_source if unit.state is UnitState.MT_DRAFT else None,
        obsolete=obsolete,
    )


# ------------------------------------------------------------------ merging


def merge(template: Sequence[Unit], old: Catalog) -> tuple[list[Unit], list[Unit]]:
    """Update ``old`` to a new template, with ``msgmerge`` semantics.

    - A message still in the template keeps its translation, state and comments.
    - A new message similar to a vanished translated one inherits its
      translation, marked fuzzy, with the previous msgid (``#|``) recorded.
    - Vanished translated messages become obsolete (``#~``), never dropped;
      obsolete messages that reappear are revived.

    Returns:
        ``(units, obsolete)`` for the updated catalog.
    """
    old_live = old.by_key()
    pool = {u.key: u for u in old.obsolete if u.target}
    pool.update({k: u for k, u in old_live.items()})
    template_keys = {u.key for u in template}
    candidates = [u for k, u in pool.items() if k not in template_keys and u.target]
    used: set[tuple[str, str | None]] = set()
    units: list[Unit] = []
    for t in template:
        prior = pool.get(t.key)
        if prior is not None:
            used.add(prior.key)
            units.append(
                replace(prior, locations=t.locations, extracted_comments=t.extracted_comments, line=0)
            )
            continue
        match = _closest(t.source, candidates)
        if match is not None:
            used.add(match.key)
            units.append(
                replace(
                    t,
                    target=match.target,
                    state=UnitState.MT_DRAFT,
                    flags=match.flags,
                    translator_comments=without_notes(match.translator_comments),
                    previous_source=match.source,
                )
            )
        else:
            units.append(t)
    obsolete = [
        replace(u, locations=(), previous_source=None, line=0)
        for k, u in pool.items()
        if k not in template_keys and k not in used and u.target
    ]
    return units, obsolete


def _closest(source: str, candidates: Sequence[Unit]) -> Unit | None:
    best: Unit | None = None
    best_ratio = FUZZY_MATCH_CUTOFF
    for cand in candidates:
        matcher = difflib.SequenceMatcher(None, source, cand.source, autojunk=False)
        if matcher.real_quick_ratio() < best_ratio or matcher.quick_ratio() < best_ratio:
            continue
        ratio = matcher.ratio()
        if ratio > best_ratio:
            best, best_ratio = cand, ratio
    return best
