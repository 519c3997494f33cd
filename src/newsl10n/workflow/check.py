"""The ``check`` command: glossary and QA checks over catalogs, for people and CI."""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsl10n.catalog import Catalog, read_catalog
from newsl10n.config import Config
from newsl10n.errors import InputError, LanguageError, NewsL10nError, UsageError
from newsl10n.formats import FORMAT_HEADER
from newsl10n.model import Finding
from newsl10n.workflow.forked import ordered_map, worker_count
from newsl10n.workflow.project import project_languages, validate_language

logger = logging.getLogger(__name__)


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


def export_glossary(config: Config, output: Path, *, glossary_path: Path | None = None) -> Path:
    """Write the project's glossary (TSV and/or TBX sources) as one TBX-Basic file."""
    from newsl10n.glossary import export_tbx

    glossary = load_project_glossary(config, glossary_path)
    if glossary is None:
        raise UsageError("no glossary configured", hint="pass --glossary PATH or create glossary/")
    export_tbx(glossary, output)
    return output


def project_catalogs(config: Config) -> list[Path]:
    """Every PO file under the locales directory, by language."""
    files: list[Path] = []
    for lang in project_languages(config):
        files.extend(sorted((config.locales_dir / lang / "LC_MESSAGES").glob("*.po")))
    return files


PARALLEL_MIN_FILES = 16  # below this, forking costs more than it saves (workflow/forked.py)


def check(
    config: Config,
    paths: list[Path] | None = None,
    *,
    lang: str | None = None,
    glossary_path: Path | None = None,
    select: Collection[str] | None = None,
    ignore: Collection[str] = (),
    strict: bool = False,
    jobs: int | None = None,
    min_confidence: float | None = None,
) -> CheckResult:
    """Run every registered check over the given catalogs (default: the project's).

    The language of each catalog comes from its ``Language`` header unless
    ``lang`` is given. A language Babel has no data for (Django's ``udm``) is a
    warning: that catalog is checked, and the checks that need locale data
    (number symbols) fall back to locale-free comparisons. The catalog's
    ``Plural-Forms`` header tells the checks which source form each
    ``msgstr[N]`` translates. A bad PO or glossary is an error on its own: no findings
    are reported alongside it. Large projects are checked in ``jobs`` forked
    worker processes (default: one per core). With ``min_confidence``, every
    machine draft whose recorded confidence is below it is a warning.
    """
    from newsl10n.checks import resolve_ids

    files = paths if paths else project_catalogs(config)
    if not files:
        raise UsageError(f"no catalogs to check under {config.locales_dir}", hint="run `newsl10n update --lang L`")
    if select is not None:
        resolve_ids(select, option="--select")  # usage errors before any work
    resolve_ids(ignore, option="--ignore")
    forced = lang.strip() if lang else None
    glossary = load_project_glossary(config, glossary_path)
    job = _Job(forced=forced, glossary=glossary, select=select, ignore=tuple(ignore), strict=strict,
               min_confidence=min_confidence)
    # The first catalog of each language is checked here: it reports input errors
    # early and warms every cache (morphology dictionaries, compiled patterns)
    # before forking, so workers share them instead of loading their own.
    outcomes_by_path = {path: job.run(path) for path in _first_per_language(files)}
    rest = _article_order([path for path in files if path not in outcomes_by_path])
    # Forked workers (workflow/forked.py) share everything loaded so far.
    workers = worker_count(jobs, len(rest), per_worker=PARALLEL_MIN_FILES // 2)
    done = list(ordered_map(job.run, rest, workers=workers, chunksize=len(rest) // (workers * 4)))
    outcomes_by_path.update(zip(rest, done))
    result = CheckResult(files=list(files))
    for outcome in (outcomes_by_path[path] for path in files):
        if isinstance(outcome, NewsL10nError):
            raise outcome
        result.findings.extend(outcome)
    return result


def _first_per_language(files: list[Path]) -> list[Path]:
    """One catalog per language directory (``<lang>/LC_MESSAGES/x.po``), in order."""
    seen: dict[str, Path] = {}
    for path in files:
        seen.setdefault(path.parent.parent.name, path)
    return list(seen.values())


def _article_order(files: list[Path]) -> list[Path]:
    """The catalogs of one article in every language next to each other.

    They share their msgids, and the checks cache what they learn about a
    source text (placeables, numbers, glossary terms, quotes), so the second
    language of an article reuses the first one's work while it is still in
    the caches, in one process or in each worker.
    """
    return sorted(files, key=lambda path: (path.name, path.parent.parent.name, str(path)))


@dataclass
class _Job:
    """Check one catalog; picklable-free state shared with forked workers."""

    forced: str | None
    glossary: Any
    select: Collection[str] | None
    ignore: tuple[str, ...]
    strict: bool
    min_confidence: float | None = None

    def run(self, path: Path) -> list[Finding] | NewsL10nError:
        from newsl10n.checks import run_checks
        from newsl10n.checks.base import CheckContext

        try:
            catalog: Catalog = read_catalog(path)
            code = self.forced or catalog.language
            if not code:
                raise InputError("no Language header", path=str(path), hint="pass --lang L")
            shown = _shown(path)
            try:
                known, code = True, validate_language(code)
            except LanguageError:
                known, code = False, code.strip().replace("-", "_")
                logger.warning(
                    "%s: language %r is unknown to Babel: checked without its locale data", shown, code
                )
            ctx = CheckContext(
                lang=code,
                path=shown,
                glossary=self.glossary,
                plural_forms=catalog.header.get("Plural-Forms"),
                lang_known=known,
                format=catalog.header.get(FORMAT_HEADER),
            )
            found = run_checks(catalog.units, ctx, select=self.select, ignore=self.ignore, strict=self.strict)
            if self.min_confidence is not None:
                from newsl10n.review.confidence import low_confidence_findings

                found += low_confidence_findings(catalog.units, path=ctx.path, threshold=self.min_confidence)
                found.sort(key=lambda f: f.line)  # stable: each entry's findings stay together, in order
            return found
        except NewsL10nError as exc:
            return exc


def _shown(path: Path) -> str:
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)
