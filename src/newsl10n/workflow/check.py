"""The ``check`` command: glossary and QA checks over catalogs, for people and CI."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsl10n.catalog import Catalog, read_catalog
from newsl10n.config import Config
from newsl10n.errors import InputError, UsageError
from newsl10n.model import Finding
from newsl10n.workflow.project import project_languages, validate_language


@dataclass
class CheckResult:
    """Findings plus what was checked."""

    findings: list[Finding] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)


def load_project_glossary(config: Config, path: Path | None = None) -> Any:
    """The glossary at ``path`` (or the project's), or None when there is none."""
    target = path or config.glossary_path
    if target is None:
        return None
    from newsl10n.glossary import load_glossary

    if not target.exists():
        raise InputError("glossary not found", path=str(target))
    return load_glossary(target)


def project_catalogs(config: Config) -> list[Path]:
    """Every PO file under the locales directory, by language."""
    files: list[Path] = []
    for lang in project_languages(config):
        files.extend(sorted((config.locales_dir / lang / "LC_MESSAGES").glob("*.po")))
    return files


def check(
    config: Config,
    paths: list[Path] | None = None,
    *,
    lang: str | None = None,
    glossary_path: Path | None = None,
    select: Collection[str] | None = None,
    ignore: Collection[str] = (),
    strict: bool = False,
) -> CheckResult:
    """Run every registered check over the given catalogs (default: the project's).

    The language of each catalog comes from its ``Language`` header unless
    ``lang`` is given. All inputs are read before any check runs, so a bad PO
    or glossary is reported on its own.
    """
    from newsl10n.checks import run_checks
    from newsl10n.checks.base import CheckContext

    files = paths if paths else project_catalogs(config)
    if not files:
        raise UsageError(f"no catalogs to check under {config.locales_dir}", hint="run `newsl10n update --lang L`")
    forced = validate_language(lang) if lang else None
    loaded: list[tuple[Path, Catalog, str]] = []
    for path in files:
        catalog = read_catalog(path)
        code = forced or catalog.language
        if not code:
            raise InputError("no Language header", path=str(path), hint="pass --lang L")
        loaded.append((path, catalog, validate_language(code)))
    glossary = load_project_glossary(config, glossary_path)
    result = CheckResult(files=[p for p, _, _ in loaded])
    for path, catalog, code in loaded:
        ctx = CheckContext(lang=code, path=_shown(path), glossary=glossary)
        result.findings.extend(run_checks(catalog.units, ctx, select=select, ignore=ignore, strict=strict))
    return result


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
