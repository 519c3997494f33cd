"""Tests for the ``placeables-*`` checks."""

from __future__ import annotations

import pytest

from newsl10n.checks import REGISTRY
from newsl10n.checks.base import CheckContext
from newsl10n.model import Severity, Unit, UnitState


def run(check_id: str, source: str, target: str) -> list[str]:
    unit = Unit(source=source, target=target, state=UnitState.REVIEWED)
    return [i.message for i in REGISTRY[check_id].func(unit, CheckContext(lang="uk"))]


@pytest.mark.parametrize(
    ("check_id", "source", "target"),
    [
        pytest.param("placeables-url", "pic.twitter.com/IipipvFJpb", "pic.twitter.com/IipipvFJpb", id="pic"),
        pytest.param("placeables-url", "See https://a.org/x.", "Див. https://a.org/x.", id="url-dot"),
        pytest.param("placeables-url", "See https://a.org/x", "Див.https://a.org/xтут", id="glued-cyrillic"),
        pytest.param("placeables-url", "No links.", "Без посилань.", id="no-url"),
        pytest.param("placeables-handle", "(@DefenceU)", "(@DefenceU)", id="handle"),
        pytest.param("placeables-handle", "graves.@ZelenskyyUa :", "могил.@ZelenskyyUa :", id="handle-after-dot"),
        pytest.param("placeables-hashtag", "#StandWithUkraine", "#StandWithUkraine", id="hashtag"),
        pytest.param("placeables-email", "a@b.ua", "A@B.ua", id="email-case"),
        pytest.param("placeables-handle", "mail press@mvs.gov.ua", "пишіть press@mvs.gov.ua", id="email-not-handle"),
    ],
)
def test_unchanged_placeables_pass(check_id: str, source: str, target: str) -> None:
    assert run(check_id, source, target) == []


@pytest.mark.parametrize(
    ("check_id", "source", "target", "fragment"),
    [
        pytest.param("placeables-url", "pic.twitter.com/IipipvFJpb", "pic.twitter.com/IipipvFJp", "changed", id="truncated"),
        pytest.param("placeables-url", "pic.twitter.com/Hna2HTGNDE", "pic.twitter.com/hna2htgnde", "changed", id="lowercased"),
        pytest.param("placeables-url", "Video: pic.twitter.com/Ab", "Відео", "missing", id="dropped"),
        pytest.param("placeables-handle", "(@DefenceU)", "(@DefenseU)", "@DefenseU", id="respelled"),
        pytest.param("placeables-handle", "(@DefenceU)", "(@DefenceUA)", "@DefenceUA", id="extended"),
        pytest.param("placeables-handle", "@a and @a", "@a", "2 times", id="count"),
        pytest.param("placeables-hashtag", "#Izium", "#Изюм", "#Izium", id="translated"),
        pytest.param("placeables-email", "tips@st.com", "tips@st. com", "tips@st.com", id="email-space"),
    ],
)
def test_changed_placeables_reported(check_id: str, source: str, target: str, fragment: str) -> None:
    messages = run(check_id, source, target)
    assert len(messages) == 1
    assert fragment in messages[0]


@pytest.mark.parametrize(
    ("check_id", "severity"),
    [
        pytest.param("placeables-url", Severity.ERROR, id="url"),
        pytest.param("placeables-handle", Severity.ERROR, id="handle"),
        pytest.param("placeables-hashtag", Severity.WARNING, id="hashtag"),
        pytest.param("placeables-email", Severity.ERROR, id="email"),
    ],
)
def test_severities(check_id: str, severity: Severity) -> None:
    assert REGISTRY[check_id].severity is severity
