"""Merging a catalog with a new template, as ``msgmerge`` does (plural entries included)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import replace

from newsl10n.catalog.base import Catalog
from newsl10n.catalog.marks import without_notes
from newsl10n.model import Unit, UnitState

FUZZY_MATCH_CUTOFF = 0.6  # msgmerge's similarity threshold is in the same range
_NPLURALS_RE = re.compile(r"nplurals\s*=\s*(\d+)")
_FORMAT_FLAG_RE = re.compile(r"^(?:no-|possible-|impossible-)?[a-z-]+-format$")
_RANGE_RE = re.compile(r"^range:\s*(\d+)\.\.(\d+)$")


def nplurals(header: dict[str, str]) -> int:
    """``nplurals`` of the ``Plural-Forms`` header; 2 (gettext's default) when there is none."""
    m = _NPLURALS_RE.search(header.get("Plural-Forms", ""))
    return int(m.group(1)) if m and int(m.group(1)) > 0 else 2


def merge(template: Sequence[Unit], old: Catalog, *, fuzzy_matching: bool = True) -> tuple[list[Unit], list[Unit]]:
    """Update ``old`` to a new template, with ``msgmerge`` semantics.

    - A message still in the template keeps its translation, state, comments and
      newsl10n's flags; locations, extracted comments and format/range/no-wrap flags
      come from the template (a translation whose ``range:`` no longer covers the
      template's turns fuzzy).
    - A new message similar to a vanished translated one inherits its
      translation, marked fuzzy, with the msgctxt/msgid/msgid_plural it came from
      recorded as the previous one (``#|``; msgmerge keeps an older previous msgid
      when the vanished entry was fuzzy itself, newsl10n records where the
      translation was carried from, so that no translation loses its trail).
    - Plural entries: a template plural entry with no translation gets one empty
      ``msgstr[N]`` per form of ``old``'s ``Plural-Forms``; a translation that
      changes between singular and plural, or whose ``msgid_plural`` changed,
      becomes fuzzy (a singular translation is copied into every form, a plural
      one keeps its ``msgstr[0]``), as msgmerge does.
    - The previous msgid is kept only on fuzzy translated entries.
    - Vanished translated messages become obsolete (``#~``), never dropped, in the
      old file's order, keeping comments, flags and previous msgid but not references
      or extracted comments; obsolete messages that reappear are revived.

    ``fuzzy_matching=False`` is ``msgmerge --no-fuzzy-matching``. Apart from fuzzy
    matching (difflib's ratio, not msgmerge's measure) and the revival of obsolete
    entries (msgmerge leaves them obsolete), the result is msgmerge's
    (tests/unit/test_catalog_gnu.py compares them byte for byte).

    Returns:
        ``(units, obsolete)`` for the updated catalog.
    """
    forms = nplurals(old.header)
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
            kept = replace(prior, locations=t.locations, extracted_comments=t.extracted_comments,
                           flags=_merge_flags(prior.flags, t.flags), line=0)
            units.append(_settle(_reshape(_check_range(kept, prior), t, forms, prior)))
            continue
        match = _closest(t.source, candidates) if fuzzy_matching else None
        if match is not None:
            used.add(match.key)
            fuzzy = replace(
                t,
                target=match.target,
                targets=match.targets,
                state=UnitState.MT_DRAFT,
                flags=_merge_flags(match.flags, t.flags),
                translator_comments=without_notes(match.translator_comments),
            )
            # The previous msgid is the message the translation was carried from, even when that
            # one was fuzzy itself (msgmerge keeps the older one): the trail never breaks.
            fuzzy = replace(fuzzy, previous_context=match.context, previous_source=match.source,
                            previous_source_plural=match.source_plural)
            units.append(_settle(_reshape(fuzzy, t, forms, match)))
        elif t.is_plural and not any(t.targets):
            units.append(replace(t, target="", targets=("",) * forms))
        else:
            units.append(t)
    # As msgmerge: the old file's entries in its order (live ones, then obsolete ones), without
    # references and extracted comments, with their translator comments, flags and previous msgid.
    vanished = [*old.units, *(u for u in old.obsolete if u.key not in old_live)]
    obsolete = [
        replace(u, locations=(), extracted_comments=(), line=0)
        for u in vanished
        if u.key not in template_keys and u.key not in used and u.target
    ]
    return units, obsolete


def merge_keeps(template: Sequence[Unit], old: Catalog) -> bool:
    """True when :func:`merge` would return ``old``'s units and obsolete entries unchanged (line
    numbers aside): the catalog is already up to date with the template. A check of a few fields
    per entry, so that an up-to-date catalog costs no merge (tests/property/test_merge_keeps.py
    compares it with :func:`merge` itself)."""
    if len(template) != len(old.units):
        return False
    for t, o in zip(template, old.units):
        if (
            t.source != o.source
            or t.context != o.context
            or t.locations != o.locations
            or t.extracted_comments != o.extracted_comments
            or t.source_plural != o.source_plural
        ):
            return False
        if (t.flags or o.flags) and _merge_flags(o.flags, t.flags) != o.flags:
            return False
    return settled(old)


def settled(old: Catalog) -> bool:
    """The half of :func:`merge_keeps` that needs no template: no previous msgid that merging
    would drop, and obsolete entries as merging keeps them (once the live entries are the
    template's, in its order)."""
    for o in old.units:
        previous = o.previous_source is not None or o.previous_context is not None or o.previous_source_plural is not None
        if previous and not (o.state is UnitState.MT_DRAFT and o.target):
            return False  # _settle drops a previous msgid kept on anything but a fuzzy translation
    live = {u.key for u in old.units}
    # merge keeps an obsolete entry only with a translation, without references or extracted comments.
    return all(u.target and not u.locations and not u.extracted_comments and u.key not in live for u in old.obsolete)


def _gnu_flag(flag: str) -> bool:
    return bool(_FORMAT_FLAG_RE.match(flag) or _RANGE_RE.match(flag)) or flag in ("wrap", "no-wrap")


def _merge_flags(translation: frozenset[str], template: frozenset[str]) -> frozenset[str]:
    """Format, range and wrap flags come from the template (msgmerge); the others (newsl10n's
    own, which GNU does not know) stay with the translation, as a translator set them."""
    return frozenset(f for f in translation if not _gnu_flag(f)) | {f for f in template if _gnu_flag(f)}


def _check_range(unit: Unit, was: Unit) -> Unit:
    """msgmerge marks a translation fuzzy when its ``range:`` is gone or no longer contains the
    template's: the plural forms written for the old range may not cover the new one."""
    old = _range(was.flags)
    new = _range(unit.flags)
    if old is None or unit.state is not UnitState.REVIEWED or (new and old[0] <= new[0] and new[1] <= old[1]):
        return unit
    return _with_previous(replace(unit, state=UnitState.MT_DRAFT), was)


def _range(flags: frozenset[str]) -> tuple[int, int] | None:
    for flag in flags:
        m = _RANGE_RE.match(flag)
        if m:
            return int(m.group(1)), int(m.group(2))
    return None


def _with_previous(unit: Unit, was: Unit) -> Unit:
    """``unit`` recording ``was`` as its previous message: ``was``'s own previous one if
    ``was`` was fuzzy itself, else ``was``'s msgctxt/msgid/msgid_plural (msgmerge)."""
    if was.state is UnitState.MT_DRAFT:
        return replace(unit, previous_context=was.previous_context, previous_source=was.previous_source,
                       previous_source_plural=was.previous_source_plural)
    return replace(unit, previous_context=was.context, previous_source=was.source,
                   previous_source_plural=was.source_plural)


def _reshape(unit: Unit, t: Unit, forms: int, was: Unit) -> Unit:
    """Fit ``unit``'s translation to the template entry ``t``'s singular/plural shape."""
    unit = replace(unit, source_plural=t.source_plural)
    if t.is_plural and not was.is_plural:
        unit = replace(unit, targets=(unit.target,) * forms)
    elif not t.is_plural and was.is_plural:
        unit = replace(unit, target=was.targets[0] if was.targets else was.target, targets=())
        if len(was.targets) <= 1:
            return unit
    elif t.source_plural == was.source_plural:
        return unit
    if not unit.target:
        return unit
    if unit.state is UnitState.MT_DRAFT:
        return unit
    return _with_previous(replace(unit, state=UnitState.MT_DRAFT), was)


def _settle(unit: Unit) -> Unit:
    """msgmerge keeps the previous msgid only on a fuzzy entry with a translation."""
    if unit.state is UnitState.MT_DRAFT and unit.target:
        return unit
    return replace(unit, previous_source=None, previous_context=None, previous_source_plural=None)


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
