"""Project layout and the catalog-making commands: ``extract`` and ``update``.

Paths: ``<locales>/<slug>.pot`` and ``<locales>/<lang>/LC_MESSAGES/<slug>.po``.
Both commands are byte-stable: when nothing changed, no file is rewritten and
the header dates stay as they were.
"""

from __future__ import annotations

import functools
import glob
import logging
import os
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

from newsl10n import __version__
from newsl10n.catalog import Catalog, merge, read_catalog, render_catalog, update_catalog
from newsl10n.config import Config
from newsl10n.errors import ArticleError, LanguageError, UsageError
from newsl10n.formats import EXTENSIONS, FORMAT_HEADER, Document, parse_file
from newsl10n.fsio import atomic_write, file_lock
from newsl10n.model import Unit

log = logging.getLogger(__name__)

ARTICLE_HEADER = "X-Newsl10n-Article"
TEMPLATE_DEFAULTS = {
    "PO-Revision-Date": "YEAR-MO-DA HO:MI+ZONE",
    "Last-Translator": "FULL NAME <EMAIL@ADDRESS>",
    "Language-Team": "LANGUAGE <LL@li.org>",
}


@dataclass(frozen=True, slots=True)
class FileResult:
    """What a command did to one file."""

    path: Path
    changed: bool
    entries: int


def now_stamp() -> str:
    """Current time in gettext's header format; honours ``SOURCE_DATE_EPOCH``."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        datetime.fromtimestamp(int(epoch), tz=timezone.utc) if epoch and epoch.isdigit() else datetime.now(timezone.utc)
    )
    return moment.strftime("%Y-%m-%d %H:%M+0000")


# ------------------------------------------------------------------ layout


def article_paths(config: Config, articles: list[Path] | None = None) -> list[Path]:
    """The articles to work on: explicit paths, else the config's globs.

    Raises:
        ArticleError: an explicit path does not exist.
        UsageError: the globs match nothing.
    """
    if articles:
        out = []
        for a in articles:
            path = a if a.is_absolute() else Path.cwd() / a
            if path.is_dir():
                out.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in EXTENSIONS and p.is_file()))
            elif not path.exists():
                raise ArticleError("article not found", path=str(a))
            else:
                out.append(path)
        return out
    found: set[Path] = set()
    for pattern in config.articles:
        found.update(Path(p) for p in glob.glob(str(config.root / pattern), recursive=True))
    paths = sorted(p for p in found if p.is_file())
    if not paths:
        raise UsageError(
            f"no articles match {', '.join(config.articles)} under {config.root}",
            hint="pass article paths, or set articles = [...] in [tool.newsl10n]",
        )
    return paths


@dataclass(frozen=True, slots=True)
class ProjectArticles:
    """The articles a command works on when none are given (see :func:`project_articles`)."""

    paths: list[Path]  # existing article files, sorted, no duplicates
    missing: list[tuple[Path, str]]  # (template, recorded article path) for articles that no longer exist


def recorded_articles(config: Config) -> list[tuple[Path, str]]:
    """``(template, article path)`` for every template in ``locales`` that records its article.

    ``extract`` writes the article's path (relative to the project root when
    inside it) into the template's ``X-Newsl10n-Article`` header.
    """
    out = []
    for pot in sorted(config.locales_dir.glob("*.pot")) if config.locales_dir.is_dir() else []:
        recorded = read_catalog(pot).header.get(ARTICLE_HEADER, "").strip()
        if recorded:
            out.append((pot, recorded))
    return out


def project_articles(config: Config, articles: list[Path] | None = None) -> ProjectArticles:
    """Explicit articles, else every article the project knows.

    Without arguments: the configured globs plus every article a template in
    ``locales`` was extracted from, so that after ``newsl10n extract
    elsewhere/a.txt`` the other commands find ``elsewhere/a.txt`` as ``update``
    does. A recorded article that no longer exists is reported in ``missing``
    (the caller decides whether that is a warning or an error).

    Raises:
        ArticleError: an explicit path does not exist.
        UsageError: no article at all (no glob matches and no template records one).
    """
    if articles:
        return ProjectArticles(article_paths(config, articles), [])
    found: dict[Path, Path] = {}
    for pattern in config.articles:
        for match in glob.glob(str(config.root / pattern), recursive=True):
            path = Path(match)
            if path.is_file():
                found.setdefault(path.resolve(), path)
    missing = []
    for pot, recorded in recorded_articles(config):
        path = Path(recorded) if Path(recorded).is_absolute() else config.root / recorded
        if path.is_file():
            found.setdefault(path.resolve(), path)
        else:
            missing.append((pot, recorded))
    if not found and not missing:
        raise UsageError(
            f"no articles match {', '.join(config.articles)} under {config.root}, and no template in "
            f"{config.locales_dir} records one",
            hint="pass article paths, run `newsl10n extract ARTICLE`, or set articles = [...] in [tool.newsl10n]",
        )
    return ProjectArticles(sorted(found.values()), missing)


def ref_path(config: Config, path: Path) -> str:
    """How an article is named in references: relative to the project root, posix."""
    try:
        return path.resolve().relative_to(config.root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def pot_path(config: Config, slug: str) -> Path:
    """``<locales>/<slug>.pot``."""
    return config.locales_dir / f"{slug}.pot"


def po_path(config: Config, lang: str, slug: str) -> Path:
    """``<locales>/<lang>/LC_MESSAGES/<slug>.po``."""
    return config.locales_dir / lang / "LC_MESSAGES" / f"{slug}.po"


def catalog_paths(config: Config, lang: str) -> list[Path]:
    """Every PO file of ``lang`` in the project."""
    return sorted((config.locales_dir / lang / "LC_MESSAGES").glob("*.po"))


def project_languages(config: Config) -> list[str]:
    """Configured languages plus any with a catalog directory on disk."""
    langs = list(config.languages)
    if config.locales_dir.is_dir():
        for d in sorted(config.locales_dir.iterdir()):
            if (d / "LC_MESSAGES").is_dir() and d.name not in langs:
                langs.append(d.name)
    return langs


def validate_language(code: str) -> str:
    """Normalise ``code`` (``pt-BR`` → ``pt_BR``) and check that Babel knows it.

    Raises:
        LanguageError: Babel has no locale data for it.
    """
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(code.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise LanguageError(
            f"unknown language code {code!r}",
            hint="use an ISO 639 code Babel knows, e.g. uk, ru, de, pt_BR",
        ) from None
    return str(locale)


# ------------------------------------------------------------------ extract


def template_units(article: Document) -> list[Unit]:
    """One unit per distinct sentence, in article order, with every location."""
    units: dict[tuple[str, str | None], Unit] = {}
    for seg in article.segments:
        key = (seg.source, seg.context)
        if key in units:
            prev = units[key]
            units[key] = replace(prev, locations=(*prev.locations, seg.location))
        else:
            units[key] = Unit(source=seg.source, context=seg.context, locations=(seg.location,))
    return list(units.values())


def extract(config: Config, articles: list[Path] | None = None, *, format: str | None = None) -> list[FileResult]:
    """Write ``<locales>/<slug>.pot`` for each article (default: :func:`project_articles`).

    The format (text, html, markdown) comes from each file's extension unless
    ``format`` names one; the POT header records it for ``build``. All
    articles are parsed before anything is written, so one bad article leaves
    every file as it was.
    """
    known = project_articles(config, articles)
    for template, recorded in known.missing:
        log.warning("%s: its article %s no longer exists; template left as it is", template, recorded)
    parsed = [
        parse_file(p, ref_path=ref_path(config, p), format=format, front_matter_keys=config.front_matter_keys)
        for p in known.paths
    ]
    slugs: dict[str, str] = {}
    for art in parsed:
        if art.slug in slugs:
            raise UsageError(f"two articles share the slug {art.slug!r}: {slugs[art.slug]} and {art.path}")
        slugs[art.slug] = art.path
    return [_write_template(config, art) for art in parsed]


def _write_template(config: Config, article: Document) -> FileResult:
    path = pot_path(config, article.slug)
    units = template_units(article)
    header = {
        "Project-Id-Version": config.project,
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": now_stamp(),
        **TEMPLATE_DEFAULTS,
        "Language": "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Generator": f"newsl10n {__version__}",
        ARTICLE_HEADER: article.path,
    }
    if article.format != "text":  # text templates keep today's header, byte for byte
        header[FORMAT_HEADER] = article.format
    for key, value in sorted(article.metadata.items()):
        header[f"X-Article-{key.title()}"] = value
    comment = (
        f"Translation template for {article.path}.\n"
        "Generated by `newsl10n extract`: do not edit; translate the .po files."
    )
    catalog = Catalog(header=header, units=units, header_comment=comment)
    if path.exists():
        old = read_catalog(path)
        # Same content → keep the old creation date, so the bytes do not change.
        catalog.header["POT-Creation-Date"] = old.header.get("POT-Creation-Date", header["POT-Creation-Date"])
        if render_catalog(catalog) != path.read_bytes():
            catalog.header["POT-Creation-Date"] = now_stamp()
    changed = atomic_write(path, render_catalog(catalog))
    return FileResult(path, changed, len(units))


# ------------------------------------------------------------------- update


def templates_for(config: Config, articles: list[Path] | None) -> list[Path]:
    """The POT files to update from: those of the given articles, else all in ``locales``."""
    if articles:
        return [pot_path(config, p.stem) for p in article_paths(config, articles)]
    pots = sorted(config.locales_dir.glob("*.pot"))
    if not pots:
        raise UsageError(f"no templates in {config.locales_dir}", hint="run `newsl10n extract` first")
    return pots


def update(
    config: Config, lang: str, articles: list[Path] | None = None, *, refresh_plural_forms: bool = False
) -> list[FileResult]:
    """Create or merge ``<locales>/<lang>/LC_MESSAGES/<slug>.po`` from each POT.

    Merging follows msgmerge: kept translations, fuzzy matches with ``#|``,
    obsolete entries for removed sentences. Every input is read and merged
    before any file is written.

    A new catalog takes ``Plural-Forms`` from Babel's CLDR data; an existing
    catalog keeps the one it has (a Babel upgrade that changes a language's
    rule must not rewrite every catalog's header) unless ``refresh_plural_forms``.
    """
    plan = plan_update(config, validate_language(lang), articles, refresh_plural_forms=refresh_plural_forms)
    return write_update(config, plan)


@dataclass(frozen=True, slots=True)
class PlannedCatalog:
    """A merged catalog ready to be written (see :func:`plan_update`)."""

    template: Catalog
    path: Path
    lang: str
    merged: Catalog
    refresh_plural_forms: bool = False


def plan_update(
    config: Config, lang: str, articles: list[Path] | None = None, *, refresh_plural_forms: bool = False
) -> list[PlannedCatalog]:
    """Read and merge every catalog of ``lang`` in memory; write nothing."""
    plan = []
    for pot in templates_for(config, articles):
        template = read_catalog(pot)
        target = po_path(config, lang, pot.stem)
        old = read_catalog(target) if target.exists() else None
        merged = merged_catalog(template, old, lang, refresh_plural_forms=refresh_plural_forms)
        plan.append(PlannedCatalog(template, target, lang, merged, refresh_plural_forms))
    return plan


def write_update(config: Config, plan: list[PlannedCatalog]) -> list[FileResult]:
    """Write planned catalogs; each is re-merged under its lock from the file on disk now."""
    results = []
    for item in plan:

        def remerge(old: Catalog | None, item: PlannedCatalog = item) -> tuple[Catalog, int]:
            merged = merged_catalog(item.template, old, item.lang, refresh_plural_forms=item.refresh_plural_forms)
            if old is not None and render_catalog(merged) != render_catalog(old):
                merged.header["PO-Revision-Date"] = now_stamp()
            return merged, len(merged.units)

        with file_lock(item.path):
            # Re-merged from the file on disk now; again if an editor saves before the rename.
            changed, entries = update_catalog(item.path, remerge)
        results.append(FileResult(item.path, changed, entries))
    return results


def merged_catalog(
    template: Catalog, old: Catalog | None, lang: str, *, refresh_plural_forms: bool = False
) -> Catalog:
    """The PO catalog for ``lang``: ``template`` merged into ``old`` (if any).

    ``Plural-Forms`` of an existing catalog is kept (translators' msgstr[N]
    follow it) unless ``refresh_plural_forms`` asks for Babel's current rule.
    """
    header, comment = merged_header(template, old, lang, refresh_plural_forms=refresh_plural_forms)
    units: list[Unit]
    obsolete: list[Unit]
    if old is None:
        units, obsolete = list(template.units), []
    else:
        units, obsolete = merge(template.units, old)
    return Catalog(header=header, units=units, obsolete=obsolete, header_comment=comment)


def merged_header(
    template: Catalog, old: Catalog | None, lang: str, *, refresh_plural_forms: bool = False
) -> tuple[dict[str, str], str]:
    """The header fields and header comment :func:`merged_catalog` gives the catalog."""
    english_name, plural_forms = _locale_facts(lang)
    header = dict(template.header)
    header.pop("POT-Creation-Date", None)
    header["POT-Creation-Date"] = template.header.get("POT-Creation-Date", "")
    if old is not None:
        for key in ("PO-Revision-Date", "Last-Translator", "Language-Team"):
            if key in old.header:
                header[key] = old.header[key]
        for key, value in old.header.items():
            if key.startswith("X-Newsl10n-") and key != ARTICLE_HEADER:
                header[key] = value
    else:
        header["PO-Revision-Date"] = now_stamp()
        header["Language-Team"] = f"{english_name} <LL@li.org>"
    header["Language"] = lang
    kept = old.header.get("Plural-Forms", "").strip() if old is not None else ""
    header["Plural-Forms"] = kept if kept and not refresh_plural_forms else plural_forms
    if old is not None and old.header_comment:
        return header, old.header_comment
    comment = (
        f"{english_name} translation of {template.header.get(ARTICLE_HEADER, 'the article')}.\n"
        "Machine drafts are marked fuzzy; remove the mark once reviewed."
    )
    return header, comment


@functools.lru_cache(maxsize=64)
def _locale_facts(lang: str) -> tuple[str, str]:
    """``(English name, Babel's Plural-Forms)`` of ``lang`` (CLDR through Babel; looked up once)."""
    from babel import Locale
    from babel.messages.plurals import get_plural

    locale = Locale.parse(lang)
    return str(locale.english_name), str(get_plural(locale).plural_forms)
