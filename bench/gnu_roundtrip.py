"""GNU round trip: is newsl10n's PO writer a no-op for msgcat, and msgcat's for newsl10n?

Usage::

    .venv/bin/python bench/gnu_roundtrip.py --from DIR [--list-failures N]

For every ``*.po`` under ``DIR`` (e.g. the ``locale/`` trees of the Django and
Sphinx wheels, unpacked) it measures two directions:

- ours → msgcat: newsl10n reads the file and writes it (A); ``msgcat A`` must
  give A back byte for byte;
- msgcat → ours: ``msgcat`` writes the file (M); newsl10n reads M and writes it,
  which must give M back byte for byte.

A file newsl10n refuses to read counts as not identical in both directions.
Prints ``files byte-identical / total`` for each direction.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from newsl10n.catalog import parse_catalog, render_catalog
from newsl10n.errors import CatalogError


def msgcat(data: bytes, tmp: Path) -> bytes | None:
    """``msgcat`` of ``data``; None when msgcat refuses it."""
    src, out = tmp / "in.po", tmp / "out.po"
    src.write_bytes(data)
    out.unlink(missing_ok=True)
    done = subprocess.run(["msgcat", str(src), "-o", str(out)], check=False, capture_output=True)
    if done.returncode != 0:
        return None
    return out.read_bytes() if out.exists() else b""


def ours(data: bytes, name: str) -> bytes | None:
    try:
        return render_catalog(parse_catalog(data, path=name))
    except CatalogError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--from", dest="root", type=Path, required=True)
    parser.add_argument("--list-failures", type=int, default=0, metavar="N")
    args = parser.parse_args()
    paths = sorted(args.root.rglob("*.po"))
    to_gnu = from_gnu = unreadable = 0
    failures: list[str] = []
    with tempfile.TemporaryDirectory() as tmp_dir:
        tmp = Path(tmp_dir)
        for path in paths:
            data = path.read_bytes()
            written = ours(data, str(path))
            if written is None:
                unreadable += 1
                failures.append(f"unreadable: {path}")
                continue
            if msgcat(written, tmp) == written:
                to_gnu += 1
            else:
                failures.append(f"ours->msgcat: {path}")
            gnu = msgcat(data, tmp)
            if gnu is not None and ours(gnu, str(path)) == gnu:
                from_gnu += 1
            else:
                failures.append(f"msgcat->ours: {path}")
    total = len(paths)
    print(f"{total} files under {args.root}; newsl10n could not read {unreadable}")
    print(f"ours -> msgcat byte-identical: {to_gnu} / {total}")
    print(f"msgcat -> ours byte-identical: {from_gnu} / {total}")
    for line in failures[: args.list_failures]:
        print(line, file=sys.stderr)


if __name__ == "__main__":
    main()
