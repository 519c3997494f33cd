"""PO reading speed: ``read_catalog`` (fast reader) against the polib path, on the ``check`` bench's project.

Usage::

    .venv/bin/python bench/po_read_speed.py [--catalogs 200] [--entries 50] [--repeat 5]

Writes the same synthetic project as ``bench/check_speed.py`` (newsl10n's own
writer, realistic desk translations) into a temporary directory, then reads
every catalog in this process both ways: ``read_catalog`` as ``check`` calls it
(the fast reader) and what ``read_catalog`` did before it, which is also what it
falls back to (read the bytes, decode, lint, ``polib.pofile``, build units).
Prints the median of ``--repeat`` rounds of each, interleaved so machine load
hits both alike; each round starts after a full garbage collection with no
earlier round's catalogs alive. Checks first that both give equal catalogs.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_speed import build_project

from newsl10n.catalog import Catalog, _decode, _parse_with_polib, read_catalog


def polib_path(path: Path) -> Catalog:
    """``read_catalog`` as it was before the fast reader."""
    return _parse_with_polib(_decode(path.read_bytes(), path=str(path)), path=str(path))


def timed(paths: list[Path], read: Callable[[Path], Catalog]) -> float:
    gc.collect()
    start = time.perf_counter()
    for path in paths:
        read(path)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalogs", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    times: dict[str, list[float]] = {"polib": [], "fast": []}
    with tempfile.TemporaryDirectory() as tmp:
        paths = build_project(Path(tmp), args.catalogs, args.entries)
        assert [read_catalog(p) for p in paths] == [polib_path(p) for p in paths], "the readers disagree"
        for _ in range(args.repeat):
            times["polib"].append(timed(paths, polib_path))
            times["fast"].append(timed(paths, read_catalog))
    old, new = statistics.median(times["polib"]), statistics.median(times["fast"])
    print(f"{len(paths)} catalogs x {args.entries} entries, median of {args.repeat}")
    print(f"before: lint + polib.pofile + units: {old:6.3f} s")
    print(f"read_catalog (fast reader):          {new:6.3f} s")
    print(f"speed-up: {old / new:.1f}x")


if __name__ == "__main__":
    main()
