"""Precision and recall ≥ 0.95 in every language of the per-language labelled set.

``tests/data/checks/labelled_locales.tsv``: correct translations into de, fr,
es, pl, ar, ja (and uk, ru for the checks added with it) that use each
locale's own conventions (1.200,5 / 1 200,5 / ٤٤٠ / 63,5 % / „…“ / « … » /
「…」 / ¿…? / ؟), and planted defects of every kind the checks look for.
"""

from __future__ import annotations

import pytest

from newsl10n.checks import REGISTRY, run_checks
from tests.conftest import load_bench

BENCH = load_bench("checks_quality")
ROWS = BENCH.load(BENCH.LABELLED_LOCALES)
LANGS = sorted({r.lang for r in ROWS})
TARGET = 0.95


def test_set_covers_the_languages_and_checks() -> None:
    assert {"de", "fr", "es", "pl", "ar", "ja", "uk", "ru"} <= set(LANGS)
    for row in ROWS:
        assert row.check in REGISTRY
    for lang in {"de", "fr", "es", "pl", "ar", "ja"}:
        flagged = {r.check for r in ROWS if r.lang == lang and r.flag}
        assert {"numbers", "quotes-balanced", "end-punctuation", "length-ratio", "untranslated",
                "wrong-language", "bidi-controls"} <= flagged, lang  # fmt: skip
        assert flagged & {"latin-leftover", "source-leftover"}, lang


@pytest.mark.parametrize("lang", LANGS)
def test_precision_and_recall_per_language(lang: str) -> None:
    tp = fp = fn = 0
    wrong = []
    for row in (r for r in ROWS if r.lang == lang):
        flagged = bool(run_checks([row.unit()], row.context(), select=[row.check]))
        tp += flagged and row.flag
        fp += flagged and not row.flag
        fn += row.flag and not flagged
        if flagged != row.flag:
            wrong.append((row.n, row.check, row.translation))
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    assert precision >= TARGET and recall >= TARGET, wrong
