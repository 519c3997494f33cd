"""The backend protocol every machine-translation engine implements.

Backends know nothing about PO files, glossaries or articles: a batch of plain
source strings goes in, one :class:`~newsl10n.model.Draft` per string comes out.
"""

from __future__ import annotations

import hashlib
import logging
import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol, Union, runtime_checkable

from newsl10n.errors import NewsL10nError
from newsl10n.model import Draft

__all__ = [
    "Draft",
    "Failure",
    "ModelLimits",
    "StreamItem",
    "Translator",
    "failure_reason",
    "local_fingerprint",
    "ordered",
    "stream_drafts",
    "translate_one",
]

log = logging.getLogger(__name__)


@runtime_checkable
class Translator(Protocol):
    """A machine-translation backend.

    ``signature()`` names the model and every generation parameter, e.g.
    ``marian:Helsinki-NLP/opus-mt-en-uk@<rev>|beams:4|max_new_tokens:256``; it
    is written into the catalog so a draft can be traced to what made it.
    """

    name: ClassVar[str]

    def signature(self) -> str:
        """A stable string identifying the model and its generation settings."""
        ...

    def translate_batch(
        self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1
    ) -> list[Draft]:
        """Translate ``texts``; ``Draft.alternatives`` holds up to ``num_hypotheses`` n-best."""
        ...


LENGTH_RATIO = 2.0  # decoding limit: this many new tokens per source token ...
LENGTH_EXTRA = 10  # ... plus this many


@dataclass(frozen=True, slots=True)
class ModelLimits:
    """What a model can read and write, and the per-sentence decoding limit.

    ``max_input`` counts the source's end token; ``max_output`` and
    :meth:`new_tokens` count new tokens with the end token, as transformers'
    ``max_new_tokens`` does. A draft may use at most
    ``ceil(ratio * source tokens) + extra`` new tokens: a model that starts to
    repeat itself stops there instead of running to ``max_new_tokens``.
    """

    max_input: int = 512
    max_output: int = 512
    ratio: float = LENGTH_RATIO
    extra: int = LENGTH_EXTRA

    @classmethod
    def from_config(
        cls,
        config: Mapping[str, Any],
        generation: Mapping[str, Any] | None = None,
        *,
        ratio: float = LENGTH_RATIO,
        extra: int = LENGTH_EXTRA,
    ) -> ModelLimits:
        """Limits from a Marian ``config.json`` and ``generation_config.json``.

        The encoder has ``max_position_embeddings`` positions; the decoder as
        many, and ``max_length`` (which counts the decoder's start token) caps
        the output too.
        """
        positions = int(config.get("max_position_embeddings") or 512)
        out = positions
        max_length = (generation or {}).get("max_length") or config.get("max_length")
        if isinstance(max_length, int) and max_length > 2:
            out = min(out, max_length - 1)
        return cls(max_input=max(2, positions), max_output=max(2, out), ratio=ratio, extra=extra)

    def new_tokens(self, source_tokens: int, max_new_tokens: int) -> int:
        """The decoding limit for a source of ``source_tokens`` (end token included)."""
        return max(2, min(math.ceil(self.ratio * source_tokens) + self.extra, max_new_tokens, self.max_output))

    def signature(self) -> str:
        """The decoding-limit rule as it appears in a backend signature: ``max_len:2x+10``."""
        return f"max_len:{self.ratio:g}x+{self.extra}"


@dataclass(frozen=True, slots=True)
class Failure:
    """The backend raised on this input (alone, not only in a batch): no draft."""

    reason: str


# What a stream yields: ``(index into the input, Draft or Failure)`` in any order,
# or ``None`` when nothing is ready and the next item may take a while (a good
# moment for the caller to save what it has).
StreamItem = Union[tuple[int, Union[Draft, Failure]], None]


def stream_drafts(
    translator: Translator,
    texts: Sequence[str],
    *,
    target_lang: str,
    num_hypotheses: int = 1,
    chunk: int = 64,
) -> Iterator[StreamItem]:
    """Drafts for ``texts`` as they become ready, keyed by input index.

    A backend (or wrapper) with a ``translate_stream`` method streams itself
    (CTranslate2 completes length-sorted batches out of input order while the
    caller saves); any other backend is called ``chunk`` texts at a time
    (wrappers pass ``chunk`` on to the backend they wrap).

    An exception from the backend costs one input, not the run: the chunk is
    retried one text at a time, and a text that fails alone yields a
    :class:`Failure`. ``KeyboardInterrupt`` and other non-``Exception`` errors
    propagate.
    """
    stream = getattr(translator, "translate_stream", None)
    if stream is not None:
        yield from stream(texts, target_lang=target_lang, num_hypotheses=num_hypotheses, chunk=chunk)
        return
    for start in range(0, len(texts), max(1, chunk)):
        yield None  # the next call blocks
        batch = texts[start : start + chunk]
        results: list[Draft | Failure]
        try:
            results = list(translator.translate_batch(batch, target_lang=target_lang, num_hypotheses=num_hypotheses))
        except NewsL10nError:
            raise  # newsl10n's own verdict on the model or its settings (no target token...): not one input's fault
        except Exception as exc:  # noqa: BLE001 - any backend error: find the input that causes it
            log.debug("backend failed on a batch of %d (%s); retrying one at a time", len(batch), failure_reason(exc))
            results = [
                translate_one(translator, text, target_lang=target_lang, num_hypotheses=num_hypotheses)
                for text in batch
            ]
        for i, result in enumerate(results):
            yield start + i, result


def translate_one(translator: Translator, text: str, *, target_lang: str, num_hypotheses: int = 1) -> Draft | Failure:
    """One text through ``translator.translate_batch``; an exception becomes a :class:`Failure`."""
    try:
        [draft] = translator.translate_batch([text], target_lang=target_lang, num_hypotheses=num_hypotheses)
    except NewsL10nError:
        raise
    except Exception as exc:  # noqa: BLE001 - reported per entry by the caller
        return Failure(failure_reason(exc))
    return draft


def ordered(items: Iterator[StreamItem], n: int) -> list[Draft | Failure]:
    """Collect a stream of ``n`` inputs back into input order."""
    out: dict[int, Draft | Failure] = {}
    for item in items:
        if item is not None:
            out[item[0]] = item[1]
    return [out[i] for i in range(n)]


def failure_reason(exc: BaseException) -> str:
    """The first line of an exception's message, with its type."""
    text = str(exc).strip().splitlines()[0][:300] if str(exc).strip() else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def local_fingerprint(directory: Path) -> str:
    """A cheap fingerprint of a local Marian directory.

    Config, vocabulary and sentencepiece files by content; weights by name,
    size and mtime (hashing hundreds of megabytes on every start is too slow).
    """
    digest = hashlib.sha256()
    for name in ("config.json", "generation_config.json", "source.spm", "target.spm", "vocab.json"):
        f = directory / name
        if f.is_file():
            digest.update(name.encode() + b"\0" + f.read_bytes())
    for name in ("model.safetensors", "pytorch_model.bin"):
        f = directory / name
        if f.is_file():
            st = f.stat()
            digest.update(f"{name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return "local-" + digest.hexdigest()[:12]
