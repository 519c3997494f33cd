"""translate: drafts are fuzzy and marked, human work is never lost, no work loads no model."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from newsl10n.catalog import is_machine_draft, read_catalog, write_catalog
from newsl10n.config import Config
from newsl10n.errors import BackendError
from newsl10n.model import Draft, UnitState
from newsl10n.mt.fake import FakeTranslator
from newsl10n.placeables import find_placeables
from newsl10n.workflow import extract, translate, update
from newsl10n.workflow.project import po_path
from tests.conftest import msgfmt_check

SLUG = "izium-2022-09-16"


def never() -> FakeTranslator:
    raise AssertionError("a model was loaded although nothing needed translating")


def test_drafts_are_fuzzy_and_name_the_model(project: Config) -> None:
    extract(project)
    fake = FakeTranslator()
    result = translate(project, "uk", translator=fake)
    po = read_catalog(po_path(project, "uk", SLUG))
    assert result.drafted == len(po.units) == result.pending
    for unit in po.units:
        assert unit.state is UnitState.MT_DRAFT and unit.target
        assert unit.origin == "fake:fake|mode:translit"
        assert any("machine draft by fake:fake|mode:translit" in c for c in unit.translator_comments)
        assert is_machine_draft(unit)
    assert po.header["X-Newsl10n-MT"] == "fake:fake|mode:translit"
    msgfmt_check(po_path(project, "uk", SLUG))


def test_rerun_loads_no_model_and_changes_no_byte(project: Config) -> None:
    extract(project)
    translate(project, "uk", translator=FakeTranslator())
    path = po_path(project, "uk", SLUG)
    before = path.read_bytes()
    result = translate(project, "uk", translator_factory=never)
    assert result.pending == 0 and result.signature is None
    assert path.read_bytes() == before


def test_human_translations_are_never_overwritten(project: Config) -> None:
    extract(project)
    [res] = update(project, "uk")
    po = read_catalog(res.path)
    reviewed, fuzzy_human = po.units[0].source, po.units[1].source
    po.units[0] = replace(po.units[0], target="Людський переклад.", state=UnitState.REVIEWED)
    po.units[1] = replace(po.units[1], target="Чернетка перекладача.", state=UnitState.MT_DRAFT)
    write_catalog(po, res.path)
    translate(project, "uk", translator=FakeTranslator(), redraft=True)
    by = read_catalog(res.path).by_key()
    assert by[(reviewed, None)].target == "Людський переклад."
    assert by[(fuzzy_human, None)].target == "Чернетка перекладача."
    assert not any("machine draft" in c for c in by[(fuzzy_human, None)].translator_comments)


def test_redraft_replaces_only_untouched_machine_drafts(project: Config) -> None:
    extract(project)
    translate(project, "uk", translator=FakeTranslator())
    path = po_path(project, "uk", SLUG)
    po = read_catalog(path)
    edited = po.units[0].source
    po.units[0] = replace(po.units[0], target=po.units[0].target + " (виправлено)")
    write_catalog(po, path)
    translate(project, "uk", translator=FakeTranslator(mode="echo"), redraft=True, use_cache=False)
    by = read_catalog(path).by_key()
    assert by[(edited, None)].target.endswith("(виправлено)")
    others = [u for k, u in by.items() if k != (edited, None)]
    assert all(u.target == u.source for u in others)


def test_placeables_survive_a_careless_model(project: Config) -> None:
    extract(project)
    translate(project, "uk", translator=FakeTranslator(mode="mangle"))
    for unit in read_catalog(po_path(project, "uk", SLUG)).units:
        source = sorted(p.text for p in find_placeables(unit.source) if p.kind != "number")
        target = sorted(p.text for p in find_placeables(unit.target) if p.kind != "number")
        assert source == target, unit.source
        for number in (p.text for p in find_placeables(unit.source) if p.kind == "number"):
            assert number in unit.target, (number, unit.target)


def test_unloadable_model_changes_no_catalog(project: Config, tmp_path: Path) -> None:
    extract(project)
    with pytest.raises(BackendError, match="not a directory"):
        translate(project, "uk", translator_factory=lambda: _open_marian(tmp_path / "missing.txt"))
    assert not po_path(project, "uk", SLUG).exists()


def _open_marian(path: Path) -> FakeTranslator:
    path.write_text("not a model", encoding="utf-8")
    from newsl10n.mt.marian import MarianTranslator

    MarianTranslator(model=str(path))
    raise AssertionError("unreachable")


class EditsWhileTranslating(FakeTranslator):
    """Simulates a translator saving in Poedit while the model runs."""

    def __init__(self, path: Path, source: str) -> None:
        super().__init__()
        self.path, self.source = path, source

    def translate_batch(self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1) -> list[Draft]:
        po = read_catalog(self.path)
        po.units = [replace(u, target="Від перекладача.", state=UnitState.REVIEWED) if u.source == self.source else u
                    for u in po.units]
        write_catalog(po, self.path)
        return super().translate_batch(texts, target_lang=target_lang, num_hypotheses=num_hypotheses)


def test_concurrent_human_edit_wins_over_draft(project: Config) -> None:
    extract(project)
    [res] = update(project, "uk")
    source = read_catalog(res.path).units[3].source
    translate(project, "uk", translator=EditsWhileTranslating(res.path, source), chunk_size=100)
    unit = read_catalog(res.path).by_key()[(source, None)]
    assert (unit.target, unit.state) == ("Від перекладача.", UnitState.REVIEWED)


class DiesOnSecondBatch(FakeTranslator):
    def translate_batch(self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1) -> list[Draft]:
        if self.calls:
            raise KeyboardInterrupt
        return super().translate_batch(texts, target_lang=target_lang, num_hypotheses=num_hypotheses)


def test_interrupted_run_keeps_drafts_and_resumes(project: Config) -> None:
    extract(project)
    with pytest.raises(KeyboardInterrupt):
        translate(project, "uk", translator=DiesOnSecondBatch(), chunk_size=5, use_cache=False)
    path = po_path(project, "uk", SLUG)
    drafted = [u for u in read_catalog(path).units if u.state is UnitState.MT_DRAFT]
    assert len(drafted) == 5
    msgfmt_check(path)
    fake = FakeTranslator()
    result = translate(project, "uk", translator=fake, use_cache=False)
    assert result.drafted == len(read_catalog(path).units) - 5
    assert not {u.source for u in drafted} & {t for call in fake.calls for t in call}


def test_articles_share_one_queue_and_translation_memory(project: Config) -> None:
    extract(project)
    [res] = update(project, "uk")
    po = read_catalog(res.path)
    po.units[0] = replace(po.units[0], target="Рецензований переклад.", state=UnitState.REVIEWED)
    write_catalog(po, res.path)
    second = project.root / "articles" / "second.txt"
    second.write_text(f"{po.units[0].source}\n\nA brand new sentence. Another one.\n", encoding="utf-8")
    extract(project)
    fake = FakeTranslator()
    result = translate(project, "uk", translator=fake, chunk_size=100, use_cache=False)
    assert len(fake.calls) == 1  # both articles in one batch
    assert result.reused == 1
    reused = read_catalog(po_path(project, "uk", "second")).by_key()[(po.units[0].source, None)]
    assert reused.target == "Рецензований переклад." and reused.state is UnitState.MT_DRAFT
    assert any("reused from translation memory" in c for c in reused.translator_comments)


def test_mt_cache_means_no_second_model_call(project: Config) -> None:
    extract(project)
    translate(project, "uk", translator=FakeTranslator())
    po_path(project, "uk", SLUG).unlink()
    fake = FakeTranslator()
    result = translate(project, "uk", translator=fake)
    assert fake.calls == [] and result.model_calls == 0 and result.drafted > 0
    bypass = FakeTranslator()
    po_path(project, "uk", SLUG).unlink()
    translate(project, "uk", translator=bypass, use_cache=False)
    assert bypass.calls


def test_progress_is_reported(project: Config) -> None:
    extract(project)
    seen: list[tuple[int, int]] = []
    translate(project, "uk", translator=FakeTranslator(), chunk_size=10, progress=lambda d, t: seen.append((d, t)))
    total = seen[0][1]
    assert seen[0] == (0, total) and seen[-1] == (total, total)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_redraft_works_with_a_long_model_signature(project: Config) -> None:
    extract(project)
    long_name = "Helsinki-NLP-mirror/" + "opus-mt-en-uk-" * 6
    translate(project, "uk", translator=FakeTranslator(model=long_name), use_cache=False)
    path = po_path(project, "uk", SLUG)
    assert all(is_machine_draft(u) for u in read_catalog(path).units)
    result = translate(project, "uk", translator=FakeTranslator(mode="echo"), redraft=True, use_cache=False)
    assert result.drafted == len(read_catalog(path).units)
