"""translate + glossary: normalised sources, n-best choice, repair, and notes for translators."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from newsl10n.catalog import read_catalog
from newsl10n.config import Config
from newsl10n.model import Draft, UnitState
from newsl10n.workflow import extract, translate
from newsl10n.workflow.project import po_path


class Scripted:
    """A deterministic backend that answers from a script of n-best lists."""

    name: ClassVar[str] = "scripted"

    def __init__(self, script: dict[str, list[str]]) -> None:
        self.script = script
        self.seen: list[str] = []

    def signature(self) -> str:
        return "scripted:v1"

    def translate_batch(self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1) -> list[Draft]:
        self.seen.extend(texts)
        return [Draft(self.script[t][0], alternatives=tuple(self.script[t][:num_hypotheses])) for t in texts]


def _article(project: Config, text: str) -> Path:
    for old in (project.root / "articles").iterdir():
        old.unlink()
    path = project.root / "articles" / "story.txt"
    path.write_text(text, encoding="utf-8")
    extract(project)
    return po_path(project, "uk", "story")


def test_model_sees_normalised_source_but_msgid_is_verbatim(project: Config, desk) -> None:  # type: ignore[no-untyped-def]
    po = _article(project, "Troops fled Izyum.\n")
    backend = Scripted({"Troops fled Izium.": ["Війська втекли з Ізюма."]})
    translate(project, "uk", translator=backend, glossary=desk, use_cache=False)
    assert backend.seen == ["Troops fled Izium."]
    [unit] = read_catalog(po).units
    assert unit.source == "Troops fled Izyum."
    assert unit.target == "Війська втекли з Ізюма." and unit.state is UnitState.MT_DRAFT


def test_prefers_a_hypothesis_that_satisfies_the_glossary(project: Config, desk) -> None:  # type: ignore[no-untyped-def]
    po = _article(project, "Troops fled Izium.\n")
    backend = Scripted({"Troops fled Izium.": ["Війська втекли з Изюма.", "Війська залишили Ізюм."]})
    translate(project, "uk", translator=backend, glossary=desk, use_cache=False)
    assert read_catalog(po).units[0].target == "Війська залишили Ізюм."


def test_repairs_a_deprecated_term_in_the_same_form(project: Config, desk) -> None:  # type: ignore[no-untyped-def]
    po = _article(project, "Graves were found in Izium.\n")
    backend = Scripted({"Graves were found in Izium.": ["Могили знайшли в Изюме."]})
    translate(project, "ru", translator=Scripted({"Graves were found in Izium.": ["Могилы нашли в Ізюмі."]}),
              glossary=desk, use_cache=False)
    translate(project, "uk", translator=backend, glossary=desk, use_cache=False)
    [unit] = read_catalog(po).units
    assert unit.target == "Могили знайшли в Ізюмі."
    assert any("deprecated term replaced" in c for c in unit.translator_comments)
    [ru] = read_catalog(po_path(project, "ru", "story")).units
    assert ru.target == "Могилы нашли в Изюме."


def test_missing_term_keeps_fuzzy_and_names_the_term(project: Config, desk) -> None:  # type: ignore[no-untyped-def]
    po = _article(project, "Troops fled Izium.\n")
    translate(project, "uk", translator=Scripted({"Troops fled Izium.": ["Війська втекли з міста."]}),
              glossary=desk, use_cache=False)
    [unit] = read_catalog(po).units
    assert unit.state is UnitState.MT_DRAFT
    assert any('[glossary-term-missing] needs "Ізюм"' in c for c in unit.translator_comments)


def test_qa_findings_on_drafts_become_translator_comments(project: Config) -> None:
    po = _article(project, "About 440 bodies were found.\n")
    translate(project, "uk", translator=Scripted({"About 440 bodies were found.": ["Знайшли близько тіл тіл."]}),
              use_cache=False)
    [unit] = read_catalog(po).units
    assert "440" in unit.target  # protection put the number back
    assert any(c.startswith("newsl10n: [repeated-word]") for c in unit.translator_comments)
