"""The exception hierarchy and the exit codes the CLI maps them to.

Library code raises these; only ``cli.main`` catches them. Each error carries a
message, an optional hint, and the ``path:line`` it is about where known.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_BACKEND = 3
EXIT_INTERNAL = 4
EXIT_INTERRUPTED = 130


class NewsL10nError(Exception):
    """Base of every error newsl10n reports to a user."""

    exit_code = EXIT_USAGE

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint

    def __reduce__(self) -> tuple[object, ...]:
        # Keyword-only fields survive pickling (errors cross process boundaries).
        return (_rebuild, (type(self), self.message, self.path, self.line, self.hint))

    @property
    def where(self) -> str | None:
        """``path:line`` (or just ``path``) this error is about, if known."""
        if self.path is None:
            return None
        return f"{self.path}:{self.line}" if self.line is not None else self.path

    def __str__(self) -> str:
        where = self.where
        return f"{where}: {self.message}" if where else self.message


class UsageError(NewsL10nError):
    """Bad command-line usage or option values."""


class ConfigError(NewsL10nError):
    """The ``[tool.newsl10n]`` table or ``newsl10n.toml`` is invalid."""


class InputError(NewsL10nError):
    """An input file (article, PO, glossary) cannot be read or is invalid."""


class ArticleError(InputError):
    """An article is missing, empty, not UTF-8 or otherwise unusable."""


class CatalogError(InputError):
    """A PO/POT file is malformed."""


class GlossaryError(InputError):
    """A glossary file is malformed."""


class LanguageError(InputError):
    """A language code that Babel does not know."""


class BuildError(NewsL10nError):
    """``build`` refused, e.g. the catalog is below ``--min-translated``."""

    exit_code = EXIT_FINDINGS


class BackendError(NewsL10nError):
    """A translation backend is unavailable: extra not installed, model not loadable."""

    exit_code = EXIT_BACKEND


class LockError(NewsL10nError):
    """Another newsl10n process holds the lock on a catalog for too long."""


def _rebuild(
    cls: type[NewsL10nError], message: str, path: str | None, line: int | None, hint: str | None
) -> NewsL10nError:
    return cls(message, path=path, line=line, hint=hint)
