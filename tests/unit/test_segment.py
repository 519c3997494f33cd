from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.catalog import read_catalog
from newsl10n.errors import ArticleError
from newsl10n.segment import parse_article, segment_text
from tests.conftest import REPO, SEED, load_bench


def sentences(text: str) -> list[str]:
    return [s.source for s in segment_text(text, ref_path="a.txt")[1]]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Mr. Smith met Dr. Jones on Sept. 15. They talked.",
            ["Mr. Smith met Dr. Jones on Sept. 15.", "They talked."],
            id="titles-and-month-abbreviations",
        ),
        pytest.param(
            "The U.S. and the U.N. agreed. Talks resume at 9 a.m. on Monday.",
            ["The U.S. and the U.N. agreed.", "Talks resume at 9 a.m. on Monday."],
            id="initialisms",
        ),
        pytest.param(
            "It cost 1,200 dollars, or 3.5 per cent. Prices rose.",
            ["It cost 1,200 dollars, or 3.5 per cent.", "Prices rose."],
            id="thousands-and-decimals",
        ),
        pytest.param(
            'He said: "We will win. They will lose." Then he left.',
            ['He said: "We will win. They will lose."', "Then he left."],
            id="quote-spanning-sentences",
        ),
        pytest.param(
            "Some died because of fire... some died in strikes. More later.",
            ["Some died because of fire... some died in strikes.", "More later."],
            id="ellipsis-mid-sentence",
        ),
        pytest.param(
            "Read more at https://example.com/a.b/c.html. Then go.",
            ["Read more at https://example.com/a.b/c.html.", "Then go."],
            id="url-with-dots",
        ),
        pytest.param(
            "Graves were found.@ZelenskyyUa : \"Work has begun.\" pic.twitter.com/IipipvFJpb "
            "— Defense of Ukraine (@DefenceU) September 15, 2022",
            ["Graves were found.", '@ZelenskyyUa : "Work has begun."', "— Defense of Ukraine (@DefenceU) September 15, 2022"],
            id="embedded-tweet",
        ),
        pytest.param(
            "Victims number 1000.#Genocide #StandWithUkraine pic.twitter.com/VCU9bMxIlM",
            ["Victims number 1000."],
            id="hashtag-tail-is-not-a-segment",
        ),
        pytest.param(
            "Kyiv 🇺🇦 stands. Who knows? Nobody!",
            ["Kyiv 🇺🇦 stands.", "Who knows?", "Nobody!"],
            id="emoji-and-marks",
        ),
    ],
)
def test_news_prose_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_seed_metadata_is_not_a_segment() -> None:
    article = parse_article(SEED, ref_path="articles/x.txt")
    assert article.metadata == {"date": "2022-09-16"}
    assert article.segments[0].source.startswith("KYIV - Ukrainian authorities")
    assert all("2022-09-16" not in s.source for s in article.segments)


def test_seed_locations_are_article_lines() -> None:
    article = parse_article(SEED, ref_path="articles/x.txt")
    lines = SEED.read_text(encoding="utf-8").split("\n")
    for seg in article.segments:
        assert seg.source.split()[0] in lines[seg.location[1] - 1]
        assert seg.location[0] == "articles/x.txt"


def test_paragraph_numbers_follow_blank_lines() -> None:
    _, segs = segment_text("One. Two.\n\nThree.\n\n\n\nFour.", ref_path="a")
    assert [(s.source, s.paragraph, s.location[1]) for s in segs] == [
        ("One.", 1, 1),
        ("Two.", 1, 1),
        ("Three.", 2, 3),
        ("Four.", 3, 7),
    ]


def test_wrapped_lines_fold_into_one_msgid() -> None:
    assert sentences("A sentence that\nwraps across\r\nlines.") == ["A sentence that wraps across lines."]


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        pytest.param(b"", "article is empty", None, id="empty"),
        pytest.param(b"  \n\n \n", "article is empty", None, id="blank"),
        pytest.param(b"Fine line.\nBad \xff byte.\n", "not valid UTF-8", 2, id="not-utf8"),
        pytest.param(b"One.\nTwo\x00.\n", "NUL byte", 2, id="nul"),
        pytest.param(b"https://example.com #tag", "no translatable text", None, id="only-placeables"),
    ],
)
def test_bad_articles_are_clear_errors(tmp_path: Path, content: bytes, message: str, line: int | None) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match=message) as info:
        parse_article(path)
    assert info.value.path == str(path)
    assert info.value.line == line


def test_missing_article(tmp_path: Path) -> None:
    with pytest.raises(ArticleError, match="not found"):
        parse_article(tmp_path / "nope.txt")


SEGMENTATION_BENCH = load_bench("segmentation_quality")


def _labelled_cases() -> list[object]:
    return [
        pytest.param(text, expected, id=f"{path.stem}-{i}")
        for path in SEGMENTATION_BENCH.case_files()
        for i, (text, expected) in enumerate(SEGMENTATION_BENCH.load_cases(path), start=1)
    ]


@pytest.mark.parametrize(("text", "expected"), _labelled_cases())
def test_labelled_cases(text: str, expected: list[str]) -> None:
    """Every case bench/segmentation_quality.py scores: news prose, times, state abbreviations,
    line stacks, held-out cases and pySBD's 48 Golden Rules (plain pysbd gets 47)."""
    assert sentences(text) == expected


def test_golden_rules_are_all_there() -> None:
    assert len(SEGMENTATION_BENCH.load_cases(SEGMENTATION_BENCH.GOLDEN_RULES)) == 48


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\n\n", " ", "\t\n"])
def test_trailing_whitespace_changes_no_sentence(ending: str) -> None:
    """Golden Rule 48 lost its closing ". . ." when the file ended in a newline."""
    for text, expected in SEGMENTATION_BENCH.load_cases(SEGMENTATION_BENCH.GOLDEN_RULES):
        assert sentences(text + ending) == expected, text
        assert sentences("  " + text) == expected, text


def test_seed_segments_are_the_committed_template() -> None:
    """Re-extracting the seed article gives the msgids of the committed POT, in order."""
    template = read_catalog(REPO / "locales" / "izium-2022-09-16.pot")
    assert list(dict.fromkeys(s.source for s in parse_article(SEED).segments)) == [u.source for u in template.units]
