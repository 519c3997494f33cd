"""``newsl10n review`` next to ``newsl10n check`` on the same synthetic project: 200 catalogs x 50 entries.

Usage::

    .venv/bin/python bench/review_speed.py [--catalogs 200] [--entries 50] [--repeat 1]

The catalogs are ``bench/check_speed.py``'s realistic ones (the desk's reviewed
translations, each entry made unique, 5% with a changed number), then every
third entry is turned into a machine draft with a recorded confidence and every
tenth emptied, so the pages show every state. Both commands run in a fresh
process (interpreter start-up and imports included) with the desk glossary.
``review`` runs the same checks as ``check`` and then builds, renders and writes
one page per catalog, so the difference between the two is the cost of the
pages themselves.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_speed import build_project, timed

from newsl10n.catalog import mt_mark, read_catalog, write_catalog
from newsl10n.model import UnitState
from newsl10n.review.confidence import confidence_comment

SIGNATURE = "fake:bench|mode:translit"


def add_drafts(paths: list[Path], seed: int = 14) -> None:
    """Every third entry a scored machine draft, every tenth untranslated."""
    rng = random.Random(seed)
    for path in paths:
        catalog = read_catalog(path)
        units = []
        for j, unit in enumerate(catalog.units):
            if j % 10 == 9:
                unit = replace(unit, target="", state=UnitState.UNTRANSLATED)
            elif j % 3 == 0:
                comments = (mt_mark(SIGNATURE, unit.target), confidence_comment(rng.random()))
                unit = replace(unit, state=UnitState.MT_DRAFT, origin=SIGNATURE, translator_comments=comments)
            units.append(unit)
        catalog.units = units
        write_catalog(catalog, path)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalogs", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    exe = str(Path(sys.executable).with_name("newsl10n"))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = build_project(root, args.catalogs, args.entries)
        add_drafts(paths)
        runs = {"check": [], "review": []}  # type: dict[str, list[float]]
        for _ in range(args.repeat):
            runs["check"].append(timed([exe, "check"], root))
            runs["review"].append(timed([exe, "review", "-o", str(root / "out")], root))
        pages = sorted((root / "out").rglob("*.html"))
        size = sum(p.stat().st_size for p in pages)
        print(f"{args.catalogs} catalogs x {args.entries} entries, desk glossary, fresh process each")
        for name, times in runs.items():
            print(f"  newsl10n {name:<7} {min(times):6.2f} s  (best of {len(times)})")
        print(f"  pages alone (review - check): {min(runs['review']) - min(runs['check']):.2f} s")
        print(f"  wrote {len(pages)} files, {size / 2**20:.1f} MiB, largest {max(p.stat().st_size for p in pages) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
