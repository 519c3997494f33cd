"""Project settings: ``[tool.newsl10n]`` in ``pyproject.toml`` or ``newsl10n.toml``.

Every setting has a default and can be overridden by a CLI flag; the CLI passes
overrides to :func:`load_config`. Paths are relative to the directory that holds
the config file (the project root).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from newsl10n.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

CONFIG_FILES = ("newsl10n.toml", "pyproject.toml")
def default_model(lang: str) -> str:
    """The Opus-MT model for English → ``lang`` (the table of :mod:`newsl10n.mt.targets`)."""
    from newsl10n.mt.targets import default_model as table_default

    return table_default(lang)


# Every article format newsl10n reads (see newsl10n.formats.EXTENSIONS).
DEFAULT_ARTICLES: tuple[str, ...] = (
    "articles/*.txt",
    "articles/*.html",
    "articles/*.htm",
    "articles/*.md",
    "articles/*.markdown",
)


@dataclass(frozen=True)
class Config:
    """Resolved project settings."""

    root: Path = field(default_factory=Path.cwd)
    project: str = "newsl10n"
    articles: tuple[str, ...] = DEFAULT_ARTICLES
    locales: str = "locales"
    glossary: str | None = "glossary"
    languages: tuple[str, ...] = ("uk", "ru")
    models: dict[str, str] = field(default_factory=dict)
    # Target-language token per language for multi-target models (">>pol<<"),
    # from a table value: ``pl = { model = "Helsinki-NLP/opus-mt-en-zlw", token = ">>pol<<" }``.
    target_tokens: dict[str, str] = field(default_factory=dict)
    backend: str = "auto"
    device: str = "cpu"
    batch_size: int = 16
    num_beams: int = 4
    executor: str = "local"  # where `translate` runs the model: "local" or "ray" (workflow/executors)
    output: str = "build"
    # Markdown front matter: the keys whose values are translatable (the rest is kept verbatim).
    front_matter_keys: tuple[str, ...] = ("title", "description", "summary")
    source: Path | None = None  # the file the settings came from

    @property
    def locales_dir(self) -> Path:
        """Absolute path of the locales directory."""
        return self.root / self.locales

    @property
    def glossary_path(self) -> Path | None:
        """Absolute glossary path, or None when unset or absent."""
        if not self.glossary:
            return None
        path = self.root / self.glossary
        return path if path.exists() else None

    def model_for(self, lang: str) -> str:
        """The model configured for ``lang``, else the Opus-MT default."""
        return self.models.get(lang) or default_model(lang)

    def token_for(self, lang: str) -> str | None:
        """The target token configured for ``lang`` (None: chosen from the model's vocabulary)."""
        return self.target_tokens.get(lang)

    def with_overrides(self, **overrides: Any) -> Config:
        """A copy with the non-None ``overrides`` applied (CLI flags)."""
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


_FIELDS: dict[str, type | tuple[type, ...]] = {
    "project": str,
    "articles": (list, str),
    "locales": str,
    "glossary": (str, bool),
    "languages": (list, str),
    "models": dict,
    "backend": str,
    "device": str,
    "batch_size": int,
    "num_beams": int,
    "executor": str,
    "output": str,
    "front_matter_keys": (list, str),
}


def find_config(start: Path) -> Path | None:
    """The first ``newsl10n.toml`` or ``pyproject.toml`` with a ``[tool.newsl10n]`` table."""
    for directory in (start, *start.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if candidate.is_file() and (name == "newsl10n.toml" or _has_table(candidate)):
                return candidate
    return None


def _has_table(path: Path) -> bool:
    try:
        return "newsl10n" in _read_toml(path).get("tool", {})
    except ConfigError:
        return True  # let load_config report the error


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise ConfigError(f"invalid TOML: {getattr(exc, 'msg', exc)}", path=str(path), line=line) from None
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror}", path=str(path)) from None


def load_config(*, start: Path | None = None, path: Path | None = None) -> Config:
    """Load the project config found from ``start`` (default cwd), or from ``path``.

    Without a config file, the defaults apply with the cwd as the project root.

    Raises:
        ConfigError: the file is not valid TOML or a setting has the wrong type.
    """
    start = (start or Path.cwd()).resolve()
    path = path or find_config(start)
    if path is None:
        return Config(root=start)
    data = _read_toml(path)
    table = data.get("tool", {}).get("newsl10n", {}) if path.name != "newsl10n.toml" else data
    if path.name == "newsl10n.toml" and "tool" in table:
        table = table["tool"].get("newsl10n", {})
    values: dict[str, Any] = {}
    raw: Any
    for key, raw in table.items():
        name = key.replace("-", "_")
        if name not in _FIELDS:
            valid = ", ".join(sorted(k.replace("_", "-") for k in _FIELDS))
            raise ConfigError(f"unknown setting {key!r} (valid: {valid})", path=str(path))
        if not isinstance(raw, _FIELDS[name]) or isinstance(raw, bool) and name != "glossary":
            raise ConfigError(f"setting {key!r} has the wrong type ({type(raw).__name__})", path=str(path))
        if name in ("articles", "languages", "front_matter_keys"):
            raw = (raw,) if isinstance(raw, str) else tuple(str(x) for x in raw) if isinstance(raw, list) else raw
        if name == "executor" and raw not in ("local", "ray"):
            raise ConfigError(f"setting 'executor' must be \"local\" or \"ray\", not {raw!r}", path=str(path))
        if name == "glossary" and raw is False:
            raw = None
        if name == "glossary" and raw is True:
            raw = "glossary"
        if name == "models":
            raw, values["target_tokens"] = _models(raw, path)
        values[name] = raw
    return Config(root=path.parent, source=path, **values)


def _models(table: dict[str, Any], path: Path) -> tuple[dict[str, str], dict[str, str]]:
    """Split ``[tool.newsl10n.models]`` into model names and target tokens.

    A value is a model (``de = "Helsinki-NLP/opus-mt-en-de"``) or a table with
    ``model`` and/or ``token`` (``pl = { model = "Helsinki-NLP/opus-mt-en-zlw", token = ">>pol<<" }``).
    """
    models: dict[str, str] = {}
    tokens: dict[str, str] = {}
    for lang, value in table.items():
        if isinstance(value, str):
            models[lang] = value
            continue
        if not isinstance(value, dict) or set(value) - {"model", "token"} or not value:
            raise ConfigError(
                f"models.{lang} must be a model name or a table with 'model' and/or 'token'", path=str(path)
            )
        for key in ("model", "token"):
            if key in value and not (isinstance(value[key], str) and value[key].strip()):
                raise ConfigError(f"models.{lang}.{key} must be a non-empty string", path=str(path))
        if "model" in value:
            models[lang] = value["model"]
        if "token" in value:
            token = value["token"].strip()
            tokens[lang] = token if token.startswith(">>") else f">>{token}<<"
    return models, tokens
