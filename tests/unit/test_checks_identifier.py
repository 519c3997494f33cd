"""py3langid's identifier for ``wrong-language``: the unpacked model cached on disk, and every way back to the packed one."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsl10n.checks import identifier as ident_mod

langid = pytest.importorskip("py3langid.langid")

SAMPLES = [
    "Українська влада виявила масове поховання понад 440 тіл в Ізюмі.",
    "Die ukrainischen Behörden haben in Isjum ein Massengrab gefunden.",
    "Антон Геращенко",
]


@pytest.fixture(autouse=True)
def _fresh() -> Iterator[None]:
    """Each test loads the identifier itself; later tests get a fresh load too."""
    ident_mod.forget()
    yield
    ident_mod.forget()


@pytest.fixture(scope="module")
def packed() -> Any:
    """The identifier loaded the packed way, once for the module."""
    return langid.LanguageIdentifier.from_model_file(langid.MODEL_FILE, norm_probs=True)


@pytest.fixture(scope="module")
def packed_ranks(packed: Any) -> list[Any]:
    """What the packed identifier says about :data:`SAMPLES`."""
    return [packed.rank(text) for text in SAMPLES]


@pytest.fixture(scope="module")
def good_cache(packed: Any, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A cache file as a first load writes it."""
    path = tmp_path_factory.mktemp("identifier") / "model.npz"
    ident_mod._write_cache(path, packed)
    return path.read_bytes()


def _ranks(ident: Any) -> list[Any]:
    return [ident.rank(text) for text in SAMPLES]


def _packed_model_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the packed model was unpacked although the cache was usable")

    monkeypatch.setattr(langid.LanguageIdentifier, "from_model_file", classmethod(refuse))


def test_cache_path_is_under_the_cache_dir_and_names_the_version(tmp_path: Path) -> None:
    import py3langid

    path = ident_mod.cache_path()
    assert path is not None
    assert path.is_relative_to(tmp_path / ".cache")  # conftest's private NEWSL10N_CACHE_DIR
    assert py3langid.__version__ in path.name


def test_first_load_writes_the_cache_and_the_next_process_reads_it(
    monkeypatch: pytest.MonkeyPatch, packed_ranks: list[Any]
) -> None:
    path = ident_mod.cache_path()
    assert path is not None and not path.exists()
    assert _ranks(ident_mod.identifier()) == packed_ranks
    assert path.exists()
    ident_mod.forget()  # as a new process would
    _packed_model_unavailable(monkeypatch)
    assert _ranks(ident_mod.identifier()) == packed_ranks


def test_the_identifier_is_loaded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    first = ident_mod.identifier()
    _packed_model_unavailable(monkeypatch)
    assert ident_mod.identifier() is first


def _garbage(path: Path) -> None:
    path.write_bytes(b"not a zip file at all")


def _truncated(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _mismatched(path: Path) -> None:
    import numpy as np

    with np.load(path) as data:
        arrays = {key: data[key] for key in data.files}
    arrays["pc"] = arrays["pc"][:-1]  # one class fewer than the feature table has
    with path.open("wb") as fh:
        np.savez(fh, **arrays)


def _out_of_range(path: Path) -> None:
    import numpy as np

    with np.load(path) as data:
        arrays = {key: data[key] for key in data.files}
    arrays["out_feat"] = arrays["out_feat"].copy()
    arrays["out_feat"][0] = len(arrays["ptc"]) + 5  # a feature the table does not have
    with path.open("wb") as fh:
        np.savez(fh, **arrays)


@pytest.mark.parametrize(
    "spoil",
    [
        pytest.param(_garbage, id="garbage"),
        pytest.param(_truncated, id="truncated", marks=pytest.mark.slow),
        pytest.param(_mismatched, id="arrays-disagree"),
        pytest.param(_out_of_range, id="index-out-of-range", marks=pytest.mark.slow),
    ],
)
def test_a_corrupt_cache_falls_back_to_the_packed_model_and_is_rewritten(
    spoil: Any,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    packed_ranks: list[Any],
    good_cache: bytes,
) -> None:
    path = ident_mod.cache_path()
    assert path is not None
    path.parent.mkdir(parents=True)
    path.write_bytes(good_cache)
    spoil(path)
    with caplog.at_level("WARNING", logger=ident_mod.__name__):
        assert _ranks(ident_mod.identifier()) == packed_ranks
    assert "unusable language-identifier cache" in caplog.text
    ident_mod.forget()
    _packed_model_unavailable(monkeypatch)
    assert _ranks(ident_mod.identifier()) == packed_ranks  # the rewritten cache is good again


def test_an_unwritable_cache_dir_only_costs_the_speed_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, packed_ranks: list[Any]
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("NEWSL10N_CACHE_DIR", str(blocker / "cache"))
    assert _ranks(ident_mod.identifier()) == packed_ranks
    path = ident_mod.cache_path()
    assert path is not None and not path.exists()


def test_without_py3langid_there_is_no_identifier(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "py3langid", None)
    monkeypatch.setitem(sys.modules, "py3langid.langid", None)
    assert ident_mod.identifier() is None
    assert ident_mod.cache_path() is None


def test_a_directory_where_the_cache_file_belongs_is_worked_around(
    caplog: pytest.LogCaptureFixture, packed_ranks: list[Any]
) -> None:
    path = ident_mod.cache_path()
    assert path is not None
    path.mkdir(parents=True)
    with caplog.at_level("WARNING", logger=ident_mod.__name__):
        assert _ranks(ident_mod.identifier()) == packed_ranks
    assert "unusable language-identifier cache" in caplog.text
