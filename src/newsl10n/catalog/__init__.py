"""PO/POT files ↔ :class:`~newsl10n.model.Unit`. The only importer of polib.

- :mod:`~newsl10n.catalog.read`: the one-pass reader and the polib reference it
  falls back to (every format error comes from the latter, with file and line);
- :mod:`~newsl10n.catalog.write`: GNU gettext's output byte for byte (see
  :mod:`~newsl10n.catalog.wrap`), atomic writes, ``.mo`` compilation;
- :mod:`~newsl10n.catalog.merge`: ``msgmerge`` semantics;
- :mod:`~newsl10n.catalog.marks`: newsl10n's machine-draft and translation-memory notes.

Plural entries (``msgid_plural``/``msgstr[N]``) are read, merged, written and
compiled like the others; ``Unit.target`` is ``msgstr[0]``.
"""

from __future__ import annotations

from newsl10n.catalog.base import HEADER_ORDER, Catalog, header_keys
from newsl10n.catalog.fastread import _fast_parse, _NotSimple
from newsl10n.catalog.marks import (
    _MT_MARK_RE,
    _TM_MARK_RE,
    NOTE_PREFIX,
    draft_digest,
    is_machine_draft,
    mt_mark,
    tm_mark,
    tm_note,
    without_notes,
)
from newsl10n.catalog.merge import FUZZY_MATCH_CUTOFF, merge, merge_keeps
from newsl10n.catalog.read import _decode, _parse_with_polib, _unescape, parse_catalog, read_catalog
from newsl10n.catalog.write import WRAP_WIDTH, mo_bytes, render_catalog, update_catalog, write_catalog

__all__ = [
    "FUZZY_MATCH_CUTOFF",
    "HEADER_ORDER",
    "NOTE_PREFIX",
    "WRAP_WIDTH",
    "_MT_MARK_RE",
    "_TM_MARK_RE",
    "Catalog",
    "_NotSimple",
    "_decode",
    "_fast_parse",
    "_parse_with_polib",
    "_unescape",
    "draft_digest",
    "header_keys",
    "is_machine_draft",
    "merge",
    "merge_keeps",
    "mo_bytes",
    "mt_mark",
    "parse_catalog",
    "read_catalog",
    "render_catalog",
    "tm_mark",
    "tm_note",
    "update_catalog",
    "without_notes",
    "write_catalog",
]
