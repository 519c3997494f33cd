"""Time the glossary checks on a synthetic project: 200 catalogs x 50 translated entries.

Usage::

    PYTHONPATH=src python bench/glossary_speed.py [--catalogs 200] [--entries 50] [--lang uk]

Sources are seed-article sentences with the names swapped in and out and a
per-entry number, so no two entries are equal; translations are Ukrainian or
Russian sentences built from a vocabulary of a few thousand distinct words,
including inflected glossary terms, deprecated variants and Latin leftovers.
The budget from issue 3 is 3 s for the whole ``check`` on 2 cores.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

from newsl10n.checks import glossary as glossary_checks
from newsl10n.checks.base import CheckContext
from newsl10n.glossary import load_glossary
from newsl10n.model import Unit, UnitState

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [
    "Ukrainian authorities have found a mass grave of more than {n} bodies in the eastern city of Izium.",
    "Mr Serhiy Bolvinov, the chief police investigator for Kharkiv region, told Sky News about {n} graves.",
    "Thousands of Russian troops fled Izyum at the weekend, {n} witnesses said.",
    "President Volodymyr Zelensky likened the discovery to Bucha, near the capital Kyiv, on day {n}.",
    "Russia has repeatedly denied it targets civilians, the ministry said in statement {n}.",
]
TERMS = {
    "uk": ["Ізюмі", "Ізюма", "Харківської", "Києва", "Бучі", "Зеленський", "Болвінов", "Sky News",
           "Изюме", "Харькові", "Росія", "українська", "Izium"],
    "ru": ["Изюме", "Изюма", "Харьковской", "Киева", "Буче", "Зеленский", "Болвинов", "Sky News",
           "Ізюмі", "Києві", "Россия", "украинские", "Izium"],
}
ALPHABET = {"uk": "абвгдежзиіїйклмнопрстуфхцчшщьюяє", "ru": "абвгдежзийклмнопрстуфхцчшщыьэюя"}


def make_units(catalogs: int, entries: int, lang: str, seed: int = 1) -> list[list[Unit]]:
    """``catalogs`` lists of ``entries`` distinct translated units."""
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choice(ALPHABET[lang]) for _ in range(rng.randint(3, 11))) for _ in range(4000)]
    result = []
    for c in range(catalogs):
        units = []
        for e in range(entries):
            source = SOURCES[(c + e) % len(SOURCES)].format(n=c * entries + e)
            words = rng.sample(vocabulary, 14) + rng.sample(TERMS[lang], 3)
            rng.shuffle(words)
            units.append(Unit(source, " ".join(words) + ".", UnitState.REVIEWED, line=e + 1))
        result.append(units)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalogs", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--lang", default="uk", choices=sorted(TERMS))
    args = parser.parse_args(argv)
    project = make_units(args.catalogs, args.entries, args.lang)
    started = time.perf_counter()
    glossary = load_glossary(ROOT / "glossary")
    ctx = CheckContext(lang=args.lang, glossary=glossary)
    loaded = time.perf_counter()
    findings = 0
    checks = (
        glossary_checks.glossary_term_missing,
        glossary_checks.glossary_deprecated_target,
        glossary_checks.glossary_deprecated_source,
    )
    for units in project:
        for unit in units:
            for func in checks:
                findings += sum(1 for _ in func(unit, ctx))
    done = time.perf_counter()
    total = args.catalogs * args.entries
    sys.stdout.write(
        f"{args.catalogs} catalogs x {args.entries} entries ({total} units, {args.lang}): "
        f"glossary load {loaded - started:.3f}s, checks {done - loaded:.3f}s "
        f"(incl. dictionary load), {findings} findings\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
