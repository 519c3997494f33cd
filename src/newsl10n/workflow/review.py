"""The ``review`` command: static HTML review pages, one per article and language, plus an index.

Everything is read, checked and rendered in memory first; only then are the
pages written (each one atomically, the index last). A malformed catalog or
glossary stops the run before any file is touched.
"""

from __future__ import annotations

import logging
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsl10n.catalog import Catalog, read_catalog
from newsl10n.config import Config
from newsl10n.errors import NewsL10nError, UsageError
from newsl10n.fsio import atomic_write
from newsl10n.workflow.check import _shown, check, load_project_glossary
from newsl10n.workflow.project import (
    ARTICLE_HEADER,
    article_paths,
    catalog_paths,
    po_path,
    project_languages,
    ref_path,
    validate_language,
)

log = logging.getLogger(__name__)

DEFAULT_OUTPUT = Path("build") / "review"


@dataclass
class ReviewResult:
    """What ``review`` wrote."""

    pages: list[Path] = field(default_factory=list)
    index: Path | None = None
    entries: int = 0
    findings: int = 0


def review(
    config: Config,
    *,
    langs: Collection[str] | None = None,
    articles: list[Path] | None = None,
    output: Path | None = None,
    glossary_path: Path | None = None,
    use_glossary: bool = True,
    min_confidence: float | None = None,
    jobs: int | None = None,
) -> ReviewResult:
    """Write ``OUTPUT/<lang>/<slug>.html`` for each catalog and ``OUTPUT/index.html``.

    Args:
        config: project settings.
        langs: target languages (default: the project's).
        articles: limit to these articles (default: every catalog of each language).
        output: output directory (default: ``<root>/build/review``).
        glossary_path: glossary file or directory (default: the project's).
        use_glossary: False to show no glossary terms and run no glossary checks.
        min_confidence: drafts below this confidence get a warning (as ``check --min-confidence``).
        jobs: worker processes for the checks (as ``check -j``).

    Raises:
        UsageError: nothing to review, or an article has no catalog yet.
        CatalogError, GlossaryError: bad input; nothing is written.
    """
    from newsl10n.review import build_page, render_index, render_page

    codes = [validate_language(code) for code in (langs or project_languages(config))]
    if not codes:
        raise UsageError("no language given", hint="pass --lang L or set languages = [...] in [tool.newsl10n]")
    targets = _catalogs(config, codes, articles)
    if not targets:
        raise UsageError(f"no catalogs to review under {config.locales_dir}", hint="run `newsl10n update --lang L`")
    catalogs = {path: read_catalog(path) for _, path in targets}  # a bad catalog stops here
    glossary = load_project_glossary(config, glossary_path) if use_glossary else None
    checked = check(
        config,
        [path for _, path in targets],
        glossary_path=glossary_path,
        jobs=jobs,
        min_confidence=min_confidence,
        ignore=() if use_glossary else ("glossary",),
    )
    by_file: dict[str, list[Any]] = {}
    for finding in checked.findings:
        by_file.setdefault(finding.file, []).append(finding)
    out_dir = output if output is not None else config.root / DEFAULT_OUTPUT
    pages, rendered = [], []
    for lang, path in targets:
        catalog = catalogs[path]
        page = build_page(
            catalog,
            slug=path.stem,
            lang=lang,
            po_shown=_shown(path),
            findings=by_file.get(_shown(path), ()),
            glossary=glossary,
            article=_article(config, catalog),
        )
        pages.append(page)
        rendered.append((out_dir / lang / f"{path.stem}.html", render_page(page)))
    index_html = render_index(pages, project=config.project)
    result = ReviewResult(entries=sum(p.total for p in pages), findings=len(checked.findings))
    for target, html in rendered:  # everything is rendered: only now touch the disk
        atomic_write(target, html.encode("utf-8"))
        result.pages.append(target)
    result.index = out_dir / "index.html"
    atomic_write(result.index, index_html.encode("utf-8"))
    return result


def _catalogs(config: Config, langs: list[str], articles: list[Path] | None) -> list[tuple[str, Path]]:
    targets: list[tuple[str, Path]] = []
    for lang in langs:
        if articles:
            for article in article_paths(config, articles):
                path = po_path(config, lang, article.stem)
                if not path.exists():
                    raise UsageError(
                        f"no {lang} catalog for {ref_path(config, article)}",
                        hint=f"run `newsl10n update --lang {lang}` first",
                    )
                targets.append((lang, path))
        else:
            targets.extend((lang, path) for path in catalog_paths(config, lang))
    return targets


def _article(config: Config, catalog: Catalog) -> Any:
    """The parsed article the catalog was made from, or None when it cannot be read.

    Review still works without it (grouping by the ``#:`` line references): a
    reviewer may have the catalogs but not the article sources.
    """
    from newsl10n.formats import FORMAT_HEADER, parse_file

    ref = catalog.header.get(ARTICLE_HEADER, "").strip()
    if not ref:
        return None
    path = config.root / ref
    if not path.is_file():
        log.warning("article %s not found: entries grouped by line references", ref)
        return None
    try:
        return parse_file(path, ref_path=ref, format=catalog.header.get(FORMAT_HEADER),
                          front_matter_keys=config.front_matter_keys)
    except NewsL10nError as exc:
        log.warning("article %s unreadable (%s): entries grouped by line references", ref, exc)
        return None
