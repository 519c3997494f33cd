"""Precision and recall of every check on the labelled uk/ru set.

``tests/data/checks/labelled.tsv`` holds, per check, correct translations that
must pass and broken ones that must be found (``bench/checks_quality.py``
prints the same figures next to pofilter's). Escapes: ``\\n``, ``\\t``,
``\\s`` (space), ``\\uXXXX``. Optional columns ``flags``, ``plural`` and
``forms`` make a row a format-string or plural entry (see the bench).
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from newsl10n.checks import REGISTRY, run_checks
from newsl10n.checks.base import CheckContext
from tests.conftest import load_bench

LABELLED = Path(__file__).resolve().parents[1] / "data" / "checks" / "labelled.tsv"
# Floors per check; the set includes known hard cases, so not all are 1.0.
MIN_PRECISION = 0.85
MIN_RECALL = 0.85
BENCH = load_bench("checks_quality")  # rows are read and turned into units as the bench does


def _rows() -> list[dict[str, str]]:
    with LABELLED.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


ROWS = _rows()
CHECKS = sorted({r["check"] for r in ROWS})


def test_set_is_well_formed() -> None:
    for row in ROWS:
        assert row["lang"] in {"uk", "ru"}
        assert row["check"] in REGISTRY
        assert row["expected"] in {"ok", "flag"}
    for check in CHECKS:
        rows = [r for r in ROWS if r["check"] == check]
        assert sum(r["expected"] == "ok" for r in rows) >= 8, check
        assert sum(r["expected"] == "flag" for r in rows) >= 8, check
        assert {r["lang"] for r in rows} == {"uk", "ru"}, check


@pytest.mark.parametrize("check", CHECKS)
def test_precision_and_recall(check: str) -> None:
    tp = fp = fn = 0
    wrong = []
    for row in (r for r in BENCH.load(LABELLED) if r.check == check):
        flagged = bool(run_checks([row.unit()], row.context(), select=[check]))
        expected = row.flag
        tp += flagged and expected
        fp += flagged and not expected
        fn += expected and not flagged
        if flagged != expected:
            wrong.append((row.n, row.translation))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    assert precision >= MIN_PRECISION, (precision, wrong)
    assert recall >= MIN_RECALL, (recall, wrong)


REFERENCES = sorted((LABELLED.parents[3] / "locales").glob("*/LC_MESSAGES/*.po"))


@pytest.mark.parametrize("path", REFERENCES, ids=[p.parent.parent.name for p in REFERENCES])
def test_reviewed_reference_catalogs_raise_no_alarm(path: Path) -> None:
    from newsl10n.catalog import read_catalog

    catalog = read_catalog(path)
    lang = path.parent.parent.name
    units = [u for u in catalog.units if u.target]
    assert units
    fmt = catalog.header.get("X-Newsl10n-Format")
    assert run_checks(units, CheckContext(lang=lang, path=str(path), format=fmt), strict=True) == []
