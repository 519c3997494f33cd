"""Draft confidence: recorded by translate, kept by the PO round trip, shown by stats/review, gated by check."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from newsl10n.catalog import read_catalog, render_catalog, write_catalog
from newsl10n.cli import main
from newsl10n.config import Config
from newsl10n.model import Draft, UnitState
from newsl10n.review.confidence import (
    confidence_comment,
    confidence_from_score,
    confidence_notes,
    draft_confidence,
    parse_confidence,
)
from newsl10n.workflow import check, extract, stats, translate
from newsl10n.workflow.project import po_path
from tests.conftest import msgfmt_check
from tests.review_fixtures import ScoredFake

SLUG = "izium-2022-09-16"


@pytest.mark.parametrize(
    ("score", "confidence"),
    [
        pytest.param(0.0, 1.0, id="certain"),
        pytest.param(math.log(0.62), 0.62, id="log-prob"),
        pytest.param(-math.inf, 0.0, id="minus-inf"),
        pytest.param(0.3, 1.0, id="positive-clamped"),
        pytest.param(None, None, id="no-score"),
        pytest.param(math.nan, None, id="nan"),
    ],
)
def test_confidence_is_exp_of_the_normalised_log_probability(score: float | None, confidence: float | None) -> None:
    got = confidence_from_score(score)
    assert got == (pytest.approx(confidence) if confidence is not None else None)


@pytest.mark.parametrize("value", [0.0, 0.05, 0.5, 0.62, 0.999, 1.0])
def test_comment_round_trips(value: float) -> None:
    comment = confidence_comment(value)
    assert comment.startswith("newsl10n: confidence ")
    assert parse_confidence([comment]) == pytest.approx(round(value, 2))


@pytest.mark.parametrize("text", ["newsl10n: confidence high", "newsl10n: confidence 1.5", "confidence 0.5"])
def test_other_comments_are_not_a_confidence(text: str) -> None:
    assert parse_confidence([text]) is None


@pytest.mark.parametrize(
    ("draft", "chosen", "notes"),
    [
        pytest.param(Draft("a", score=math.log(0.6), alternatives=("a", "b"), scores=(math.log(0.6), math.log(0.3))),
                     0, ["newsl10n: confidence 0.60"], id="best"),
        pytest.param(Draft("a", score=math.log(0.6), alternatives=("a", "b"), scores=(math.log(0.6), math.log(0.3))),
                     1, ["newsl10n: confidence 0.30"], id="steered-to-second"),
        pytest.param(Draft("a", score=math.log(0.6), alternatives=("a", "b")), 0, ["newsl10n: confidence 0.60"],
                     id="old-cache-entry-best"),
        pytest.param(Draft("a", score=math.log(0.6), alternatives=("a", "b")), 1, [], id="old-cache-entry-second"),
        pytest.param(Draft("a"), 0, [], id="no-score"),
    ],
)
def test_the_comment_carries_the_chosen_hypothesis_score(draft: Draft, chosen: int, notes: list[str]) -> None:
    assert confidence_notes(draft, chosen) == notes


def _translated(project: Config, scores: list[float]) -> Path:
    extract(project)
    translate(project, "uk", translator=ScoredFake(scores), use_cache=False)
    return po_path(project, "uk", SLUG)


def test_translate_records_confidence_for_every_draft_and_po_round_trips(project: Config) -> None:
    path = _translated(project, [math.log(0.9), math.log(0.3)])
    catalog = read_catalog(path)
    values = [draft_confidence(u) for u in catalog.units]
    assert all(v is not None for v in values) and set(values) == {0.9, 0.3}
    assert "# newsl10n: confidence 0.90\n" in path.read_text(encoding="utf-8")
    assert render_catalog(read_catalog(path)) == path.read_bytes()
    msgfmt_check(path)


def test_edited_draft_loses_its_confidence(project: Config) -> None:
    path = _translated(project, [math.log(0.4)])
    catalog = read_catalog(path)
    catalog.units[0] = replace(catalog.units[0], target=catalog.units[0].target + " (ред.)")
    write_catalog(catalog, path)
    catalog = read_catalog(path)
    assert draft_confidence(catalog.units[0]) is None
    assert draft_confidence(catalog.units[1]) == 0.4
    reviewed = replace(catalog.units[1], state=UnitState.REVIEWED)
    assert draft_confidence(reviewed) is None


def test_stats_json_shows_confidence(project: Config, capsys: pytest.CaptureFixture[str]) -> None:
    _translated(project, [math.log(0.9), math.log(0.3)])
    [row] = stats(project, lang="uk")
    assert row.drafts_scored == row.draft == 24
    assert row.confidence_min == 0.3 and row.confidence_mean == 0.6
    assert main(["stats", "--lang", "uk", "--format", "json"]) == 0
    [data] = json.loads(capsys.readouterr().out)
    assert (data["confidence_min"], data["confidence_mean"], data["drafts_scored"]) == (0.3, 0.6, 24)


def test_check_min_confidence_warns_on_weak_drafts(project: Config, capsys: pytest.CaptureFixture[str]) -> None:
    _translated(project, [math.log(0.9), math.log(0.3)])
    plain = check(project, lang="uk")
    gated = check(project, lang="uk", min_confidence=0.5)
    weak = [f for f in gated.findings if f.check == "mt-confidence"]
    assert not [f for f in plain.findings if f.check == "mt-confidence"]
    assert len(weak) == 12 and all(f.severity.label == "warning" for f in weak)
    assert "0.30 is below 0.5" in weak[0].message
    catalog = read_catalog(po_path(project, "uk", SLUG))
    lines = {u.line for u in catalog.units if draft_confidence(u) == 0.3}
    assert {f.line for f in weak} == lines
    code = main(["check", "--lang", "uk", "--min-confidence", "0.5", "--fail-on", "warning", "--format", "json"])
    assert code == 1
    assert sum(f["check"] == "mt-confidence" for f in json.loads(capsys.readouterr().out)) == 12


@pytest.mark.parametrize("value", ["1.5", "-0.1", "high"])
def test_min_confidence_out_of_range_is_a_usage_error(
    project: Config, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--min-confidence", value]) == 2
    assert "--min-confidence" in capsys.readouterr().err


class ScoredScript:
    """A backend answering from a script of (hypothesis, probability) n-best lists."""

    name = "scored-script"

    def __init__(self, script: dict[str, list[tuple[str, float]]]) -> None:
        self.script = script

    def signature(self) -> str:
        return "scored-script:v1"

    def translate_batch(self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1) -> list[Draft]:
        out = []
        for text in texts:
            nbest = self.script[text][:num_hypotheses]
            scores = tuple(math.log(p) for _, p in nbest)
            out.append(Draft(nbest[0][0], score=scores[0], alternatives=tuple(t for t, _ in nbest), scores=scores))
        return out


def _story(project: Config, text: str) -> Path:
    for old in (project.root / "articles").iterdir():
        old.unlink()
    (project.root / "articles" / "story.txt").write_text(text, encoding="utf-8")
    extract(project)
    return po_path(project, "uk", "story")


@pytest.mark.parametrize(
    ("nbest", "target", "confidence", "repaired"),
    [
        pytest.param([("Війська залишили Ізюм.", 0.7)], "Війська залишили Ізюм.", 0.70, False, id="best"),
        pytest.param(
            [("Війська втекли з Изюма.", 0.7), ("Війська залишили Ізюм.", 0.4)],
            "Війська залишили Ізюм.", 0.40, False, id="steering-picks-the-second",
        ),
        pytest.param(
            [("Війська втекли з Изюма.", 0.55), ("Війська втекли.", 0.3)],
            "Війська втекли з Ізюма.", 0.55, True, id="term-repaired-in-the-first",
        ),
    ],
)
def test_steered_drafts_record_the_chosen_hypothesis_confidence(  # type: ignore[no-untyped-def]
    project: Config, desk, nbest: list[tuple[str, float]], target: str, confidence: float, repaired: bool
) -> None:
    po = _story(project, "Troops fled Izium.\n")
    translate(project, "uk", translator=ScoredScript({"Troops fled Izium.": nbest}), glossary=desk, use_cache=False)
    [unit] = read_catalog(po).units
    assert unit.target == target
    assert draft_confidence(unit) == pytest.approx(confidence)
    assert any("deprecated term replaced" in c for c in unit.translator_comments) is repaired


def test_greedy_marian_drafts_have_a_confidence(project: Config, tiny_model: Path) -> None:
    from newsl10n.mt.marian import MarianTranslator

    po = _story(project, "Kyiv said so. Thousands of troops fled.\n")
    translate(project, "uk", translator=MarianTranslator(model=str(tiny_model), num_beams=1, max_new_tokens=16),
              use_cache=False)
    values = [draft_confidence(u) for u in read_catalog(po).units]
    assert len(values) == 2 and all(v is not None and 0.0 <= v <= 1.0 for v in values)
