"""Property: on generated HTML and Markdown documents, no segment's markup reaches the model,
and a model that echoes its input gets every segment back byte for byte."""

from __future__ import annotations

from hypothesis import given, settings

from newsl10n import formats
from newsl10n.formats.inline import markup_signature
from newsl10n.mt.markup import mask, restore
from tests.property.test_formats_roundtrip import DOCUMENT, MD_DOC


def _check(source: str, fmt: str) -> None:
    masked = mask(source, format=fmt)
    assert restore(masked, masked.text) == source
    # Nothing the markup check would compare is left in what the model sees.
    assert not markup_signature(masked.text, format=fmt), (source, masked.text)


@settings(max_examples=60, deadline=None)
@given(DOCUMENT)
def test_html_segments_survive_masking(src: str) -> None:
    for seg in formats.parse_text(src, path="g.html", format="html").segments:
        _check(seg.source, "html")


@settings(max_examples=60, deadline=None)
@given(MD_DOC)
def test_markdown_segments_survive_masking(src: str) -> None:
    for seg in formats.parse_text(src, path="g.md", format="markdown").segments:
        _check(seg.source, "markdown")
