from __future__ import annotations

from pathlib import Path

import pytest

from newsl10n.config import Config, default_model, load_config
from newsl10n.errors import ConfigError


def test_defaults_without_a_config_file(tmp_path: Path) -> None:
    config = load_config(start=tmp_path)
    assert config.root == tmp_path.resolve() and config.locales == "locales"
    assert config.model_for("uk") == "Helsinki-NLP/opus-mt-en-uk"
    assert config.model_for("ru") == "Helsinki-NLP/opus-mt-en-ru"
    assert default_model("de") == "Helsinki-NLP/opus-mt-en-de"


def test_pyproject_table_found_from_a_subdirectory(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.newsl10n]\nlocales = "po"\nlanguages = ["de"]\narticles = "stories/*.txt"\n'
        '[tool.newsl10n.models]\nde = "models/de"\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    config = load_config(start=tmp_path / "sub")
    assert config.root == tmp_path.resolve()
    assert (config.locales, config.languages, config.articles) == ("po", ("de",), ("stories/*.txt",))
    assert config.model_for("de") == "models/de"


def test_newsl10n_toml_wins_and_cli_overrides(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.newsl10n]\nlocales = "a"\n', encoding="utf-8")
    (tmp_path / "newsl10n.toml").write_text('locales = "b"\nbatch-size = 8\n', encoding="utf-8")
    config = load_config(start=tmp_path)
    assert (config.locales, config.batch_size) == ("b", 8)
    assert config.with_overrides(locales="c", batch_size=None).locales == "c"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        pytest.param('[tool.newsl10n]\nlocale = "x"\n', "unknown setting 'locale'", id="typo"),
        pytest.param("[tool.newsl10n]\nbatch_size = \"big\"\n", "wrong type", id="type"),
        pytest.param("[tool.newsl10n\n", "invalid TOML", id="syntax"),
    ],
)
def test_bad_config_is_a_clear_error(tmp_path: Path, body: str, message: str) -> None:
    (tmp_path / "pyproject.toml").write_text(body, encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as info:
        load_config(start=tmp_path)
    assert info.value.path == str(tmp_path / "pyproject.toml")


def test_glossary_path_only_when_present(tmp_path: Path) -> None:
    assert Config(root=tmp_path).glossary_path is None
    (tmp_path / "glossary").mkdir()
    assert Config(root=tmp_path).glossary_path == tmp_path / "glossary"


def test_default_article_globs_take_every_format(tmp_path: Path) -> None:
    from newsl10n.formats import EXTENSIONS

    (tmp_path / "pyproject.toml").write_text("[tool.newsl10n]\n", encoding="utf-8")
    config = load_config(start=tmp_path)
    assert {g.rsplit("*", 1)[1] for g in config.articles} == set(EXTENSIONS)


def test_repository_globs_take_every_format() -> None:
    import tomllib

    from newsl10n.formats import EXTENSIONS

    repo = Path(__file__).resolve().parents[2]
    data = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))
    assert {g.rsplit("*", 1)[1] for g in data["tool"]["newsl10n"]["articles"]} == set(EXTENSIONS)
