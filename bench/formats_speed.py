"""Extract + build time per MiB for the text, HTML and Markdown paths, in one run.

Usage::

    PYTHONPATH=src .venv/bin/python bench/formats_speed.py [--kib 512] [--repeat 3]

Builds one article per format of about ``--kib`` KiB by repeating the test
articles (``articles/izium-2022-09-16.txt``, ``tests/data/formats/izium.html``
and ``izium.md``; the HTML one's body repeated inside one page), then times
``formats.parse`` (what ``extract`` does per article) and ``formats.render``
with every segment translated (what ``build`` does), median of ``--repeat``
rounds, and prints seconds per MiB. Checks that the untranslated render is
byte-exact first. Then times one format at two sizes to show the growth is
linear (the ratio of seconds per MiB should stay near 1).
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from newsl10n import formats

ROOT = Path(__file__).resolve().parents[1]
SOURCES = {
    "text": ROOT / "articles" / "izium-2022-09-16.txt",
    "html": ROOT / "tests" / "data" / "formats" / "izium.html",
    "markdown": ROOT / "tests" / "data" / "formats" / "izium.md",
}


def make(fmt: str, kib: int) -> bytes:
    """An article of about ``kib`` KiB in ``fmt``."""
    src = SOURCES[fmt].read_text(encoding="utf-8")
    if fmt == "html":
        head, rest = src.split("<article>", 1)
        body, tail = rest.split("</article>", 1)
        reps = max(1, kib * 1024 // len(body.encode()))
        return (head + "<article>" + body * reps + "</article>" + tail).encode()
    if fmt == "markdown":
        fm_end = src.index("\n---\n", 4) + 5
        body = src[fm_end:] + "\n"
        reps = max(1, kib * 1024 // len(body.encode()))
        return (src[:fm_end] + body * reps).encode()
    reps = max(1, kib * 1024 // len(src.encode()))
    return ("\n\n".join([src.strip()] * reps) + "\n").encode()


def time_one(fmt: str, data: bytes, repeat: int) -> tuple[float, float, int]:
    """Median parse and render seconds, and the segment count."""
    name = {"text": "a.txt", "html": "a.html", "markdown": "a.md"}[fmt]
    doc = formats.parse(data, path=name)
    if formats.render(doc, {}).encode() != data:
        raise SystemExit(f"{fmt}: untranslated render is not byte-exact")
    translations = {(s.source, s.context): "переклад " + s.source for s in doc.segments}
    parse_t, render_t = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        doc = formats.parse(data, path=name)
        t1 = time.perf_counter()
        formats.render(doc, translations, lang="uk")
        t2 = time.perf_counter()
        parse_t.append(t1 - t0)
        render_t.append(t2 - t1)
    return statistics.median(parse_t), statistics.median(render_t), len(doc.segments)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kib", type=int, default=512)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"{'format':<9} {'KiB':>6} {'segments':>9} {'extract s/MiB':>14} {'build s/MiB':>12}")
    for fmt in ("text", "html", "markdown"):
        data = make(fmt, args.kib)
        parse_s, render_s, n = time_one(fmt, data, args.repeat)
        mib = len(data) / 2**20
        print(f"{fmt:<9} {len(data) / 1024:>6.0f} {n:>9} {parse_s / mib:>14.2f} {render_s / mib:>12.4f}")
    for fmt in ("text", "html", "markdown"):
        small, large = make(fmt, args.kib // 4), make(fmt, args.kib)
        ps, _, _ = time_one(fmt, small, args.repeat)
        pl, _, _ = time_one(fmt, large, args.repeat)
        ratio = (pl / len(large)) / (ps / len(small))
        print(f"{fmt}: seconds per MiB at {len(large) // 1024} KiB / at {len(small) // 1024} KiB = {ratio:.2f}")


if __name__ == "__main__":
    main()
