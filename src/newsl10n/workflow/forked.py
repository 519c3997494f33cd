"""Per-file work over a whole archive, in forked worker processes, results in order.

``check`` and ``translate``'s planning pass read thousands of catalogs, each on its
own: CPU-bound Python, so threads do not help and processes do. Workers are
forked (no re-import, and what the parent loaded is shared), so the function
and its data need not pickle; only the items and the results travel. Results
come back in the items' order, so the outcome is the same as a plain loop's.
Forking a process that runs other threads (Ray's driver, a web server) can
deadlock the child, so such a process works alone.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

_FUNCTION: Callable[[Any], Any] | None = None  # what the forked workers run (set before forking)


def worker_count(jobs: int | None, items: int, *, per_worker: int) -> int:
    """How many processes: ``jobs`` if given, else one per core with at least ``per_worker``
    items each, and 1 where forking is unavailable or unsafe (other threads running)."""
    if jobs is not None:
        return max(1, jobs)
    if (
        items < 2 * per_worker
        or "fork" not in multiprocessing.get_all_start_methods()
        or threading.active_count() > 1
    ):
        return 1
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, items // per_worker))


def ordered_map(function: Callable[[T], R], items: Iterable[T], *, workers: int, chunksize: int = 16) -> Iterator[R]:
    """``map(function, items)``, in ``workers`` forked processes when more than one.

    An exception raised for an item is raised here when its turn comes (newsl10n's
    errors pickle with their file and line).
    """
    if workers <= 1:
        yield from map(function, items)
        return
    global _FUNCTION
    _FUNCTION = function
    ctx = multiprocessing.get_context("fork")
    # What is loaded so far outlives the run: frozen, the workers' garbage collector
    # neither walks it nor copies its pages by touching it.
    gc.freeze()
    try:
        with ctx.Pool(workers) as pool:
            yield from pool.imap(_call, items, chunksize=max(1, chunksize))
    finally:
        gc.unfreeze()
        _FUNCTION = None


def _call(item: Any) -> Any:
    assert _FUNCTION is not None, "ordered_map sets the function before forking"
    return _FUNCTION(item)


__all__ = ["ordered_map", "worker_count"]
