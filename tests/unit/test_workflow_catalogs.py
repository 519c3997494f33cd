"""extract and update: what a newsroom developer sees in locales/."""

from __future__ import annotations

from dataclasses import replace

import pytest

from newsl10n.catalog import read_catalog, write_catalog
from newsl10n.config import Config
from newsl10n.errors import ArticleError, CatalogError, LanguageError
from newsl10n.model import UnitState
from newsl10n.workflow import extract, update
from newsl10n.workflow.project import po_path, pot_path
from tests.conftest import msgfmt_check


def test_extract_writes_a_complete_template(project: Config) -> None:
    [result] = extract(project)
    assert result.path == project.root / "locales" / "izium-2022-09-16.pot"
    pot = read_catalog(result.path)
    for field in ("Project-Id-Version", "POT-Creation-Date", "MIME-Version", "Content-Transfer-Encoding"):
        assert pot.header[field]
    assert pot.header["Content-Type"] == "text/plain; charset=UTF-8"
    assert pot.header["Project-Id-Version"] == "test desk"
    assert pot.header["X-Article-Date"] == "2022-09-16"
    assert pot.units[0].source.startswith("KYIV - Ukrainian authorities")
    assert pot.units[0].locations == (("articles/izium-2022-09-16.txt", 1),)
    assert all(u.state is UnitState.UNTRANSLATED for u in pot.units)
    msgfmt_check(result.path)


def test_extract_twice_changes_no_byte(project: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    extract(project)
    before = pot_path(project, "izium-2022-09-16").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2000000000")  # a different "now"
    [again] = extract(project)
    assert not again.changed
    assert pot_path(project, "izium-2022-09-16").read_bytes() == before


def test_repeated_sentence_is_one_entry_with_two_references(project: Config) -> None:
    article = project.root / "articles" / "rep.txt"
    article.write_text("Stay safe. Sirens sounded.\n\nMore news.\n\nStay safe.\n", encoding="utf-8")
    extract(project, [article])
    units = read_catalog(pot_path(project, "rep")).units
    assert [u.source for u in units] == ["Stay safe.", "Sirens sounded.", "More news."]
    assert units[0].locations == (("articles/rep.txt", 1), ("articles/rep.txt", 5))


def test_bad_article_writes_nothing(project: Config) -> None:
    bad = project.root / "articles" / "zz-bad.txt"
    bad.write_bytes(b"Caf\xe9 opens.\n")
    with pytest.raises(ArticleError, match="not valid UTF-8"):
        extract(project)
    assert not project.locales_dir.exists()


@pytest.mark.parametrize("lang", ["uk", "ru", "de", "ja", "pt-BR"])
def test_update_sets_language_and_plural_forms(project: Config, lang: str) -> None:
    # Compared with the installed Babel's CLDR data, never with one release's
    # facts: CLDR changes plural rules (pt_BR went from 2 forms to 3).
    from babel import Locale
    from babel.messages.plurals import get_plural

    extract(project)
    [result] = update(project, lang)
    po = read_catalog(result.path)
    assert po.language == lang.replace("-", "_")
    assert po.header["Plural-Forms"] == get_plural(Locale.parse(lang.replace("-", "_"))).plural_forms
    assert result.path == po_path(project, lang.replace("-", "_"), "izium-2022-09-16")
    msgfmt_check(result.path)


def test_update_keeps_an_existing_catalogs_plural_forms(project: Config) -> None:
    """A Babel upgrade that changes a language's rule does not rewrite every catalog's header."""
    extract(project)
    [result] = update(project, "uk")
    old_rule = "nplurals=2; plural=(n != 1);"  # as if an older CLDR had written it
    catalog = read_catalog(result.path)
    current = catalog.header["Plural-Forms"]
    assert current != old_rule
    catalog.header["Plural-Forms"] = old_rule  # the header line is wrapped: edit the field, not the text
    write_catalog(catalog, result.path)
    before = result.path.read_bytes()
    [again] = update(project, "uk")
    assert not again.changed and result.path.read_bytes() == before
    [refreshed] = update(project, "uk", refresh_plural_forms=True)
    assert refreshed.changed
    assert read_catalog(result.path).header["Plural-Forms"] == current
    msgfmt_check(result.path)


def test_unknown_language_is_an_error(project: Config) -> None:
    extract(project)
    with pytest.raises(LanguageError, match="unknown language code 'xx'"):
        update(project, "xx")
    assert not (project.locales_dir / "xx").exists()


def test_update_twice_changes_no_byte(project: Config) -> None:
    extract(project)
    [first] = update(project, "uk")
    data = first.path.read_bytes()
    [second] = update(project, "uk")
    assert not second.changed and first.path.read_bytes() == data


def test_article_edit_keeps_work(project: Config) -> None:
    extract(project)
    [res] = update(project, "uk")
    po = read_catalog(res.path)
    translations = {
        "Thousands of Russian troops fled Izium at the weekend.": "Тисячі російських військових утекли з Ізюма на вихідних.",
        "Russia has repeatedly denied it targets civilians or has committed war crimes.": "Росія неодноразово заперечувала.",
        "Only crosses and numbers.": "Лише хрести й номери.",
    }
    po.units = [replace(u, target=translations[u.source], state=UnitState.REVIEWED) if u.source in translations else u
                for u in po.units]
    write_catalog(po, res.path)
    article = project.root / "articles" / "izium-2022-09-16.txt"
    text = article.read_text(encoding="utf-8")
    text = text.replace("at the weekend.", "over the weekend.").replace("Only crosses and numbers. ", "")
    article.write_text(text, encoding="utf-8")
    extract(project)
    update(project, "uk")
    po = read_catalog(res.path)
    by = {u.source: u for u in po.units}
    edited = by["Thousands of Russian troops fled Izium over the weekend."]
    assert edited.state is UnitState.MT_DRAFT and edited.target == translations[
        "Thousands of Russian troops fled Izium at the weekend."]
    assert edited.previous_source == "Thousands of Russian troops fled Izium at the weekend."
    assert by["Russia has repeatedly denied it targets civilians or has committed war crimes."].state is UnitState.REVIEWED
    assert [(u.source, u.target) for u in po.obsolete] == [("Only crosses and numbers.", "Лише хрести й номери.")]
    msgfmt_check(res.path)


def test_malformed_existing_po_stops_update_before_any_write(project: Config) -> None:
    extract(project)
    update(project, "uk")
    second = project.root / "articles" / "second.txt"
    second.write_text("A second story.\n", encoding="utf-8")
    extract(project)
    good = po_path(project, "uk", "izium-2022-09-16")
    bad = po_path(project, "uk", "second")
    bad.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\nmsgid "A"\nmsgstr "unterminated\n',
                   encoding="utf-8")
    good.unlink()
    with pytest.raises(CatalogError, match="unterminated"):
        update(project, "uk")
    assert not good.exists()


def test_suppression_flag_survives_update(project: Config) -> None:
    extract(project)
    [res] = update(project, "uk")
    po = read_catalog(res.path)
    po.units[0] = replace(po.units[0], target="Переклад.", state=UnitState.REVIEWED,
                          flags=frozenset({"newsl10n-ignore:numbers"}))
    write_catalog(po, res.path)
    (project.root / "articles" / "izium-2022-09-16.txt").write_text(
        (project.root / "articles" / "izium-2022-09-16.txt").read_text(encoding="utf-8") + "\nA new line.\n",
        encoding="utf-8")
    extract(project)
    update(project, "uk")
    assert "#, newsl10n-ignore:numbers" in res.path.read_text(encoding="utf-8")
    assert read_catalog(res.path).units[0].flags == frozenset({"newsl10n-ignore:numbers"})
