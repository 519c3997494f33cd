"""The commands as library functions: extract, update, translate, check, build, stats, review.

Each takes a :class:`~newsl10n.config.Config` and keyword options and returns
a result object; none prints or exits. ``cli.py`` is a thin shell around them.
"""

from __future__ import annotations

from newsl10n.workflow.build import BuildResult, Stats, build, stats
from newsl10n.workflow.check import CheckResult, check
from newsl10n.workflow.project import FileResult, extract, update, validate_language
from newsl10n.workflow.review import ReviewResult, review
from newsl10n.workflow.translate import TranslateResult, open_translator, translate

__all__ = [
    "BuildResult",
    "CheckResult",
    "FileResult",
    "ReviewResult",
    "Stats",
    "TranslateResult",
    "build",
    "check",
    "extract",
    "open_translator",
    "review",
    "stats",
    "translate",
    "update",
    "validate_language",
]
