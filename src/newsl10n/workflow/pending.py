"""The ``translate`` driver's planning pass, streamed over the catalogs.

One catalog at a time: read the template and the catalog, merge them in memory
(msgmerge semantics, :func:`~newsl10n.workflow.project.merged_catalog`), note the
entries that want a draft, and keep the merged catalog only if the update would
change the file. Nothing else is held, so memory follows the pending entries,
not the number of catalogs.

Most catalogs of an archive are up to date with their templates, and telling so
is most of the pass's work; it is done without a merge and, for the files
newsl10n, msgmerge and Poedit write, without parsing the template: the
catalog's entries must carry the template's source side verbatim
(:func:`~newsl10n.catalog.scan.template_in_step`, text against text), merging
must have nothing to drop (``settled``) and the header nothing to change. Any
doubt takes the full path: parse the template, merge, compare.

A catalog found up to date is recorded in a small stat cache (sizes and mtimes
of the template and the catalog, and the number of pending entries, in the user
cache directory). As long as both files are unchanged, the next run skips such a
pair without reading it when nothing was pending, and reads only the catalog
(no template, no merge) when entries were; a file modified within ``RACY_SECONDS`` of the run is never
recorded (an edit in the same mtime tick could otherwise go unseen, as git's
"racy" index entries). Any edit, by a person or by newsl10n, invalidates the entry.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from newsl10n import __version__
from newsl10n.catalog import Catalog, is_machine_draft, merge_keeps
from newsl10n.catalog.merge import settled
from newsl10n.catalog.read import parse_text, read_text
from newsl10n.catalog.scan import template_in_step
from newsl10n.config import Config
from newsl10n.formats import FORMAT_HEADER
from newsl10n.fsio import atomic_write
from newsl10n.model import Unit, UnitState
from newsl10n.mt.markup import MARKUP_FORMATS
from newsl10n.workflow.forked import ordered_map, worker_count
from newsl10n.workflow.project import PlannedCatalog, merged_catalog, merged_header, po_path, templates_for

log = logging.getLogger(__name__)

RACY_SECONDS = 2.0
Key = tuple[str, "str | None"]
Stamp = tuple[int, int, int, int]  # (pot size, pot mtime_ns, po size, po mtime_ns)


@dataclass
class PendingPlan:
    """What the planning pass found."""

    catalogs: list[Path] = field(default_factory=list)  # every catalog of the run
    changed: list[PlannedCatalog] = field(default_factory=list)  # updates to write (new or changed catalogs)
    todo: dict[str, list[tuple[Path, Key]]] = field(default_factory=dict)  # source -> entries that want a draft
    skipped: int = 0  # catalogs the stat cache vouched for (not read)
    # source -> "html"/"markdown" for pending entries of such articles: their inline markup
    # is hidden from the model (newsl10n.mt.markup).
    formats: dict[str, str] = field(default_factory=dict)


def wants_draft(unit: Unit, *, redraft: bool) -> bool:
    """An entry the run fills: untranslated, or (``redraft``) an untouched machine draft."""
    return unit.state is UnitState.UNTRANSLATED or (redraft and is_machine_draft(unit))


def plan_pending(
    config: Config,
    lang: str,
    articles: list[Path] | None,
    *,
    redraft: bool,
    jobs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PendingPlan:
    """Stream over the catalogs of ``lang``; write nothing but the stat cache.

    The catalogs the stat cache cannot vouch for are read and compared in ``jobs`` forked
    workers (default: one per core with ``PARALLEL_MIN_CATALOGS`` such catalogs each at the
    least, in a process with no other thread: :mod:`newsl10n.workflow.forked`), their
    results taken in order, so the plan is the same. ``progress`` is called with
    ``(catalogs read, catalogs to read)`` as they are.
    """
    plan = PendingPlan()
    cache = _StatCache(config, lang)
    started = time.time()
    work: list[tuple[Path, Path, Stamp | None, int | None]] = []  # catalogs to read, in order
    for pot in templates_for(config, articles):
        target = po_path(config, lang, pot.stem)
        plan.catalogs.append(target)
        stamp = _stamp(pot, target)
        seen = cache.seen(target, stamp) if stamp is not None and not redraft else None
        if seen == 0:  # up to date, nothing pending: not even read
            plan.skipped += 1
            continue
        work.append((pot, target, stamp, seen))
    for done, ((_, target, stamp, _), found) in enumerate(zip(work, _read_all(work, lang, redraft=redraft, jobs=jobs))):
        if progress:
            progress(done + 1, len(work))
        if found.change is not None:
            plan.changed.append(found.change)
        for source, key in found.pending:
            plan.todo.setdefault(source, []).append((target, key))
            if found.fmt in MARKUP_FORMATS:
                plan.formats[source] = found.fmt
        if found.change is None and stamp is not None and max(stamp[1], stamp[3]) < (started - RACY_SECONDS) * 1e9:
            cache.record(target, stamp, pending=len(found.pending))
        else:
            cache.forget(target)
    cache.save()
    return plan


@dataclass(frozen=True, slots=True)
class _Found:
    """One catalog's part of the plan: its pending entries, its format, the update to write."""

    pending: list[tuple[str, Key]]
    fmt: str | None
    change: PlannedCatalog | None  # None: the catalog is up to date


def _plan_one(pot: Path, target: Path, stamp: Stamp | None, seen: int | None, lang: str, redraft: bool) -> _Found:
    """Read one catalog (and, if need be, its template) and say what the run has to do with it."""
    old = text = None
    if stamp is not None:
        text = read_text(target)
        old, simple = parse_text(text, path=str(target))
        text = text if simple else None  # only a catalog of the one-pass reader's shape is compared as text
    if seen and old is not None:  # up to date with entries pending: the catalog alone tells what
        merged, change = old, None
    else:
        merged, change = _update(pot, target, old, text, lang)
    pending = [(unit.source, unit.key) for unit in merged.units if wants_draft(unit, redraft=redraft)]
    return _Found(pending, merged.header.get(FORMAT_HEADER), change)


PARALLEL_MIN_CATALOGS = 32  # catalogs per forked worker at the least: below, forking costs more than it saves


def _read_all(
    work: list[tuple[Path, Path, Stamp | None, int | None]], lang: str, *, redraft: bool, jobs: int | None
) -> Iterator[_Found]:
    """``_plan_one`` over ``work``, in order: here, or in forked workers (see ``plan_pending``)."""
    workers = worker_count(jobs, len(work), per_worker=PARALLEL_MIN_CATALOGS)
    return ordered_map(
        lambda item: _plan_one(*item, lang, redraft),
        work,
        workers=workers,
        chunksize=min(64, len(work) // (workers * 8)),
    )


def _stamp(pot: Path, po: Path) -> Stamp | None:
    """``(pot size, pot mtime_ns, po size, po mtime_ns)``, or None when the catalog does not exist yet."""
    try:
        a, b = pot.stat(), po.stat()
    except FileNotFoundError:
        return None
    return a.st_size, a.st_mtime_ns, b.st_size, b.st_mtime_ns


def _update(
    pot: Path, target: Path, old: Catalog | None, text: str | None, lang: str
) -> tuple[Catalog, PlannedCatalog | None]:
    """The catalog updated to its template, and the update to write (None when ``old``, read
    from ``text``, is up to date already: then the template is parsed only if need be)."""
    template_text = read_text(pot)
    if old is not None and text is not None and _in_step(template_text, text, old, lang):
        return old, None
    template = parse_text(template_text, path=str(pot))[0]
    merged, same = _merged(template, old, lang)
    return merged, None if same else PlannedCatalog(template, target, lang, merged)


def _in_step(template: str, text: str, old: Catalog, lang: str) -> bool:
    """True when ``old`` (read from ``text``) is up to date with the template, told without
    parsing the template: its entries' source side compared as text (``template_in_step``),
    then what merging would change in the catalog alone (``settled``) and its header."""
    head = template_in_step(template, text)
    return head is not None and settled(old) and _header_kept(head, old, lang)


def _merged(template: Catalog, old: Catalog | None, lang: str) -> tuple[Catalog, bool]:
    """``(the updated catalog, True when it is ``old`` unchanged)``: an up-to-date catalog (the
    common case) is checked field by field (``merge_keeps``) instead of merged and compared."""
    if old is not None and merge_keeps(template.units, old) and _header_kept(template, old, lang):
        return old, True
    merged = merged_catalog(template, old, lang)
    return merged, old is not None and _same(merged, old)


def _header_kept(template: Catalog, old: Catalog, lang: str) -> bool:
    """True when updating ``old`` to ``template`` leaves its header fields and comment as they are."""
    header, comment = merged_header(template, old, lang)
    return header == old.header and comment == old.header_comment


def _same(merged: Catalog, old: Catalog) -> bool:
    """True when writing ``merged`` would not change ``old``'s content (line numbers aside)."""
    if merged.header != old.header or merged.header_comment != old.header_comment or merged.obsolete != old.obsolete:
        return False
    if len(merged.units) != len(old.units):
        return False
    return all(a == b or replace(a, line=b.line) == b for a, b in zip(merged.units, old.units))


class _StatCache:
    """``{catalog path: stamp}`` of pairs last seen up to date with nothing pending."""

    def __init__(self, config: Config, lang: str) -> None:
        from newsl10n.mt.cache import default_cache_dir

        where = f"{config.locales_dir.resolve()}\0{lang}\0{__version__}"
        self.path = default_cache_dir() / "plan" / f"{hashlib.sha256(where.encode()).hexdigest()[:20]}.json"
        self.entries: dict[str, list[int]] = {}
        self.dirty = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") == __version__ and isinstance(data.get("entries"), dict):
                self.entries = data["entries"]
        except (OSError, ValueError):
            pass  # no cache yet, or a broken one: plan everything

    def seen(self, po: Path, stamp: tuple[int, int, int, int]) -> int | None:
        """Entries pending when the unchanged pair was last seen up to date; None: not seen so."""
        entry = self.entries.get(str(po))
        return entry[4] if entry and entry[:4] == list(stamp) else None

    def record(self, po: Path, stamp: tuple[int, int, int, int], *, pending: int) -> None:
        value = [*stamp, pending]
        if self.entries.get(str(po)) != value:
            self.entries[str(po)] = value
            self.dirty = True

    def forget(self, po: Path) -> None:
        if self.entries.pop(str(po), None) is not None:
            self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(self.path, json.dumps({"version": __version__, "entries": self.entries}).encode())
        except Exception as exc:  # noqa: BLE001 - a cache that cannot be written costs time, not correctness
            log.debug("plan cache not saved: %s", exc)
        self.dirty = False


def pending_count(plan: PendingPlan) -> int:
    """Entries that want a draft."""
    return sum(len(v) for v in plan.todo.values())


__all__ = ["PendingPlan", "pending_count", "plan_pending", "wants_draft"]
