"""Precision and recall of the glossary checks on the labelled set.

Usage::

    PYTHONPATH=src python bench/glossary_quality.py [tests/data/glossary/labelled.tsv] [--glossary glossary]

Each row of the labelled set is ``lang, source, translation, expected`` where
``expected`` is ``ok`` or the comma-separated check ids the pair must raise.
Prints one line per (language, check) and a total, and lists every disagreement.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsl10n.checks import glossary as glossary_checks  # noqa: F401  (registers the checks)
from newsl10n.checks.base import REGISTRY, CheckContext
from newsl10n.glossary import Glossary, load_glossary
from newsl10n.model import Unit, UnitState

ROOT = Path(__file__).resolve().parents[1]
CHECK_IDS = ("glossary-term-missing", "glossary-deprecated-target", "glossary-deprecated-source")


@dataclass(frozen=True)
class Row:
    """One labelled pair."""

    line: int
    lang: str
    source: str
    translation: str
    expected: frozenset[str]


def read_rows(path: Path) -> list[Row]:
    """Parse the labelled TSV (``#`` comments, a header row)."""
    rows = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("lang\t"):
            continue
        lang, source, translation, expected = line.split("\t")
        ids = frozenset() if expected == "ok" else frozenset(expected.split(","))
        rows.append(Row(number, lang, source, translation, ids))
    return rows


def predict(glossary: Glossary, row: Row) -> frozenset[str]:
    """The glossary check ids that fire on ``row``."""
    unit = Unit(row.source, row.translation, UnitState.REVIEWED)
    ctx = CheckContext(lang=row.lang, glossary=glossary)
    return frozenset(cid for cid in CHECK_IDS if any(True for _ in REGISTRY[cid].func(unit, ctx)))


def evaluate(glossary: Glossary, rows: list[Row]) -> tuple[dict[tuple[str, str], Counter[str]], list[str]]:
    """Per (lang, check) counts of tp/fp/fn, and a description of each error."""
    counts: dict[tuple[str, str], Counter[str]] = {}
    errors = []
    for row in rows:
        got = predict(glossary, row)
        for cid in CHECK_IDS:
            counter = counts.setdefault((row.lang, cid), Counter())
            want, have = cid in row.expected, cid in got
            counter["tp" if want and have else "fp" if have else "fn" if want else "tn"] += 1
        if got != row.expected:
            errors.append(f"line {row.line} [{row.lang}] expected {sorted(row.expected) or 'ok'}, got {sorted(got) or 'ok'}: {row.translation}")
    return counts, errors


def ratio(num: int, den: int) -> float:
    """num/den, 1.0 when there is nothing to measure."""
    return num / den if den else 1.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labelled", nargs="?", default=ROOT / "tests/data/glossary/labelled.tsv", type=Path)
    parser.add_argument("--glossary", default=ROOT / "glossary", type=Path)
    args = parser.parse_args(argv)
    rows = read_rows(args.labelled)
    counts, errors = evaluate(load_glossary(args.glossary), rows)
    out = sys.stdout
    out.write(f"{'lang':<5} {'check':<28} {'tp':>3} {'fp':>3} {'fn':>3} {'precision':>9} {'recall':>6}\n")
    total: Counter[str] = Counter()
    for (lang, cid), c in sorted(counts.items()):
        total.update(c)
        out.write(f"{lang:<5} {cid:<28} {c['tp']:>3} {c['fp']:>3} {c['fn']:>3} "
                  f"{ratio(c['tp'], c['tp'] + c['fp']):>9.3f} {ratio(c['tp'], c['tp'] + c['fn']):>6.3f}\n")
    out.write(f"{'all':<5} {'(' + str(len(rows)) + ' rows)':<28} {total['tp']:>3} {total['fp']:>3} {total['fn']:>3} "
              f"{ratio(total['tp'], total['tp'] + total['fp']):>9.3f} {ratio(total['tp'], total['tp'] + total['fn']):>6.3f}\n")
    for error in errors:
        out.write(f"  {error}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
