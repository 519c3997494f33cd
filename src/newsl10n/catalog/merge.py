"""Merging a catalog with a new template, as ``msgmerge`` does."""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import replace

from newsl10n.catalog.base import Catalog
from newsl10n.catalog.marks import without_notes
from newsl10n.model import Unit, UnitState

FUZZY_MATCH_CUTOFF = 0.6  # msgmerge's similarity threshold is in the same range

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
