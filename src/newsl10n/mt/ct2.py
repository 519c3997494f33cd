"""The CTranslate2 backend: Opus-MT (Marian) drafts at the speed of the hardware.

The only importer of ``ctranslate2``. A Marian checkpoint (Hub id or local
directory) is converted once with ``ctranslate2.converters.TransformersConverter``
into the user cache directory, quantised (int8 by default on CPU, int8_float16 on
CUDA), and reused. The cache entry is keyed by the source model and its
revision, the quantisation, and the ctranslate2 version, and is written
atomically: converted into a temporary directory, then renamed into place.

Only the conversion needs torch and transformers. Translating from a cached
conversion tokenises with sentencepiece directly (``source.spm``/``target.spm``
are copied into the converted directory), so a warm start imports neither.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar

from newsl10n.errors import BackendError, UsageError
from newsl10n.model import Draft
from newsl10n.mt.batching import cpu_cores, thread_plan, token_batches
from newsl10n.mt.base import LENGTH_EXTRA, LENGTH_RATIO, Failure, ModelLimits, StreamItem, failure_reason, local_fingerprint
from newsl10n.mt.split import join_drafts, plan_pieces

# Runs token batches: (tokenised inputs, batches of their indices, n_return) -> (index, Draft or Failure) | None.
TokenRunner = Callable[[list[list[str]], list[list[int]], int], Iterator[StreamItem]]

log = logging.getLogger(__name__)

POLL_SECONDS = 0.01  # how often finished batches are collected (the queued batch keeps each worker busy)
# Bump when the layout of a cache entry changes, so old entries are not reused.
CACHE_FORMAT = 1
META_FILE = "newsl10n-ct2.json"
_SPM_FILES = ("source.spm", "target.spm")
_SPECIAL = frozenset({"</s>", "<pad>", "<unk>", "<s>"})
# Files fetched from the Hub for a conversion (a repo also holds TF/Rust weights we skip).
_HUB_PATTERNS = ["*.json", "*.spm", "*.txt", "model.safetensors", "pytorch_model.bin"]
INSTALL_HINT = "pip install 'newsl10n[ct2]'"


class CTranslate2Translator:
    """Translate with a Marian checkpoint converted for CTranslate2.

    Args:
        model: Hub id (``Helsinki-NLP/opus-mt-en-uk``) or a local Marian directory.
        device: ``cpu`` or ``cuda`` (``cuda:N`` selects a GPU).
        batch_size: sentences per batch *on average*. Batches are built by
            CTranslate2 from length-sorted input with a token budget
            (``batch_type="tokens"``) of ``batch_size`` times the mean source
            length of the call, so a batch of long sentences holds fewer of them
            and padding stays minimal.
        num_beams: beam size; 1 is greedy.
        max_new_tokens: generation limit per sentence, counting the end-of-sentence
            token as transformers does (a truncated draft has ``max_new_tokens - 1``
            tokens with both backends).
        compute_type: CTranslate2 compute type; default ``int8`` on CPU and
            ``int8_float16`` on CUDA. It is also the quantisation stored in the cache.
        cache_dir: where converted models live; default
            ``newsl10n.mt.cache.default_cache_dir() / "ct2"``.
        inter_threads: parallel batches; default from the core count (:func:`thread_plan`).
        intra_threads: threads per batch; default from the core count.
        length_ratio, length_extra: a draft stops after ``ceil(length_ratio *
            source tokens) + length_extra`` new tokens (and ``max_new_tokens``, and
            the model's positions); a draft that stops there has ``Draft.truncated``.
    """

    name: ClassVar[str] = "ctranslate2"

    def __init__(
        self,
        *,
        model: str,
        device: str = "cpu",
        batch_size: int = 16,
        num_beams: int = 4,
        max_new_tokens: int = 256,
        compute_type: str | None = None,
        cache_dir: Path | None = None,
        inter_threads: int | None = None,
        intra_threads: int | None = None,
        length_ratio: float = LENGTH_RATIO,
        length_extra: int = LENGTH_EXTRA,
        target_token: str | None = None,
    ) -> None:
        self.model_name = model
        self.target_token = target_token  # multi-target models: see _with_target_token
        self._prefixes: dict[str, list[str]] = {}
        self.device, self.device_index = _parse_device(device)
        self.batch_size = max(1, batch_size)
        self.num_beams = max(1, num_beams)
        self.max_new_tokens = max(2, max_new_tokens)
        self.compute_type = compute_type or ("int8_float16" if self.device == "cuda" else "int8")
        if cache_dir is None:
            from newsl10n.mt.cache import default_cache_dir

            cache_dir = default_cache_dir() / "ct2"
        self.cache_dir = cache_dir
        if self.device == "cuda":
            default_inter, default_intra = 1, 1
        else:
            default_inter, default_intra = thread_plan(cpu_cores())
        self.inter_threads = inter_threads or default_inter
        self.intra_threads = intra_threads or default_intra
        self.converted = False  # True when this instance ran a conversion (not a cache hit)
        self.model_dir: Path = Path()
        self._revision = ""
        self._translator: Any = None
        self._source_sp: Any = None
        self._target_sp: Any = None
        self.limits = ModelLimits(ratio=length_ratio, extra=length_extra)
        self._load()

    # -- loading -------------------------------------------------------------

    def _load(self) -> None:
        tried = f"tried to load Marian model {self.model_name!r} with CTranslate2"
        try:
            import ctranslate2
            import sentencepiece as spm
        except ImportError as exc:
            raise BackendError(
                f"{tried}, but {exc.name or 'ctranslate2'} is not installed", hint=INSTALL_HINT
            ) from None
        if self.device == "cuda" and ctranslate2.get_cuda_device_count() <= self.device_index:
            found = ctranslate2.get_cuda_device_count()
            raise BackendError(
                f"{tried} on cuda:{self.device_index}, but CTranslate2 sees {found} CUDA device(s)",
                hint="use --device cpu, or install the CUDA build of ctranslate2 on a machine with a GPU",
            )
        supported = ctranslate2.get_supported_compute_types(self.device)
        if self.compute_type not in supported:
            raise BackendError(
                f"{tried}: compute type {self.compute_type!r} is not supported on {self.device}",
                hint=f"supported here: {', '.join(sorted(supported))}",
            )
        source, self._revision = self._resolve_source(tried)
        if (source / "config.json").is_file():
            generation = source / "generation_config.json"
            self.limits = ModelLimits.from_config(
                _read_json(source / "config.json"),
                _read_json(generation) if generation.is_file() else None,
                ratio=self.limits.ratio,
                extra=self.limits.extra,
            )
        self.model_dir = self._converted_dir(source, tried, ctranslate2.__version__)
        self._open(tried)

    def _open(self, tried: str) -> None:
        """Load the converted model in ``self.model_dir`` and its sentencepiece models."""
        import ctranslate2
        import sentencepiece as spm

        try:
            self._translator = ctranslate2.Translator(
                str(self.model_dir),
                device=self.device,
                device_index=self.device_index,
                compute_type=self.compute_type,
                inter_threads=self.inter_threads,
                intra_threads=self.intra_threads,
            )
            self._source_sp = spm.SentencePieceProcessor(model_file=str(self.model_dir / "source.spm"))
            self._target_sp = spm.SentencePieceProcessor(model_file=str(self.model_dir / "target.spm"))
        except (RuntimeError, OSError, ValueError) as exc:
            raise BackendError(
                f"{tried}: cannot load the converted model {self.model_dir}: {_reason(exc)}",
                hint=f"delete {self.model_dir} to convert again",
            ) from None

    def _resolve_source(self, tried: str) -> tuple[Path, str]:
        """The local directory to convert from, and its revision."""
        local = Path(self.model_name).expanduser()
        if local.is_dir():
            return local.resolve(), local_fingerprint(local)
        if self.model_name.startswith((".", "/", "~")) or local.exists():
            raise BackendError(
                f"{tried}: {self.model_name} is not a directory",
                hint="--model takes a Hub id such as Helsinki-NLP/opus-mt-en-uk or a local model directory",
            )
        try:
            from huggingface_hub import snapshot_download
        except ImportError:
            raise BackendError(
                f"{tried}: downloading a Hub model needs huggingface_hub (installed with transformers)",
                hint="pip install 'newsl10n[mt]', or pass a local Marian directory with --model DIR",
            ) from None
        try:
            path = Path(snapshot_download(self.model_name, allow_patterns=_HUB_PATTERNS))
        except Exception as exc:  # noqa: BLE001 - the Hub client raises many types
            raise BackendError(
                f"{tried}: {_reason(exc)}",
                hint=(
                    f"the first run downloads {self.model_name} from the Hugging Face Hub; when offline, "
                    f"download it elsewhere (huggingface-cli download {self.model_name} --local-dir DIR) "
                    "and pass --model DIR"
                ),
            ) from None
        return path, path.name  # the snapshot directory is named by the commit hash

    def cache_key(self, source: Path, ct2_version: str) -> str:
        """The cache entry name: model, revision, quantisation, converter version."""
        payload = json.dumps(
            {
                "model": self.model_name if not Path(self.model_name).expanduser().is_dir() else str(source),
                "revision": self._revision,
                "quantization": self.compute_type,
                "ctranslate2": ct2_version,
                "format": CACHE_FORMAT,
            },
            sort_keys=True,
        )
        stem = "".join(c if c.isalnum() or c in "-_." else "_" for c in source.name)[:60]
        return f"{stem}-{self.compute_type}-{hashlib.sha256(payload.encode()).hexdigest()[:16]}"

    def _converted_dir(self, source: Path, tried: str, ct2_version: str) -> Path:
        target = self.cache_dir / self.cache_key(source, ct2_version)
        if (target / META_FILE).is_file():
            log.debug("ctranslate2: reusing %s", target)
            return target
        for name in ("config.json", *_SPM_FILES):
            if not (source / name).is_file():
                raise BackendError(
                    f"{tried}: {source} has no {name}",
                    hint=(
                        "a Marian directory needs config.json, the weights, source.spm, target.spm and "
                        "vocab.json (as saved by MarianMTModel/MarianTokenizer.save_pretrained)"
                    ),
                )
        config = _read_json(source / "config.json")
        if config.get("model_type") != "marian":
            raise BackendError(
                f"{tried}: it is a {config.get('model_type', 'unknown')!r} model, not a Marian checkpoint",
                hint="newsl10n's ctranslate2 backend converts Marian (Opus-MT) models only",
            )
        self._convert(source, target, tried)
        self.converted = True
        return target

    def _convert(self, source: Path, target: Path, tried: str) -> None:
        missing = [m for m in ("torch", "transformers") if _find_spec(m) is None]
        if missing:
            raise BackendError(
                f"{tried}: it is not converted yet, and converting needs {' and '.join(missing)}",
                hint="pip install 'newsl10n[mt]' for the one-time conversion (CPU torch first: "
                "pip install torch==2.13.0)",
            )
        from ctranslate2.converters import TransformersConverter

        self.cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".converting-", dir=self.cache_dir))
        try:
            out = tmp / "model"
            log.info("ctranslate2: converting %s (%s) into %s", self.model_name, self.compute_type, target)
            try:
                from transformers.utils import logging as hf_logging

                hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
                hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
                converter = TransformersConverter(str(source), copy_files=list(_SPM_FILES))
                converter.convert(str(out), quantization=self.compute_type, force=True)
            except Exception as exc:  # noqa: BLE001 - the converter raises many types
                raise BackendError(
                    f"{tried}: conversion failed: {_reason(exc)}",
                    hint="check that the directory loads with transformers' MarianMTModel.from_pretrained",
                ) from None
            meta = {"model": self.model_name, "revision": self._revision, "quantization": self.compute_type}
            (out / META_FILE).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
            try:
                os.rename(out, target)
            except OSError:
                if not (target / META_FILE).is_file():  # not a concurrent run finishing first
                    raise
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    # -- protocol --------------------------------------------------------------

    def signature(self) -> str:
        """``ctranslate2:<model>@<rev>|<compute type>|beams:N|max_new_tokens:N|max_len:Rx+C``."""
        name = Path(self.model_name).name if Path(self.model_name).expanduser().is_dir() else self.model_name
        return (
            f"ctranslate2:{name}@{self._revision}|{self.compute_type}"
            f"|beams:{self.num_beams}|max_new_tokens:{self.max_new_tokens}|{self.limits.signature()}"
            # A configured target token changes every draft; an automatic one follows the
            # target language, which the MT cache keys on anyway.
            + (f"|token:{self.target_token}" if self.target_token else "")
        )

    def tokenize(self, texts: Sequence[str]) -> list[list[str]]:
        """Source pieces as the model sees them: sentencepiece pieces plus ``</s>`` (never truncated)."""
        pieces: list[list[str]] = self._source_sp.encode(list(texts), out_type=str)
        return [[*p, "</s>"] for p in pieces]

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Model input length of each text, ``</s>`` included."""
        ids: list[list[int]] = self._source_sp.encode(list(texts))
        return [len(i) + 1 for i in ids]

    def detokenize(self, tokens: Sequence[str]) -> str:
        """Target pieces → text, dropping special tokens as transformers' decode does."""
        return str(self._target_sp.decode_pieces([t for t in tokens if t not in _SPECIAL])).strip()

    def translate_batch(
        self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1
    ) -> list[Draft]:
        """Translate ``texts``; CTranslate2 length-sorts and batches them by tokens.

        A text longer than the model's input limit is drafted in pieces (:mod:`newsl10n.mt.split`).
        """
        if not texts:
            return []
        plan = plan_pieces(texts, count=self.count_tokens, limit=self.limits.max_input - self._prefix_len(target_lang))
        source = self._with_target_token(self.tokenize(plan.inputs), target_lang)
        drafts = self.translate_tokens(source, num_hypotheses=num_hypotheses)
        return [join_drafts(drafts[span.start : span.stop]) for span in plan.spans]

    def translate_stream(
        self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1, chunk: int = 64
    ) -> Iterator[StreamItem]:
        """Drafts as their batches finish, in any order: ``(index, Draft or Failure)``, or None while waiting.

        The input is length-sorted and cut into token batches here (as
        ``translate_batch`` would), and the batches are submitted with
        ``asynchronous=True``, at most ``2 * inter_threads`` at a time: every
        worker has a batch running and one queued, and each batch's drafts come
        back as soon as it finishes, so the caller can save them while the model
        works on the next ones. A batch that raises is retried one input at a
        time; an input that fails alone is a :class:`~newsl10n.mt.base.Failure`.
        ``chunk`` is ignored: batches are sized by tokens.
        """
        del chunk
        return self.stream_with(texts, target_lang=target_lang, num_hypotheses=num_hypotheses, run=self._stream_tokens)

    def stream_with(
        self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int, run: TokenRunner
    ) -> Iterator[StreamItem]:
        """:meth:`translate_stream` with the token batches run by ``run`` (here, or on a Ray cluster).

        The planning (pieces, tokens, length-sorted token batches) and the joins
        happen here, so an executor that runs the same batches elsewhere with
        :meth:`run_token_batch` yields the same drafts byte for byte.
        """
        if not texts:
            return
        plan = plan_pieces(texts, count=self.count_tokens, limit=self.limits.max_input - self._prefix_len(target_lang))
        source = self._with_target_token(self.tokenize(plan.inputs), target_lang)
        owners = plan.owners
        pieces_left = [len(span) for span in plan.spans]
        piece_drafts: dict[int, Draft] = {}
        failed: set[int] = set()
        n_return = max(1, min(num_hypotheses, self.num_beams))
        for item in run(source, self.token_batches(source), n_return):
            if item is None:
                yield None
                continue
            j, result = item
            i = owners[j]
            if i in failed:
                continue
            if isinstance(result, Failure):
                failed.add(i)
                yield i, result
                continue
            piece_drafts[j] = result
            pieces_left[i] -= 1
            if not pieces_left[i]:
                span = plan.spans[i]
                yield i, join_drafts([piece_drafts.pop(k) for k in span])

    def token_batches(self, source: Sequence[Sequence[str]]) -> list[list[int]]:
        """Length-sorted batches of input indices within the token budget (how :meth:`translate_stream` cuts)."""
        if not source:
            return []
        return token_batches([len(s) for s in source], self._budget(source))

    def run_token_batch(self, tokens: Sequence[Sequence[str]], *, n_return: int) -> list[Draft | Failure]:
        """One batch of :meth:`token_batches`, decoded exactly as :meth:`translate_stream` decodes it.

        Same options (from this batch alone), same per-draft limits; a batch
        that raises is retried one input at a time.
        """
        batch = [list(t) for t in tokens]
        try:
            results = self._translator.translate_batch(batch, **self._options(batch, n_return=n_return))
            return [self._draft(r, limit) for r, limit in zip(results, self._limits(batch))]
        except Exception as exc:  # noqa: BLE001 - find the input that fails
            log.debug("ctranslate2 failed on a batch of %d (%s); retrying one at a time", len(batch), exc)
            return [self._one(t, n_return=n_return) for t in batch]

    def settings(self) -> dict[str, Any]:
        """What :meth:`from_converted` needs to rebuild this translator elsewhere (JSON-able)."""
        return {
            "model": self.model_name,
            "revision": self._revision,
            "device": self.device,
            "device_index": self.device_index,
            "batch_size": self.batch_size,
            "num_beams": self.num_beams,
            "max_new_tokens": self.max_new_tokens,
            "compute_type": self.compute_type,
            "limits": [self.limits.max_input, self.limits.max_output, self.limits.ratio, self.limits.extra],
        }

    @classmethod
    def from_converted(
        cls, model_dir: Path, settings: dict[str, Any], *, inter_threads: int = 1, intra_threads: int = 1
    ) -> CTranslate2Translator:
        """A translator on an already converted model (a Ray actor's copy); never converts or downloads."""
        self = cls.__new__(cls)
        self.model_name = str(settings["model"])
        self._revision = str(settings["revision"])
        self.device, self.device_index = str(settings["device"]), int(settings["device_index"])
        self.batch_size = int(settings["batch_size"])
        self.num_beams = int(settings["num_beams"])
        self.max_new_tokens = int(settings["max_new_tokens"])
        self.compute_type = str(settings["compute_type"])
        max_input, max_output, ratio, extra = settings["limits"]
        self.limits = ModelLimits(max_input=max_input, max_output=max_output, ratio=ratio, extra=extra)
        self.cache_dir = model_dir.parent
        self.inter_threads, self.intra_threads = inter_threads, intra_threads
        self.converted = False
        self.model_dir = model_dir
        self._open(f"tried to load the converted model {self.model_name!r} with CTranslate2")
        return self

    def _stream_tokens(self, source: list[list[str]], batches: list[list[int]], n_return: int) -> Iterator[StreamItem]:
        """``(index, Draft or Failure)`` per pre-tokenised input as batches complete; None while waiting."""
        waiting = iter(batches)
        in_flight: list[tuple[list[int], Any]] = []

        def submit() -> None:
            for batch in waiting:
                tokens = [source[i] for i in batch]
                try:
                    futures: Any = self._translator.translate_batch(
                        tokens, asynchronous=True, **self._options(tokens, n_return=n_return)
                    )
                except Exception as exc:  # noqa: BLE001 - an input CTranslate2 rejects up front
                    futures = exc
                in_flight.append((batch, futures))
                return

        for _ in range(2 * self.inter_threads):
            submit()
        while in_flight:
            ready = next((k for k, (_, f) in enumerate(in_flight) if _finished(f)), None)
            if ready is None:
                yield None
                time.sleep(POLL_SECONDS)
                continue
            batch, futures = in_flight.pop(ready)
            submit()  # keep the workers busy before decoding this batch's results
            try:
                if isinstance(futures, Exception):
                    raise futures
                drafts: list[Draft | Failure] = [
                    self._draft(f.result(), limit) for f, limit in zip(futures, self._limits([source[i] for i in batch]))
                ]
            except Exception as exc:  # noqa: BLE001 - find the input that fails
                log.debug("ctranslate2 failed on a batch of %d (%s); retrying one at a time", len(batch), exc)
                drafts = [self._one(source[i], n_return=n_return) for i in batch]
            for i, draft in zip(batch, drafts):
                yield i, draft

    def _one(self, tokens: list[str], *, n_return: int) -> Draft | Failure:
        try:
            [draft] = self._drafts([tokens], n_return=n_return)
        except Exception as exc:  # noqa: BLE001 - reported per entry by the caller
            return Failure(failure_reason(exc))
        return draft

    def _prefix_len(self, target_lang: str) -> int:
        """Tokens :meth:`_with_target_token` puts before each input (0 or 1)."""
        return len(self._with_target_token([[]], target_lang)[0])

    def _with_target_token(self, source: list[list[str]], target_lang: str) -> list[list[str]]:
        """Put a multi-target model's ``>>xxx<<`` token first (:mod:`newsl10n.mt.targets`); else unchanged."""
        if target_lang not in self._prefixes:
            from newsl10n.mt.targets import select_token

            token = select_token(
                _vocabulary(self.model_dir), target_lang, model=self.model_name, configured=self.target_token
            )
            self._prefixes[target_lang] = [token] if token else []
        prefix = self._prefixes[target_lang]
        return [[*prefix, *s] for s in source] if prefix else source

    def best_pieces(self, texts: Sequence[str]) -> list[list[str]]:
        """The best hypothesis of each text as target pieces, within the decoding limits (for agreement checks)."""
        if not texts:
            return []
        source = self.tokenize(texts)
        return [
            list(r.hypotheses[0])[:limit - 1] for r, limit in zip(self._run(source, n_return=1), self._limits(source))
        ]

    def translate_tokens(self, source: Sequence[Sequence[str]], *, num_hypotheses: int = 1) -> list[Draft]:
        """Translate pre-tokenised input (see :meth:`tokenize`); each must fit the input limit."""
        if not source:
            return []
        return self._drafts(source, n_return=max(1, min(num_hypotheses, self.num_beams)))

    def _drafts(self, source: Sequence[Sequence[str]], *, n_return: int) -> list[Draft]:
        results = self._run(source, n_return=n_return)
        return [self._draft(r, limit) for r, limit in zip(results, self._limits(source))]

    def _limits(self, source: Sequence[Sequence[str]]) -> list[int]:
        """Each input's decoding limit in new tokens, the end token included (transformers' count)."""
        return [self.limits.new_tokens(len(s), self.max_new_tokens) for s in source]

    def _draft(self, result: Any, limit: int) -> Draft:
        # CTranslate2 decodes up to the longest limit in the batch; each input is held to its own,
        # so a draft does not depend on which inputs shared its batch (exactly so for greedy search).
        hyps = [list(h)[: limit - 1] for h in result.hypotheses]
        alts = tuple(self.detokenize(h) for h in hyps)
        scores = tuple(float(s) for s in result.scores or ())
        return Draft(alts[0], score=scores[0] if scores else None, alternatives=alts,
                     truncated=len(hyps[0]) >= limit - 1, scores=scores if len(scores) == len(alts) else ())

    def _run(self, source: Sequence[Sequence[str]], *, n_return: int) -> list[Any]:
        tokens = [list(s) for s in source]
        results: list[Any] = self._translator.translate_batch(
            tokens,
            max_batch_size=self._budget(tokens),
            batch_type="tokens",
            **self._options(tokens, n_return=n_return),
        )
        return results

    def _budget(self, source: Sequence[Sequence[str]]) -> int:
        """The token budget of a batch: ``batch_size`` sentences of the mean length of the call."""
        mean = sum(len(s) for s in source) / len(source)
        return max(max(len(s) for s in source), round(self.batch_size * mean))

    def _options(self, source: Sequence[Sequence[str]], *, n_return: int) -> dict[str, Any]:
        """Decoding options for one batch: decoding stops at the longest input's limit."""
        return dict(
            beam_size=self.num_beams,
            num_hypotheses=n_return,
            return_scores=True,
            # transformers counts the forced end token in max_new_tokens; CTranslate2 does not.
            max_decoding_length=max(self._limits(source)) - 1,
            max_input_length=self.limits.max_input,
        )


def _finished(futures: Any) -> bool:
    return isinstance(futures, Exception) or all(f.done() for f in futures)


def _parse_device(device: str) -> tuple[str, int]:
    kind, _, index = device.partition(":")
    if kind not in ("cpu", "cuda") or (index and not index.isdigit()):
        raise UsageError(f"unknown device {device!r} for the ctranslate2 backend", hint="use cpu, cuda or cuda:N")
    return kind, int(index or 0)


def _find_spec(module: str) -> object:
    import importlib.util

    return importlib.util.find_spec(module)


def _read_json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BackendError(f"cannot read {path}: {_reason(exc)}", hint="is this a Marian model directory?") from None
    return data if isinstance(data, dict) else {}


def _vocabulary(model_dir: Path) -> list[str]:
    """The source vocabulary of a converted model (a JSON list, or one token a line)."""
    for name in ("shared_vocabulary", "source_vocabulary"):
        for suffix, parse in ((".json", json.loads), (".txt", str.splitlines)):
            path = model_dir / f"{name}{suffix}"
            if path.is_file():
                data = parse(path.read_text(encoding="utf-8"))
                return [str(t) for t in data] if isinstance(data, list) else []
    return []


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:300]
