"""newsl10n's own notes in translator comments: the machine-draft and translation-memory marks.

They are comments that start with ``newsl10n:``; the machine-draft mark records
the backend signature and a hash of the draft, so a draft a translator has
edited counts as human work.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from newsl10n.model import Unit, UnitState

NOTE_PREFIX = "newsl10n: "
_MT_MARK_RE = re.compile(r"^newsl10n: machine draft by (?P<sig>\S+) \(sha1:(?P<digest>[0-9a-f]{8})\)$")
_TM_MARK_RE = re.compile(r"^newsl10n: reused from translation memory")

def draft_digest(text: str) -> str:
    """Short hash of a draft, stored in the MT mark to detect human edits."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]


def mt_mark(signature: str, text: str) -> str:
    """The translator comment that marks ``text`` as a machine draft."""
    return f"{NOTE_PREFIX}machine draft by {signature} (sha1:{draft_digest(text)})"


def tm_mark(where: str) -> str:
    """The translator comment that marks a translation-memory reuse."""
    return f"{NOTE_PREFIX}reused from translation memory ({where})"


def tm_note(unit: Unit) -> str | None:
    """Where a translation-memory reuse came from (the mark without ``newsl10n: ``), or None."""
    mark = next((c for c in unit.translator_comments if _TM_MARK_RE.match(c)), None)
    return mark[len(NOTE_PREFIX):] if mark is not None else None


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

