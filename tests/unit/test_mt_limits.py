"""Model limits: over-long sentences drafted in pieces, decoding limits from the source length."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from newsl10n.model import Draft
from newsl10n.mt.base import ModelLimits
from newsl10n.mt.split import join_drafts, plan_pieces, split_for_model

from tests.conftest import SEED


def words(texts: Sequence[str]) -> list[int]:
    """A stand-in tokenizer: one token per word, plus the end token."""
    return [len(t.split()) + 1 for t in texts]


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        pytest.param("a b c; d e f; g h", 7, ["a b c; d e f;", "g h"], id="semicolons-packed"),
        pytest.param("a b, c d; e f, g h", 5, ["a b, c d;", "e f, g h"], id="semicolon-before-comma"),
        pytest.param("a b: c d, e f, g h", 5, ["a b:", "c d, e f,", "g h"], id="colon-then-commas"),
        pytest.param("a b c — d e f — g", 5, ["a b c —", "d e f —", "g"], id="dashes"),
        pytest.param("a b c d e f g", 4, ["a b c", "d e f", "g"], id="word-windows"),
        pytest.param("see https://x.org/a,b: c d e", 4, ["see https://x.org/a,b:", "c d e"], id="no-cut-inside-url"),
        pytest.param("paid 1,200, then 3,400", 3, ["paid 1,200,", "then 3,400"], id="no-cut-inside-number"),
    ],
)
def test_split_points(text: str, limit: int, expected: list[str]) -> None:
    pieces = split_for_model(text, count=words, limit=limit)
    assert pieces == expected
    assert all(n <= limit for n in words(pieces))
    assert _norm(" ".join(pieces)) == _norm(text)


def test_a_word_longer_than_the_limit_is_cut_into_character_windows() -> None:
    def chars(texts: Sequence[str]) -> list[int]:
        return [len(t) + 1 for t in texts]

    pieces = split_for_model("abcdefghij", count=chars, limit=4)
    assert pieces == ["abc", "def", "ghi", "j"]


def test_plan_maps_pieces_back_and_join_keeps_order_and_flags() -> None:
    plan = plan_pieces(["short", "a b c d e f g"], count=words, limit=4)
    assert plan.inputs == ["short", "a b c", "d e f", "g"]
    assert plan.spans == [range(0, 1), range(1, 4)]
    assert plan.owners == [0, 1, 1, 1]
    joined = join_drafts(
        [Draft("A", score=-1.0, alternatives=("A", "A2")), Draft("B", score=-3.0, truncated=True), Draft("C", score=-2.0)]
    )
    assert (joined.text, joined.alternatives, joined.pieces, joined.truncated) == ("A B C", ("A B C", "A2 B C"), 3, True)
    assert joined.score == -2.0
    assert joined.scores == ()  # the pieces gave no score per hypothesis


@pytest.mark.parametrize(
    ("pieces", "scores"),
    [
        pytest.param([Draft("A", -1.0, ("A", "A2"), scores=(-1.0, -2.0)), Draft("B", -3.0, ("B",), scores=(-3.0,))],
                     (-2.0, -2.5), id="one-hypothesis-piece-repeats-its-best"),
        pytest.param([Draft("A", -1.0, ("A", "A2"), scores=(-1.0, -2.0)), Draft("B", -3.0, ("B", "B2"))],
                     (), id="a-piece-without-the-second-score"),
    ],
)
def test_joined_hypothesis_scores_are_the_mean_of_their_pieces(pieces: list[Draft], scores: tuple[float, ...]) -> None:
    joined = join_drafts(pieces)
    assert joined.scores == pytest.approx(scores) and joined.score == -2.0


@pytest.mark.parametrize(
    ("source_tokens", "max_new", "expected"),
    [
        pytest.param(5, 256, 20, id="short-source"),
        pytest.param(100, 256, 210, id="long-source"),
        pytest.param(200, 256, 256, id="max-new-tokens-caps"),
        pytest.param(400, 1000, 511, id="model-positions-cap"),
    ],
)
def test_decoding_limit_follows_the_source(source_tokens: int, max_new: int, expected: int) -> None:
    limits = ModelLimits.from_config({"max_position_embeddings": 512}, {"max_length": 512})
    assert limits.new_tokens(source_tokens, max_new) == expected
    assert limits.signature() == "max_len:2x+10"


def test_limits_come_from_the_model_config() -> None:
    limits = ModelLimits.from_config({"max_position_embeddings": 256}, {"max_length": 200})
    assert (limits.max_input, limits.max_output) == (256, 199)
    assert ModelLimits.from_config({"max_position_embeddings": 256}).max_output == 256


# -- both real backends on a model with 256 positions ---------------------------------------


@pytest.fixture(scope="module")
def short_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A tiny random Marian model with ``max_position_embeddings`` 256 (some local models have it)."""
    from newsl10n.mt.randmodel import build_random_marian

    texts = SEED.read_text(encoding="utf-8").splitlines() + ["Україна Ізюм Харків Київ тіла могила 440"]
    return build_random_marian(
        tmp_path_factory.mktemp("short-marian"), texts=texts, vocab_size=300, max_position_embeddings=256
    )


def _backend(kind: str, model: Path, **kw: object) -> object:
    if kind == "marian":
        from newsl10n.mt.marian import MarianTranslator

        return MarianTranslator(model=str(model), num_beams=1, **kw)  # type: ignore[arg-type]
    from newsl10n.mt.ct2 import CTranslate2Translator

    return CTranslate2Translator(
        model=str(model), num_beams=1, compute_type="float32", cache_dir=model.parent / "ct2", **kw  # type: ignore[arg-type]
    )


LONG = " ".join(
    f"officials in district {i} said on Tuesday that the shelling had continued through the night"
    + (";" if i % 5 == 4 else ",")
    for i in range(80)
) + " and https://example.org/report,final was published."  # 1,200+ words, a link with a comma at the end


@pytest.mark.parametrize("kind", ["marian", "ctranslate2"])
def test_a_sentence_longer_than_the_model_is_drafted_in_pieces(kind: str, short_model: Path) -> None:
    from newsl10n.mt.protect import ProtectedTranslator

    backend = _backend(kind, short_model, max_new_tokens=40)
    assert backend.limits.max_input == 256  # type: ignore[attr-defined]
    assert len(LONG.split()) > 1200 and backend.count_tokens([LONG])[0] > 256  # type: ignore[attr-defined]
    short = "Troops fled Izium."
    [alone] = backend.translate_batch([short], target_lang="uk")  # type: ignore[attr-defined]
    long_draft, short_draft = ProtectedTranslator(backend).translate_batch([LONG, short], target_lang="uk")  # type: ignore[arg-type]
    assert long_draft.pieces > 1 and short_draft.pieces == 1
    assert short_draft.text == alone.text  # the long neighbour changes nothing for the short one
    assert "https://example.org/report,final" in long_draft.text  # placeables survive the split


@pytest.mark.parametrize("kind", ["marian", "ctranslate2"])
def test_drafts_stop_at_the_source_length_limit_and_say_so(kind: str, tiny_model: Path) -> None:
    backend = _backend(kind, tiny_model, max_new_tokens=256)
    assert backend.signature().endswith("|max_new_tokens:256|max_len:2x+10")  # type: ignore[attr-defined]
    texts = ["Izium.", "Troops fled Izium on Tuesday after the shelling of the city."]
    lengths = backend.count_tokens(texts)  # type: ignore[attr-defined]
    drafts = backend.translate_batch(texts, target_lang="uk")  # type: ignore[attr-defined]
    # A random-weight model never ends a sentence by itself: without a limit from the source
    # length it would run to max_new_tokens (255 pieces) on every input.
    for n, draft in zip(lengths, drafts):
        assert draft.truncated
        assert _target_tokens(backend, draft.text) <= 2 * n + 10 + 3  # (re-tokenising the text may differ slightly)
    # The short source's draft does not depend on its long batch neighbour.
    assert backend.translate_batch(texts[:1], target_lang="uk")[0].text == drafts[0].text  # type: ignore[attr-defined]


def _target_tokens(backend: object, text: str) -> int:
    if hasattr(backend, "_target_sp"):
        return len(backend._target_sp.encode(text))
    tok = backend._tokenizer  # type: ignore[attr-defined]
    return len(tok(text_target=text)["input_ids"]) - 1


def test_truncated_drafts_are_flagged_in_the_catalog(project, tiny_model: Path) -> None:  # type: ignore[no-untyped-def]
    from newsl10n.catalog import read_catalog
    from newsl10n.mt.ct2 import CTranslate2Translator
    from newsl10n.workflow import extract, translate

    extract(project)
    ct2 = CTranslate2Translator(model=str(tiny_model), num_beams=1, max_new_tokens=256, cache_dir=tiny_model.parent / "ct2")
    result = translate(project, "uk", translator=ct2, use_cache=False)
    assert "|max_len:2x+10" in (result.signature or "")
    [po] = (project.locales_dir / "uk" / "LC_MESSAGES").glob("*.po")
    units = read_catalog(po).units
    flagged = [u for u in units if any("stopped at its length limit" in c for c in u.translator_comments)]
    assert len(flagged) == len(units) == result.drafted  # a random model runs to the limit every time


@pytest.mark.parametrize("backend", ["ct2", "marian"])
def test_cli_drafts_a_1200_word_sentence_on_a_256_position_model(
    project, short_model: Path, capsys: pytest.CaptureFixture[str], backend: str  # type: ignore[no-untyped-def]
) -> None:
    from newsl10n.catalog import read_catalog
    from newsl10n.cli import main

    (project.root / "articles" / "long.txt").write_text(LONG + "\n\nA short one.\n", encoding="utf-8")
    assert main(["extract", "articles/long.txt"]) == 0
    code = main(["translate", "--lang", "uk", "--backend", backend, "--model", str(short_model), "--beams", "1",
                 "--no-cache", "articles/long.txt"])
    err = capsys.readouterr().err
    assert code == 0, err
    units = {u.source: u for u in read_catalog(project.locales_dir / "uk" / "LC_MESSAGES" / "long.po").units}
    long_unit = units[LONG]  # the catalog keeps the whole sentence
    assert long_unit.target and any("pieces" in c and "made in" in c for c in long_unit.translator_comments)
    assert not any("pieces" in c for c in units["A short one."].translator_comments)
