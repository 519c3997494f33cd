"""The ``newsl10n`` command line: argv in, text out, exit codes.

A thin shell over :mod:`newsl10n.workflow`. Only this module prints, sets up
logging or exits. stdout carries data (reports, stats); messages go to stderr.
Exit codes: 0 ok, 1 findings/refusal, 2 usage or bad input, 3 backend
unavailable, 4 internal error, 130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from newsl10n import __version__
from newsl10n.errors import (
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    NewsL10nError,
)

log = logging.getLogger("newsl10n")


class _ArgumentParser(argparse.ArgumentParser):
    def error(self, message: str) -> Any:  # exit 2 with our format, not argparse's
        self.print_usage(sys.stderr)
        raise _UsageExit(message)


class _UsageExit(Exception):
    pass


def _parser() -> argparse.ArgumentParser:
    p = _ArgumentParser(
        prog="newsl10n",
        description="English news articles → gettext catalogs → machine drafts → translated articles.",
    )
    p.add_argument("--version", action="version", version=f"newsl10n {__version__}")
    p.add_argument("--config", type=Path, help="config file (default: newsl10n.toml or pyproject.toml found from cwd)")
    p.add_argument("-v", "--verbose", action="store_true", help="more detail on stderr")
    p.add_argument("-q", "--quiet", action="store_true", help="errors only on stderr")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def articles_arg(sp: argparse.ArgumentParser) -> None:
        sp.add_argument("articles", nargs="*", type=Path, metavar="ARTICLE", help="article files or directories")
        sp.add_argument("--locales", help="locales directory (default: locales)")

    sp = sub.add_parser("extract", help="article → <locales>/<slug>.pot")
    articles_arg(sp)
    sp.add_argument("--project", help="Project-Id-Version of the templates (default: from the config)")
    sp.add_argument("--format", choices=("text", "html", "markdown"), dest="article_format",
                    help="article format (default: by extension: .txt, .html/.htm, .md/.markdown)")

    sp = sub.add_parser("update", help="POT → <locales>/<lang>/LC_MESSAGES/<slug>.po (msgmerge semantics)")
    articles_arg(sp)
    sp.add_argument("--lang", action="append", help="target language (repeatable; default: configured languages)")
    sp.add_argument("--refresh-plural-forms", action="store_true",
                    help="replace existing catalogs' Plural-Forms with Babel's current CLDR rule (default: keep)")

    sp = sub.add_parser("translate", help="update, then fill untranslated entries with machine drafts")
    articles_arg(sp)
    sp.add_argument("--lang", action="append", help="target language (repeatable; default: configured languages)")
    sp.add_argument("--model", help="Hub id or local Marian directory (default: Helsinki-NLP/opus-mt-en-<lang>)")
    sp.add_argument("--backend", help="auto (default: ctranslate2 if installed, else marian), ctranslate2/ct2, marian/transformers, or fake")
    sp.add_argument("--device", help="cpu (default) or cuda; both backends honour it")
    sp.add_argument("--batch-size", type=int, help="sentences per batch (default: 16)")
    sp.add_argument("--beams", type=int, dest="num_beams", help="beam size; 1 is greedy (default: 4)")
    sp.add_argument("--glossary", type=Path, help="glossary file or directory (default: glossary/)")
    sp.add_argument("--no-glossary", action="store_true", help="do not steer drafts with the glossary")
    sp.add_argument("--no-cache", action="store_true", help="bypass the MT cache")
    sp.add_argument("--redraft", action="store_true", help="also replace untouched machine drafts")
    sp.add_argument("--executor", choices=("local", "ray"),
                    help="where the model runs: local (default) or ray (pip install 'newsl10n[ray]')")
    sp.add_argument("--ray-address", metavar="ADDR",
                    help="Ray cluster to join (default: RAY_ADDRESS, else a local Ray instance); needs --executor ray")
    sp.add_argument("--workers", type=int, metavar="N",
                    help="Ray actors, one model each (default: one per CPU, or per GPU with --device cuda)")

    sp = sub.add_parser("check", help="glossary and QA checks (the CI gate)")
    sp.add_argument("paths", nargs="*", type=Path, metavar="PO", help="catalogs (default: all of the project's)")
    sp.add_argument("--locales", help="locales directory (default: locales)")
    sp.add_argument("--lang", help="language of the catalogs (default: their Language header)")
    sp.add_argument("--glossary", type=Path, help="glossary file or directory (default: glossary/)")
    sp.add_argument("--format", choices=("text", "json", "github"), default="text")
    sp.add_argument("--select", help="comma-separated check ids to run")
    sp.add_argument("--ignore", help="comma-separated check ids to skip")
    sp.add_argument("--fail-on", choices=("error", "warning"), default="error", help="exit 1 at this severity")
    sp.add_argument("--strict", action="store_true", help="findings on fuzzy drafts keep their severity")
    sp.add_argument("--list", action="store_true", help="list every check with id, severity and title")
    sp.add_argument("-j", "--jobs", type=int, help="worker processes (default: one per core on large projects)")
    sp.add_argument("--min-confidence", type=_confidence, metavar="X",
                    help="warn on machine drafts whose recorded confidence (0-1) is below X")

    sp = sub.add_parser("glossary", help="export the glossary as TBX (for Weblate, Trados, memoQ)")
    sp.add_argument("action", choices=("export",), help="export: write the glossary as TBX-Basic")
    sp.add_argument("--glossary", type=Path, help="glossary file or directory (default: glossary/)")
    sp.add_argument("-o", "--output", type=Path, required=True, help="the .tbx file to write")

    sp = sub.add_parser("build", help="translated article + compiled .mo")
    articles_arg(sp)
    sp.add_argument("--lang", action="append", help="target language (repeatable; default: configured languages)")
    sp.add_argument("--include-fuzzy", action="store_true", help="use machine drafts too")
    sp.add_argument("--min-translated", type=float, default=0.0, metavar="PCT", help="refuse below this percent")
    sp.add_argument("-o", "--output", type=Path, help="output directory (default: build)")

    sp = sub.add_parser("review", help="static HTML review pages: DIR/<lang>/<slug>.html and DIR/index.html")
    articles_arg(sp)
    sp.add_argument("--lang", action="append", help="target language (repeatable; default: configured languages)")
    sp.add_argument("-o", "--output", type=Path, help="output directory (default: build/review)")
    sp.add_argument("--glossary", type=Path, help="glossary file or directory (default: glossary/)")
    sp.add_argument("--no-glossary", action="store_true", help="no term highlighting, no glossary checks")
    sp.add_argument("--min-confidence", type=_confidence, metavar="X",
                    help="warn on machine drafts whose recorded confidence (0-1) is below X")
    sp.add_argument("-j", "--jobs", type=int, help="worker processes for the checks")

    sp = sub.add_parser("stats", help="progress per article and language")
    sp.add_argument("--locales", help="locales directory (default: locales)")
    sp.add_argument("--lang", help="only this language")
    sp.add_argument("--format", choices=("text", "json"), default="text")
    return p


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1: {text!r}")
    return value


def main(argv: Sequence[str] | None = None, *, stdout: TextIO | None = None) -> int:
    """Run the CLI; return the exit code (never raises)."""
    try:
        return _main(argv, stdout or sys.stdout)
    except KeyboardInterrupt:  # also while parsing arguments or importing
        print("\ninterrupted: finished work is saved; run the command again to continue", file=sys.stderr)
        return EXIT_INTERRUPTED


def _main(argv: Sequence[str] | None, out: TextIO) -> int:
    parser = _parser()
    try:
        args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    except _UsageExit as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help / --version
        return int(exc.code or 0)
    _setup_logging(verbose=args.verbose, quiet=args.quiet)
    if not args.command:
        parser.print_help(out)
        return EXIT_USAGE
    try:
        return int(_COMMANDS[args.command](args, out))
    except NewsL10nError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if exc.hint:
            print(f"hint: {exc.hint}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        return EXIT_OK
    except Exception:  # noqa: BLE001 - a bug: show it, with a distinct code
        traceback.print_exc()
        print("error: internal error in newsl10n (a bug); please report it with the traceback", file=sys.stderr)
        return EXIT_INTERNAL


def _setup_logging(*, verbose: bool, quiet: bool) -> None:
    level = logging.DEBUG if verbose else logging.ERROR if quiet else logging.INFO
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        prefix = "" if record.levelno == logging.INFO else f"{record.levelname.lower()}: "
        return prefix + record.getMessage()


def _config(args: argparse.Namespace) -> Any:
    from newsl10n.config import load_config

    config = load_config(path=args.config)
    return config.with_overrides(locales=getattr(args, "locales", None))


def _langs(args: argparse.Namespace, config: Any) -> list[str]:
    langs = args.lang or list(config.languages)
    if not langs:
        raise _usage("no language given", "pass --lang L or set languages = [...] in [tool.newsl10n]")
    return list(dict.fromkeys(langs))


def _usage(message: str, hint: str | None = None) -> NewsL10nError:
    from newsl10n.errors import UsageError

    return UsageError(message, hint=hint)


def _report_files(results: Sequence[Any], verb: str) -> None:
    for r in results:
        log.info("%s %s (%d entries)", verb if r.changed else "unchanged", r.path, r.entries)


def _cmd_extract(args: argparse.Namespace, out: TextIO) -> int:
    from newsl10n.workflow import extract

    config = _config(args).with_overrides(project=args.project)
    _report_files(extract(config, args.articles or None, format=args.article_format), "wrote")
    return EXIT_OK


def _cmd_update(args: argparse.Namespace, out: TextIO) -> int:
    from newsl10n.workflow import update, validate_language

    config = _config(args)
    langs = [validate_language(lang) for lang in _langs(args, config)]
    for lang in langs:
        _report_files(update(config, lang, args.articles or None, refresh_plural_forms=args.refresh_plural_forms),
                      "updated")
    return EXIT_OK


def _cmd_translate(args: argparse.Namespace, out: TextIO) -> int:
    from newsl10n.workflow import translate, validate_language
    from newsl10n.workflow.check import load_project_glossary
    from newsl10n.workflow.executors import translator_factory

    config = _config(args).with_overrides(
        backend=args.backend, device=args.device, batch_size=args.batch_size, num_beams=args.num_beams
    )
    if args.batch_size is not None and args.batch_size < 1:
        raise _usage("--batch-size must be at least 1")
    langs = [validate_language(lang) for lang in _langs(args, config)]
    glossary = None if args.no_glossary else load_project_glossary(config, args.glossary)
    executor = args.executor or config.executor
    if args.workers is not None and args.workers < 1:
        raise _usage("--workers must be at least 1")
    for lang in langs:
        bar = _ProgressBar(f"translate {lang}")
        plan_bar = _ProgressBar(f"plan {lang}", unit="catalog")
        make = translator_factory(
            executor, config, lang, model=args.model, ray_address=args.ray_address, workers=args.workers
        )
        made: list[Any] = []

        def factory(lang: str = lang, make: Any = make, made: list[Any] = made) -> Any:
            log.info("loading %s model %s (%s executor) …", lang, args.model or config.model_for(lang), executor)
            made.append(make())
            return made[-1]

        try:
            result = translate(
                config,
                lang,
                articles=args.articles or None,
                translator_factory=factory,
                glossary=glossary,
                use_cache=not args.no_cache,
                redraft=args.redraft,
                progress=bar.update,
                planning=plan_bar.update,
            )
        finally:
            plan_bar.close()
            bar.close()
        for line in made[0].stats.summary() if made and hasattr(made[0], "stats") else ():
            log.info("%s: ray %s", lang, line)
        if not result.pending:
            log.info("%s: nothing to translate (%d catalogs up to date)", lang, len(result.catalogs))
        else:
            log.info(
                "%s: %d drafted, %d from translation memory%s%s",
                lang,
                result.drafted,
                result.reused,
                f", {result.failed} left untranslated (backend failed, see warnings)" if result.failed else "",
                f" ({result.signature})" if result.signature else "",
            )
    return EXIT_OK


class _ProgressBar:
    """tqdm on stderr, only when stderr is a terminal."""

    def __init__(self, desc: str, unit: str = "seg") -> None:
        self.desc = desc
        self.unit = unit
        self.bar: Any = None

    def update(self, done: int, total: int) -> None:
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc=self.desc, unit=self.unit, file=sys.stderr, disable=None, leave=False)
        self.bar.update(done - self.bar.n)  # tqdm rate-limits its redraws
        if done >= total:  # finished: the next phase's bar takes its line
            self.close()

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _ids(text: str | None) -> list[str] | None:
    return [t.strip() for t in text.split(",") if t.strip()] if text else None


def _cmd_check(args: argparse.Namespace, out: TextIO) -> int:
    from newsl10n.model import Severity

    if args.list:
        from newsl10n.checks import list_checks

        rows = [(c.id, c.severity.label, c.title) for c in list_checks()]
        width = max(len(r[0]) for r in rows)
        for cid, sev, title in rows:
            print(f"{cid:<{width}}  {sev:<7}  {title}", file=out)
        return EXIT_OK
    from newsl10n.report import format_findings, summary_line
    from newsl10n.workflow import check

    config = _config(args)
    result = check(
        config,
        args.paths or None,
        lang=args.lang,
        glossary_path=args.glossary,
        select=_ids(args.select),
        ignore=_ids(args.ignore) or (),
        strict=args.strict,
        jobs=args.jobs,
        min_confidence=args.min_confidence,
    )
    text = format_findings(result.findings, args.format)
    if text:
        out.write(text if text.endswith("\n") else text + "\n")
    if args.format == "text":
        print(summary_line(result.findings, files=len(result.files)), file=sys.stderr)
    threshold = Severity.parse(args.fail_on)
    return EXIT_FINDINGS if any(f.severity >= threshold for f in result.findings) else EXIT_OK


def _cmd_glossary(args: argparse.Namespace, out: TextIO) -> int:
    from newsl10n.workflow.check import export_glossary

    path = export_glossary(_config(args), args.output, glossary_path=args.glossary)
    log.info("wrote %s", path)
    return EXIT_OK


def _cmd_build(args: argparse.Namespace, out: TextIO) -> int:
    from newsl10n.workflow import build, validate_language

    config = _config(args)
    for lang in [validate_language(lang) for lang in _langs(args, config)]:
        for r in build(
            config,
            lang,
            articles=args.articles or None,
            include_fuzzy=args.include_fuzzy,
            min_translated=args.min_translated,
            output=args.output,
        ):
            log.info("wrote %s (%d/%d segments translated) and %s", r.output, r.translated, r.segments, r.mo)
    return EXIT_OK


def _cmd_review(args: argparse.Namespace, out: TextIO) -> int:
    from newsl10n.workflow import review

    config = _config(args)
    result = review(
        config,
        langs=_langs(args, config),
        articles=args.articles or None,
        output=args.output,
        glossary_path=args.glossary,
        use_glossary=not args.no_glossary,
        min_confidence=args.min_confidence,
        jobs=args.jobs,
    )
    log.info("wrote %d review pages (%d entries, %d findings) and %s",
             len(result.pages), result.entries, result.findings, result.index)
    return EXIT_OK


def _cmd_stats(args: argparse.Namespace, out: TextIO) -> int:
    from newsl10n.workflow import stats

    rows = stats(_config(args), lang=args.lang)
    if args.format == "json":
        json.dump([r.as_dict() for r in rows], out, ensure_ascii=False, indent=2)
        out.write("\n")
        return EXIT_OK
    header = ("catalog", "total", "reviewed", "draft", "untransl.", "words", "done")
    table = [header] + [
        (
            r.catalog,
            str(r.total),
            str(r.reviewed),
            str(r.draft),
            str(r.untranslated),
            f"{r.words_reviewed}/{r.words_total}",
            f"{r.percent_reviewed:.0f}%",
        )
        for r in rows
    ]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        cells = [row[0].ljust(widths[0])] + [c.rjust(w) for c, w in zip(row[1:], widths[1:])]
        print("  ".join(cells).rstrip(), file=out)
    return EXIT_OK


_COMMANDS = {
    "extract": _cmd_extract,
    "update": _cmd_update,
    "translate": _cmd_translate,
    "check": _cmd_check,
    "glossary": _cmd_glossary,
    "build": _cmd_build,
    "review": _cmd_review,
    "stats": _cmd_stats,
}


def run() -> None:
    """Console-script entry point."""
    sys.exit(main())


if __name__ == "__main__":  # pragma: no cover
    run()
