"""Inline markup around the model: placeholders in, markup back, lost or reordered tags repaired."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.formats.inline import markup_signature, unbalanced
from newsl10n.model import Draft
from newsl10n.mt.fake import FakeTranslator
from newsl10n.mt.markup import MarkupTranslator, mask, restore
from newsl10n.mt.protect import ProtectedTranslator

SAMPLES = [
    pytest.param('Read <a href="https://x.org/a?id=1&amp;b=2">the report</a> on <em>Izium</em>.', "html", id="link"),
    pytest.param("I<b>zium</b> and <code>ls -1</code> now<br>ok&nbsp;x.", "html", id="glued-code-br"),
    pytest.param('<strong>Izium</strong>, <abbr title="Kharkiv">Kh.</abbr> <!-- note --> region.', "html", id="edges"),
    pytest.param("See [the map](https://x.org/m \"Map\") of *Izium*, **440 bodies**, `ls`.", "markdown", id="md"),
    pytest.param("![Graves](img.jpg) in the forest, see <https://a.b> and [here][1].", "markdown", id="md-image"),
    pytest.param("Crosses <em>and</em> numbers.", "markdown", id="md-inline-html"),
]


@pytest.mark.parametrize(("text", "fmt"), SAMPLES)
def test_model_sees_no_markup_and_an_echo_gives_the_source_back(text: str, fmt: str) -> None:
    masked = mask(text, format=fmt)
    for mark in ("<", ">", "href", "`", "*", "](", "&nbsp;"):
        assert mark not in masked.text
    assert restore(masked, masked.text) == text


@pytest.mark.parametrize(("text", "fmt"), SAMPLES)
def test_fake_translation_keeps_every_tag(text: str, fmt: str) -> None:
    fake = FakeTranslator()
    engine = MarkupTranslator(ProtectedTranslator(fake), formats={text: fmt})
    (draft,) = engine.translate_batch([text], target_lang="uk")
    assert markup_signature(draft.text, format=fmt) == markup_signature(text, format=fmt)
    assert not unbalanced(draft.text, format=fmt)
    assert draft.text != text  # the words were translated
    assert all("<" not in t and "`" not in t for call in fake.calls for t in call)


def test_texts_without_a_markup_format_go_through_untouched() -> None:
    fake = FakeTranslator(mode="echo")
    text = "A <b>literal</b> tag in a text article."
    engine = MarkupTranslator(fake, formats={text: "text"})
    assert engine.translate_batch([text], target_lang="uk")[0].text == text
    assert fake.calls == [[text]]


SOURCE = 'Read the <a href="/r">full report</a> on <em>Izium</em> today.'


def _repaired(model_output: str, source: str = SOURCE, fmt: str = "html") -> str:
    return restore(mask(source, format=fmt), model_output)


@pytest.mark.parametrize(
    ("model_output", "expected"),
    [
        pytest.param(
            "Читайте #m1 повний звіт #m2 про #m3 Ізюм #m4 сьогодні.",
            'Читайте <a href="/r">повний звіт</a> про <em>Ізюм</em> сьогодні.',
            id="kept",
        ),
        pytest.param(
            "Читайте #m2 повний звіт #m1 про #m3 Ізюм #m4 сьогодні.",
            'Читайте <a href="/r">повний звіт</a> про <em>Ізюм</em> сьогодні.',
            id="pair-reversed",
        ),
        pytest.param(
            "Читайте #m1 повний звіт про #m3 Ізюм #m4 сьогодні.",
            'Читайте <a href="/r">повний звіт</a> про <em>Ізюм</em> сьогодні.',
            id="close-lost",
        ),
        pytest.param(
            "Читайте повний звіт #m2 про #m3 Ізюм #m4 сьогодні.",
            'Читайте <a href="/r">повний звіт</a> про <em>Ізюм</em> сьогодні.',
            id="open-lost",
        ),
        pytest.param(
            "Читайте #m1 повний звіт #m2 #m2 про #m3 Ізюм #m4 #m3 сьогодні.",
            'Читайте <a href="/r">повний звіт</a> про <em>Ізюм</em> сьогодні.',
            id="duplicates",
        ),
        pytest.param(
            "Читайте # м1 повний звіт #M2 про #m3 Ізюм #m4 сьогодні.",
            'Читайте <a href="/r">повний звіт</a> про <em>Ізюм</em> сьогодні.',
            id="respelled",
        ),
    ],
)
def test_repair(model_output: str, expected: str) -> None:
    assert _repaired(model_output) == expected


def test_a_pair_lost_inside_the_sentence_is_left_out_not_guessed() -> None:
    out = _repaired("Читайте повний звіт про #m3 Ізюм #m4 сьогодні.")
    assert out == "Читайте повний звіт про <em>Ізюм</em> сьогодні."
    assert not unbalanced(out, format="html")


def test_a_pair_around_the_whole_sentence_wraps_the_whole_draft() -> None:
    assert _repaired("Ізюм звільнено.", "<strong>Izium is free.</strong>") == "<strong>Ізюм звільнено</strong>."


def test_a_lost_lone_item_returns_at_the_same_relative_place() -> None:
    source = "First line<br>second line."
    out = _repaired("Перший рядок другий рядок.", source)
    assert out == "Перший рядок<br>другий рядок."


def test_markdown_link_and_emphasis_repaired() -> None:
    source = "See [the map](https://x.org/m) of *Izium* now."
    out = _repaired("Дивіться #m1 мапу #m2 #m3 Ізюма зараз.", source, "markdown")
    assert out == "Дивіться [мапу](https://x.org/m) *Ізюма* зараз."
    assert markup_signature(out, format="markdown") == markup_signature(source, format="markdown")


def test_alternatives_are_restored_too() -> None:
    class TwoBest:
        name = "two"

        def signature(self) -> str:
            return "two"

        def translate_batch(self, texts: list[str], *, target_lang: str, num_hypotheses: int = 1) -> list[Draft]:
            return [Draft(t, alternatives=(t, t.replace("#m2", ""))) for t in texts]

    text = "A <em>b</em> c."
    (draft,) = MarkupTranslator(TwoBest(), formats={text: "html"}).translate_batch([text], target_lang="uk", num_hypotheses=2)
    assert draft.alternatives == ("A <em>b</em> c.", "A <em>b</em> c.")


@pytest.mark.slow
def test_tiny_marian_model_never_sees_a_tag_and_the_draft_pairs_up(tiny_model: Path) -> None:
    from newsl10n.mt.marian import MarianTranslator

    marian = MarianTranslator(model=str(tiny_model), num_beams=2, max_new_tokens=16)
    seen: list[str] = []
    real = marian.translate_batch

    def spy(texts: list[str], **kw: object) -> list[Draft]:
        seen.extend(texts)
        return real(texts, **kw)  # type: ignore[arg-type]

    marian.translate_batch = spy  # type: ignore[method-assign]
    texts = [str(p.values[0]) for p in SAMPLES]
    formats = {str(p.values[0]): str(p.values[1]) for p in SAMPLES}
    drafts = MarkupTranslator(ProtectedTranslator(marian), formats=formats).translate_batch(texts, target_lang="uk")
    assert seen and not any("<" in t or "href" in t for t in seen)
    for text, draft in zip(texts, drafts):
        fmt = formats[text]
        # Random weights produce noise; the tags still pair up whatever the model did.
        assert not unbalanced(draft.text, format=fmt), (text, draft.text)
