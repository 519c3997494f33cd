"""Archive scale: the translate driver's overhead per catalog, and the Ray executor against local.

Measured in one run, on this machine:

1. Driver overhead. A generated project of ``--catalogs`` catalogs (default 10,000)
   of ``--entries`` entries (default 100), uk. (a) ``translate`` with nothing to do
   (every entry reviewed); (b) the planning phase of a run with work (``--pending``
   untranslated entries per catalog; planning = update, translation memory, the
   queue of unique pending sentences, up to the model load). Reported: ms per
   catalog, first run (cold stat cache) and again, on 1/10 and on all of the
   catalogs; with ``--memory`` also the Python heap peak of a cold run
   (tracemalloc), so a memory cost that grows with the catalog count shows.
   Planning reads catalogs in forked workers, one per core
   (``newsl10n.workflow.forked``); ``--one-process`` keeps it in one process, so
   its CPU cost shows (the heap is the driver's: tracemalloc does not see workers).
2. Executors. The same ``--sentences`` sentences (default 500) with the Opus-size
   random model (``newsl10n.mt.randmodel``, CTranslate2 int8, greedy): the local
   executor, then Ray with 1 and 2 actors on a local Ray instance. Ray's per-job
   fixed cost = job start to its first result minus one batch's decode time.
3. The estimate for ``--articles`` articles x ``--langs`` languages on K workers
   from the measured per-actor throughput.

Usage: ``PYTHONPATH=src .venv/bin/python bench/scale.py [--catalogs 10000] [--skip-ray]``
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from newsl10n.catalog import Catalog, render_catalog
from newsl10n.config import Config, load_config
from newsl10n.model import Unit, UnitState
from newsl10n.workflow.project import merged_catalog

WORDS = ("the city council said on Monday that the bridge over the river would reopen after repairs "
         "costing millions residents of the eastern district were told to expect delays").split()


def sentence(n: int, i: int) -> str:
    """A deterministic, mostly unique English-like sentence."""
    words = [WORDS[(n * 7 + i * 13 + k * 5) % len(WORDS)] for k in range(8 + (n + i) % 9)]
    return f"{' '.join(words).capitalize()} ({n}-{i})."


def generate(root: Path, *, catalogs: int, entries: int, pending: int) -> Config:
    """``catalogs`` POT files and their uk catalogs, all reviewed except ``pending`` entries each."""
    (root / "pyproject.toml").write_text(
        '[tool.newsl10n]\nproject = "scale"\narticles = ["articles/*.txt"]\nlanguages = ["uk"]\nglossary = false\n',
        encoding="utf-8",
    )
    locales = root / "locales"
    (locales / "uk" / "LC_MESSAGES").mkdir(parents=True)
    header = {"Project-Id-Version": "scale", "POT-Creation-Date": "2026-01-01 00:00+0000",
              "MIME-Version": "1.0", "Content-Type": "text/plain; charset=UTF-8",
              "Content-Transfer-Encoding": "8bit", "X-Newsl10n-Article": ""}
    for n in range(catalogs):
        slug = f"a{n:06d}"
        units = [Unit(source=sentence(n, i), locations=((f"articles/{slug}.txt", i + 1),)) for i in range(entries)]
        template = Catalog(header={**header, "X-Newsl10n-Article": f"articles/{slug}.txt"}, units=units)
        (locales / f"{slug}.pot").write_bytes(render_catalog(template))
        po = merged_catalog(template, None, "uk")
        po.header["PO-Revision-Date"] = "2026-01-01 00:00+0000"
        po.units = [u if i < pending else Unit(source=u.source, target=f"Переклад {n}-{i}.", state=UnitState.REVIEWED,
                                               locations=u.locations) for i, u in enumerate(po.units)]
        (locales / "uk" / "LC_MESSAGES" / f"{slug}.po").write_bytes(render_catalog(po))
    old = time.time() - 3600  # an archive: files last touched an hour ago (not "racy" for the stat cache)
    for path in locales.rglob("*.po*"):
        os.utime(path, (old, old))
    return load_config(start=root)


class _Stop(Exception):
    """Raised by the bench's translator factory: planning is over."""


def plan_only(config: Config) -> int:
    """The planning phase of ``translate``: everything up to the model load. Returns the pending count."""
    from newsl10n.workflow.translate import translate

    def factory() -> Any:
        raise _Stop

    try:
        result = translate(config, "uk", translator_factory=factory, use_cache=False)
    except _Stop:
        return -1
    return result.pending


def measure_driver(args: argparse.Namespace, out: Any) -> None:
    import importlib

    from newsl10n.workflow.forked import worker_count
    from newsl10n.workflow.translate import translate

    per_worker = importlib.import_module("newsl10n.workflow.pending").PARALLEL_MIN_CATALOGS
    workers = worker_count(None, args.catalogs, per_worker=per_worker)
    print(f"== driver overhead, {args.entries} entries per catalog; planning in {workers} process(es) "
          f"(--one-process: 1); heap = the driver's own (tracemalloc does not see forked workers) ==", file=out)
    for label, pending in (("nothing to do", 0), ("planning with work", args.pending)):
        for count in sorted({max(1, args.catalogs // 10), args.catalogs}):
            with tempfile.TemporaryDirectory(prefix="newsl10n-scale-") as tmp:
                config = generate(Path(tmp), catalogs=count, entries=args.entries, pending=pending)
                for run in ("first run", "again"):
                    started = time.perf_counter()
                    if pending:
                        plan_only(config)
                    else:
                        result = translate(config, "uk", use_cache=False)
                        assert result.pending == 0 and result.signature is None
                    secs = time.perf_counter() - started
                    print(f"{label:20s} {run:9s} {count:6d} catalogs: {secs:7.2f}s, "
                          f"{1000 * secs / count:6.3f} ms/catalog", file=out, flush=True)
                if args.memory:  # a cold run again (stat cache dropped), under tracemalloc: Python heap peak
                    import tracemalloc

                    from newsl10n.mt.cache import default_cache_dir

                    shutil.rmtree(default_cache_dir() / "plan", ignore_errors=True)
                    tracemalloc.start()
                    if pending:
                        plan_only(config)
                    else:
                        translate(config, "uk", use_cache=False)
                    peak = tracemalloc.get_traced_memory()[1] / 2**20
                    tracemalloc.stop()
                    print(f"{label:20s} {'memory':9s} {count:6d} catalogs: heap peak {peak:7.1f} MiB "
                          f"(pending entries: {count * pending:,})", file=out, flush=True)


def _drain(stream: Any, n: int) -> list[Any]:
    out: dict[int, Any] = {}
    for item in stream:
        if item is not None:
            out[item[0]] = item[1]
    return [out[i] for i in range(n)]


def measure_executors(args: argparse.Namespace, out: Any) -> None:
    """Local vs Ray (1 and 2 actors) on the same sentences with the Opus-size random model."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("translate_speed", Path(__file__).with_name("translate_speed.py"))
    assert spec and spec.loader
    speed = importlib.util.module_from_spec(spec)
    sys.modules["translate_speed"] = speed
    spec.loader.exec_module(speed)
    from newsl10n.mt.ct2 import CTranslate2Translator

    cache = Path(tempfile.gettempdir()) / "newsl10n-bench"
    model_dir = speed.build_model(cache / "opus-base")
    texts = speed.workload(args.sentences)
    settings = dict(model=str(model_dir), num_beams=1, cache_dir=cache / "ct2")
    print(f"== executors: {len(texts)} sentences, Opus-size random model, CTranslate2 int8, greedy, "
          f"{os.cpu_count()} cores ==", file=out, flush=True)
    local = CTranslate2Translator(**settings)
    started = time.perf_counter()
    reference = _drain(local.translate_stream(texts, target_lang="uk"), len(texts))
    secs = time.perf_counter() - started
    tokens = sum(local.count_tokens(texts))
    print(f"local ({local.inter_threads}x{local.intra_threads} threads): {secs:6.2f}s, "
          f"{len(texts) / secs:6.1f} sentences/s, {tokens / secs:6.0f} source tokens/s", file=out, flush=True)
    del local

    from newsl10n.workflow.executors.ray import RayTranslator, import_ray

    ray = import_ray()
    ray.init(num_cpus=os.cpu_count() or 2, include_dashboard=False, log_to_driver=False,
             logging_level=logging.WARNING)
    ray.data.DataContext.get_current().enable_progress_bars = False
    driver = CTranslate2Translator(**settings, inter_threads=1, intra_threads=1)
    per_actor: list[float] = []
    fixed: list[float] = []
    for workers in (1, 2):
        remote = RayTranslator(ray, driver, workers=workers)
        started = time.perf_counter()
        drafts = _drain(remote.translate_stream(texts, target_lang="uk"), len(texts))
        secs = time.perf_counter() - started
        same = drafts == reference
        print(f"ray, {workers} actor(s): {secs:6.2f}s, {len(texts) / secs:6.1f} sentences/s, "
              f"{tokens / secs:6.0f} source tokens/s; drafts identical to local: {same}", file=out, flush=True)
        for line in remote.stats.summary():
            print(f"    {line}", file=out)
        if workers == 1:  # an actor with a core to itself: the rate one more single-CPU actor adds
            per_actor.extend(a.sentences / a.seconds for a in remote.stats.actors.values() if a.seconds)
        # The per-job fixed cost: a one-sentence job's wall time minus its decode time.
        one = RayTranslator(ray, driver, workers=workers)
        started = time.perf_counter()
        _drain(one.translate_stream(texts[:1], target_lang="uk"), 1)
        wall = time.perf_counter() - started
        fixed.append(wall - sum(a.seconds for a in one.stats.actors.values()))
        print(f"    per-job fixed cost ({workers} actor(s)): {fixed[-1]:.2f}s", file=out, flush=True)
    ray.shutdown()
    rate = sum(per_actor) / len(per_actor)
    total = args.articles * args.langs * args.sentences_per_article
    print(f"== estimate: {args.articles:,} articles x {args.langs} languages x {args.sentences_per_article} "
          f"sentences = {total:,} sentences (before deduplication), at the measured {rate:.1f} sentences/s "
          f"per single-CPU actor ==", file=out)
    for k in (1, 8, 32, 128, 512):
        hours = total / (k * rate) / 3600
        print(f"  K={k:4d} actors: {hours:9.1f} h ({hours / 24:6.1f} days) + {args.langs} jobs x "
              f"{max(fixed):.1f}s fixed cost", file=out)
    print(f"  ({os.cpu_count()} cores here: the local executor already uses them all (inter-batch threads), so "
          "Ray actors on this machine cannot be faster; the gain comes from more machines.)", file=out)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--catalogs", type=int, default=10_000)
    p.add_argument("--entries", type=int, default=100)
    p.add_argument("--pending", type=int, default=10, help="untranslated entries per catalog in the planning case")
    p.add_argument("--sentences", type=int, default=500)
    p.add_argument("--articles", type=int, default=100_000)
    p.add_argument("--langs", type=int, default=5)
    p.add_argument("--sentences-per-article", type=int, default=30)
    p.add_argument("--skip-driver", action="store_true")
    p.add_argument("--skip-ray", action="store_true")
    p.add_argument("--memory", action="store_true", help="also a traced cold run per size: the heap peak")
    p.add_argument("--profile", action="store_true", help="cProfile the driver phases (top 25 by cumulative time)")
    p.add_argument("--one-process", action="store_true",
                   help="plan in one process (no forked workers: newsl10n.workflow.forked), for the CPU cost")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.one_process or args.profile:  # cProfile does not see into forked workers
        import importlib

        importlib.import_module("newsl10n.workflow.pending").PARALLEL_MIN_CATALOGS = sys.maxsize // 4
        importlib.import_module("newsl10n.workflow.translate").TM_MIN_CATALOGS = sys.maxsize // 4
    if args.profile:
        import cProfile
        import pstats

        prof = cProfile.Profile()
        prof.enable()
        measure_driver(args, sys.stdout)
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        return 0
    if not args.skip_driver:
        measure_driver(args, sys.stdout)
    if not args.skip_ray:
        measure_executors(args, sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
