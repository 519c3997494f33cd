"""Sentence segmentation on news prose: newsl10n's rules vs plain pysbd.

Usage::

    .venv/bin/python bench/segmentation_quality.py [--verbose]

Cases live in ``tests/data/segmentation/cases.txt`` (expected sentences per
block). A case counts as correct only if every boundary is right. Baseline in
the same run: pysbd's English segmenter on the same inputs, unmodified.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pysbd

from newsl10n.placeables import has_words
from newsl10n.segment import segment_text

CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "segmentation" / "cases.txt"


def load_cases(path: Path = CASES) -> list[tuple[str, list[str]]]:
    """(input text, expected sentences) per block of ``cases.txt``."""
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


def newsl10n_segments(text: str) -> list[str]:
    return [s.source for s in segment_text(text, ref_path="case")[1]]


def pysbd_segments(text: str) -> list[str]:
    seg = pysbd.Segmenter(language="en", clean=False)
    out = [" ".join(s.split()) for s in seg.segment(text)]
    return [s for s in out if s and has_words(s)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    cases = load_cases()
    for name, func in (("pysbd (baseline)", pysbd_segments), ("newsl10n", newsl10n_segments)):
        start = time.perf_counter()
        right = 0
        for text, expected in cases:
            got = func(text)
            if got == expected:
                right += 1
            elif args.verbose:
                print(f"  {name} MISS: {got!r}\n      expected: {expected!r}")
        took = time.perf_counter() - start
        print(f"{name:18s} {right}/{len(cases)} cases fully correct ({100 * right / len(cases):.0f}%), {took * 1000:.0f} ms")


if __name__ == "__main__":
    main()
