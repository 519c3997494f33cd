"""Precision and recall of the quality checks on the labelled set, vs Translate Toolkit's pofilter.

Usage (from the repository root)::

    PYTHONPATH=src .venv/bin/python bench/checks_quality.py [--pofilter PATH] [--json OUT]

Each row of ``tests/data/checks/labelled.tsv`` names one check, a source, a
translation and whether that check should flag it (``flag``) or not (``ok``).
Optional columns describe catalog entries from other tools: ``flags`` (the
``#,`` flags, comma-separated, e.g. ``python-format``), ``plural`` (msgid_plural)
and ``forms`` (msgstr[1], msgstr[2]... separated by `` | ``; the translation
column is msgstr[0]). A plural row's catalog has Babel's Plural-Forms for its
language. ``format`` (``html``, ``markdown``) makes the row an entry of an HTML or
Markdown article's catalog, whose inline markup the ``markup-*`` checks compare
and the other checks look through.
A row is *flagged by newsl10n* when that check yields any issue (any severity)
on the row as a reviewed unit; *flagged by pofilter* when any of the
equivalent pofilter tests (:data:`POFILTER_TESTS`) fails on it.

pofilter is not a dependency: install it in a bench venv::

    python3 -m venv bench/.venv-pofilter
    bench/.venv-pofilter/bin/pip install translate-toolkit

The script writes one PO file per language (``msgctxt`` = row number), runs
``pofilter --language=LANG -t TEST ...`` on it, and maps the
``(pofilter) test: message`` comments of the failing units back to rows.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from newsl10n.checks import REGISTRY, CheckContext, run_checks  # noqa: E402
from newsl10n.model import Unit, UnitState  # noqa: E402

LABELLED = ROOT / "tests" / "data" / "checks" / "labelled.tsv"
# The per-language set: de, fr, es, pl, ar, ja (and uk, ru for the checks added with it).
LABELLED_LOCALES = ROOT / "tests" / "data" / "checks" / "labelled_locales.tsv"
DEFAULT_POFILTER = ROOT / "bench" / ".venv-pofilter" / "bin" / "pofilter"

# newsl10n check → the pofilter tests that look for the same problem.
POFILTER_TESTS: dict[str, tuple[str, ...]] = {
    "numbers": ("numbers",),
    "placeables-url": ("urls",),
    "placeables-handle": (),
    "placeables-hashtag": (),
    "placeables-email": ("emails",),
    "untranslated": ("unchanged", "untranslated"),
    "latin-leftover": (),
    "quotes-balanced": ("brackets", "doublequoting"),
    "end-punctuation": ("endpunc",),
    "length-ratio": ("long", "short"),
    "repeated-word": ("doublewords",),
    "whitespace-edges": ("startwhitespace", "endwhitespace"),
    "double-space": ("doublespacing",),
    "format-string": ("printf", "pythonbraceformat"),
    "plural-forms": (),
    "markup-missing": ("xmltags",),
    "markup-balanced": ("xmltags",),
    "source-leftover": (),
    "wrong-language": (),
    "bidi-controls": (),
}

_ESCAPE_RE = re.compile(r"\\(n|t|s|\\|u[0-9a-fA-F]{4})")


def unescape(text: str) -> str:
    r"""Decode the set's escapes: ``\n``, ``\t``, ``\s`` (space), ``\\``, ``\u00a0``."""

    def sub(m: re.Match[str]) -> str:
        code = m.group(1)
        if code.startswith("u"):
            return chr(int(code[1:], 16))
        return {"n": "\n", "t": "\t", "s": " ", "\\": "\\"}[code]

    return _ESCAPE_RE.sub(sub, text)


@dataclass(frozen=True)
class Row:
    """One labelled example."""

    n: int
    lang: str
    check: str
    source: str
    translation: str
    flag: bool
    flags: frozenset[str] = frozenset()
    plural: str | None = None
    forms: tuple[str, ...] = ()  # msgstr[1:] of a plural entry
    format: str | None = None  # the article format of the row's catalog (X-Newsl10n-Format)

    def unit(self) -> Unit:
        """The row as a reviewed catalog entry."""
        if self.plural is None:
            return Unit(self.source, self.translation, UnitState.REVIEWED, flags=self.flags, line=self.n)
        targets = (self.translation, *self.forms)
        return Unit(self.source, self.translation, UnitState.REVIEWED, flags=self.flags, line=self.n,
                    source_plural=self.plural, targets=targets)  # fmt: skip

    def context(self) -> CheckContext:
        """The catalog context of the row: its language and that language's Plural-Forms."""
        return CheckContext(
            lang=self.lang, path="labelled", plural_forms=plural_forms_of(self.lang), format=self.format
        )


def plural_forms_of(lang: str) -> str:
    """Babel's Plural-Forms header value for ``lang``, as ``newsl10n update`` writes it."""
    from babel.messages.plurals import get_plural

    tup = get_plural(lang)
    return f"nplurals={tup.num_plurals}; plural={tup.plural_expr};"


def load(path: Path = LABELLED, *, start: int = 1) -> list[Row]:
    """Read the labelled TSV (no quoting: quotes are data); rows are numbered from ``start``."""
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        for n, rec in enumerate(reader, start=start):
            plural = rec.get("plural") or None
            rows.append(
                Row(
                    n,
                    rec["lang"],
                    rec["check"],
                    unescape(rec["source"]),
                    unescape(rec["translation"]),
                    rec["expected"] == "flag",
                    frozenset(f.strip() for f in (rec.get("flags") or "").split(",") if f.strip()),
                    unescape(plural) if plural is not None else None,
                    tuple(unescape(f) for f in rec["forms"].split(" | ")) if rec.get("forms") else (),
                    rec.get("format") or None,
                )
            )
    return rows


def newsl10n_flags(rows: list[Row]) -> dict[int, bool]:
    """Row number → whether the row's check reports anything."""
    out = {}
    for row in rows:
        out[row.n] = bool(run_checks([row.unit()], row.context(), select=[row.check]))
    return out


def _po_string(text: str) -> str:
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("\n", "\\n").replace("\t", "\\t") + '"'


def write_po(rows: list[Row], path: Path, lang: str) -> None:
    """A PO file with one entry per row, ``msgctxt`` = row number."""
    header = (
        'msgid ""\nmsgstr ""\n'
        '"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {lang}\\n"\n'
        f'"Plural-Forms: {plural_forms_of(lang)}\\n"\n'
    )
    parts = [header]
    for row in rows:
        flags = f"#, {', '.join(sorted(row.flags))}\n" if row.flags else ""
        if row.plural is None:
            msgstr = f"msgstr {_po_string(row.translation)}\n"
        else:
            msgstr = f"msgid_plural {_po_string(row.plural)}\n" + "".join(
                f"msgstr[{i}] {_po_string(t)}\n" for i, t in enumerate((row.translation, *row.forms))
            )
        parts.append(f"\n{flags}msgctxt \"row-{row.n}\"\nmsgid {_po_string(row.source)}\n{msgstr}")
    path.write_text("".join(parts), encoding="utf-8")


def pofilter_flags(rows: list[Row], pofilter: str) -> dict[int, bool]:
    """Row number → whether an equivalent pofilter test fails (rows with none are absent)."""
    failures: dict[int, set[str]] = defaultdict(set)
    tests = sorted({t for ts in POFILTER_TESTS.values() for t in ts})
    with tempfile.TemporaryDirectory() as tmp:
        for lang in sorted({r.lang for r in rows}):
            src = Path(tmp) / f"{lang}.po"
            dst = Path(tmp) / f"{lang}.out.po"
            write_po([r for r in rows if r.lang == lang], src, lang)
            cmd = [pofilter, f"--language={lang}", "--progress=none"]
            for t in tests:
                cmd += ["-t", t]
            subprocess.run([*cmd, str(src), str(dst)], check=True, capture_output=True)
            ctx = None
            for line in dst.read_text(encoding="utf-8").splitlines():
                m = re.match(r"# \(pofilter\) (\w+):", line)
                if m:
                    pending = failures.setdefault(-1, set())
                    pending.add(m.group(1))
                    continue
                m = re.match(r'msgctxt "row-(\d+)"', line)
                if m:
                    ctx = int(m.group(1))
                    failures[ctx] |= failures.pop(-1, set())
            del ctx
    out = {}
    for row in rows:
        tests_for = POFILTER_TESTS.get(row.check, ())
        if tests_for:
            out[row.n] = bool(failures.get(row.n, set()) & set(tests_for))
    return out


def reference_alarms(pofilter: str | None) -> list[tuple[str, int, int, int | None]]:
    """Findings on the reviewed reference catalogs ``locales/*/LC_MESSAGES/*.po``.

    The references are correct translations, so every finding is a false alarm.
    Returns (path, units, newsl10n findings, pofilter failures or None).
    """
    import polib

    out = []
    tests = sorted({t for ts in POFILTER_TESTS.values() for t in ts})
    for path in sorted(ROOT.glob("locales/*/LC_MESSAGES/*.po")):
        lang = path.parent.parent.name
        po = polib.pofile(str(path))
        units = [
            Unit(e.msgid, e.msgstr, UnitState.REVIEWED, line=e.linenum)
            for e in po
            if e.msgstr and not e.obsolete
        ]
        ctx = CheckContext(lang=lang, path=str(path), format=po.metadata.get("X-Newsl10n-Format"))
        ours = len(run_checks(units, ctx, strict=True))
        theirs = None
        if pofilter:
            with tempfile.TemporaryDirectory() as tmp:
                dst = Path(tmp) / "out.po"
                cmd = [pofilter, f"--language={lang}", "--progress=none"]
                for t in tests:
                    cmd += ["-t", t]
                subprocess.run([*cmd, str(path), str(dst)], check=True, capture_output=True)
                text = dst.read_text(encoding="utf-8") if dst.exists() else ""
                theirs = len(re.findall(r"^# \(pofilter\) ", text, re.MULTILINE))
        out.append((str(path.relative_to(ROOT)), len(units), ours, theirs))
    return out


def scores(rows: list[Row], flagged: dict[int, bool], check: str) -> tuple[int, int, int, int]:
    """(true positives, false positives, false negatives, true negatives) of ``check``."""
    tp = fp = fn = tn = 0
    for row in rows:
        if row.check != check or row.n not in flagged:
            continue
        got = flagged[row.n]
        if got and row.flag:
            tp += 1
        elif got:
            fp += 1
        elif row.flag:
            fn += 1
        else:
            tn += 1
    return tp, fp, fn, tn


def _pr(tp: int, fp: int, fn: int) -> tuple[float, float]:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall


def print_per_language(rows: list[Row], ours: dict[int, bool], theirs: dict[int, bool]) -> None:
    """Precision and recall per language, all checks together, then per language and check."""
    header = f"{'lang':5} {'rows':>4} | {'newsl10n P':>10} {'R':>5} | {'pofilter P':>10} {'R':>5}"
    print(header + "  (pofilter: rows of checks it has)")
    for lang in sorted({r.lang for r in rows}):
        mine = [r for r in rows if r.lang == lang]
        counts = [0, 0, 0]
        pcounts = [0, 0, 0]
        for r in mine:
            counts[0] += ours[r.n] and r.flag
            counts[1] += ours[r.n] and not r.flag
            counts[2] += r.flag and not ours[r.n]
            if r.n in theirs and POFILTER_TESTS.get(r.check):
                pcounts[0] += theirs[r.n] and r.flag
                pcounts[1] += theirs[r.n] and not r.flag
                pcounts[2] += r.flag and not theirs[r.n]
        p, rc = _pr(*counts)
        pp, pr = _pr(*pcounts)
        shown = f"{pp:>10.2f} {pr:>5.2f}" if theirs else f"{'—':>10} {'—':>5}"
        print(f"{lang:5} {len(mine):>4} | {p:>10.2f} {rc:>5.2f} | {shown}")
        for check in sorted({r.check for r in mine}):
            sub = [r for r in mine if r.check == check]
            c = [sum(ours[r.n] and r.flag for r in sub), sum(ours[r.n] and not r.flag for r in sub),
                 sum(r.flag and not ours[r.n] for r in sub)]  # fmt: skip
            cp, cr = _pr(*c)
            line = f"      {check:18} {len(sub):>3}  P {cp:.2f} R {cr:.2f}"
            if theirs and POFILTER_TESTS.get(check):
                t = [sum(theirs.get(r.n, False) and r.flag for r in sub),
                     sum(theirs.get(r.n, False) and not r.flag for r in sub),
                     sum(r.flag and not theirs.get(r.n, False) for r in sub)]  # fmt: skip
                tp_, tr_ = _pr(*t)
                line += f" | pofilter P {tp_:.2f} R {tr_:.2f}"
            print(line)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pofilter", default=None, help="pofilter executable")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    parser.add_argument("--verbose", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)

    rows = load()
    rows += load(LABELLED_LOCALES, start=len(rows) + 1)
    ours = newsl10n_flags(rows)
    pofilter = args.pofilter or (str(DEFAULT_POFILTER) if DEFAULT_POFILTER.exists() else None)
    pofilter = pofilter or shutil.which("pofilter")
    theirs = pofilter_flags(rows, pofilter) if pofilter else {}

    header = f"{'check':20} {'rows':>4} | {'newsl10n P':>10} {'R':>5} {'FP':>3} | "
    header += f"{'pofilter P':>10} {'R':>5} {'FP':>3}  pofilter tests"
    print(header)
    print("-" * len(header))
    totals = {"newsl10n": [0, 0, 0, 0], "pofilter": [0, 0, 0, 0]}
    report: dict[str, dict[str, object]] = {}
    for check in sorted(REGISTRY):
        n = sum(1 for r in rows if r.check == check)
        if not n:
            continue
        tp, fp, fn, tn = scores(rows, ours, check)
        p, r = _pr(tp, fp, fn)
        entry: dict[str, object] = {"rows": n, "newsl10n": {"precision": p, "recall": r, "fp": fp, "fn": fn}}
        for i, v in enumerate((tp, fp, fn, tn)):
            totals["newsl10n"][i] += v
        line = f"{check:20} {n:>4} | {p:>10.2f} {r:>5.2f} {fp:>3} | "
        tests = POFILTER_TESTS.get(check, ())
        if theirs and tests:
            ptp, pfp, pfn, ptn = scores(rows, theirs, check)
            pp, pr = _pr(ptp, pfp, pfn)
            entry["pofilter"] = {"precision": pp, "recall": pr, "fp": pfp, "fn": pfn}
            for i, v in enumerate((ptp, pfp, pfn, ptn)):
                totals["pofilter"][i] += v
            line += f"{pp:>10.2f} {pr:>5.2f} {pfp:>3}  {','.join(tests)}"
        else:
            line += f"{'—':>10} {'—':>5} {'—':>3}  {','.join(tests) or '(no equivalent)'}"
        print(line)
        report[check] = entry
        if args.verbose:
            for row in rows:
                if row.check != check:
                    continue
                if ours[row.n] != row.flag or (row.n in theirs and theirs[row.n] != row.flag):
                    print(
                        f"    row {row.n} {row.lang} expected={'flag' if row.flag else 'ok'}"
                        f" newsl10n={ours[row.n]} pofilter={theirs.get(row.n, '—')}:"
                        f" {row.translation!r}"
                    )
    print("-" * len(header))
    tp, fp, fn, _ = totals["newsl10n"]
    p, r = _pr(tp, fp, fn)
    print(f"newsl10n, all checks: precision {p:.2f}, recall {r:.2f}, {fp} false alarms")
    if theirs:
        # Compare on the rows both tools cover.
        covered = {c for c, t in POFILTER_TESTS.items() if t}
        sub_ours = [0, 0, 0]
        for check in covered:
            a, b, c, _ = scores(rows, ours, check)
            sub_ours = [sub_ours[0] + a, sub_ours[1] + b, sub_ours[2] + c]
        p, r = _pr(*sub_ours)
        print(f"newsl10n, checks pofilter also has: precision {p:.2f}, recall {r:.2f}, {sub_ours[1]} false alarms")
        tp, fp, fn, _ = totals["pofilter"]
        p, r = _pr(tp, fp, fn)
        print(f"pofilter, same rows: precision {p:.2f}, recall {r:.2f}, {fp} false alarms")
    else:
        print("pofilter not found: install it in bench/.venv-pofilter to compare")
    print()
    print_per_language(rows, ours, theirs)
    refs = reference_alarms(pofilter)
    if refs:
        print()
        print("false alarms on the reviewed reference catalogs (every finding is one):")
        for path, n, ours_n, theirs_n in refs:
            shown = "—" if theirs_n is None else str(theirs_n)
            print(f"  {path}: {n} units, newsl10n {ours_n}, pofilter {shown}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
