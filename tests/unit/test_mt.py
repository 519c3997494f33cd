"""Backends: one contract for every Translator, plus the real Marian load/generate path."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from newsl10n.errors import BackendError, UsageError
from newsl10n.model import Draft
from newsl10n.mt import get_backend, resolve_backend_name
from newsl10n.mt.base import Translator
from newsl10n.mt.cache import CachedTranslator
from newsl10n.mt.fake import FakeTranslator
from newsl10n.mt.protect import ProtectedTranslator, repair_placeables, split_edges

TEXTS = ["Thousands of troops fled Izium.", "Only crosses and numbers.", "Mass graves were found in 440 places."]


@pytest.fixture(params=["fake", "marian", "ctranslate2", "protected", "cached", "markup"])
def backend(request: pytest.FixtureRequest, tmp_path: Path) -> Translator:
    if request.param == "fake":
        return FakeTranslator()
    if request.param == "ctranslate2":
        from newsl10n.mt.ct2 import CTranslate2Translator

        tiny = request.getfixturevalue("tiny_model")  # converted once per session into a shared cache
        return CTranslate2Translator(model=str(tiny), num_beams=2, max_new_tokens=12, cache_dir=tiny.parent / "ct2")
    if request.param == "marian":
        from newsl10n.mt.marian import MarianTranslator

        return MarianTranslator(model=str(request.getfixturevalue("tiny_model")), num_beams=2, max_new_tokens=12)
    if request.param == "protected":
        return ProtectedTranslator(FakeTranslator(mode="mangle"))
    if request.param == "markup":
        from newsl10n.mt.markup import MarkupTranslator

        return MarkupTranslator(FakeTranslator(), formats=dict.fromkeys(TEXTS, "html"))
    return CachedTranslator(FakeTranslator(), path=tmp_path / "c.sqlite3")


class TestTranslatorContract:
    def test_one_draft_per_text_in_order(self, backend: Translator) -> None:
        drafts = backend.translate_batch(TEXTS, target_lang="uk")
        assert len(drafts) == len(TEXTS)
        assert all(isinstance(d, Draft) and isinstance(d.text, str) for d in drafts)
        single = [backend.translate_batch([t], target_lang="uk")[0].text for t in TEXTS]
        assert [d.text for d in drafts] == single  # batching and order do not change results

    def test_n_best_alternatives_start_with_the_best(self, backend: Translator) -> None:
        [draft] = backend.translate_batch([TEXTS[0]], target_lang="uk", num_hypotheses=2)
        assert draft.alternatives[0] == draft.text
        assert 1 <= len(draft.alternatives) <= 2

    @pytest.mark.parametrize("n", [1, 2])
    def test_every_hypothesis_has_its_score(self, backend: Translator, n: int) -> None:
        first = backend.translate_batch(TEXTS[:2], target_lang="uk", num_hypotheses=n)
        again = backend.translate_batch(TEXTS[:2], target_lang="uk", num_hypotheses=n)  # a cache hit for "cached"
        for draft, same in zip(first, again):
            assert len(draft.scores) == len(draft.alternatives) >= 1
            assert draft.score == draft.scores[0] and all(math.isfinite(s) and s <= 0 for s in draft.scores)
            assert same.scores == pytest.approx(draft.scores, rel=1e-5)

    def test_signature_is_stable_and_explicit(self, backend: Translator) -> None:
        assert backend.signature() == backend.signature()
        assert ":" in backend.signature()

    def test_stream_yields_what_batch_returns(self, backend: Translator) -> None:
        from newsl10n.mt.base import stream_drafts

        items = [item for item in stream_drafts(backend, TEXTS, target_lang="uk", chunk=2) if item is not None]
        assert sorted(i for i, _ in items) == list(range(len(TEXTS)))  # each input once, in any order
        streamed = dict(items)
        assert all(isinstance(d, Draft) for d in streamed.values())
        assert [streamed[i].text for i in range(len(TEXTS))] == [  # type: ignore[union-attr]
            d.text for d in backend.translate_batch(TEXTS, target_lang="uk")
        ]

    def test_empty_batch(self, backend: Translator) -> None:
        assert backend.translate_batch([], target_lang="uk") == []


def test_marian_signature_names_model_and_generation(tiny_model: Path) -> None:
    from newsl10n.mt.marian import MarianTranslator

    sig = MarianTranslator(model=str(tiny_model), num_beams=3, max_new_tokens=20).signature()
    assert sig.startswith(f"marian:{tiny_model.name}@local-") and sig.endswith("|beams:3|max_new_tokens:20|max_len:2x+10")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda d: d / "nope", "is not a directory|not a directory", id="missing-local-path"),
        pytest.param(lambda d: (d / "empty").mkdir() or d / "empty", "tried to load Marian model", id="empty-dir"),
        pytest.param(lambda d: _bert_dir(d), "not a Marian checkpoint", id="not-marian"),
    ],
)
def test_unloadable_models_are_one_clear_error(tmp_path: Path, make, message: str) -> None:  # type: ignore[no-untyped-def]
    from newsl10n.mt.marian import MarianTranslator

    target = make(tmp_path)
    with pytest.raises(BackendError, match=message) as info:
        MarianTranslator(model=str(target) if not str(target).endswith("nope") else "./" + str(target))
    assert info.value.hint


def test_offline_hub_id_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import huggingface_hub.constants

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_OFFLINE", True)  # read at import time
    from newsl10n.mt.marian import MarianTranslator

    with pytest.raises(BackendError, match="tried to load Marian model 'newsl10n-test/no-such-model'") as info:
        MarianTranslator(model="newsl10n-test/no-such-model")
    assert "--model DIR" in (info.value.hint or "")


def _bert_dir(d: Path) -> Path:
    target = d / "bert"
    target.mkdir()
    (target / "config.json").write_text(json.dumps({"model_type": "bert", "architectures": ["BertModel"]}))
    return target


def test_registry() -> None:
    assert get_backend("fake") is FakeTranslator
    assert resolve_backend_name("transformers") == "marian"
    with pytest.raises(UsageError, match="unknown backend 'nope' \\(valid: auto, "):
        get_backend("nope")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param('@ZelenskyyUa : "Work began." pic.twitter.com/abc', ("@ZelenskyyUa : ", '"Work began."', "pic.twitter.com/abc"), id="tweet"),
        pytest.param("Stand with #Ukraine today.", ("", "Stand with #Ukraine today.", ""), id="inner-hashtag-stays"),
        pytest.param("Victims: 1000. #Genocide #StandWithUkraine", ("", "Victims: 1000.", "#Genocide #StandWithUkraine"), id="trailing-tags"),
    ],
)
def test_split_edges(text: str, expected: tuple[str, str, str]) -> None:
    assert split_edges(text) == expected


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        pytest.param("About 440 bodies.", "Близько 404 тіл.", "Близько 440 тіл.", id="changed-number"),
        pytest.param("About 440 bodies.", "Близько тіл.", "Близько тіл 440.", id="dropped-number"),
        pytest.param("It cost 1,200.", "Це коштувало 1 200.", "Це коштувало 1 200.", id="locale-format-kept"),
        pytest.param("Said @DefenceU.", "Сказав @Defenceu.", "Сказав @DefenceU.", id="mangled-handle"),
        pytest.param("See https://x.org/a.", "Див. х.", "Див. х https://x.org/a.", id="dropped-url"),
    ],
)
def test_repair_placeables(source: str, target: str, expected: str) -> None:
    assert repair_placeables(source, target) == expected


def test_cache_keeps_hypothesis_scores_and_reads_entries_without_them(tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "c.sqlite3"
    fake = FakeTranslator()
    [fresh] = CachedTranslator(fake, path=path).translate_batch(["Kyiv said so."], target_lang="uk", num_hypotheses=2)
    cached = CachedTranslator(fake, path=path)
    [hit] = cached.translate_batch(["Kyiv said so."], target_lang="uk", num_hypotheses=2)
    assert cached.hits == 1 and hit == fresh and len(hit.scores) == 2
    with sqlite3.connect(path) as db:  # an entry as written before scores were kept
        [(key, value)] = db.execute("SELECT key, value FROM mt").fetchall()
        old = json.loads(value)
        del old["scores"]
        db.execute("UPDATE mt SET value = ? WHERE key = ?", (json.dumps(old), key))
    [legacy] = CachedTranslator(fake, path=path).translate_batch(["Kyiv said so."], target_lang="uk", num_hypotheses=2)
    assert legacy.scores == () and legacy.score == fresh.score and legacy.alternatives == fresh.alternatives
    assert (legacy.score_of(0), legacy.score_of(1)) == (fresh.score, None)


@pytest.mark.parametrize(
    ("eos_bias", "cut"),
    [pytest.param(0.0, True, id="cut-at-the-limit"), pytest.param(1.0, False, id="ends-by-itself")],
)
def test_greedy_marian_score_is_the_length_normalised_log_probability(
    tiny_model: Path, eos_bias: float, cut: bool
) -> None:
    """Greedy search has no sequences_scores: the score is rebuilt the way beam search defines it."""
    import torch

    from newsl10n.mt.marian import MarianTranslator

    marian = MarianTranslator(model=str(tiny_model), num_beams=1, max_new_tokens=40)
    tok, model = marian._tokenizer, marian._model
    with torch.no_grad():  # the random model never ends on its own; raising the end token's logit makes it
        model.final_logits_bias[0, tok.eos_token_id] += eos_bias
    texts = ["Kyiv said so.", "Thousands of Russian troops fled Izium at the weekend."]
    drafts = marian.translate_batch(texts, target_lang="uk")
    for text, draft in zip(texts, drafts):
        with torch.inference_mode():
            out = model.generate(**tok([text], return_tensors="pt"), num_beams=1, do_sample=False,
                                 max_new_tokens=marian.limits.new_tokens(len(tok(text)["input_ids"]), 40))
            ids = out[0].tolist()[1:]
            dec = torch.tensor([[model.config.decoder_start_token_id, *ids[:-1]]])
            logits = model(**tok([text], return_tensors="pt"), decoder_input_ids=dec).logits[0].clone()
            lps = torch.log_softmax(logits, -1)  # over the whole vocabulary, as beam search normalises
        ended = ids[-1] == tok.eos_token_id and not draft.truncated
        assert ended is not cut
        teacher = [float(lps[i, t]) for i, t in enumerate(ids)]
        expected = sum(teacher) / len(teacher) if ended else sum(teacher[:-1]) / len(teacher)
        assert draft.scores == (draft.score,) and draft.score == pytest.approx(expected, abs=1e-4)
