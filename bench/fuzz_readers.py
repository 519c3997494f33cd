"""Fuzz the readers: PO parsing and article reading/segmentation.

Any exception other than newsl10n's own ``NewsL10nError`` subclasses is a bug,
and so is a broken invariant:

- ``catalog``: bytes → :func:`newsl10n.catalog.parse_catalog`. A catalog that
  parses must render, and the rendering must parse back to the same units.
- ``article``: bytes written to a file → :func:`newsl10n.segment.read_article_text`
  → :func:`newsl10n.segment.segment_text`. Spans must be in order, inside the
  text, and the msgid must be the normalised span text.

Uses atheris (coverage-guided, libFuzzer) when installed, else hypothesis with a
large example budget. Usage::

    python bench/fuzz_readers.py catalog --seconds 120
    python bench/fuzz_readers.py article --seconds 120
    python bench/fuzz_readers.py all --seconds 300   # split between both

Exit status 0 when no crash was found. atheris writes crashing inputs to
``--artifacts`` (default: ``$TMPDIR/newsl10n-fuzz-crashes/``) and prints the traceback.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SEEDS = {
    "catalog": [*sorted((REPO / "tests" / "data" / "po").glob("*.po")), *sorted((REPO / "locales").rglob("*.po"))],
    "article": [*sorted((REPO / "articles").glob("*.txt")), *sorted((REPO / "tests" / "data" / "hostile").glob("*.txt"))],
}
MAX_LEN = 8192


def check_catalog(data: bytes) -> None:
    from newsl10n.catalog import parse_catalog, render_catalog
    from newsl10n.errors import NewsL10nError

    try:
        catalog = parse_catalog(data, path="fuzz.po")
    except NewsL10nError:
        return
    rendered = render_catalog(catalog)
    again = parse_catalog(rendered, path="rendered.po")  # what we write, we must read
    if [u.key for u in again.units] != [u.key for u in catalog.units]:
        raise AssertionError("render → parse changed the message keys")
    if [(u.target, u.state) for u in again.units] != [(u.target, u.state) for u in catalog.units]:
        raise AssertionError("render → parse changed translations or states")
    if render_catalog(again) != rendered:
        raise AssertionError("render is not a fixed point")


_ARTICLE_FILE: Path | None = None


def check_article(data: bytes) -> None:
    from newsl10n.errors import NewsL10nError
    from newsl10n.segment import normalise_source, read_article_text, segment_text

    global _ARTICLE_FILE
    if _ARTICLE_FILE is None:
        _ARTICLE_FILE = Path(tempfile.mkdtemp(prefix="newsl10n-fuzz-")) / "a.txt"
    _ARTICLE_FILE.write_bytes(data)
    try:
        text = read_article_text(_ARTICLE_FILE)
    except NewsL10nError:
        return
    _metadata, segments = segment_text(text, ref_path="a.txt")
    pos = 0
    for seg in segments:
        if not (pos <= seg.start < seg.end <= len(text)):
            raise AssertionError(f"bad span {seg.start}:{seg.end} after {pos} in text of {len(text)}")
        if normalise_source(text[seg.start : seg.end]) != seg.source:
            raise AssertionError("msgid is not the normalised span text")
        if not seg.source:
            raise AssertionError("empty msgid")
        pos = seg.end


TARGETS = {"catalog": check_catalog, "article": check_article}


def run_atheris(target: str, seconds: int, artifacts: Path) -> int:
    import atheris

    with atheris.instrument_imports(include=["newsl10n"]):
        import newsl10n.catalog
        import newsl10n.placeables
        import newsl10n.segment  # noqa: F401
    corpus = Path(tempfile.mkdtemp(prefix=f"newsl10n-corpus-{target}-"))
    for i, seed in enumerate(SEEDS[target]):
        (corpus / f"seed{i}").write_bytes(seed.read_bytes()[:MAX_LEN])
    crashes = artifacts
    crashes.mkdir(parents=True, exist_ok=True)
    fn = TARGETS[target]
    argv = [
        sys.argv[0],
        str(corpus),
        f"-max_total_time={seconds}",
        f"-max_len={MAX_LEN}",
        "-timeout=20",  # a single input taking 20 s is a bug (pathological segmentation)
        "-rss_limit_mb=4096",
        f"-artifact_prefix={crashes}/{target}-",
        "-print_final_stats=1",
    ]
    if target == "catalog":
        argv.append(f"-dict={_po_dict()}")
    atheris.Setup(argv, fn)
    atheris.Fuzz()
    return 0


def _po_dict() -> str:
    tokens = ['msgid', 'msgstr', 'msgctxt', 'msgid_plural', 'msgstr[0]', '#~', '#|', '#,', 'fuzzy', '#:', '#.',
              '"', '\\"', '\\n', '\\\\', '\\t', 'charset=', 'Content-Type: text/plain; charset=UTF-8\\n', '\\r\\n',
              '\xef\xbb\xbf', 'Language: ', 'newsl10n: machine draft by ']
    def esc(token: str) -> str:
        return "".join(chr(b) if 32 <= b < 127 and b not in (34, 92) else f"\\x{b:02x}" for b in token.encode())

    path = Path(tempfile.mkdtemp()) / "po.dict"
    path.write_text("".join(f'"{esc(t)}"\n' for t in tokens), encoding="ascii")
    return str(path)


def run_hypothesis(target: str, seconds: int) -> int:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    deadline = time.monotonic() + seconds
    seeds = [s.read_bytes()[:MAX_LEN] for s in SEEDS[target]]
    po_bits = st.sampled_from(['msgid "', 'msgstr "', 'msgctxt "', '"\n', '\\"', '\\n', '#, fuzzy\n', '#~ ',
                               '#| msgid "', '\n', '\r\n', '\\', '"'])
    text = st.text(alphabet=st.characters(codec="utf-8"), max_size=200)
    chunks = st.lists(st.one_of(po_bits, text, st.sampled_from(seeds).map(lambda b: b.decode("utf-8", "replace"))),
                      max_size=20).map(lambda xs: "".join(xs).encode("utf-8"))
    data = st.one_of(st.binary(max_size=MAX_LEN), chunks)
    fn = TARGETS[target]
    runs = 0

    @settings(max_examples=10**9, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data)
    def prop(b: bytes) -> None:
        nonlocal runs
        runs += 1
        if time.monotonic() > deadline:
            raise _Done
        fn(b)

    try:
        prop()
    except _Done:
        pass
    print(f"{target}: {runs} inputs in {seconds}s, no crash")
    return 0


class _Done(Exception):
    pass


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("target", choices=[*TARGETS, "all"])
    p.add_argument("--seconds", type=int, default=120)
    p.add_argument("--engine", choices=("auto", "atheris", "hypothesis"), default="auto")
    p.add_argument("--artifacts", type=Path, default=Path(tempfile.gettempdir()) / "newsl10n-fuzz-crashes")
    args = p.parse_args()
    engine = args.engine
    if engine == "auto":
        try:
            import atheris  # noqa: F401

            engine = "atheris"
        except ImportError:
            engine = "hypothesis"
    if args.target == "all":
        # libFuzzer owns its process: one child per target.
        each = max(1, args.seconds // len(TARGETS))
        rc = 0
        for target in TARGETS:
            cmd = [sys.executable, __file__, target, "--seconds", str(each), "--engine", engine,
                   "--artifacts", str(args.artifacts)]
            rc |= subprocess.call(cmd, env={**os.environ, "PYTHONHASHSEED": "0"})
        return rc
    start = time.monotonic()
    print(f"fuzzing {args.target} with {engine} for {args.seconds}s", file=sys.stderr)
    rc = run_atheris(args.target, args.seconds, args.artifacts) if engine == "atheris" else run_hypothesis(args.target, args.seconds)
    print(f"{args.target}: ran {time.monotonic() - start:.0f}s", file=sys.stderr)
    return rc


if __name__ == "__main__":
    sys.exit(main())
