"""End-to-end ``newsl10n check`` on a synthetic project: 200 catalogs x 50 entries.

Usage::

    .venv/bin/python bench/check_speed.py [--catalogs 200] [--entries 50] [--repeat 3]

Writes the catalogs with newsl10n's own writer into a temporary project (half
uk, half ru). ``--data realistic`` (default) builds them from the desk's reviewed
translations, each entry made unique, 5% with a changed number;
``--data adversarial`` uses ``bench/glossary_speed.py``'s random Cyrillic text
dense with glossary terms, deprecated variants and Latin leftovers (several
findings per entry). Then it times the real command in a fresh
process, interpreter start-up and imports included, as CI runs it. Baseline in
the same run: a bare ``polib.pofile`` parse of the same files in a fresh process
(the floor for anything that reads them). Budget (issue 3): under 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from dataclasses import replace

from glossary_speed import make_units

from newsl10n.catalog import Catalog, read_catalog, write_catalog
from newsl10n.model import Unit

ROOT = Path(__file__).resolve().parents[1]


def realistic_units(count: int, entries: int, lang: str) -> list[list[Unit]]:
    """Catalogs made from the desk's reviewed translations, each entry made unique.

    Entry ``j`` of catalog ``i`` is a reference sentence with "(update N)" appended
    in both languages, so sources differ while translations stay real; every
    20th translation has its number changed, as a careless edit would.
    """
    reference = [u for u in read_catalog(ROOT / "locales" / lang / "LC_MESSAGES" / "izium-2022-09-16.po").units if u.target]
    word = {"uk": "оновлення", "ru": "обновление"}[lang]
    out = []
    for i in range(count):
        units = []
        for j in range(entries):
            ref = reference[(i * entries + j) % len(reference)]
            n = i * entries + j
            wrong = n + 1 if j % 20 == 19 else n
            units.append(replace(ref, source=f"{ref.source} (update {n})", target=f"{ref.target} ({word} {wrong})"))
        out.append(units)
    return out


def build_project(root: Path, catalogs: int, entries: int, *, data: str = "realistic") -> list[Path]:
    (root / "pyproject.toml").write_text(
        f'[tool.newsl10n]\nlanguages = ["uk", "ru"]\nglossary = "{(ROOT / "glossary").as_posix()}"\n',
        encoding="utf-8",
    )
    paths = []
    for lang, count in (("uk", catalogs // 2), ("ru", catalogs - catalogs // 2)):
        made = realistic_units(count, entries, lang) if data == "realistic" else make_units(count, entries, lang)
        for i, units in enumerate(made):
            path = root / "locales" / lang / "LC_MESSAGES" / f"article-{i:03d}.po"
            header = {"Content-Type": "text/plain; charset=UTF-8", "Language": lang}
            write_catalog(Catalog(header=header, units=units), path)
            paths.append(path)
    return paths


def timed(cmd: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--catalogs", type=int, default=200)
    parser.add_argument("--entries", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--data",
        choices=("realistic", "adversarial"),
        default="realistic",
        help="realistic: the desk's reviewed translations, 5%% with a changed number; "
        "adversarial: random Cyrillic words full of glossary and Latin hits (bench/glossary_speed.py)",
    )
    args = parser.parse_args()
    exe = Path(sys.executable).with_name("newsl10n")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = build_project(root, args.catalogs, args.entries, data=args.data)
        parse = [sys.executable, "-c", "import glob, polib; [polib.pofile(p) for p in glob.glob('locales/*/LC_MESSAGES/*.po')]"]
        check = [str(exe), "check", "--format", "json"]
        serial = [*check, "-j", "1"]
        base_t, check_t, serial_t = [], [], []
        for _ in range(args.repeat):  # interleaved, so a slow spell of the machine hits all three
            base_t.append(timed(parse, root))
            check_t.append(timed(check, root))
            serial_t.append(timed(serial, root))
        proc = subprocess.run(check, cwd=root, capture_output=True, text=True, check=False)
    findings = proc.stdout.count('"check":')
    b, c, s = (statistics.median(t) for t in (base_t, check_t, serial_t))
    print(f"{args.data} data: {len(paths)} catalogs x {args.entries} entries, findings: {findings}, exit code {proc.returncode}")
    print(f"baseline  polib parse only (fresh process): {b:6.2f} s (median of {args.repeat})")
    print(f"newsl10n check (fresh process, all checks): {c:6.2f} s (median of {args.repeat}; all: {_all(check_t)})")
    print(f"newsl10n check -j 1 (one process):          {s:6.2f} s (median of {args.repeat}; all: {_all(serial_t)})")
    print(f"ratio check / parse: {c / b:.2f}x   budget 3.00 s: {'OK' if c < 3 else 'OVER'}")


def _all(times: list[float]) -> str:
    return " ".join(f"{t:.2f}" for t in times)


if __name__ == "__main__":
    main()
