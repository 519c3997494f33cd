"""Sentence segmentation on news prose and on pySBD's Golden Rules: newsl10n vs plain pysbd.

Usage::

    .venv/bin/python bench/segmentation_quality.py [--verbose]

Labelled sets live in ``tests/data/segmentation/*.txt`` (expected sentences per
block; the format is described at the top of ``cases.txt``): news prose
(``cases.txt``), clock times (``times.txt``), state abbreviations and datelines
(``states.txt``), lines standing on their own vs wrapped prose (``lines.txt``),
and pySBD's 48 English Golden Rules (``golden_rules_en.txt``, MIT). A case counts
as correct only if every boundary is right. Baseline in the same run: pysbd's
English segmenter on the same inputs, unmodified.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path

import pysbd

from newsl10n.placeables import has_words
from newsl10n.segment import segment_text

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "segmentation"
CASES = DATA / "cases.txt"
GOLDEN_RULES = DATA / "golden_rules_en.txt"


def load_cases(path: Path = CASES) -> list[tuple[str, list[str]]]:
    """(input text, expected sentences) per block of a cases file."""
    cases = []
    for block in path.read_text(encoding="utf-8").split("\n---\n"):
        lines = [ln for ln in block.strip("\n").split("\n") if ln and not ln.startswith("#")]
        if not lines:
            continue
        if lines[0].startswith("input: "):
            cases.append((lines[0][len("input: ") :].replace("\\n", "\n"), lines[1:]))
        else:
            cases.append((" ".join(lines), lines))
    return cases


def case_files() -> list[Path]:
    """Every labelled set, the Golden Rules last."""
    return sorted(DATA.glob("*.txt"), key=lambda p: (p == GOLDEN_RULES, p.name))


def newsl10n_segments(text: str) -> list[str]:
    return [s.source for s in segment_text(text, ref_path="case")[1]]


def pysbd_segments(text: str) -> list[str]:
    seg = pysbd.Segmenter(language="en", clean=False)
    out = [" ".join(s.split()) for s in seg.segment(text)]
    return [s for s in out if s and has_words(s)]


def score(
    func: Callable[[str], list[str]], cases: list[tuple[str, list[str]]], *, name: str, verbose: bool
) -> tuple[int, float]:
    """Cases fully right, and seconds taken."""
    start = time.perf_counter()
    right = 0
    for text, expected in cases:
        got = func(text)
        if got == expected:
            right += 1
        elif verbose:
            print(f"  {name} MISS: {got!r}\n      expected: {expected!r}")
    return right, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every case a segmenter gets wrong")
    args = parser.parse_args()
    print(f"{'set':24s} {'cases':>5s} {'pysbd':>13s} {'newsl10n':>13s}")
    totals = {"pysbd": [0, 0.0], "newsl10n": [0, 0.0]}
    news_cases = 0
    sets = [(path.name, path, load_cases(path)) for path in case_files()]
    # Golden Rule 48 once failed only when the text ended in a newline, as files do.
    golden = [(text + "\n", expected) for text, expected in load_cases(GOLDEN_RULES)]
    sets.append(("golden_rules_en.txt + \\n", GOLDEN_RULES, golden))
    for label, path, cases in sets:
        row = [f"{label:24s} {len(cases):5d}"]
        for name, func in (("pysbd", pysbd_segments), ("newsl10n", newsl10n_segments)):
            right, took = score(func, cases, name=name, verbose=args.verbose)
            row.append(f"{right:4d} ({100 * right / len(cases):3.0f}%)")
            if path != GOLDEN_RULES:
                totals[name][0] += right
                totals[name][1] += took
        if path != GOLDEN_RULES:
            news_cases += len(cases)
        print(" ".join(row))
    row = [f"{'news sets together':24s} {news_cases:5d}"]
    for name in ("pysbd", "newsl10n"):
        right = int(totals[name][0])
        row.append(f"{right:4d} ({100 * right / news_cases:3.0f}%)")
    print(" ".join(row))
    took = {name: f"{seconds * 1000:.0f} ms" for name, (_right, seconds) in totals.items()}
    print(f"time on the news sets: pysbd {took['pysbd']}, newsl10n {took['newsl10n']}")


if __name__ == "__main__":
    main()
