"""py3langid's language identifier for ``wrong-language``, loaded once and cheaply.

py3langid ships its naive Bayes model LZMA-packed (4.6 MB, 68 MB of
arrays unpacked); unpacking it costs about 0.6 s of CPU in every process that
needs it. The first load therefore also writes the unpacked arrays, as an
uncompressed NumPy ``.npz``, under the user cache directory
(:func:`newsl10n.mt.cache.default_cache_dir` ``/ "py3langid"``), keyed by
py3langid's version and the packed file's size; later processes read that
(about 0.15 s). A cache file that cannot be read, or whose arrays
do not fit together, is ignored (logged) and rewritten from the packed model;
a cache directory that cannot be written only costs the speed-up.

Nothing is loaded at import: :func:`identifier` loads on its first call.
"""

from __future__ import annotations

import contextlib
import logging
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

# The arrays of a py3langid 0.4 model, by the names its own ``.npz`` uses.
_KEYS = ("ptc", "pc", "classes", "nextmove", "nextmove_row", "out_feat")

_LOADED: list[Any] = []


def identifier() -> Any | None:
    """The py3langid identifier (probabilities normalised), loaded once; None when py3langid is missing."""
    if not _LOADED:
        _LOADED.append(_load())
    return _LOADED[0]


def forget() -> None:
    """Drop the loaded identifier, so that the next :func:`identifier` call loads it again (tests)."""
    _LOADED.clear()


def cache_path() -> Path | None:
    """Where the unpacked model of the installed py3langid is cached; None without py3langid."""
    try:
        import py3langid
        from py3langid.langid import MODEL_DIR, MODEL_FILE
    except ImportError:
        return None
    from newsl10n.mt.cache import default_cache_dir

    packed = Path(MODEL_DIR) / MODEL_FILE
    try:
        size = packed.stat().st_size
    except OSError:
        size = 0
    version = getattr(py3langid, "__version__", "unknown")
    return default_cache_dir() / "py3langid" / f"model-{version}-{size}.npz"


def _load() -> Any | None:
    try:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier
    except ImportError:
        logger.info("py3langid is not installed: wrong-language uses script and alphabet evidence only")
        return None
    try:
        path = cache_path()
    except (OSError, RuntimeError) as exc:  # no home directory to put a cache in
        logger.info("no cache directory for the language identifier: %s", exc)
        path = None
    if path is not None:
        try:
            return _from_cache(path, LanguageIdentifier)
        except FileNotFoundError:
            pass  # the first run: unpack, then cache
        except Exception as exc:  # any unreadable or inconsistent file: the packed model is the truth
            logger.warning("%s: unusable language-identifier cache (%s): unpacking py3langid's model", path, exc)
    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if path is not None:
        _write_cache(path, ident)
    return ident


def _from_cache(path: Path, cls: Any) -> Any:
    """An identifier built from the cached arrays; raises on any inconsistency."""
    import numpy as np

    # Opened here, not by np.load, which leaves the file open when it is not an archive.
    with path.open("rb") as fh, np.load(fh, allow_pickle=False) as data:
        missing = set(_KEYS).difference(data.files)
        if missing:
            raise ValueError(f"missing arrays {sorted(missing)}")
        ptc, pc, classes, nextmove, row, out = (data[key] for key in _KEYS)
    # Indices that point outside the arrays would fail mid-check, not here: test them now.
    if ptc.ndim != 2 or ptc.shape[1] != len(pc) or len(classes) != len(pc):
        raise ValueError("class arrays disagree")
    if len(row) != len(out) or nextmove.size % 256 or not len(row):
        raise ValueError("state arrays disagree")
    if int(row.max()) >= nextmove.size // 256 or int(nextmove.max()) >= len(row) or int(out.max()) >= len(ptc):
        raise ValueError("indices out of range")
    return cls(ptc, pc, classes.tolist(), _to_array(nextmove), out.tolist(), norm_probs=True, tk_row=_to_array(row))


def _to_array(values: Any) -> Any:
    """A NumPy unsigned integer vector as the stdlib ``array`` py3langid walks (fast item access)."""
    from array import array

    import numpy as np

    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(memoryview(np.ascontiguousarray(values)).cast("B"))
    return out


def _write_cache(path: Path, ident: Any) -> None:
    """Write ``ident``'s arrays to ``path``; a failure is logged, never raised.

    A temporary file renamed into place, so that readers never see half a
    file, but not fsynced: a torn file after a crash fails the checks of
    :func:`_from_cache` and is rewritten, and 68 MB of fsync would cost more
    than the unpacking it saves.
    """
    import os
    import tempfile

    import numpy as np

    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
        with os.fdopen(fd, "wb") as fh:
            np.savez(
                fh,
                ptc=ident.nb_ptc,
                pc=ident.nb_pc,
                classes=np.array(ident.nb_classes),
                nextmove=np.asarray(ident.tk_nextmove),
                nextmove_row=np.asarray(ident.tk_row),
                out_feat=np.asarray(ident.tk_output, dtype=np.int32),
            )
        os.replace(tmp, path)
    except (OSError, ValueError) as exc:  # the cache is an optimisation: never a reason to fail
        logger.info("%s: cannot cache the unpacked language identifier: %s", path, exc)
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
