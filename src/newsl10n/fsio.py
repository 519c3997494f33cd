"""Safe file I/O: atomic replacement and per-file advisory locks.

Every file newsl10n writes goes through :func:`atomic_write`: a temporary file
in the same directory, fsync, then ``os.replace``, so an interrupted run leaves
either the old file or the new one, never half of each. The original's
permission bits are kept.

:func:`file_lock` serialises writers of one catalog across processes with
``fcntl.flock`` on a hidden sidecar ``.<name>.lock`` file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from newsl10n.errors import LockError, NewsL10nError


class FileChanged(Exception):
    """The file on disk is no longer what the caller read (see ``atomic_write(expect=...)``)."""


def atomic_write(path: Path, data: bytes, *, expect: bytes | None = None) -> bool:
    """Replace ``path`` with ``data`` atomically; return False if already identical.

    Skipping identical content keeps mtimes (and ``make``-style tools) quiet and
    makes re-runs byte- and inode-stable.

    Args:
        path: the file to replace.
        data: its new content.
        expect: the content the caller based ``data`` on. The file is compared
            with it again just before the rename, after the slow write and fsync,
            so an editor that saved meanwhile (Poedit takes no lock) is not
            overwritten: :class:`FileChanged` is raised and the caller re-reads.

    Raises:
        FileChanged: ``expect`` was given and the file no longer holds it.
        NewsL10nError: the file cannot be written (read-only directory, disk full).
    """
    try:
        current = path.read_bytes()
        mode: int | None = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        current, mode = None, None
    if expect is not None and current != expect:
        raise FileChanged(str(path))
    if current == data:
        return False
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if mode is None:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        if expect is not None and _read_or_none(path) != expect:
            raise FileChanged(str(path))
        os.replace(tmp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _cannot_write(path, exc) from None
        raise
    _fsync_dir(path.parent)
    return True


def _cannot_write(path: Path, exc: OSError) -> NewsL10nError:
    return NewsL10nError(
        f"cannot write: {exc.strerror or exc}",
        path=str(path),
        hint=f"check that {path.parent} is writable and the disk is not full; the old file is unchanged",
    )


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def lock_path(path: Path) -> Path:
    """The sidecar lock file for ``path``."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def file_lock(path: Path, *, timeout: float = 60.0) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``path`` (via its sidecar) for the block.

    Raises:
        LockError: the lock could not be taken within ``timeout`` seconds.
    """
    import fcntl

    target = lock_path(path)
    deadline = time.monotonic() + timeout
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(target, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() > deadline:
                    raise LockError(
                        f"another newsl10n process has held the lock for over {timeout:.0f}s",
                        path=str(path),
                        hint=f"if no other run is active, delete {target}",
                    ) from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing releases the flock
