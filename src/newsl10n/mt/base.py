"""The backend protocol every machine-translation engine implements.

Backends know nothing about PO files, glossaries or articles: a batch of plain
source strings goes in, one :class:`~newsl10n.model.Draft` per string comes out.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import ClassVar, Protocol, runtime_checkable

from newsl10n.model import Draft

__all__ = ["Draft", "Translator", "local_fingerprint", "stream_drafts"]


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


def stream_drafts(
    translator: Translator,
    texts: Sequence[str],
    *,
    target_lang: str,
    num_hypotheses: int = 1,
    chunk: int = 64,
) -> Iterator[Draft]:
    """Drafts for ``texts`` in order, as they become ready.

    A backend (or wrapper) with a ``translate_stream`` method streams itself, so
    its batching and parallel workers stay busy across the whole input while
    the caller saves progress; any other backend is called ``chunk`` texts at a
    time (wrappers pass ``chunk`` on to the backend they wrap).
    """
    stream = getattr(translator, "translate_stream", None)
    if stream is not None:
        yield from stream(texts, target_lang=target_lang, num_hypotheses=num_hypotheses, chunk=chunk)
        return
    for start in range(0, len(texts), max(1, chunk)):
        yield from translator.translate_batch(
            texts[start : start + chunk], target_lang=target_lang, num_hypotheses=num_hypotheses
        )


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
