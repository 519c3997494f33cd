"""Every shortcut taken for speed in ``check`` gives the answer of the plain definition.

``newsl10n check`` must get through 200 catalogs in seconds, so the hot paths
skip work: regexes rewritten so the engine can scan ahead, substring tests
before regexes, span-free glossary look-ups, a numbers comparison skipped when
both sides hold the same plain integers. Each test here runs the shortcut and
the plain version on the same generated text and demands the same result.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from newsl10n.checks import numbers, punctuation, whitespace
from newsl10n.glossary import Glossary
from newsl10n.glossary.audit import _audit, _matchers, target_hits
from newsl10n.glossary.model import Term
from newsl10n.glossary.morph import _verbatim_regex
from newsl10n.placeables import KINDS, NUMBER_RE, VERBATIM_KINDS, _find, _scan, find_placeables

# Characters that make the patterns' edge cases: digits and their separators,
# letters of both scripts and both cases (with the letters whose case mapping
# is irregular), apostrophes, hyphens, @ # / and emoji.
EDGY = st.text(
    alphabet=st.sampled_from(list("0123456789 ,.:-/\u00a0\u202f\u2009abAB_ІіЇїЁёИзюмИзюмеİiσςΣKſ’'@#😀w")),
    max_size=40,
)


def spans(pattern: re.Pattern[str], text: str, group: int = 0) -> list[tuple[int, int]]:
    return [m.span(group) for m in pattern.finditer(text)]


@given(EDGY)
def test_number_pattern_matches_its_readable_form(text: str) -> None:
    readable = re.compile(
        r"(?<![\w.,])(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d|[.,]\d)|\d+(?:[.,:\u00a0\u202f/-]\d+)*)(?![\w])"
    )
    assert spans(NUMBER_RE, text) == spans(readable, text)


@given(EDGY)
def test_numbers_check_pattern_matches_its_readable_form(text: str) -> None:
    readable = re.compile(r"(?<!\w)\d+(?:(?:[.,:/\u00a0\u202f\u2009]|-(?=\d))\d+|[ ]\d{3}(?!\d))*")
    assert spans(numbers._NUMBER_RE, text) == spans(readable, text)


@given(EDGY)
def test_repeat_pattern_matches_its_readable_form(text: str) -> None:
    readable = re.compile(r"(?<![\w’'-])([^\W\d_](?:[\w’'-]*[^\W_])?)\s+(\1)(?![\w’'-])", re.IGNORECASE)
    assert spans(whitespace._REPEAT_RE, text, 1) == spans(readable, text, 1)


@given(
    st.text(alphabet=st.sampled_from(list("skySKY n.İſ@#")), min_size=1, max_size=8).filter(str.strip),
    st.text(alphabet=st.sampled_from(list("skySKY n.İſ@#_a\t")), max_size=30),
    st.booleans(),
)
@example("sky n", "#sky n @sky n _sky n xsky n sky n", False)
@example("Sky", "ſky SKY sky İsky", False)
def test_verbatim_term_pattern_matches_its_readable_form(term: str, text: str, case_sensitive: bool) -> None:
    body = r"\s+".join(re.escape(w) for w in term.split())
    readable = re.compile(rf"(?<![\w@#]){body}(?![\w])", 0 if case_sensitive else re.IGNORECASE)
    pattern = _verbatim_regex(Term(term, "de", case_sensitive=case_sensitive))
    assert spans(pattern, text) == spans(readable, text)


@given(st.one_of(EDGY, st.text(max_size=60), st.sampled_from(["WWW.X.COM a", "www.x.com", "t.co/x", "x@y.com"])))
def test_placeable_prefilter_never_hides_a_placeable(text: str) -> None:
    every_kind = _scan(text, {kind for kind, _ in KINDS})
    assert _find.__wrapped__(text) == every_kind
    assert find_placeables(text, kinds=VERBATIM_KINDS) == [p for p in every_kind if p.kind in VERBATIM_KINDS]


@given(
    st.lists(st.integers(min_value=0, max_value=10**7), max_size=4),
    st.permutations(range(4)),
    st.sampled_from(["uk", "ru", "de", "fr", "en"]),
)
def test_same_plain_integers_need_no_comparison(values: list[int], order: list[int], lang: str) -> None:
    source_tokens = [str(v) for v in values]
    target_tokens = [source_tokens[i] for i in order if i < len(source_tokens)]
    source = [numbers._read_token(t, "en", is_source=True) for t in source_tokens]
    target = [numbers._read_token(t, lang, is_source=False) for t in target_tokens]
    assert list(numbers.compare_numbers(source, target, lang=lang)) == []


# Target texts built from the desk glossary's own words (inflected forms,
# deprecated variants, adjectives) mixed with ordinary words.
TARGET_WORDS = {
    "uk": "Ізюм Ізюмі Ізюма Ізюму Харків Харкові Харківської Харьков Київ Києві Кийові Буча Бучі "
    "Бучанського Зеленський Зеленського Болвінов Болвінова Ізюмом Изюм Изюме росія Росії "
    "українська Sky News в і на з місто війна",
    "ru": "Изюм Изюме Изюма Изюму Харьков Харькове Харьковской Харків Киев Киеве Киеву Буча Буче "
    "Зеленский Зеленского Болвинов Изюмом Ізюм Ізюмі Россия России украинский Sky News в и на "
    "с город война",
}


@pytest.mark.parametrize("lang", ["uk", "ru"])
@given(data=st.data())
def test_span_free_term_lookup_agrees_with_find(desk: Glossary, lang: str, data: st.DataObject) -> None:
    words = data.draw(st.lists(st.sampled_from(TARGET_WORDS[lang].split()), max_size=12))
    glue = st.sampled_from([" ", ", ", " «", "» ", "-", "’"])
    separators = data.draw(st.lists(glue, min_size=len(words), max_size=len(words)))
    text = "".join(w + s for w, s in zip(words, separators))
    matcher = _matchers(desk, lang).usable
    assert matcher.terms_in(text) == {id(h.term) for h in matcher.find(text)}


@pytest.mark.parametrize("lang", ["uk", "ru"])
@given(data=st.data())
def test_audit_shortcuts_agree_with_full_matching(desk: Glossary, lang: str, data: st.DataObject) -> None:
    source = data.draw(st.sampled_from(["In Izium and Kharkiv.", "Izyum", "Volodymyr Zelensky in Bucha", "Nothing."]))
    target = " ".join(data.draw(st.lists(st.sampled_from(TARGET_WORDS[lang].split()), max_size=10)))
    result = _audit(desk, source, target, lang)
    # The plain definition: every hit with offsets, then the concepts.
    good, bad = target_hits(desk, target, lang)
    owner = _matchers(desk, lang).owner
    used = {owner[id(h.term)].id for h in [*good, *bad]}
    expected: list[str] = []
    for hit in desk.source_matcher.find(source):
        concept = hit.concept.id
        if concept not in expected and concept not in used and _matchers(desk, lang).required[concept]:
            expected.append(concept)
    assert [m.concept.id for m in result.missing] == expected
    assert [(u.hit.start, u.hit.end) for u in result.deprecated_target] == [(h.start, h.end) for h in bad]


SOURCE_BITS = [
    "Izium", "IZYUM", "izum", "Kharkiv's", "Kharkov-based", "pro-Russian", "anti-Ukrainian", "Russian",
    "Volodymyr Zelensky", "Zelensky", "Sky  News", "#Izium", "@Kyiv", "Kyiv", "ſky news", "\u212aharkiv",
    "Bucha", "İzium", "the", "in", ",", ".", "’s", "-", " ",
]  # fmt: skip


@given(st.lists(st.sampled_from(SOURCE_BITS), max_size=12).map(" ".join))
def test_source_term_pattern_matches_its_readable_form(desk: Glossary, text: str) -> None:
    from newsl10n.glossary.match import _NOT_PREFIXED, _WORD_START

    for _case_sensitive, pattern in desk.source_matcher._patterns:
        lookahead = pattern.pattern[len(_WORD_START) : pattern.pattern.index(_NOT_PREFIXED)]
        assert lookahead.startswith("(?=[")
        readable = re.compile(pattern.pattern.replace(lookahead, "", 1), pattern.flags)
        assert spans(pattern, text) == spans(readable, text)


def _end_marks_plainly(text: str, lang: str) -> frozenset[str]:
    """``end_marks`` as first written: the whole text translated, then its tail read."""
    text = text.translate(punctuation._EQUIVALENT)
    if lang == "el" and text.rstrip().endswith(";"):
        text = text.rstrip()[:-1] + "?"
    stripped = text.rstrip()
    i = len(stripped)
    while i > 0 and (stripped[i - 1] in punctuation._TRAILING or stripped[i - 1] in punctuation._END_MARKS):
        i -= 1
    rest = stripped[i:].replace("...", "…")
    return frozenset(mark for mark in "?!…:;." if mark in rest)


@given(
    st.text(alphabet=st.sampled_from(list("ab .?!;:…,»”\")\u00a0\n؟？。⋯।\u037e」")), max_size=20),
    st.sampled_from(["", "uk", "el", "ar", "ja"]),
)
@example("Τι είπε;", "el")
@example("Що？»  ", "uk")
def test_end_marks_reads_only_the_tail_as_the_whole_text_would(text: str, lang: str) -> None:
    punctuation.end_marks.cache_clear()
    assert punctuation.end_marks(text, lang) == _end_marks_plainly(text, lang)
