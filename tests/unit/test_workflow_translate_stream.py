"""translate with a streaming backend: drafts saved while the model works, failures cost one entry."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from newsl10n.catalog import read_catalog
from newsl10n.cli import main
from newsl10n.config import Config
from newsl10n.errors import BackendError
from newsl10n.model import Draft, UnitState
from newsl10n.mt.base import Failure, StreamItem
from newsl10n.mt.fake import FakeTranslator
from newsl10n.workflow import extract, translate
from newsl10n.workflow.project import po_path

SLUG = "izium-2022-09-16"


class Busy(FakeTranslator):
    """Streams the second half of its input first, then waits (busy) before the first half.

    While it waits it looks at the catalog on disk, as a kill at that moment would leave it.
    """

    def __init__(self, path: Path, wait: float) -> None:
        super().__init__()
        self.path = path
        self.wait = wait
        self.on_disk_while_busy: list[str] = []

    def translate_stream(
        self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1, chunk: int = 64
    ) -> Iterator[StreamItem]:
        drafts = self.translate_batch(texts, target_lang=target_lang, num_hypotheses=num_hypotheses)
        half = len(texts) // 2
        for i in range(half, len(texts)):
            yield i, replace(drafts[i], pieces=2 if i == half else 1)
        deadline = time.monotonic() + self.wait
        while time.monotonic() < deadline:
            yield None
            time.sleep(0.01)
        self.on_disk_while_busy = [u.source for u in read_catalog(self.path).units if u.target]
        for i in range(half):
            yield i, drafts[i]


def test_drafts_reach_the_catalog_while_the_model_works(project: Config) -> None:
    extract(project)
    path = po_path(project, "uk", SLUG)
    backend = Busy(path, wait=0.8)
    # No draft arrives while the backend is busy: only the save on a busy moment puts the first half on disk.
    result = translate(project, "uk", translator=backend, chunk_size=1000, use_cache=False)
    units = read_catalog(path).units
    assert result.drafted == len(units)
    remaining = sorted((u.source for u in units), key=len)
    assert sorted(backend.on_disk_while_busy) == sorted(remaining[len(remaining) // 2 :])
    [pieced] = [u for u in units if any("made in 2 pieces" in c for c in u.translator_comments)]
    assert pieced.source == remaining[len(remaining) // 2]


class FailsOn(FakeTranslator):
    """Raises on any batch that holds a text containing ``marker``, as a model can on a bad input."""

    def __init__(self, marker: str = "", **kw: object) -> None:
        super().__init__(**kw)  # type: ignore[arg-type]
        self.marker = marker

    def translate_batch(self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1) -> list[Draft]:
        if any(self.marker in t for t in texts):
            raise RuntimeError("No position encodings are defined for positions >= 256")
        return _TRANSLATE(self, texts, target_lang=target_lang, num_hypotheses=num_hypotheses)


_TRANSLATE = FakeTranslator.translate_batch


def test_a_sentence_the_backend_fails_on_stays_untranslated_with_a_warning(
    project: Config, caplog: pytest.LogCaptureFixture
) -> None:
    extract(project)
    path = po_path(project, "uk", SLUG)
    sources = [u.source for u in read_catalog(project.locales_dir / f"{SLUG}.pot").units]
    bad = next(s for s in sources if "Izium" in s)
    with caplog.at_level(logging.WARNING):
        result = translate(project, "uk", translator=FailsOn(bad), use_cache=False)
    units = read_catalog(path).by_key()
    assert units[(bad, None)].state is UnitState.UNTRANSLATED
    assert result.failed == 1 and result.drafted == len(units) - 1
    line = units[(bad, None)].line
    assert f"{path}:{line}: left untranslated: the backend failed on this entry (RuntimeError: No position" in caplog.text
    assert "Traceback" not in caplog.text


def test_nothing_drafted_is_an_error(project: Config) -> None:
    extract(project)
    with pytest.raises(BackendError, match="failed on each of the first 8 sentences"):
        translate(project, "uk", translator=FailsOn(""), use_cache=False)
    assert all(not u.target for u in read_catalog(po_path(project, "uk", SLUG)).units)


def test_failures_pass_through_the_wrappers_and_are_not_cached(project: Config) -> None:
    from newsl10n.mt.base import stream_drafts
    from newsl10n.mt.cache import CachedTranslator
    from newsl10n.mt.protect import ProtectedTranslator

    cached = CachedTranslator(ProtectedTranslator(FailsOn("bad")), path=project.root / "c.sqlite3")
    texts = ["good one", "bad one", "good two"]
    got = dict(item for item in stream_drafts(cached, texts, target_lang="uk") if item)
    assert isinstance(got[1], Failure) and isinstance(got[0], Draft) and isinstance(got[2], Draft)
    cached.inner = ProtectedTranslator(FakeTranslator())
    again = dict(item for item in stream_drafts(cached, texts, target_lang="uk") if item)
    assert isinstance(again[1], Draft)  # tried again, not served a cached failure


@pytest.mark.parametrize(
    ("marker", "code", "message"),
    [
        pytest.param("Izium", 0, ": left untranslated: the backend failed on this entry", id="some-fail"),
        pytest.param("", 3, "error: the backend failed on each of the first 8 sentences", id="all-fail"),
    ],
)
def test_cli_exit_code_for_backend_failures(
    project: Config, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
    marker: str, code: int, message: str,
) -> None:
    import newsl10n.mt.fake as fake

    monkeypatch.setattr(fake.FakeTranslator, "translate_batch", FailsOn.translate_batch)
    monkeypatch.setattr(fake.FakeTranslator, "marker", marker, raising=False)
    assert main(["extract"]) == 0
    got = main(["translate", "--lang", "uk", "--backend", "fake", "--no-cache"])
    err = capsys.readouterr().err
    assert got == code, err
    assert message in err and "Traceback" not in err
