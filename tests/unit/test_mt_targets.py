"""Multi-target models: default model per language, target-token selection, a tiny model with >>xxx<< tokens."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.config import load_config
from newsl10n.errors import EXIT_BACKEND, BackendError, ConfigError
from newsl10n.mt.targets import DEFAULT_MODELS, candidate_codes, default_model, select_token, target_tokens

ZLW = [">>pol<<", ">>ces<<", ">>csb_Latn<<", ">>dsb<<", ">>hsb<<", "▁Izium", "</s>"]
ZH = [">>cmn_Hans<<", ">>cmn_Hant<<", ">>yue_Hant<<", ">>lzh<<", "▁的"]


@pytest.mark.parametrize(
    ("vocab", "lang", "token"),
    [
        pytest.param(ZLW, "pl", ">>pol<<", id="polish"),
        pytest.param(ZLW, "pl_PL", ">>pol<<", id="polish-region"),
        pytest.param(ZLW, "cs", ">>ces<<", id="czech"),
        pytest.param(ZH, "zh", ">>cmn_Hans<<", id="chinese-macrolanguage-and-likely-script"),
        pytest.param(ZH, "zh_Hant", ">>cmn_Hant<<", id="chinese-traditional"),
        pytest.param([">>srp_Cyrl<<", ">>srp_Latn<<", ">>hrv<<"], "sr-Latn", ">>srp_Latn<<", id="serbian-latin"),
        pytest.param([">>fr<<", ">>es<<", ">>it<<"], "fr", ">>fr<<", id="two-letter-tokens"),
        pytest.param(["▁Izium", "</s>"], "uk", None, id="single-target-model"),
    ],
)
def test_token_is_picked_for_the_target_language(vocab: list[str], lang: str, token: str | None) -> None:
    assert select_token(vocab, lang, model="m") == token


def test_codes_come_from_iso_639_3() -> None:
    langcodes = pytest.importorskip("langcodes")
    for lang in ("pl", "cs", "de", "uk", "ar", "tr"):
        assert candidate_codes(lang)[1] == langcodes.Language.get(lang).to_alpha3()


def test_missing_token_fails_clearly_with_exit_3() -> None:
    with pytest.raises(BackendError) as info:
        select_token(ZLW, "de", model="opus-mt-en-zlw")
    assert info.value.exit_code == EXIT_BACKEND == 3
    assert ">>deu<<" in str(info.value) and ">>pol<<" in (info.value.hint or "")


def test_configured_token_wins_and_must_exist() -> None:
    assert select_token(ZLW, "pl", model="m", configured=">>csb_Latn<<") == ">>csb_Latn<<"
    with pytest.raises(BackendError):
        select_token(ZLW, "pl", model="m", configured="deu")


def test_default_models_cover_twenty_newsroom_languages() -> None:
    common = ["ar", "de", "es", "fr", "it", "ja", "nl", "pl", "pt", "ru", "tr", "uk", "zh", "cs", "el", "he",
              "hi", "hu", "ro", "sv", "vi", "id", "bg", "da", "fi"]  # fmt: skip
    assert set(common) <= set(DEFAULT_MODELS)
    assert default_model("pl_PL") == "Helsinki-NLP/opus-mt-en-zlw"
    assert default_model("xx") == "Helsinki-NLP/opus-mt-en-xx"
    assert target_tokens(ZLW) == sorted(ZLW[:5])


def test_config_names_model_and_token(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.newsl10n]\nlanguages = ["pl", "de"]\n[tool.newsl10n.models]\n'
        'pl = { model = "Helsinki-NLP/opus-mt-en-zlw", token = "pol" }\nde = "my/model"\n',
        encoding="utf-8",
    )
    config = load_config(start=tmp_path)
    assert config.model_for("pl") == "Helsinki-NLP/opus-mt-en-zlw" and config.token_for("pl") == ">>pol<<"
    assert config.model_for("de") == "my/model" and config.token_for("de") is None


@pytest.mark.parametrize("value", ['{ modle = "x" }', "{ }", '{ token = "" }', "3"])
def test_bad_model_table_is_a_config_error(tmp_path: Path, value: str) -> None:
    (tmp_path / "pyproject.toml").write_text(f"[tool.newsl10n.models]\npl = {value}\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(start=tmp_path)


@pytest.fixture(scope="module")
def multi_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("torch")
    pytest.importorskip("transformers")
    from newsl10n.mt.randmodel import build_random_marian

    texts = ["Ukrainian authorities found a mass grave in Izium.", "Władze odkryły masowy grób w Iziumie.",
             "Úřady našly hromadný hrob v Izjumu."] * 20  # fmt: skip
    return build_random_marian(
        tmp_path_factory.mktemp("multi"), texts=texts, vocab_size=120, target_tokens=[">>pol<<", ">>ces<<"]
    )


def test_tiny_multi_target_model_gets_the_polish_token(multi_model: Path) -> None:
    from newsl10n.mt.marian import MarianTranslator

    translator = MarianTranslator(model=str(multi_model), num_beams=1, max_new_tokens=4)
    assert ">>pol<<" in translator._tokenizer.get_vocab()
    seen: list[list[str]] = []
    original = translator._generate
    translator._generate = lambda texts, limits, n: seen.append(texts) or original(texts, limits, n)  # type: ignore[method-assign]
    drafts = translator.translate_batch(["Izium."], target_lang="pl")
    assert len(drafts) == 1 and seen == [[">>pol<< Izium."]]
    ids = translator._tokenizer(seen[0])["input_ids"][0]
    assert ids[0] == translator._tokenizer.get_vocab()[">>pol<<"]  # one piece, not spelled out
    with pytest.raises(BackendError) as info:
        translator.translate_batch(["Izium."], target_lang="de")
    assert info.value.exit_code == 3


def test_configured_token_reaches_the_translator(multi_model: Path, tmp_path: Path) -> None:
    from newsl10n.workflow.translate import open_translator

    (tmp_path / "pyproject.toml").write_text(
        f'[tool.newsl10n]\nbackend = "marian"\n[tool.newsl10n.models]\n'
        f'pl = {{ model = "{multi_model}", token = ">>ces<<" }}\n',
        encoding="utf-8",
    )
    translator = open_translator(load_config(start=tmp_path), "pl", num_beams=1)
    assert translator._target_prefix("pl") == ">>ces<<"  # type: ignore[attr-defined]


@pytest.mark.parametrize(("lang", "code"), [("pl", 0), ("de", 3)])
def test_translate_command_with_a_multi_target_model(
    multi_model: Path, project: object, lang: str, code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    from newsl10n.cli import main

    assert main(["extract"]) == 0
    argv = ["translate", "--lang", lang, "--backend", "marian", "--model", str(multi_model), "--no-cache"]
    assert main(argv) == code
    err = capsys.readouterr().err
    if code == 3:
        assert "has no target token for 'de'" in err and ">>pol<<" in err


def test_ctranslate2_backend_adds_the_token_too(multi_model: Path, tmp_path: Path) -> None:
    pytest.importorskip("ctranslate2")
    from newsl10n.mt.ct2 import CTranslate2Translator

    translator = CTranslate2Translator(
        model=str(multi_model), num_beams=1, max_new_tokens=4, compute_type="float32", cache_dir=tmp_path
    )
    assert translator._with_target_token([["▁I", "</s>"]], "pl") == [[">>pol<<", "▁I", "</s>"]]
    assert len(translator.translate_batch(["Izium."], target_lang="pl")) == 1
    with pytest.raises(BackendError) as info:
        translator.translate_batch(["Izium."], target_lang="de")
    assert info.value.exit_code == 3


def test_a_configured_target_token_is_part_of_the_signature(multi_model: Path, tmp_path: Path) -> None:
    """The MT cache keys on the signature: drafts made with >>ces<< are not reused for >>pol<<."""
    from newsl10n.mt.marian import MarianTranslator

    auto = MarianTranslator(model=str(multi_model), num_beams=1).signature()
    ces = MarianTranslator(model=str(multi_model), num_beams=1, target_token=">>ces<<").signature()
    assert "token:" not in auto and ces.endswith("|token:>>ces<<")
    pytest.importorskip("ctranslate2")
    from newsl10n.mt.ct2 import CTranslate2Translator

    ct2 = CTranslate2Translator(model=str(multi_model), num_beams=1, compute_type="float32", cache_dir=tmp_path,
                                target_token=">>pol<<")
    assert ct2.signature().endswith("|token:>>pol<<")
