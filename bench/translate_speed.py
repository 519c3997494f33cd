"""How fast are drafts? transformers vs CTranslate2 vs the whole ``translate`` pipeline.

Builds (once, into a cache directory) a random-weight Marian model of the real
Opus-MT shape: transformer-base, 6+6 layers, d_model 512, a sentencepiece
vocabulary trained on repo text and padded to 62k entries so the output
projection costs what a real one does. Speed does not depend on weight values.
Output lengths are forced equal (every method decodes ``--out-len`` steps), and
all numbers and ratios are measured in the same run, on this machine.

Measured on the seed article's segments and on a ``--segments`` workload:

(a) transformers, one sentence at a time (greedy); (b) transformers, length-sorted
batches of 16 (greedy); (c) end-to-end ``newsl10n.workflow.translate.translate``
on a temporary project with fresh catalogs, ``use_cache=False``, the ctranslate2
backend with int8 (greedy); (d) a bare ``ctranslate2.Translator.translate_batch``
on the same pre-tokenised segments with the same settings.

Then: beam 4 vs greedy on CTranslate2 int8, inter/intra thread splits, output
agreement (CTranslate2 float32 and int8 vs transformers greedy, token for token),
and peak RSS of a ``translate`` run with each backend (each in a subprocess).

Usage: ``.venv/bin/python bench/translate_speed.py [--segments 500] [--out-len 32]``

``--pipeline-only`` measures only the end-to-end rate against bare CTranslate2 (run it with the
``PYTHONPATH`` of two checkouts, interleaved, to compare them); ``--save-timeline N`` reports
how far apart the saves of a default-settings run are, i.e. what a kill can lose.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "articles" / "izium-2022-09-16.txt"
PYPROJECT = """\
[tool.newsl10n]
project = "bench"
articles = ["articles/*.txt"]
languages = ["uk"]
glossary = false
"""


def build_model(directory: Path) -> Path:
    """The Opus-size random model, built once."""
    if (directory / "config.json").is_file():
        return directory
    from newsl10n.mt.randmodel import build_random_marian

    texts = SEED.read_text(encoding="utf-8").splitlines()
    for path in sorted((REPO / "locales").rglob("*.po")) + sorted(REPO.glob("*.md")):
        texts.extend(path.read_text(encoding="utf-8").splitlines())
    print(f"building the random Opus-size model in {directory} ...", flush=True)
    return build_random_marian(
        directory, texts=texts, size="base", vocab_size=8000, pad_vocab_to=62_000, max_length=512
    )


def seed_segments() -> list[str]:
    from newsl10n.segment import parse_article

    return [s.source for s in parse_article(SEED).segments]


def workload(n: int) -> list[str]:
    """``n`` distinct segments of news length, exactly as the pipeline segments them."""
    from newsl10n.segment import parse_article

    seed = seed_segments()
    candidates = [f"Update {i // len(seed) + 1}: {seed[i % len(seed)]}" for i in range(2 * n)]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "w.txt"
        path.write_text("\n\n".join(candidates) + "\n", encoding="utf-8")
        sources = list(dict.fromkeys(s.source for s in parse_article(path).segments))
    return sources[:n]


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


# -- (a), (b): transformers ------------------------------------------------------


class HF:
    def __init__(self, model_dir: Path) -> None:
        import torch
        from transformers import MarianMTModel, MarianTokenizer

        torch.set_num_threads(len(os.sched_getaffinity(0)))
        self.torch = torch
        self.tok = MarianTokenizer.from_pretrained(model_dir)
        self.model = MarianMTModel.from_pretrained(model_dir).eval()

    def generate(self, texts: Sequence[str], *, out_len: int, forced: bool, beams: int = 1) -> list[list[str]]:
        batch = self.tok(list(texts), return_tensors="pt", padding=True)
        extra = {"min_new_tokens": out_len - 1} if forced else {}
        with self.torch.inference_mode():
            out = self.model.generate(
                **batch, num_beams=beams, do_sample=False, max_new_tokens=out_len, **extra
            )
        return [
            [t for t in self.tok.convert_ids_to_tokens(row) if t not in ("<pad>", "</s>")] for row in out.tolist()
        ]

    def batched(self, texts: Sequence[str], *, out_len: int, forced: bool, size: int = 16) -> list[list[str]]:
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out: dict[int, list[str]] = {}
        for start in range(0, len(order), size):
            chunk = order[start : start + size]
            for i, pieces in zip(chunk, self.generate([texts[i] for i in chunk], out_len=out_len, forced=forced)):
                out[i] = pieces
        return [out[i] for i in range(len(texts))]


# -- (c), (d): the pipeline and bare CTranslate2 -------------------------------------


def make_project(root: Path, sentences: Sequence[str]) -> Any:
    from newsl10n.config import load_config
    from newsl10n.workflow.project import extract

    (root / "articles").mkdir(parents=True)
    (root / "articles" / "bench.txt").write_text("\n\n".join(sentences) + "\n", encoding="utf-8")
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    config = load_config(start=root)
    extract(config)  # the templates; translate() then updates fresh catalogs from them
    return config


def end_to_end(sentences: Sequence[str], factory: Callable[[], Any], *, preloaded: Any = None) -> tuple[float, Any]:
    """Seconds for one ``translate`` call on a fresh project (model load included unless preloaded)."""
    from newsl10n.workflow.translate import translate

    with tempfile.TemporaryDirectory() as tmp:
        config = make_project(Path(tmp), sentences)
        if preloaded is not None:
            return timed(lambda: translate(config, "uk", translator=preloaded, use_cache=False))
        return timed(lambda: translate(config, "uk", translator_factory=factory, use_cache=False))


def bare(translator: Any, source: list[list[str]], *, out_len: int, beams: int = 1, batch: int = 16) -> tuple[float, int]:
    """Seconds and output tokens of a bare ``translate_batch`` with the backend's batching."""
    mean = sum(len(s) for s in source) / len(source)
    seconds, results = timed(
        lambda: translator.translate_batch(
            source,
            max_batch_size=max(max(len(s) for s in source), round(batch * mean)),
            batch_type="tokens",
            beam_size=beams,
            min_decoding_length=out_len - 1,
            max_decoding_length=out_len - 1,
        )
    )
    return seconds, sum(len(r.hypotheses[0]) for r in results)


def agreement(ref: Sequence[Sequence[str]], other: Sequence[Sequence[str]]) -> tuple[float, float]:
    """(share of sentences identical token for token, share of reference positions that agree)."""
    same = sum(list(a) == list(b) for a, b in zip(ref, other))
    pos = sum(sum(x == y for x, y in zip(a, b)) for a, b in zip(ref, other))
    return same / len(ref), pos / max(1, sum(len(a) for a in ref))


# -- peak memory ---------------------------------------------------------------------


def child(backend: str, model_dir: str, out_len: int, cache: str) -> None:
    """Run one ``translate`` of the seed article; print this process's peak RSS (MiB)."""
    from newsl10n.workflow.translate import translate

    def factory() -> Any:
        if backend == "ctranslate2":
            from newsl10n.mt.ct2 import CTranslate2Translator

            return CTranslate2Translator(model=model_dir, num_beams=4, max_new_tokens=out_len, cache_dir=Path(cache))
        from newsl10n.mt.marian import MarianTranslator

        return MarianTranslator(model=model_dir, num_beams=4, max_new_tokens=out_len)

    with tempfile.TemporaryDirectory() as tmp:
        config = make_project(Path(tmp), seed_segments())
        translate(config, "uk", translator_factory=factory, use_cache=False)
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over fork and exec, so a child of this
    # (large) bench process would report the parent's peak.
    status = Path("/proc/self/status").read_text()
    hwm_kib = next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))
    print(json.dumps({"maxrss_mib": hwm_kib / 1024}))


def peak_rss(backend: str, model_dir: Path, out_len: int, cache: Path) -> float:
    cmd = [sys.executable, __file__, "--child", backend, "--model-dir", str(model_dir), "--out-len", str(out_len),
           "--cache", str(cache)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    # The child reports its own peak: RUSAGE_CHILDREN is a max over every child so far (and inherited).
    return float(json.loads(proc.stdout.strip().splitlines()[-1])["maxrss_mib"])


# -- main -------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--segments", type=int, default=500)
    parser.add_argument("--out-len", type=int, default=32, help="decoder steps per sentence (forced)")
    parser.add_argument("--model-dir", type=Path, default=Path(tempfile.gettempdir()) / "newsl10n-bench" / "opus-base")
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "newsl10n-bench" / "ct2")
    parser.add_argument("--memory-only", action="store_true", help="only the peak-RSS comparison")
    parser.add_argument("--pipeline-only", action="store_true",
                        help="only (c') end-to-end with a preloaded int8 model and (d) bare, on --segments, --repeat times")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement with --pipeline-only")
    parser.add_argument("--save-timeline", type=int, metavar="N",
                        help="only: translate N segments with the default settings (beam 4, int8) and report "
                             "how long drafts wait between saves: what a kill can lose")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, str(args.model_dir), args.out_len, str(args.cache))
        return

    import ctranslate2

    from newsl10n.mt.ct2 import CTranslate2Translator, cpu_cores, thread_plan

    L = args.out_len
    model_dir = build_model(args.model_dir)
    if args.memory_only:
        peak_report(model_dir, L, args.cache)
        return
    if args.pipeline_only:
        pipeline_report(model_dir, L, args.cache, args.segments, args.repeat)
        return
    if args.save_timeline:
        save_timeline(model_dir, args.cache, args.save_timeline)
        return
    cores = cpu_cores()
    inter, intra = thread_plan(cores)
    print(f"model: random Marian transformer-base, vocab {len(json.loads((model_dir / 'vocab.json').read_text()))}; "
          f"{cores} cores; CTranslate2 {ctranslate2.__version__} int8 with inter={inter} intra={intra}; "
          f"{L - 1} output tokens per sentence (+ end)")

    def ct2(compute_type: str, beams: int = 1, **kw: Any) -> CTranslate2Translator:
        # length_ratio=100: the source-length decoding limit never binds, so every method decodes L steps.
        return CTranslate2Translator(model=str(model_dir), num_beams=beams, max_new_tokens=L,
                                     compute_type=compute_type, cache_dir=args.cache, length_ratio=100.0, **kw)

    t_conv, int8 = timed(lambda: ct2("int8"))
    if int8.converted:
        print(f"one-time int8 conversion: {t_conv:.1f}s")
    t_load, int8 = timed(lambda: ct2("int8"))
    print(f"int8 load from the cache: {t_load:.2f}s")

    seed = seed_segments()
    big = workload(args.segments)
    hf = HF(model_dir)
    rows: dict[str, dict[str, float]] = {}

    def record(label: str, work: str, seconds: float, tokens: int) -> float:
        rate = tokens / seconds
        rows.setdefault(label, {})[work] = rate
        print(f"  {label:<58} {work:>5}: {seconds:7.2f}s {tokens:6d} tok {rate:8.1f} tok/s", flush=True)
        return rate

    for work, texts in (("seed", seed), (str(len(big)), big)):
        print(f"\n{work} workload: {len(texts)} segments")
        n_tok = len(texts) * (L - 1)
        if work == "seed":
            s, outs = timed(lambda: [hf.generate([t], out_len=L, forced=True)[0] for t in texts])
            record("(a) transformers, one sentence at a time", work, s, sum(map(len, outs)))
        s, outs = timed(lambda: hf.batched(texts, out_len=L, forced=True))
        record("(b) transformers, batches of 16", work, s, sum(map(len, outs)))
        # Forcing only matters if a sentence could end early: check the backend's own lengths.
        natural = int8.best_pieces(texts)
        early = sum(len(p) < L - 1 for p in natural)
        s, res = end_to_end(texts, lambda: ct2("int8"))
        if res.drafted != len(texts):
            raise SystemExit(f"the pipeline drafted {res.drafted} segments, not {len(texts)}: {res}")
        record("(c) translate end-to-end, ct2 int8 (model load included)", work, s, n_tok)
        s, res = end_to_end(texts, lambda: None, preloaded=int8)
        if res.drafted != len(texts):
            raise SystemExit(f"the pipeline drafted {res.drafted} segments, not {len(texts)}: {res}")
        record("(c') translate end-to-end, ct2 int8 (model preloaded)", work, s, n_tok)
        source = int8.tokenize(texts)
        s, tokens = bare(int8._translator, source, out_len=L)
        record("(d) bare ctranslate2 translate_batch, int8", work, s, tokens)
        if early:
            print(f"  note: {early} sentences end early without forcing; (c) tok/s is overstated for them")

    def ratio(a: str, b: str, work: str) -> float:
        return rows[a][work] / rows[b][work]

    n = str(len(big))
    print("\nratios (same run):")
    r1 = ratio("(c) translate end-to-end, ct2 int8 (model load included)", "(a) transformers, one sentence at a time", "seed")
    r1p = ratio("(c') translate end-to-end, ct2 int8 (model preloaded)", "(a) transformers, one sentence at a time", "seed")
    print(f"  seed: end-to-end vs naive transformers:            {r1:5.1f}x (preloaded model: {r1p:.1f}x)   target >= 10x")
    r2 = ratio("(c) translate end-to-end, ct2 int8 (model load included)", "(b) transformers, batches of 16", n)
    r2p = ratio("(c') translate end-to-end, ct2 int8 (model preloaded)", "(b) transformers, batches of 16", n)
    print(f"  {n}: end-to-end vs batched transformers:           {r2:5.1f}x (preloaded model: {r2p:.1f}x)   target >= 4x")
    for work in ("seed", n):
        o = ratio("(c) translate end-to-end, ct2 int8 (model load included)", "(d) bare ctranslate2 translate_batch, int8", work)
        op = ratio("(c') translate end-to-end, ct2 int8 (model preloaded)", "(d) bare ctranslate2 translate_batch, int8", work)
        print(f"  {work}: pipeline overhead, end-to-end / bare:         {o:5.2f}  (preloaded model: {op:.2f})   target >= 0.85")

    print("\nbeam 4 vs greedy, bare CTranslate2 int8:")
    for work, texts in (("seed", seed), (n, big)):
        source = int8.tokenize(texts)
        s1, t1 = bare(int8._translator, source, out_len=L, beams=1)
        s4, t4 = bare(int8._translator, source, out_len=L, beams=4)
        print(f"  {work:>5}: greedy {t1 / s1:7.1f} tok/s, beam 4 {t4 / s4:7.1f} tok/s -> beam 4 costs {s4 / s1:.2f}x the time")

    print("\nthread splits (bare int8, greedy, seed; inter x intra):")
    for i_, j_ in sorted({(cores, 1), (1, cores), (inter, intra)}):
        tr = ctranslate2.Translator(str(int8.model_dir), compute_type="int8", inter_threads=i_, intra_threads=j_)
        s, t = bare(tr, int8.tokenize(big[:200]), out_len=L)
        print(f"  {i_} x {j_}: {t / s:7.1f} tok/s (200 segments)")
        del tr

    print("\nagreement with transformers greedy (natural lengths, max_new_tokens=%d, seed):" % L)
    ref = hf.batched(seed, out_len=L, forced=False)
    f32 = ct2("float32")
    for label, tr in (("float32", f32), ("int8", int8)):
        sent, pos = agreement(ref, tr.best_pieces(seed))
        print(f"  ct2 {label:<7}: {sent:6.1%} of sentences identical token for token, {pos:6.1%} of tokens")
    del hf, f32

    peak_report(model_dir, L, args.cache)


def pipeline_report(model_dir: Path, out_len: int, cache: Path, segments: int, repeat: int) -> None:
    """End-to-end ``translate`` (model preloaded) against bare CTranslate2, interleaved, best of ``repeat``."""
    import inspect

    from newsl10n.mt.ct2 import CTranslate2Translator

    kw: dict[str, Any] = {}
    if "length_ratio" in inspect.signature(CTranslate2Translator).parameters:
        kw["length_ratio"] = 100.0  # the same decoder steps as a build without the source-length limit (A/B)
    int8 = CTranslate2Translator(model=str(model_dir), num_beams=1, max_new_tokens=out_len, compute_type="int8",
                                 cache_dir=cache, **kw)
    texts = workload(segments)
    n_tok = len(texts) * (out_len - 1)
    source = int8.tokenize(texts)
    e2e, raw = [], []
    for _ in range(repeat):
        s, res = end_to_end(texts, lambda: None, preloaded=int8)
        if res.drafted != len(texts):
            raise SystemExit(f"the pipeline drafted {res.drafted} segments, not {len(texts)}: {res}")
        e2e.append(n_tok / s)
        s, tokens = bare(int8._translator, source, out_len=out_len)
        raw.append(tokens / s)
    print(f"{len(texts)} segments, {out_len - 1} output tokens each, greedy int8, {repeat} runs interleaved")
    print(f"  (c') translate end-to-end, model preloaded: best {max(e2e):8.1f} tok/s  runs {[round(r) for r in e2e]}")
    print(f"  (d)  bare ctranslate2 translate_batch:      best {max(raw):8.1f} tok/s  runs {[round(r) for r in raw]}")
    print(f"  end-to-end / bare (best of each): {max(e2e) / max(raw):.3f}")


def save_timeline(model_dir: Path, cache: Path, segments: int) -> None:
    """Seconds between saves of a ``translate`` run at the default settings: a kill loses at most one gap."""
    import newsl10n.workflow.translate  # noqa: F401 - the package re-exports a function of the same name
    from newsl10n.mt.ct2 import CTranslate2Translator

    wt: Any = sys.modules["newsl10n.workflow.translate"]

    ct2 = CTranslate2Translator(model=str(model_dir), cache_dir=cache)  # defaults: beam 4, batch 16, int8
    saves: list[tuple[float, int]] = []
    original = wt._save

    def timed_save(todo: Any, made: Any, **kw: Any) -> int:
        n = original(todo, made, **kw)
        saves.append((time.perf_counter(), len(made)))
        return n

    wt._save = timed_save
    texts = workload(segments)
    start = time.perf_counter()
    try:
        seconds, res = end_to_end(texts, lambda: None, preloaded=ct2)
    finally:
        wt._save = original
    times = [start] + [t for t, _ in saves]
    gaps = [b - a for a, b in zip(times, times[1:])]
    print(f"{len(texts)} segments, {ct2.signature()}, inter_threads={ct2.inter_threads}: {seconds:.1f}s, "
          f"{len(saves)} saves of {min(n for _, n in saves)}-{max(n for _, n in saves)} drafts")
    print(f"  seconds between saves: max {max(gaps):.2f}, median {sorted(gaps)[len(gaps) // 2]:.2f}, "
          f"max after the first {max(gaps[1:] or [0]):.2f} (the first gap includes the catalog update and the "
          f"first batches); drafted {res.drafted}")
    print(f"  gaps: {[round(g, 1) for g in gaps]}; drafts per save: {[n for _, n in saves]}")


def peak_report(model_dir: Path, out_len: int, cache: Path) -> None:
    print("\npeak RSS of a translate run of the seed article, beam 4 (each in its own process):")
    for backend in ("ctranslate2", "marian"):
        print(f"  {backend:<12} {peak_rss(backend, model_dir, out_len, cache):7.0f} MiB", flush=True)


if __name__ == "__main__":
    main()
