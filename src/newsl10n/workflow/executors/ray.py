"""The Ray executor: CTranslate2 batches on an actor pool of a Ray cluster.

The only importer of ``ray``. The driver process keeps everything that touches
files (see :mod:`newsl10n.workflow.translate`); this module only replaces *where*
the model runs:

1. The model is converted once, on the driver, into the CTranslate2 cache (as the
   local executor does). The converted files are put into Ray's **object store**
   once per run (``ray.put``); each actor fetches them, writes them to a temporary
   directory on its node and loads them. Actors never read the Hub, a shared
   path or the driver's cache, so any node of the cluster can run one.
2. The driver tokenises the pending sentences and cuts them into the same
   length-sorted token batches as the local CTranslate2 stream
   (:meth:`CTranslate2Translator.stream_with`). Each batch is one row of a
   ``ray.data.from_items`` dataset; ``map_batches`` runs the rows on an actor
   pool (``concurrency=workers``, one CPU or one GPU per actor), and each actor
   decodes its batch with :meth:`CTranslate2Translator.run_token_batch`: the same
   batch, options and per-draft limits as locally, so the drafts are equal byte
   for byte.
3. Results stream back with ``iter_rows`` while the job runs; the driver saves
   them, fills the MT cache and reports progress as they arrive.

Ray Data gives actors of a pool ``max_restarts=-1`` and ``max_task_retries=-1``:
an actor that dies is replaced and its batch re-run. A model that fails to load
on an actor is reported as a row with the actor's message, which stops the run
(:class:`~newsl10n.errors.BackendError`, exit 3).
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import socket
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

from newsl10n.config import Config
from newsl10n.errors import BackendError, UsageError
from newsl10n.model import Draft
from newsl10n.mt.base import Failure, StreamItem, failure_reason, ordered

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'newsl10n[ray]'"
PROBE_SECONDS = 5.0  # a TCP connect to the cluster address before ray.init
MAX_BLOCKS = 4096  # dataset blocks per job: results stream back block by block


@dataclass
class ActorStats:
    """What one actor (``host:pid``) did in a run."""

    sentences: int = 0  # model inputs (a long sentence in pieces counts each piece)
    tokens: int = 0  # source tokens, end token included
    seconds: float = 0.0  # time spent decoding


@dataclass
class RayStats:
    """Throughput of a Ray run, per actor and in total."""

    actors: dict[str, ActorStats] = field(default_factory=dict)
    wall: float = 0.0  # from job start to the last result
    first_result: float | None = None  # job start to the first result: the per-job fixed cost, mostly
    jobs: int = 0

    @property
    def sentences(self) -> int:
        """Model inputs decoded by every actor."""
        return sum(a.sentences for a in self.actors.values())

    @property
    def tokens(self) -> int:
        """Source tokens decoded by every actor."""
        return sum(a.tokens for a in self.actors.values())

    def summary(self) -> list[str]:
        """One line per actor and one for the total: sentences/s and tokens/s."""
        lines = []
        for name, a in sorted(self.actors.items()):
            secs = max(a.seconds, 1e-9)
            lines.append(
                f"actor {name}: {a.sentences} sentences, {a.sentences / secs:.1f} sentences/s, "
                f"{a.tokens / secs:.0f} tokens/s ({a.seconds:.1f}s decoding)"
            )
        wall = max(self.wall, 1e-9)
        lines.append(
            f"total: {self.sentences} sentences on {len(self.actors)} actor(s) in {self.wall:.1f}s, "
            f"{self.sentences / wall:.1f} sentences/s, {self.tokens / wall:.0f} tokens/s"
        )
        return lines


def import_ray() -> Any:
    """``import ray`` (with Ray Data), or a :class:`BackendError` with the install hint (exit 3)."""
    try:
        import ray
        import ray.data  # noqa: F401 - the extra installs both
    except ImportError as exc:
        raise BackendError(
            f"the ray executor needs Ray Data, but {exc.name or 'ray'} is not installed", hint=INSTALL_HINT
        ) from None
    return ray


def connect(ray: Any, address: str | None) -> None:
    """Join the cluster at ``address`` (or ``RAY_ADDRESS``), or start a local Ray instance.

    Raises:
        BackendError: the cluster cannot be reached (the message names the address).
    """
    target = address or os.environ.get("RAY_ADDRESS") or None
    if target:
        _probe(target)
    try:
        if ray.is_initialized():
            pass  # a library user (or the tests) already joined a cluster
        elif target:
            ray.init(address=target, log_to_driver=False, logging_level=logging.WARNING)
        else:
            ray.init(include_dashboard=False, log_to_driver=False, logging_level=logging.WARNING)
    except Exception as exc:  # noqa: BLE001 - ConnectionError, RuntimeError, ValueError ... by version
        raise BackendError(
            f"cannot reach the Ray cluster at {target or 'a new local instance'}: {failure_reason(exc)}",
            hint="check the address (`ray status` on the head node), or leave out --ray-address and "
            "RAY_ADDRESS to start a local Ray instance",
        ) from None
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False  # newsl10n draws its own bar
    # Ray Data reports every dataset's start, plan and end at INFO on stderr, through the bar;
    # they stay in Ray's own log files (and on stderr with -v).
    logging.getLogger("ray.data").setLevel(logging.INFO if log.isEnabledFor(logging.DEBUG) else logging.WARNING)


def _probe(address: str) -> None:
    """Fail fast on an address nothing listens on (``ray.init`` retries it for minutes)."""
    rest = address.split("://", 1)[-1]
    host, _, port = rest.rpartition(":")
    if not host or not port.isdigit():
        return  # "auto", "local" and friends: Ray resolves those itself
    try:
        socket.create_connection((host.strip("[]"), int(port)), timeout=PROBE_SECONDS).close()
    except OSError as exc:
        raise BackendError(
            f"cannot reach the Ray cluster at {address}: {failure_reason(exc)}",
            hint="check the address (`ray status` on the head node prints it), or leave out --ray-address "
            "and RAY_ADDRESS to start a local Ray instance",
        ) from None


def open_ray_translator(
    config: Config, lang: str, *, model: str | None = None, address: str | None = None, workers: int | None = None
) -> RayTranslator:
    """Connect to Ray, convert the model on the driver, ship it to the object store.

    Raises:
        BackendError: Ray missing, the cluster unreachable, the model not loadable here.
        UsageError: a backend other than CTranslate2, or ``workers < 1``.
    """
    from newsl10n.mt import resolve_backend_name

    if workers is not None and workers < 1:
        raise UsageError("--workers must be at least 1")
    ray = import_ray()
    backend = resolve_backend_name(config.backend)
    if backend != "ctranslate2":
        raise UsageError(
            f"the ray executor runs the ctranslate2 backend, not {backend!r}",
            hint="pip install 'newsl10n[ct2]' and use --backend ctranslate2 (or auto)",
        )
    connect(ray, address)  # before the conversion: an unreachable cluster fails fast
    from newsl10n.mt.ct2 import CTranslate2Translator

    gpu = config.device.startswith("cuda")
    # The driver's copy converts (once, into the cache), tokenises and plans; it does not decode.
    # On a GPU cluster the driver may have no GPU: it converts for int8 and the actors load that as
    # int8_float16, as the local CUDA path stores it.
    driver = CTranslate2Translator(
        model=model or config.model_for(lang),
        device="cpu",
        batch_size=config.batch_size,
        num_beams=config.num_beams,
        compute_type="int8" if gpu else None,
        inter_threads=1,
        intra_threads=1,
    )
    return RayTranslator(ray, driver, workers=workers, device=config.device)


class RayTranslator:
    """A :class:`~newsl10n.mt.base.Translator` whose batches run on a Ray actor pool."""

    name: ClassVar[str] = "ray"

    def __init__(self, ray: Any, driver: Any, *, workers: int | None, device: str = "cpu") -> None:
        self._ray = ray
        self.driver = driver
        self.gpu = device.startswith("cuda")
        settings = dict(driver.settings())
        if self.gpu:
            settings.update(device="cuda", device_index=0, compute_type="int8_float16")  # Ray picks the GPU
        self.settings = settings
        resources = ray.cluster_resources()
        have = int(resources.get("GPU" if self.gpu else "CPU", 1))
        self.workers = workers or max(1, have)
        files = {p.name: p.read_bytes() for p in sorted(driver.model_dir.iterdir()) if p.is_file()}
        self._model_ref = ray.put(files)  # once per run; every actor reads it from the object store
        self.model_bytes = sum(len(b) for b in files.values())
        self.stats = RayStats()

    def signature(self) -> str:
        """The local CTranslate2 signature (with the actors' compute type): the executor is not part of it."""
        sig = str(self.driver.signature())
        if self.gpu:
            sig = sig.replace(f"|{self.driver.compute_type}|", f"|{self.settings['compute_type']}|", 1)
        return sig

    def translate_batch(self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1) -> list[Draft]:
        """Translate ``texts`` on the cluster; a failed input raises."""
        out = ordered(self.translate_stream(texts, target_lang=target_lang, num_hypotheses=num_hypotheses), len(texts))
        for item in out:
            if isinstance(item, Failure):
                raise BackendError(f"the backend failed on an input: {item.reason}")
        return [d for d in out if isinstance(d, Draft)]

    def translate_stream(
        self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1, chunk: int = 64
    ) -> Iterator[StreamItem]:
        """Drafts as the actors finish their batches; None between results (a moment to save)."""
        del chunk
        stream: Iterator[StreamItem] = self.driver.stream_with(
            texts, target_lang=target_lang, num_hypotheses=num_hypotheses, run=self._run
        )
        return stream

    def _run(self, source: list[list[str]], batches: list[list[int]], n_return: int) -> Iterator[StreamItem]:
        if not batches:
            return
        ray = self._ray
        rows = [{"id": j, "tokens": json.dumps([source[i] for i in b], ensure_ascii=False)} for j, b in enumerate(batches)]
        ds = ray.data.from_items(rows, override_num_blocks=min(len(rows), MAX_BLOCKS))
        ds = ds.map_batches(
            TranslatorActor,
            fn_constructor_kwargs={
                "model": [self._model_ref],  # in a list: the actor fetches it (ray.get) and reports failures
                "settings": self.settings,
                "n_return": n_return,
            },
            batch_size=1,
            concurrency=min(self.workers, len(rows)),
            num_cpus=1,
            **({"num_gpus": 1} if self.gpu else {}),
        )
        started = time.monotonic()
        self.stats.jobs += 1
        yield None
        try:
            for row in ds.iter_rows():
                if row["error"]:
                    raise BackendError(
                        f"a Ray actor ({row['actor']}) could not load the model: {row['error']}",
                        hint="every node needs newsl10n with the ct2 extra installed (pip install 'newsl10n[ray,ct2]')",
                    )
                if self.stats.first_result is None:
                    self.stats.first_result = time.monotonic() - started
                stats = self.stats.actors.setdefault(str(row["actor"]), ActorStats())
                stats.sentences += int(row["sentences"])
                stats.tokens += int(row["tokens_in"])
                stats.seconds += float(row["seconds"])
                for i, data in zip(batches[int(row["id"])], json.loads(row["result"])):
                    yield i, decode(data)
                self.stats.wall = time.monotonic() - started
                yield None
        except ray.exceptions.RayError as exc:
            raise BackendError(
                f"the Ray job failed: {failure_reason(exc)}", hint="run with -v for details; `ray status` shows the cluster"
            ) from None


class TranslatorActor:
    """One CTranslate2 model on a Ray worker (``map_batches`` builds a pool of these)."""

    def __init__(self, *, model: list[Any], settings: dict[str, Any], n_return: int) -> None:
        import ray

        from newsl10n.mt.ct2 import CTranslate2Translator

        self.name = f"{socket.gethostname()}:{os.getpid()}"
        self.n_return = n_return
        self.error = ""
        self.dir = Path(tempfile.mkdtemp(prefix="newsl10n-ct2-"))
        try:
            files: dict[str, bytes] = ray.get(model[0])
            model_dir = self.dir / "model"
            model_dir.mkdir()
            for name, data in files.items():
                (model_dir / name).write_bytes(data)
            threads = max(1, int(ray.get_runtime_context().get_assigned_resources().get("CPU", 1)))
            self.translator = CTranslate2Translator.from_converted(model_dir, settings, intra_threads=threads)
        except Exception as exc:  # noqa: BLE001 - reported to the driver, which stops the run
            self.error = getattr(exc, "message", None) or failure_reason(exc)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[Any]]:
        """Decode each row's token batch: drafts as JSON, with the time and token counts."""
        out: dict[str, list[Any]] = {k: [] for k in ("id", "result", "error", "actor", "sentences", "tokens_in", "seconds")}
        for row_id, text in zip(batch["id"], batch["tokens"]):
            tokens = json.loads(str(text))
            started = time.perf_counter()
            results = [] if self.error else self.translator.run_token_batch(tokens, n_return=self.n_return)
            out["id"].append(int(row_id))
            out["result"].append(json.dumps([encode(r) for r in results], ensure_ascii=False))
            out["error"].append(self.error)
            out["actor"].append(self.name)
            out["sentences"].append(len(tokens))
            out["tokens_in"].append(sum(len(t) for t in tokens))
            out["seconds"].append(time.perf_counter() - started)
        return out

    def __del__(self) -> None:
        if hasattr(self, "dir"):
            shutil.rmtree(self.dir, ignore_errors=True)


def encode(result: Draft | Failure) -> dict[str, Any]:
    """A draft or failure as JSON data (floats round-trip exactly)."""
    if isinstance(result, Failure):
        return {"failure": result.reason}
    return {
        "text": result.text,
        "score": result.score,
        "alts": list(result.alternatives),
        "pieces": result.pieces,
        "truncated": result.truncated,
    }


def decode(data: dict[str, Any]) -> Draft | Failure:
    """The inverse of :func:`encode`."""
    if "failure" in data:
        return Failure(str(data["failure"]))
    return Draft(
        data["text"],
        score=data["score"],
        alternatives=tuple(data["alts"]),
        pieces=int(data["pieces"]),
        truncated=bool(data["truncated"]),
    )
