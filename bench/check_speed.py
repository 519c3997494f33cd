"""End-to-end ``newsl10n check`` on a synthetic project: 200 catalogs x 50 entries.

Usage::

    .venv/bin/python bench/check_speed.py [--catalogs 200] [--entries 50] [--repeat 3]

Writes the catalogs with newsl10n's own writer into a temporary project (half
uk, half ru; entries from ``bench/glossary_speed.py``: inflected glossary terms,
deprecated variants, Latin leftovers), then times the real command in a fresh
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

from glossary_speed import make_units  # noqa: E402

from newsl10n.catalog import Catalog, write_catalog  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def build_project(root: Path, catalogs: int, entries: int) -> list[Path]:
    (root / "pyproject.toml").write_text(
        f'[tool.newsl10n]\nlanguages = ["uk", "ru"]\nglossary = "{(ROOT / "glossary").as_posix()}"\n',
        encoding="utf-8",
    )
    paths = []
    for lang, count in (("uk", catalogs // 2), ("ru", catalogs - catalogs // 2)):
        for i, units in enumerate(make_units(count, entries, lang)):
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
    args = parser.parse_args()
    exe = Path(sys.executable).with_name("newsl10n")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        paths = build_project(root, args.catalogs, args.entries)
        parse = [sys.executable, "-c", "import glob, polib; [polib.pofile(p) for p in glob.glob('locales/*/LC_MESSAGES/*.po')]"]
        check = [str(exe), "check", "--format", "json"]
        base_t = [timed(parse, root) for _ in range(args.repeat)]
        check_t = [timed(check, root) for _ in range(args.repeat)]
        proc = subprocess.run(check, cwd=root, capture_output=True, text=True)
    findings = proc.stdout.count('"check":')
    b, c = statistics.median(base_t), statistics.median(check_t)
    print(f"catalogs: {len(paths)} x {args.entries} entries, findings: {findings}, exit code {proc.returncode}")
    print(f"baseline  polib parse only (fresh process): {b:6.2f} s (median of {args.repeat})")
    print(f"newsl10n check (fresh process, all checks): {c:6.2f} s (median of {args.repeat})")
    print(f"ratio check / parse: {c / b:.2f}x   budget 3.00 s: {'OK' if c < 3 else 'OVER'}")


if __name__ == "__main__":
    main()
