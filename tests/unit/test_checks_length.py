"""Tests for the ``length-ratio`` check."""

from __future__ import annotations

import pytest

from newsl10n.checks.base import CheckContext
from newsl10n.checks.length import bounds_for, length_ratio, measured_length
from newsl10n.model import Severity, Unit, UnitState

SOURCE = "Ukraine and its Western allies have accused the Russian forces of war crimes."


def run(source: str, target: str, lang: str = "uk", **options: object) -> list[tuple[str, Severity | None]]:
    u = Unit(source=source, target=target, state=UnitState.REVIEWED)
    return [(i.message, i.severity) for i in length_ratio(u, CheckContext(lang=lang, options=options))]


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        pytest.param("Україна та її західні союзники звинуватили російські війська у воєнних злочинах.", None, id="normal"),
        pytest.param("Україна та її союзники звинуватили Росію у злочинах.", None, id="terse"),
        pytest.param("Україна та її західні союзники", Severity.WARNING, id="truncated-half"),
        pytest.param("Україна.", Severity.ERROR, id="truncated-word"),
        pytest.param("Україна звинуватила Росію. " * 6, Severity.WARNING, id="repeated"),
        pytest.param("Україна звинуватила Росію. " * 9, Severity.ERROR, id="looping"),
    ],
)
def test_length_ratio(target: str, expected: Severity | None) -> None:
    issues = run(SOURCE, target)
    if expected is None:
        assert issues == []
    else:
        assert len(issues) == 1
        assert (issues[0][1] or Severity.WARNING) is expected


def test_short_segments_are_not_checked() -> None:
    assert run("Yes, he did it.", "Так.") == []


def test_placeables_do_not_count() -> None:
    assert measured_length("Ruins. pic.twitter.com/Hna2HTGNDE  @DefenceU") == len("Ruins.")


def test_bounds_per_language_and_options() -> None:
    assert bounds_for("uk") == (0.55, 2.0)
    assert bounds_for("ru_RU") == (0.55, 2.0)
    assert bounds_for("xx") == (0.5, 2.2)
    assert bounds_for("uk", options={"length_bounds": {"uk": [0.1, 9]}}) == (0.1, 9.0)
    assert run(SOURCE, "Україна.", length_bounds={"uk": (0.05, 9)}) == []
