"""The CTranslate2 backend: one-time cached conversion, agreement with transformers, errors."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from newsl10n.errors import BackendError, UsageError
from newsl10n.mt import get_backend, resolve_backend_name
from newsl10n.mt.ct2 import META_FILE, CTranslate2Translator, thread_plan

from tests.conftest import SEED


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ct2-cache")


@pytest.fixture(scope="module")
def float32(tiny_model: Path, cache_dir: Path) -> CTranslate2Translator:
    """The tiny model converted without quantisation, greedy."""
    return CTranslate2Translator(
        model=str(tiny_model), num_beams=1, max_new_tokens=20, compute_type="float32", cache_dir=cache_dir
    )


def _segments() -> list[str]:
    from newsl10n.segment import parse_article

    return [s.source for s in parse_article(SEED).segments]


def test_first_construction_converts_into_the_cache(float32: CTranslate2Translator, cache_dir: Path) -> None:
    assert float32.converted
    assert float32.model_dir.parent == cache_dir
    assert {"model.bin", "source.spm", "target.spm", META_FILE} <= {p.name for p in float32.model_dir.iterdir()}
    assert json.loads((float32.model_dir / META_FILE).read_text())["quantization"] == "float32"
    assert not [p for p in cache_dir.iterdir() if p.name.startswith(".converting-")]  # temp dir cleaned up


def test_second_construction_reuses_the_conversion(
    float32: CTranslate2Translator, tiny_model: Path, cache_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import ctranslate2.converters

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("converted again")

    monkeypatch.setattr(ctranslate2.converters, "TransformersConverter", refuse)
    mtime = (float32.model_dir / "model.bin").stat().st_mtime_ns
    again = CTranslate2Translator(model=str(tiny_model), num_beams=1, compute_type="float32", cache_dir=cache_dir)
    assert not again.converted
    assert again.model_dir == float32.model_dir
    assert (again.model_dir / "model.bin").stat().st_mtime_ns == mtime


def test_cache_key_changes_with_quantisation(float32: CTranslate2Translator, tiny_model: Path, cache_dir: Path) -> None:
    int8 = CTranslate2Translator(model=str(tiny_model), num_beams=1, compute_type="int8", cache_dir=cache_dir)
    assert int8.converted and int8.model_dir != float32.model_dir
    assert int8.signature() != float32.signature()
    assert "|int8|" in int8.signature() and "|float32|" in float32.signature()


def test_float32_equals_transformers_greedy_token_for_token(float32: CTranslate2Translator, tiny_model: Path) -> None:
    import torch

    from newsl10n.mt.marian import MarianTranslator

    texts = _segments()
    marian = MarianTranslator(model=str(tiny_model), num_beams=1, max_new_tokens=20)
    tok = marian._tokenizer
    with torch.inference_mode():
        out = marian._model.generate(
            **tok(texts, return_tensors="pt", padding=True), num_beams=1, max_new_tokens=20, do_sample=False
        )
    expected = [[t for t in tok.convert_ids_to_tokens(row) if t not in ("<pad>", "</s>")] for row in out.tolist()]
    assert float32.best_pieces(texts) == expected
    assert [tok.convert_ids_to_tokens(tok(t)["input_ids"]) for t in texts] == float32.tokenize(texts)
    assert [d.text for d in float32.translate_batch(texts, target_lang="uk")] == [
        d.text for d in marian.translate_batch(texts, target_lang="uk")
    ]


def test_warm_start_imports_neither_torch_nor_transformers(float32: CTranslate2Translator, tiny_model: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from newsl10n.mt.ct2 import CTranslate2Translator as T; "
        f"t = T(model={str(tiny_model)!r}, compute_type='float32', cache_dir=Path({str(float32.model_dir.parent)!r})); "
        "t.translate_batch(['Troops fled.'], target_lang='uk'); "
        "print(t.converted, sorted(m for m in ('torch', 'transformers') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.split() == ["False", "[]"]


def test_overlong_input_is_drafted_in_pieces(float32: CTranslate2Translator) -> None:
    [draft] = float32.translate_batch(["word " * 2000], target_lang="uk")
    assert draft.pieces >= 4  # 2,000 words in pieces of at most 512 tokens
    [streamed] = [item[1] for item in float32.translate_stream(["word " * 2000], target_lang="uk") if item]
    assert streamed == draft


class _Recorder:
    """Wraps a ``ctranslate2.Translator``: records submissions, can fail on one input."""

    def __init__(self, inner: object, *, poison: list[str] | None = None) -> None:
        self.inner = inner
        self.poison = poison
        self.submitted = 0

    def translate_batch(self, source: list[list[str]], **kw: object) -> object:
        if self.poison is not None and self.poison in source:
            raise RuntimeError("No position encodings are defined for positions >= 256")
        self.submitted += 1
        return self.inner.translate_batch(source, **kw)  # type: ignore[attr-defined]


def test_stream_yields_each_batch_as_it_finishes(tiny_model: Path, cache_dir: Path) -> None:
    ct2 = CTranslate2Translator(model=str(tiny_model), num_beams=1, max_new_tokens=20, compute_type="float32",
                                cache_dir=cache_dir, batch_size=2, inter_threads=1)
    recorder = _Recorder(ct2._translator)
    ct2._translator = recorder
    texts = _segments()
    first_seen_after = None
    got = {}
    for item in ct2.translate_stream(texts, target_lang="uk"):
        if item is None:
            continue
        if first_seen_after is None:
            first_seen_after = recorder.submitted
        got[item[0]] = item[1]
    batches = recorder.submitted
    assert batches >= 8
    # The first drafts come back while most batches are not even submitted: at most two in flight per worker.
    assert first_seen_after is not None and first_seen_after <= 3
    assert sorted(got) == list(range(len(texts)))
    # Same drafts as one batch call; the scores may differ in the last float32 bits, since
    # padding to other batch neighbours changes the order of the additions.
    whole = ct2.translate_batch(texts, target_lang="uk")
    streamed = [got[i] for i in range(len(texts))]
    assert [replace(d, score=None, scores=()) for d in streamed] == [replace(d, score=None, scores=()) for d in whole]
    assert [d.score for d in streamed] == pytest.approx([d.score for d in whole], rel=1e-5)


def test_stream_isolates_an_input_the_backend_fails_on(float32: CTranslate2Translator) -> None:
    from newsl10n.mt.base import Failure

    texts = _segments()[:6] + ["Zaporizhzhia Zaporizhzhia"]
    poison = float32.tokenize([texts[-1]])[0]
    recorder = _Recorder(float32._translator, poison=poison)
    original, float32._translator = float32._translator, recorder
    try:
        got = dict(item for item in float32.translate_stream(texts, target_lang="uk") if item)
    finally:
        float32._translator = original
    assert isinstance(got[len(texts) - 1], Failure)
    assert "No position encodings" in got[len(texts) - 1].reason  # type: ignore[union-attr]
    assert [got[i].text for i in range(len(texts) - 1)] == [  # type: ignore[union-attr]
        d.text for d in float32.translate_batch(texts[:-1], target_lang="uk")
    ]


def _bert_dir(d: Path) -> Path:
    (d / "bert").mkdir()
    (d / "bert" / "config.json").write_text(json.dumps({"model_type": "bert"}))
    for name in ("source.spm", "target.spm"):
        (d / "bert" / name).write_bytes(b"")
    return d / "bert"


def _corrupt_weights(d: Path, tiny: Path) -> Path:
    shutil.copytree(tiny, d / "broken")
    for f in (d / "broken").glob("model.safetensors"):
        f.write_bytes(b"not a safetensors file")
    return d / "broken"


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda d, t: "./" + str(d / "nope"), "is not a directory", id="missing-local-path"),
        pytest.param(lambda d, t: str((d / "empty").mkdir() or d / "empty"), "has no config.json", id="empty-dir"),
        pytest.param(lambda d, t: str(_bert_dir(d)), "not a Marian checkpoint", id="not-marian"),
        pytest.param(lambda d, t: str(_corrupt_weights(d, t)), "conversion failed", id="corrupt-weights"),
    ],
)
def test_unloadable_models_are_one_clear_error(tmp_path: Path, tiny_model: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(BackendError, match=message) as info:
        CTranslate2Translator(model=make(tmp_path, tiny_model), cache_dir=tmp_path / "cache")
    assert "with CTranslate2" in info.value.message and info.value.hint
    assert not [p for p in (tmp_path / "cache").glob("*")] if (tmp_path / "cache").exists() else True


def test_missing_ctranslate2_says_how_to_install(monkeypatch: pytest.MonkeyPatch, tiny_model: Path) -> None:
    monkeypatch.setitem(sys.modules, "ctranslate2", None)  # import ctranslate2 -> ImportError
    with pytest.raises(BackendError, match="ctranslate2 is not installed") as info:
        CTranslate2Translator(model=str(tiny_model))
    assert info.value.hint == "pip install 'newsl10n[ct2]'"


def test_registry_hint_when_the_extra_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsl10n.mt as registry

    monkeypatch.setattr(registry, "missing_requirements", lambda name: ["ctranslate2"])
    with pytest.raises(BackendError, match="the ctranslate2 backend needs ctranslate2") as info:
        get_backend("ct2")
    assert info.value.hint == "pip install 'newsl10n[ct2]'"


def test_unconverted_model_without_transformers_is_a_clear_error(
    monkeypatch: pytest.MonkeyPatch, tiny_model: Path, tmp_path: Path
) -> None:
    import newsl10n.mt.ct2 as ct2

    monkeypatch.setattr(ct2, "_find_spec", lambda name: None)
    with pytest.raises(BackendError, match="not converted yet, and converting needs torch and transformers") as info:
        CTranslate2Translator(model=str(tiny_model), cache_dir=tmp_path)
    assert "newsl10n[mt]" in (info.value.hint or "")


def test_cuda_without_a_gpu_is_a_clear_error(monkeypatch: pytest.MonkeyPatch, tiny_model: Path) -> None:
    import ctranslate2

    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    with pytest.raises(BackendError, match="on cuda:0, but CTranslate2 sees 0 CUDA device") as info:
        CTranslate2Translator(model=str(tiny_model), device="cuda")
    assert "--device cpu" in (info.value.hint or "")


def test_bad_device_and_compute_type(tiny_model: Path) -> None:
    with pytest.raises(UsageError, match="unknown device 'tpu'"):
        CTranslate2Translator(model=str(tiny_model), device="tpu")
    with pytest.raises(BackendError, match="compute type 'float16' is not supported on cpu"):
        CTranslate2Translator(model=str(tiny_model), compute_type="float16")


@pytest.mark.parametrize(
    ("cores", "plan"),
    [pytest.param(1, (1, 1), id="1"), pytest.param(2, (2, 1), id="2"), pytest.param(16, (4, 4), id="16")],
)
def test_threads_fill_the_cores(cores: int, plan: tuple[int, int]) -> None:
    assert thread_plan(cores) == plan


def test_auto_prefers_ctranslate2_and_ct2_is_an_alias() -> None:
    assert resolve_backend_name("auto") == "ctranslate2"
    assert resolve_backend_name("ct2") == "ctranslate2"
    assert get_backend("ct2") is CTranslate2Translator


@pytest.mark.parametrize(
    ("lengths", "budget", "expected"),
    [
        pytest.param([5, 3, 9, 1, 4], 8, [[3, 1, 4], [0], [2]], id="shortest-first-within-budget"),
        pytest.param([20, 2], 8, [[1], [0]], id="an-input-over-budget-alone"),
        pytest.param([3, 3, 3], 9, [[0, 1, 2]], id="exactly-the-budget"),
        pytest.param([], 8, [], id="empty"),
    ],
)
def test_token_batches(lengths: list[int], budget: int, expected: list[list[int]]) -> None:
    from newsl10n.mt.batching import token_batches

    assert token_batches(lengths, budget) == expected
