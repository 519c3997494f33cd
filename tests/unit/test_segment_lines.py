"""Line stacks vs wrapped prose (newsl10n.segment.lines), and boundaries that survive a build."""

from __future__ import annotations

import textwrap
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsl10n.segment import segment_text
from newsl10n.segment.lines import MIN_WRAP_WIDTH, blocks
from tests.conftest import load_bench

SEGMENTATION_BENCH = load_bench("segmentation_quality")

# Prose words, many capitalised or numeric, so that a wrapped line often starts with one.
# Not here: an agency name or an all-caps word before a dash, which a line may start
# with only as an agency line or a dateline (see the limits in newsl10n.segment.lines).
PROSE_WORDS = (
    "the", "officials", "said", "on", "Monday", "President", "Kyiv", "3,000", "people",
    "were", "evacuated,", "and", "NATO", "Ukrainian", "forces", "By", "Associated",
    "Photo", "(AP)", "a", "of", "in", "Sept.", "15,", "2022.", "He", "It", "U.S.",
    "extraordinarily", "counteroffensive", "St.", "Mr.", "Gen.", "I", "“Yes,”",
)
PROSE = st.sampled_from(PROSE_WORDS)


def balanced_fill(words: list[str], width: int) -> str:
    """Wrap as ``fmt`` and ``par`` do rather than greedily: the least sum of squared
    shortfalls over every line but the last (Knuth-Plass "minimum raggedness")."""
    n = len(words)
    best = [0.0 if i == n else float("inf") for i in range(n + 1)]
    after = [n] * (n + 1)
    for i in range(n - 1, -1, -1):
        length = -1
        for j in range(i, n):
            length += len(words[j]) + 1
            if length > width and j > i:
                break
            cost = 0 if j == n - 1 else (width - length) ** 2
            if cost + best[j + 1] < best[i]:
                best[i], after[i] = cost + best[j + 1], j + 1
    lines, i = [], 0
    while i < n:
        lines.append(" ".join(words[i : after[i]]))
        i = after[i]
    return "\n".join(lines)


@given(words=st.lists(PROSE, min_size=30, max_size=120), width=st.integers(MIN_WRAP_WIDTH, 100))
def test_greedy_wrapped_prose_is_one_block(words: list[str], width: int) -> None:
    """A paragraph wrapped by an editor, ``fold`` or ``textwrap`` (greedy), at any usual
    width, keeps every line break a wrap, whatever word starts a line."""
    words = [*words, "said."]
    paragraph = textwrap.fill(" ".join(words), width)
    assert blocks(paragraph) == [(0, len(paragraph))]


def test_balanced_wrapped_prose_is_almost_always_one_block() -> None:
    """``fmt``'s balanced wrapping can leave a first line short enough that the next word
    would have fitted, which is the evidence the line-stack rule reads (a stated limit of
    newsl10n.segment.lines): measured on a fixed sample, not asserted never to happen."""
    import random

    rng = random.Random(20261130)
    trials, split = 400, 0
    for _ in range(trials):
        words = [rng.choice(PROSE_WORDS) for _ in range(rng.randint(30, 120))] + ["said."]
        paragraph = balanced_fill(words, rng.randint(MIN_WRAP_WIDTH, 100))
        split += blocks(paragraph) != [(0, len(paragraph))]
    assert split / trials <= 0.03, f"{split} of {trials} balanced paragraphs split"


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        pytest.param(
            "Storm batters coast\nBy JANE DOE\nAssociated Press",
            ["Storm batters coast", "By JANE DOE", "Associated Press"],
            id="stack",
        ),
        pytest.param(
            "A sentence that\nwraps across\nlines.",
            ["A sentence that\nwraps across\nlines."],
            id="lower-case-continuations",
        ),
        pytest.param("Headline here\r\nBody text starts here.", ["Headline here", "Body text starts here."], id="crlf"),
        pytest.param("Headline\n, continued", ["Headline\n, continued"], id="closing-punctuation-continues"),
    ],
)
def test_blocks(paragraph: str, expected: list[str]) -> None:
    assert [paragraph[s:e] for s, e in blocks(paragraph)] == expected


def _cases() -> list[object]:
    return [
        pytest.param(text, id=f"{path.stem}-{i}")
        for path in SEGMENTATION_BENCH.case_files()
        for i, (text, _expected) in enumerate(SEGMENTATION_BENCH.load_cases(path), start=1)
    ]


@pytest.mark.parametrize("text", _cases())
def test_built_text_resegments_the_same(text: str) -> None:
    """``build`` writes each sentence on one line (its msgid); the built text must give the
    same sentences again, or a translated article would not round-trip."""
    _meta, segments = segment_text(text, ref_path="a.txt")
    built, pos = [], 0
    for seg in segments:
        built.extend([text[pos : seg.start], seg.source])
        pos = seg.end
    built.append(text[pos:])
    _meta, again = segment_text("".join(built), ref_path="a.txt")
    assert [s.source for s in again] == [s.source for s in segments]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        # 59 s when a window without a sentence end grew instead of moving on:
        pytest.param("Storm batters coast By JANE DOE Associated Press " * 2000, id="98k-capitalised-no-full-stop"),
        pytest.param("Storm batters coast\nBy JANE DOE\nAssociated Press\n" * 2000, id="6k-stacked-lines"),
        pytest.param("Headline\n" * 20_000, id="20k-one-word-lines"),
        pytest.param(
            "Rep. Ann Wills, D-Ore., and " * 4000 + "others. " + "At 5 a.m. Police said. " * 4000, id="news-joins"
        ),
    ],
)
def test_long_blocks_segment_in_linear_time(text: str) -> None:
    start = time.monotonic()
    _meta, segments = segment_text(text, ref_path="a.txt")
    assert time.monotonic() - start < 15.0
    pos = 0
    for seg in segments:  # in order, never overlapping
        assert pos <= seg.start < seg.end <= len(text)
        pos = seg.end
