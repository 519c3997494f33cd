"""translate on HTML/Markdown articles: the model never sees a tag, drafts keep every one."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from newsl10n.catalog import read_catalog
from newsl10n.config import Config, load_config
from newsl10n.formats.inline import markup_signature, unbalanced
from newsl10n.model import Draft
from newsl10n.mt.fake import FakeTranslator
from newsl10n.workflow import extract, translate
from newsl10n.workflow.project import po_path

HTML = """<!doctype html>
<html><head><title>Graves in Izium</title></head><body>
<p>Investigators found <a href="https://example.org/izium?id=1&amp;p=2">more than 440 graves</a> in
<em>Izium</em>. The <strong>police</strong> said so<br>on Friday.</p>
<p>Run <code>ls -1</code> to list the files.</p>
</body></html>
"""
MARKDOWN = """# Graves in *Izium*

Investigators found [more than 440 graves](https://example.org/izium) in **Izium**, see `graves.csv`.
"""


@pytest.fixture
def markup_project(project: Config) -> Config:
    root = project.root
    (root / "articles" / "graves.html").write_text(HTML, encoding="utf-8")
    (root / "articles" / "graves-md.md").write_text(MARKDOWN, encoding="utf-8")
    text = (root / "pyproject.toml").read_text(encoding="utf-8")
    (root / "pyproject.toml").write_text(
        text.replace('articles = ["articles/*.txt"]', 'articles = ["articles/*.html", "articles/*.md"]'), encoding="utf-8"
    )
    return load_config(start=root)


class DropsPlaceholders(FakeTranslator):
    """A model that loses every placeholder of a pair inside the sentence (the worst case)."""

    def translate_batch(self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1) -> list[Draft]:
        import re

        drafts = super().translate_batch(texts, target_lang=target_lang, num_hypotheses=num_hypotheses)
        return [Draft(re.sub(r" ?#m\d+", "", d.text), score=d.score) for d in drafts]


@pytest.mark.parametrize(("slug", "fmt"), [("graves", "html"), ("graves-md", "markdown")])
def test_drafts_keep_every_tag_and_the_model_never_sees_one(markup_project: Config, slug: str, fmt: str) -> None:
    extract(markup_project)
    fake = FakeTranslator()
    translate(markup_project, "uk", translator=fake, use_cache=False)
    sent = [t for call in fake.calls for t in call]
    assert sent and not any(mark in t for t in sent for mark in ("<", "href", "`", "](", "&amp;"))
    po = read_catalog(po_path(markup_project, "uk", slug))
    marked = [u for u in po.units if markup_signature(u.source, format=fmt)]
    assert marked
    for unit in marked:
        assert markup_signature(unit.target, format=fmt) == markup_signature(unit.source, format=fmt), unit.target
        assert not unbalanced(unit.target, format=fmt)
        assert not any("[markup-" in c for c in unit.translator_comments)


def test_a_pair_the_model_lost_is_left_for_the_translator_with_a_comment(markup_project: Config) -> None:
    extract(markup_project)
    translate(markup_project, "uk", translator=DropsPlaceholders(), use_cache=False)
    po = read_catalog(po_path(markup_project, "uk", "graves"))
    unit = next(u for u in po.units if u.source.startswith("Investigators found"))
    # The link spanned part of the sentence: where it goes is the translator's call.
    assert "<a " not in unit.target
    assert any("[markup-missing]" in c and "https://example.org/izium" in c for c in unit.translator_comments)
    # A lone item the model dropped is put back where it was, relative to the words.
    br = next(u for u in po.units if "<br>" in u.source)
    assert "<br>" in br.target


def test_text_articles_are_sent_as_before(project: Config) -> None:
    extract(project)
    fake = FakeTranslator()
    translate(project, "uk", translator=fake, use_cache=False)
    assert not any("#m1" in t for call in fake.calls for t in call)


def test_build_of_drafts_parses_to_the_same_structure(markup_project: Config, tmp_path: Path) -> None:
    from newsl10n.workflow import build

    extract(markup_project)
    translate(markup_project, "uk", translator=FakeTranslator(), use_cache=False)
    build(markup_project, "uk", include_fuzzy=True)
    out = (markup_project.root / "build" / "uk" / "graves.html").read_text(encoding="utf-8")
    assert out.count("<a ") == HTML.count("<a ") and 'href="https://example.org/izium?id=1&amp;p=2"' in out
    assert "<code>ls -1</code>" in out and "Investigators" not in out
