"""Cheap looks into PO files, for the ``translate`` driver's passes over a whole archive.

- :func:`translated_msgids`: the translation memory asks every catalog of a language
  whether it holds one of the pending sentences; reading each file whole for that costs
  as much as the rest of the planning pass together. One regular-expression scan over the
  ``msgid`` lines answers, or says ``None`` (read the file) whenever the file holds
  anything the scan could misread: every ``msgid`` keyword in the text must be one it
  accounted for.
- :func:`template_in_step`: whether a catalog's live entries carry exactly its template's
  source side (what a merge takes from the template), compared as text, so that an
  up-to-date catalog's template is never parsed. It answers only for a template of the
  plain shape newsl10n and xgettext write and a catalog the one-pass reader read.
"""

from __future__ import annotations

import re

from newsl10n.catalog.base import Catalog
from newsl10n.catalog.fastread import _STRING_LINE, _fast_parse, _NotSimple
from newsl10n.catalog.read import _unescape

# A live entry's msgid at the start of a line: its first string, then continuation lines.
# The next line must be the msgstr or msgid_plural: polib would join a string after anything else.
_MSGID_RE = re.compile(
    r'\nmsgid "([^"\\\n]*(?:\\.[^"\\\n]*)*)"\n((?:"[^"\\\n]*(?:\\.[^"\\\n]*)*"\n)*)'
    r'(?=(msgstr ""\n(?!")|msgstr[ \[]|msgid_plural ))'  # group 3: 'msgstr ""\n' when nothing is translated
)
# Where else "msgid" may stand in a file the scan accounts for: msgid_plural keywords and
# continuations, previous msgids ("#| msgid", "#~| msgid") and obsolete entries ("#~ msgid").
_OTHER_KEYWORDS = ("msgid_plural", "| msgid ", "#~ msgid ")


def translated_msgids(data: bytes) -> set[str] | None:
    """The msgids of the live entries of the PO file ``data`` that have a translation (a
    non-empty msgstr; every plural entry; the header's ""), or
    None when the scan cannot vouch for them (not UTF-8, CR line ends, "msgid" where it does
    not expect one: in a string, an indented keyword...). Never a set that misses a msgid."""
    try:
        text = "\n" + data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return None
    if "\r" in text or "\0" in text:
        return None
    matches = _MSGID_RE.findall(text)
    if len(matches) != text.count('\nmsgid "') or text.count("msgid") != len(matches) + sum(
        map(text.count, _OTHER_KEYWORDS)
    ):
        return None  # a msgid the scan did not read: let the reader decide
    found: set[str] = set()
    for first, more, msgstr in matches:
        if msgstr == 'msgstr ""\n':
            continue
        pieces = [first, *(line[1:-1] for line in more.split("\n")[:-1])] if more else [first]
        if "\\" in first or "\\" in more:
            try:  # each piece unescaped on its own, as GNU reads them (an escape never spans two)
                pieces = [_unescape(piece) for piece in pieces]
            except UnicodeDecodeError:
                return None
        found.add("".join(pieces))
    return found


# The header entry and the blank lines after it (comment lines, msgid "", msgstr "" and its lines).
_HEADER_RE = re.compile(r'(?:#[^\n]*\n)*msgid ""\nmsgstr ""\n(?:"[^\n]*\n)*\n*')
# A template's entries, nothing else: extracted comments, references and flags, then msgctxt,
# msgid, and an empty msgstr (or msgid_plural and empty msgstr[N]); blank lines between.
_STRINGS = f"(?:{_STRING_LINE})+"
_TEMPLATE_BODY_RE = re.compile(
    rf'(?:(?:#[.:,] [^\n]*\n)*(?:msgctxt {_STRINGS})?msgid {_STRINGS}'
    rf'(?:msgstr ""\n|msgid_plural {_STRINGS}(?:msgstr\[\d+\] ""\n)+)\n*)*'
)
_EMPTY_MSGSTR_RE = re.compile(r'^msgstr(?:\[\d+\])? ""\n', re.MULTILINE)
# What a catalog has and its template has not: translator comments ("# ...", "#"), previous
# msgids ("#|", "#~|"), obsolete entries ("#~ "), and msgstr lines with their continuations.
_CATALOG_ONLY_RE = re.compile(r'^(?:#(?: [^\n]*)?\n|#[|~][^\n]*\n|msgstr[^\n]*\n(?:"[^\n]*\n)*)', re.MULTILINE)
_FLAGS_RE = re.compile(r"^#, ([^\n]*)\n", re.MULTILINE)
_BLANKS_RE = re.compile(r"\n\n+")


def template_in_step(template: str, catalog: str) -> Catalog | None:
    """The template's header (a catalog with header fields only) when ``catalog``'s live entries
    have exactly ``template``'s source side, in the template's order: msgctxt, msgid,
    msgid_plural, extracted comments, references and flags (bar the catalog's "fuzzy"), so that
    merging takes nothing new from the template's entries. None when they differ, or when either
    text is not of the plain shape this comparison is exact for.

    Both texts as :func:`~newsl10n.catalog.read.read_text` gives them; ``catalog`` must be one
    the one-pass reader read (``parse_text``'s flag). The template's entries are checked against
    its grammar here; their strings are the catalog's, which its reader has checked.
    """
    t_head = _HEADER_RE.match(template)
    c_head = _HEADER_RE.match(catalog)
    if t_head is None or c_head is None:
        return None
    t_body = template[t_head.end() :]
    if not _TEMPLATE_BODY_RE.fullmatch(t_body):
        return None
    t_sources = _EMPTY_MSGSTR_RE.sub("", t_body)
    c_sources = _FLAGS_RE.sub(_without_fuzzy, _CATALOG_ONLY_RE.sub("", catalog[c_head.end() :]))
    if _BLANKS_RE.sub("\n\n", t_sources).strip("\n") != _BLANKS_RE.sub("\n\n", c_sources).strip("\n"):
        return None
    try:
        return _fast_parse(template[: t_head.end()])
    except _NotSimple:
        return None


def _without_fuzzy(m: re.Match[str]) -> str:
    """A "#, " flags line without the "fuzzy" flag (the catalog's state, not the template's)."""
    flags = [f for f in m[1].split(", ") if f != "fuzzy"]
    return f"#, {', '.join(flags)}\n" if flags else ""


__all__ = ["template_in_step", "translated_msgids"]
