"""The ``translate`` command: fill untranslated entries with machine drafts.

Order of work, cheapest first:

1. ``update`` the catalogs, one at a time (:mod:`newsl10n.workflow.pending`:
   only changed catalogs and pending entries are kept; up-to-date catalogs are
   skipped unread through a stat cache); collect untranslated sources across
   every article (one queue of unique sentences, so articles share one loaded
   model and full batches). Where the model runs is the executor's business
   (:mod:`newsl10n.workflow.executors`: local, or Ray); everything else is here.
2. Nothing to do → return without loading a model.
3. Translation memory: a reviewed translation of the same sentence anywhere in
   the language's catalogs is reused (fuzzy, marked as TM).
4. The model, wrapped in the MT cache and placeable protection (and, for
   HTML/Markdown entries, markup placeholders: :mod:`newsl10n.mt.markup`), translates the
   rest in length-sorted chunks; the glossary picks among n-best hypotheses
   and repairs deprecated terms; QA findings become translator comments.
5. Drafts arrive in any order as the backend finishes them (keyed by
   sentence). Whenever nothing more is ready (the backend is busy), unsaved
   drafts are saved if ``SAVE_SECONDS`` have passed since the last save (or 19
   times as long as that save took, if longer: saving gets at most 5% of the
   time); and after every ``chunk_size`` drafts:
   under the catalog's lock, the file is re-read and only entries that are
   *still* untranslated on disk are filled, so a translator's concurrent edit
   always wins and an interrupted run keeps every finished draft.
6. A sentence the backend fails on stays untranslated with a warning naming
   its ``file:line``; the rest is drafted. Only a run in which nothing could be
   drafted is an error (:class:`~newsl10n.errors.BackendError`, exit 3).
"""

from __future__ import annotations

import itertools
import logging
import time
from collections.abc import Callable, Container, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newsl10n.catalog import (
    NOTE_PREFIX,
    Catalog,
    mt_mark,
    parse_catalog,
    read_catalog,
    tm_mark,
    update_catalog,
    without_notes,
)
from newsl10n.catalog.scan import translated_msgids
from newsl10n.config import Config
from newsl10n.errors import BackendError, CatalogError, NewsL10nError
from newsl10n.fsio import file_lock
from newsl10n.model import Draft, Unit, UnitState
from newsl10n.mt.base import Failure, Translator, stream_drafts
from newsl10n.mt.markup import MarkupTranslator
from newsl10n.review.confidence import confidence_notes
from newsl10n.workflow.forked import ordered_map, worker_count
from newsl10n.workflow.pending import pending_count, plan_pending, wants_draft
from newsl10n.workflow.project import catalog_paths, validate_language, write_update

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]  # (done, total)
MT_HEADER = "X-Newsl10n-MT"
N_BEST = 4
CHUNK_BATCHES = 4  # batches of ``config.batch_size`` sentences per save, at most
SAVE_SECONDS = 0.5  # unsaved drafts are saved this long after the last save ...
SAVE_COST_FACTOR = 19.0  # ... or this many times as long as the last save took, if longer (<= 5% of the time)
ABORT_AFTER_FAILURES = 8  # the first N sentences all failed: the backend is broken, stop


@dataclass
class TranslateResult:
    """What ``translate`` did."""

    catalogs: list[Path] = field(default_factory=list)
    drafted: int = 0  # entries filled by the model (or its cache)
    reused: int = 0  # entries filled from translation memory
    pending: int = 0  # entries that were untranslated at the start
    signature: str | None = None  # None when no model was needed
    model_calls: int = 0  # sentences actually sent to the model
    failed: int = 0  # entries left untranslated because the backend failed on them


def open_translator(
    config: Config,
    lang: str,
    *,
    backend: str | None = None,
    model: str | None = None,
    device: str | None = None,
    batch_size: int | None = None,
    num_beams: int | None = None,
) -> Translator:
    """Load the configured backend for ``lang`` (the slow step: imports torch)."""
    from newsl10n.mt import get_backend, resolve_backend_name

    name = resolve_backend_name(backend or config.backend)
    cls = get_backend(name)
    kwargs: dict[str, Any] = {
        "model": model or config.model_for(lang),
        "device": device or config.device,
        "batch_size": batch_size or config.batch_size,
        "num_beams": num_beams or config.num_beams,
    }
    if name == "fake":
        kwargs = {"model": kwargs["model"]}
    elif name in ("marian", "ctranslate2") and config.token_for(lang):
        kwargs["target_token"] = config.token_for(lang)  # multi-target model (mt/targets.py)
    translator: Translator = cls(**kwargs)
    return translator


def translate(
    config: Config,
    lang: str,
    *,
    articles: list[Path] | None = None,
    translator: Translator | None = None,
    translator_factory: Callable[[], Translator] | None = None,
    glossary: Any = None,
    use_cache: bool = True,
    cache_path: Path | None = None,
    redraft: bool = False,
    chunk_size: int | None = None,
    progress: Progress | None = None,
    planning: Progress | None = None,
) -> TranslateResult:
    """Update the catalogs of ``lang`` and draft every untranslated entry.

    Args:
        config: project settings.
        lang: target language code.
        articles: limit to these articles (default: all of the project's).
        translator: a ready backend (tests); else ``translator_factory`` or
            :func:`open_translator` is called, only if there is work.
        glossary: a loaded glossary that steers the drafts, or None.
        use_cache: read/write the persistent MT cache.
        cache_path: the cache file (default: the user cache directory).
        redraft: also replace untouched machine drafts (e.g. after a model change).
        chunk_size: most drafts between two saves (and sentences per call for a
            backend that does not stream); default ``CHUNK_BATCHES * config.batch_size``.
        progress: called with ``(done, total)`` as drafts arrive.
        planning: called with ``(done, total)`` as the planning pass reads catalogs
            (those the stat cache cannot vouch for).
    """
    lang = validate_language(lang)
    # One catalog at a time, nothing written yet; only updates that change a file and the pending
    # entries are kept (workflow/pending.py).
    plan = plan_pending(config, lang, articles, redraft=redraft, progress=planning)
    result = TranslateResult(catalogs=plan.catalogs)
    todo = plan.todo
    formats = plan.formats  # source -> "html"/"markdown": its inline markup is hidden from the model
    result.pending = pending_count(plan)
    memory = translation_memory(config, lang, only=todo) if todo else {}
    reused = {src: memory[src] for src in todo if src in memory}
    remaining = sorted((s for s in todo if s not in reused), key=len)
    inner = None
    if remaining:
        # Load the model before touching any file: if it fails, nothing changes.
        inner = translator or (translator_factory() if translator_factory else open_translator(config, lang))
    write_update(config, plan.changed)
    if reused:
        _save(todo, {src: _tm_unit(tgt, where) for src, (tgt, where) in reused.items()}, redraft=redraft)
        result.reused = sum(len(todo[s]) for s in reused)
    if inner is None:
        return result
    engine = _wrap(inner, use_cache=use_cache, cache_path=cache_path)
    signature = inner.signature()
    result.signature = signature
    steer = _Steering(glossary, lang)
    # Drafts stream in, in any order (CTranslate2 returns each token batch as it finishes); see
    # step 5 of the module docstring for when they are saved.
    chunk = max(1, chunk_size or CHUNK_BATCHES * config.batch_size)
    total = len(remaining)
    if progress:
        progress(0, total)
    prepared = [steer.prepare(s) for s in remaining]
    if formats:  # markup hook: tags become placeholders around the model (newsl10n.mt.markup)
        engine = MarkupTranslator(engine, formats={p: formats[s] for s, p in zip(remaining, prepared) if s in formats})
    drafts = stream_drafts(
        engine,
        prepared,
        target_lang=lang,
        num_hypotheses=N_BEST if steer.active else 1,
        chunk=chunk,
    )
    made: dict[str, Callable[[Unit], Unit]] = {}
    failures: dict[str, str] = {}
    succeeded = done = 0
    last_save = time.monotonic()
    gap = SAVE_SECONDS

    def save() -> None:
        nonlocal made, last_save, gap
        if made:
            started = time.monotonic()
            result.drafted += _save(todo, made, redraft=redraft, signature=signature)
            made = {}
            # Saving rewrites whole catalogs and shares the CPU with the model's workers: at most
            # about 5% of the time goes to it (a large catalog is saved less often).
            gap = max(SAVE_SECONDS, SAVE_COST_FACTOR * (time.monotonic() - started))
        last_save = time.monotonic()

    try:
        for item in drafts:
            if item is None:  # every ready draft is in: a save now writes whole batches
                if made and time.monotonic() - last_save >= gap:
                    save()
                continue
            index, outcome = item
            source = remaining[index]
            done += 1
            if isinstance(outcome, Failure):
                failures[source] = outcome.reason
                if not succeeded and len(failures) >= ABORT_AFTER_FAILURES:
                    raise BackendError(
                        f"the backend failed on each of the first {len(failures)} sentences it was given "
                        f"({outcome.reason}); nothing was drafted",
                        hint="run with -v for details; check the model with a short sentence",
                    )
            else:
                succeeded += 1
                text, notes, chosen = steer.finish(source, outcome.alternatives or (outcome.text,))
                # "newsl10n: confidence 0.62" of the hypothesis used (before any term repair): review/confidence.py
                notes[:0] = confidence_notes(outcome, chosen)
                notes.extend(_qa_notes(source, text, lang, glossary, fmt=formats.get(source)))
                notes.extend(draft_notes(outcome))
                made[source] = _draft_unit(text, signature, notes)
            if len(made) >= chunk:
                save()
            if progress:
                progress(done, total)
    except KeyboardInterrupt:
        save()  # finished drafts are kept: the next run continues from them
        raise
    save()
    result.model_calls = getattr(engine, "misses", total)
    result.failed = sum(len(todo[s]) for s in failures)
    _warn_failures(todo, failures)
    if failures and not succeeded:
        raise BackendError(
            f"no draft could be made: the backend failed on every sentence ({next(iter(failures.values()))})",
            hint="run with -v for details; check the model with a short sentence",
        )
    return result


def draft_notes(draft: Draft) -> list[str]:
    """Translator comments for what a reviewer should know about how a draft was made."""
    notes = []
    if draft.pieces > 1:
        notes.append(
            f"{NOTE_PREFIX}machine draft made in {draft.pieces} pieces: the sentence is longer than the "
            "model reads at once; check the joins"
        )
    if draft.truncated:
        notes.append(
            f"{NOTE_PREFIX}machine draft stopped at its length limit: it may be cut short or repeat itself"
        )
    return notes


def _warn_failures(todo: dict[str, list[tuple[Path, tuple[str, str | None]]]], failures: dict[str, str]) -> None:
    """One warning per entry the backend failed on: ``file:line``, and why."""
    if not failures:
        return
    lines: dict[Path, dict[tuple[str, str | None], int]] = {}
    rows = []
    for source, reason in failures.items():
        for path, key in todo.get(source, ()):
            if path not in lines:
                try:
                    lines[path] = {u.key: u.line for u in read_catalog(path).units}
                except NewsL10nError:
                    lines[path] = {}
            rows.append((str(path), lines[path].get(key, 0), reason))
    for path, line, reason in sorted(rows):
        log.warning("%s:%d: left untranslated: the backend failed on this entry (%s)", path, line, reason)



def _wrap(inner: Translator, *, use_cache: bool, cache_path: Path | None) -> Any:
    from newsl10n.mt.cache import CachedTranslator, default_cache_dir
    from newsl10n.mt.protect import ProtectedTranslator

    engine: Any = ProtectedTranslator(inner)
    if use_cache:
        engine = CachedTranslator(engine, path=cache_path or default_cache_dir() / "mt-cache.sqlite3")
    return engine


def _draft_unit(text: str, signature: str, notes: Sequence[str]) -> Callable[[Unit], Unit]:
    def make(unit: Unit) -> Unit:
        comments = (*without_notes(unit.translator_comments), mt_mark(signature, text), *notes)
        return replace(unit, target=text, state=UnitState.MT_DRAFT, origin=signature, translator_comments=comments)

    return make


def _tm_unit(target: str, where: str) -> Callable[[Unit], Unit]:
    def make(unit: Unit) -> Unit:
        comments = (*without_notes(unit.translator_comments), tm_mark(where))
        return replace(unit, target=target, state=UnitState.MT_DRAFT, origin=None, translator_comments=comments)

    return make


def _save(
    todo: dict[str, list[tuple[Path, tuple[str, str | None]]]],
    made: dict[str, Callable[[Unit], Unit]],
    *,
    redraft: bool,
    signature: str | None = None,
) -> int:
    """Write ``made`` into the catalogs, re-reading each under its lock first.

    Returns the number of entries filled. Entries a person translated since
    the run started are left alone.
    """
    per_file: dict[Path, dict[tuple[str, str | None], Callable[[Unit], Unit]]] = {}
    for source, make in made.items():
        for path, key in todo.get(source, ()):
            per_file.setdefault(path, {})[key] = make
    filled = 0
    for path, updates in per_file.items():

        def fill(
            catalog: Catalog | None,
            updates: dict[tuple[str, str | None], Callable[[Unit], Unit]] = updates,
            path: Path = path,
        ) -> tuple[Catalog, int]:
            if catalog is None:
                raise CatalogError("catalog vanished during the run", path=str(path))
            count = 0
            units = []
            for unit in catalog.units:
                maker = updates.get(unit.key)
                if maker is not None and wants_draft(unit, redraft=redraft):
                    unit = maker(unit)
                    count += 1
                units.append(unit)
            catalog.units = units
            if signature:
                catalog.header[MT_HEADER] = signature
            return catalog, count

        with file_lock(path):
            # The file on disk now, not what we read earlier; re-read if it changes before the rename.
            filled += update_catalog(path, fill)[1]
    return filled


def translation_memory(
    config: Config, lang: str, *, only: Container[str] | None = None, jobs: int | None = None
) -> dict[str, tuple[str, str]]:
    """Reviewed translations in every catalog of ``lang``: source → (target, file:line).

    ``only``: keep just these sources (the pending ones), so memory follows the work, not the archive;
    a catalog whose msgids (:func:`~newsl10n.catalog.scan.translated_msgids`) hold none of them is not
    read, and an archive's catalogs are looked at in forked workers (``jobs``; see
    :mod:`newsl10n.workflow.forked`). The first catalog, in path order, that has a source wins.
    """
    paths = catalog_paths(config, lang)
    workers = worker_count(jobs, len(paths), per_worker=TM_MIN_CATALOGS) if only is not None else 1
    memory: dict[str, tuple[str, str]] = {}
    found = ordered_map(lambda path: _reviewed(path, only), paths, workers=workers, chunksize=64)
    for source, entry in itertools.chain.from_iterable(found):
        memory.setdefault(source, entry)
    return memory


TM_MIN_CATALOGS = 64  # catalogs per forked worker of the translation-memory pass, at the least


def _reviewed(path: Path, only: Container[str] | None) -> list[tuple[str, tuple[str, str]]]:
    """``(source, (target, file:line))`` of the reviewed entries of one catalog (sources in ``only``)."""
    try:
        data = path.read_bytes()
        if only is not None:  # most catalogs hold none of the pending sentences: a scan tells
            msgids = translated_msgids(data)
            if msgids is not None and not any(source in only for source in msgids):
                return []
        catalog = parse_catalog(data, path=str(path))  # the bytes scanned, not a second read
    except Exception:  # noqa: BLE001 - a broken neighbour must not stop this run
        log.warning("translation memory: skipping unreadable %s", path)
        return []
    return [
        (unit.source, (unit.target, f"{path.name}:{unit.line}"))
        for unit in catalog.units
        if unit.state is UnitState.REVIEWED
        and unit.target
        and unit.context is None
        and (only is None or unit.source in only)
    ]


def _qa_notes(source: str, target: str, lang: str, glossary: Any, *, fmt: str | None = None) -> list[str]:
    """QA findings on a fresh draft, as translator comments Poedit shows."""
    try:
        from newsl10n.checks import run_checks
        from newsl10n.checks.base import CheckContext
    except ImportError:  # pragma: no cover - the checks package is part of the install
        return []
    unit = Unit(source=source, target=target, state=UnitState.MT_DRAFT)
    findings = run_checks([unit], CheckContext(lang=lang, glossary=glossary, format=fmt), strict=True)
    return [f"{NOTE_PREFIX}[{f.check}] {f.message}" for f in findings if not f.check.startswith("glossary-")]


class _Steering:
    """Glossary steering: normalise the source, choose and repair hypotheses."""

    def __init__(self, glossary: Any, lang: str) -> None:
        self.glossary = glossary
        self.lang = lang
        self.active = glossary is not None

    def prepare(self, source: str) -> str:
        if not self.active:
            return source
        from newsl10n.glossary import normalise_source

        return str(normalise_source(self.glossary, source))

    def finish(self, source: str, hypotheses: Sequence[str]) -> tuple[str, list[str], int]:
        """``(draft text, translator notes, index of the hypothesis it was made from)``."""
        if not self.active:
            return hypotheses[0], [], 0
        from newsl10n.glossary import choose_and_repair

        res = choose_and_repair(self.glossary, source, hypotheses, self.lang)
        notes = [f'{NOTE_PREFIX}[glossary-term-missing] needs "{term}" (in any form)' for term in res.missing]
        if res.repaired:
            notes.append(f"{NOTE_PREFIX}glossary: deprecated term replaced in the draft")
        return res.text, notes, res.chosen

