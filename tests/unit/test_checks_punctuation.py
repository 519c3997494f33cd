"""Tests for the ``quotes-balanced`` and ``end-punctuation`` checks."""

from __future__ import annotations

import pytest

from newsl10n.checks.base import CheckContext
from newsl10n.checks.punctuation import balance, end_marks, end_punctuation, quotes_balanced
from newsl10n.model import Unit, UnitState

CTX = CheckContext(lang="uk")


def unit(source: str, target: str) -> Unit:
    return Unit(source=source, target=target, state=UnitState.REVIEWED)


@pytest.mark.parametrize(
    ("source", "target"),
    [
        pytest.param('"Yes," he said.', "«Так», — сказав він.", id="guillemets"),
        pytest.param("signed “Ukrainian army”.", "напис «Українська армія».", id="curly-to-guillemets"),
        pytest.param("\"They wrote 'army' here.\"", "«Вони написали „армія“ тут».", id="nested-low-high"),
        pytest.param("\"They wrote 'army' here.\"", "«Вони написали „армія” тут».", id="nested-low-right"),
        pytest.param('"Some died...', "«Одні загинули...", id="open-continues"),
        pytest.param('some died," he said.', "інші — ні», — сказав він.", id="close-continues"),
        pytest.param("It's the largest.", "Це найбільше.", id="apostrophe-source"),
        pytest.param('"Five died."', "«П’ятеро загинули».", id="apostrophe-target"),
        pytest.param('He said "yes".', 'Він сказав "так".', id="straight"),
        pytest.param("liberated (areas)", "звільнених (районах)", id="brackets"),
        pytest.param("[Photo] ruins", "[Фото] руїни", id="square"),
        # English curly quotes in Ukrainian copy, as Django's uk catalogs write them:
        # “ closes „…“ in uk, but here nothing is open, so it opens.
        pytest.param("“%(value)s” is not a valid UUID.", "“%(value)s” не є валідним UUID.", id="english-curly"),
        pytest.param("a URL starting with a scheme such as “https://”.",
                     "URL (який починається зі схеми, як-от “https://”).", id="english-curly-url"),
    ],
)
def test_balanced_quotes_pass(source: str, target: str) -> None:
    assert list(quotes_balanced(unit(source, target), CTX)) == []


@pytest.mark.parametrize(
    ("source", "target", "fragment"),
    [
        pytest.param('"Yes," he said.', "«Так, — сказав він.", "not closed", id="unclosed"),
        pytest.param('"Yes."', "«Так»».", "no opening", id="stray-close"),
        pytest.param('"Some died...', "«Одні загинули...»", "must stay open", id="closed-continuation"),
        pytest.param("\"They wrote 'army' here.\"", "«Вони написали „армія тут».", "mismatched", id="inner-unclosed"),
        pytest.param('He said "yes".', "Він сказав «так“.", "not closed", id="wrong-family"),
        pytest.param("liberated (areas)", "звільнених (районах", "()", id="bracket-unclosed"),
        pytest.param("[Photo] ruins", "Фото] руїни", "[]", id="bracket-stray"),
    ],
)
def test_unbalanced_quotes_reported(source: str, target: str, fragment: str) -> None:
    messages = [i.message for i in quotes_balanced(unit(source, target), CTX)]
    assert messages
    assert fragment in messages[0]


def test_balance_counts() -> None:
    b = balance("«a „b“ c» (d")
    assert b.quotes == (0, 0)
    assert b.brackets == (("(", 1, 0),)


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        pytest.param("Done.", {"."}, id="stop"),
        pytest.param('"Done."', {"."}, id="inside-quote"),
        pytest.param("«Готово».", {"."}, id="outside-quote"),
        pytest.param("Why?!", {"?", "!"}, id="interrobang"),
        pytest.param("Wait...", {"…"}, id="three-dots"),
        pytest.param("Чекай…", {"…"}, id="ellipsis"),
        pytest.param("September 15, 2022", set(), id="none"),
        pytest.param("said: ", {":"}, id="colon"),
    ],
)
def test_end_marks(text: str, marks: set[str]) -> None:
    assert end_marks(text) == marks


@pytest.mark.parametrize(
    ("source", "target", "flagged"),
    [
        pytest.param("Why here?", "Чому тут?", False, id="question"),
        pytest.param("Why here?", "Чому тут.", True, id="question-lost"),
        pytest.param("Glory to Ukraine!", "Слава Україні.", True, id="exclamation-lost"),
        pytest.param("Some died...", "Деякі загинули…", False, id="ellipsis-kept"),
        pytest.param("Some died...", "Деякі загинули.", True, id="ellipsis-lost"),
        pytest.param("They fled.", "Вони втекли", True, id="stop-lost"),
        pytest.param("ALSO READ: offensive", "ЧИТАЙТЕ ТАКОЖ: наступ.", True, id="stop-added"),
        pytest.param('"Air strikes."', "«Авіаудари».", False, id="stop-moves-outside-quote"),
        pytest.param("He said:", "Він сказав —", False, id="colon-to-dash"),
        pytest.param("They deny it.", "Вони заперечують?", True, id="question-added"),
        # Full stops of abbreviations in labels (Django's admin calendar, uk): not a sentence's.
        pytest.param("Jan", "Січ.", False, id="abbreviated-month"),
        pytest.param("Sep", "Верес.", False, id="abbreviated-month-six-letters"),
        pytest.param("6 a.m.", "6:00", False, id="time-label"),
        pytest.param("In the U.S.", "У США", False, id="letter-abbreviation-label"),
        pytest.param("Read more", "Читати далі.", True, id="label-stop-added"),
        pytest.param("Offensive", "Наступальна операція.", True, id="one-word-stop-added-to-a-phrase"),
        pytest.param("Troops entered the town at 6 a.m.", "Війська увійшли до міста о 6:00", True,
                     id="sentence-ending-in-an-abbreviation"),
    ],
)
def test_end_punctuation(source: str, target: str, flagged: bool) -> None:
    assert bool(list(end_punctuation(unit(source, target), CTX))) is flagged
