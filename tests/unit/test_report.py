"""Tests for report formats and the summary line."""

from __future__ import annotations

import json

import pytest

from newsl10n.model import Finding, Severity
from newsl10n.report import escape_data, escape_property, format_findings, summary_line

FINDINGS = [
    Finding("po/uk/b.po", 30, "numbers", Severity.ERROR, "number 440 is missing", "440 bodies"),
    Finding("po/uk/a.po", 9, "end-punctuation", Severity.WARNING, "the source ends with a ?", "Why?"),
    Finding("po/uk/a.po", 3, "placeables-url", Severity.ERROR, "link x is missing", "x"),
]


def test_text() -> None:
    assert format_findings(FINDINGS, "text") == (
        "po/uk/a.po:3: error: [placeables-url] link x is missing\n"
        "po/uk/a.po:9: warning: [end-punctuation] the source ends with a ?\n"
        "po/uk/b.po:30: error: [numbers] number 440 is missing\n"
    )


def test_text_without_line_and_multiline_message() -> None:
    f = Finding("a.po", 0, "numbers", Severity.INFO, "two\nlines")
    assert format_findings([f], "text") == "a.po: info: [numbers] two lines\n"


def test_json_sorted_and_indented() -> None:
    text = format_findings(FINDINGS, "json")
    data = json.loads(text)
    assert [(d["file"], d["line"]) for d in data] == [("po/uk/a.po", 3), ("po/uk/a.po", 9), ("po/uk/b.po", 30)]
    assert data[0] == FINDINGS[2].as_dict()
    assert text.startswith("[\n  {")


def test_json_empty() -> None:
    assert json.loads(format_findings([], "json")) == []


def test_github() -> None:
    f = Finding("po/uk,x:y.po", 7, "numbers", Severity.ERROR, "100% wrong\nreally", "m")
    w = Finding("a.po", 2, "double-space", Severity.WARNING, "doubled", "m")
    n = Finding("a.po", 0, "numbers", Severity.INFO, "fyi", "m")
    assert format_findings([f, w, n], "github") == (
        "::notice file=a.po,title=newsl10n numbers::fyi\n"
        "::warning file=a.po,line=2,title=newsl10n double-space::doubled\n"
        "::error file=po/uk%2Cx%3Ay.po,line=7,title=newsl10n numbers::100%25 wrong%0Areally\n"
    )


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        pytest.param("a%b", "a%25b", "a%25b", id="percent"),
        pytest.param("a\r\nb", "a%0D%0Ab", "a%0D%0Ab", id="newlines"),
        pytest.param("a:b,c", "a:b,c", "a%3Ab%2Cc", id="colon-comma"),
    ],
)
def test_escapes(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="valid: text, json, github"):
        format_findings(FINDINGS, "xml")


@pytest.mark.parametrize(
    ("findings", "files", "expected"),
    [
        pytest.param(FINDINGS, None, "2 errors, 1 warning in 2 files", id="counts"),
        pytest.param(FINDINGS[:1], None, "1 error, 0 warnings in 1 file", id="singular"),
        pytest.param(FINDINGS, 5, "2 errors, 1 warning in 5 files", id="files-checked"),
        pytest.param([], None, "no findings", id="empty"),
        pytest.param([], 3, "no findings in 3 files", id="empty-files"),
        pytest.param(
            [Finding("a.po", 1, "x", Severity.INFO, "m")], None, "0 errors, 0 warnings, 1 note in 1 file", id="notes"
        ),
    ],
)
def test_summary_line(findings: list[Finding], files: int | None, expected: str) -> None:
    assert summary_line(findings, files=files) == expected
