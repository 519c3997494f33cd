"""The ``build`` and ``stats`` commands: translated articles out, progress numbers."""

from __future__ import annotations

import logging
from dataclasses import asdict, dataclass
from pathlib import Path

from newsl10n.catalog import Catalog, read_catalog
from newsl10n.config import Config
from newsl10n.errors import ArticleError, BuildError, UsageError
from newsl10n.formats import FORMAT_HEADER, parse_file, set_language
from newsl10n.fsio import atomic_write
from newsl10n.model import UnitState
from newsl10n.render import compile_mo, render_article
from newsl10n.review.confidence import draft_confidence
from newsl10n.workflow.project import (
    ARTICLE_HEADER,
    po_path,
    project_articles,
    project_languages,
    ref_path,
    validate_language,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class BuildResult:
    """One built article."""

    article: Path
    output: Path
    mo: Path
    segments: int
    translated: int
    stale: int

    @property
    def percent(self) -> float:
        """Translated share of segments, 0–100."""
        return 100.0 * self.translated / self.segments if self.segments else 100.0


def build(
    config: Config,
    lang: str,
    *,
    articles: list[Path] | None = None,
    include_fuzzy: bool = False,
    min_translated: float = 0.0,
    output: Path | None = None,
) -> list[BuildResult]:
    """Write ``<output>/<lang>/<article>`` and ``<output>/<lang>/LC_MESSAGES/<slug>.mo``.

    Untranslated segments (and, without ``include_fuzzy``, drafts) keep the
    English text. Everything is rendered and checked before any file is written.
    Without ``articles``: every article of the project (:func:`project_articles`:
    the configured globs and every article a template was extracted from); a
    template whose article no longer exists is a warning, and an error only
    when nothing is left to build.

    Raises:
        BuildError: an article is below ``min_translated`` percent.
    """
    lang = validate_language(lang)
    if not 0 <= min_translated <= 100:
        raise UsageError(f"--min-translated must be between 0 and 100, not {min_translated:g}")
    out_dir = (output or config.root / config.output) / lang
    known = project_articles(config, articles)
    for template, recorded in known.missing:
        log.warning(
            "%s: its article %s no longer exists; not built (extract the article from its new path, "
            "or delete the template and its catalogs)",
            template,
            recorded,
        )
    if not known.paths:
        [(template, recorded), *_] = known.missing
        raise ArticleError(
            f"nothing to build: the article{'s' if len(known.missing) > 1 else ''} the templates record "
            f"no longer exist ({', '.join(r for _, r in known.missing)})",
            path=str(template),
            hint="extract each article from its new path, or delete the stale templates and catalogs",
        )
    planned = []
    for path in known.paths:
        catalog_file = po_path(config, lang, path.stem)  # the slug is the file stem
        catalog = read_catalog(catalog_file) if catalog_file.exists() else Catalog()
        # The format extract recorded (--format), else the file's extension.
        article = parse_file(path, ref_path=ref_path(config, path), format=catalog.header.get(FORMAT_HEADER),
                             front_matter_keys=config.front_matter_keys)
        text, stats = render_article(article, catalog, include_fuzzy=include_fuzzy)
        if stats.translated:  # an untranslated page stays the source, byte for byte
            text = set_language(article, text, lang)
        if stats.stale:
            log.warning(
                "%s: %d segment(s) of %s are not in the catalog; run `newsl10n update --lang %s`",
                catalog_file,
                stats.stale,
                article.path,
                lang,
            )
        if stats.percent < min_translated:
            raise BuildError(
                f"{article.path}: only {stats.percent:.0f}% of segments translated "
                f"({stats.translated}/{stats.segments}), below --min-translated {min_translated:g}%",
                path=str(catalog_file),
                hint="translate more, or pass --include-fuzzy to count machine drafts",
            )
        planned.append((path, article.slug, text, compile_mo(catalog, include_fuzzy=include_fuzzy), stats))
    results = []
    for path, slug, text, mo, stats in planned:
        target = out_dir / path.name
        mo_path = out_dir / "LC_MESSAGES" / f"{slug}.mo"
        atomic_write(target, text.encode("utf-8"))
        atomic_write(mo_path, mo)
        results.append(BuildResult(path, target, mo_path, stats.segments, stats.translated, stats.stale))
    return results


@dataclass(frozen=True, slots=True)
class Stats:
    """Progress of one article in one language."""

    article: str
    lang: str
    catalog: str
    total: int
    reviewed: int
    draft: int
    untranslated: int
    words_total: int
    words_reviewed: int
    words_draft: int
    words_untranslated: int
    # Recorded confidence of the untouched machine drafts (review/confidence.py); None without any.
    confidence_min: float | None = None
    confidence_mean: float | None = None
    drafts_scored: int = 0

    @property
    def percent_reviewed(self) -> float:
        """Reviewed share of entries, 0–100."""
        return 100.0 * self.reviewed / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, object]:
        """JSON-ready mapping."""
        data = asdict(self)
        data["percent_reviewed"] = round(self.percent_reviewed, 1)
        return data


def stats(config: Config, *, lang: str | None = None) -> list[Stats]:
    """Counts and source words per state, per article and language."""
    langs = [validate_language(lang)] if lang else project_languages(config)
    rows = []
    for code in langs:
        directory = config.locales_dir / code / "LC_MESSAGES"
        for path in sorted(directory.glob("*.po")):
            catalog = read_catalog(path)
            counts = {s: 0 for s in UnitState}
            words = {s: 0 for s in UnitState}
            for unit in catalog.units:
                counts[unit.state] += 1
                words[unit.state] += len(unit.source.split())
            scores = [c for c in map(draft_confidence, catalog.units) if c is not None]
            rows.append(
                Stats(
                    article=catalog.header.get(ARTICLE_HEADER, path.stem),
                    lang=code,
                    catalog=_shown(config, path),
                    total=sum(counts.values()),
                    reviewed=counts[UnitState.REVIEWED],
                    draft=counts[UnitState.MT_DRAFT],
                    untranslated=counts[UnitState.UNTRANSLATED],
                    words_total=sum(words.values()),
                    words_reviewed=words[UnitState.REVIEWED],
                    words_draft=words[UnitState.MT_DRAFT],
                    words_untranslated=words[UnitState.UNTRANSLATED],
                    confidence_min=min(scores) if scores else None,
                    confidence_mean=round(sum(scores) / len(scores), 2) if scores else None,
                    drafts_scored=len(scores),
                )
            )
    return rows


def _shown(config: Config, path: Path) -> str:
    try:
        return path.relative_to(config.root).as_posix()
    except ValueError:
        return str(path)
