"""A persistent MT cache: a backend never pays twice for the same sentence.

:class:`CachedTranslator` wraps any backend and keys results by the backend
signature (model, revision, generation settings) and the whitespace-normalised
source, in a small SQLite file under the user cache directory. A re-run, or a
second article with the same boilerplate sentence, is served from the cache.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import ClassVar

from newsl10n.model import Draft
from newsl10n.mt.base import StreamItem, Translator, stream_drafts

_SPACE_RE = re.compile(r"\s+")


def default_cache_dir() -> Path:
    """``$NEWSL10N_CACHE_DIR``, else ``$XDG_CACHE_HOME/newsl10n``, else ``~/.cache/newsl10n``."""
    explicit = os.environ.get("NEWSL10N_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newsl10n"


def _key(signature: str, text: str, n: int) -> str:
    norm = _SPACE_RE.sub(" ", text).strip()
    return hashlib.sha256(f"{signature}\0{n}\0{norm}".encode()).hexdigest()


class CachedTranslator:
    """A :class:`Translator` that remembers what ``inner`` produced."""

    name: ClassVar[str] = "cached"

    def __init__(self, inner: Translator, *, path: Path) -> None:
        self.inner = inner
        self.path = path
        self.hits = 0
        self.misses = 0

    def signature(self) -> str:
        """The inner signature: the cache is transparent."""
        return self.inner.signature()

    @contextlib.contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path, timeout=30)
        try:
            conn.execute("CREATE TABLE IF NOT EXISTS mt (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            yield conn
            conn.commit()
        finally:
            conn.close()

    def translate_batch(
        self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1
    ) -> list[Draft]:
        """Serve cached drafts; translate and store only the misses."""
        keys, found = self._lookup(texts, target_lang=target_lang, num_hypotheses=num_hypotheses)
        misses = list(dict.fromkeys(k for k in keys if k not in found))
        if misses:
            first = {k: keys.index(k) for k in misses}
            fresh = self.inner.translate_batch(
                [texts[first[k]] for k in misses], target_lang=target_lang, num_hypotheses=num_hypotheses
            )
            for key, draft in zip(misses, fresh):
                found[key] = draft
                self._store(key, draft)
        return [found[k] for k in keys]

    def translate_stream(
        self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1, chunk: int = 64
    ) -> Iterator[StreamItem]:
        """Cached drafts at once, then the misses as the inner backend streams them.

        A failure is passed on and not stored: the next run tries again.
        """
        keys, found = self._lookup(texts, target_lang=target_lang, num_hypotheses=num_hypotheses)
        where: dict[str, list[int]] = {}
        for i, key in enumerate(keys):
            if key in found:
                yield i, found[key]
            else:
                where.setdefault(key, []).append(i)
        misses = list(where)
        if not misses:
            return
        for item in stream_drafts(
            self.inner, [texts[where[k][0]] for k in misses], target_lang=target_lang,
            num_hypotheses=num_hypotheses, chunk=chunk,
        ):
            if item is None:
                yield None
                continue
            j, result = item
            if isinstance(result, Draft):
                self._store(misses[j], result)
            for i in where[misses[j]]:
                yield i, result

    def _lookup(
        self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int
    ) -> tuple[list[str], dict[str, Draft]]:
        sig = f"{self.inner.signature()}|lang:{target_lang}"
        keys = [_key(sig, t, num_hypotheses) for t in texts]
        found: dict[str, Draft] = {}
        with self._db() as db:
            for key in set(keys):
                row = db.execute("SELECT value FROM mt WHERE key = ?", (key,)).fetchone()
                if row:
                    data = json.loads(row[0])
                    found[key] = Draft(
                        data["text"],
                        score=data.get("score"),
                        alternatives=tuple(data["alts"]),
                        pieces=int(data.get("pieces", 1)),
                        truncated=bool(data.get("truncated", False)),
                        # entries written before scores were kept have none: only the best's ``score``
                        scores=tuple(float(x) for x in data.get("scores") or ()),
                    )
        misses = {k for k in keys if k not in found}
        self.hits += sum(1 for k in keys if k in found)
        self.misses += len(misses)
        return keys, found

    def _store(self, key: str, draft: Draft) -> None:
        value = json.dumps(
            {
                "text": draft.text,
                "score": draft.score,
                "alts": list(draft.alternatives),
                "pieces": draft.pieces,
                "truncated": draft.truncated,
                "scores": list(draft.scores),
            },
            ensure_ascii=False,
        )
        with self._db() as db:
            db.execute("INSERT OR REPLACE INTO mt (key, value) VALUES (?, ?)", (key, value))
