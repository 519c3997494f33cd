"""Findings → text for people, JSON for tools, workflow annotations for CI.

One report serves every check (glossary and quality checks alike). Formats:

``text``
    ``path:line: severity: [check-id] message``, one finding per line, the
    form compilers use, so editors jump to the entry.
``json``
    a list of :meth:`Finding.as_dict` objects, sorted by file and line,
    indented two spaces, ending with a newline.
``github``
    GitHub Actions workflow commands
    (``::error file=…,line=…,title=newsl10n check-id::message``), which
    annotate the pull request diff. ``info`` findings become ``notice``.

The summary line (``3 errors, 1 warning in 2 files``) is returned separately
by :func:`summary_line`: the CLI prints it on stderr so stdout stays data.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from typing import Literal

from newsl10n.model import Finding, Severity

Format = Literal["text", "json", "github"]
FORMATS: tuple[str, ...] = ("text", "json", "github")

_GITHUB_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
}


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in report order: file, line, then check id and message."""
    return sorted(findings, key=lambda f: (f.file, f.line, f.check, f.message))


def _where(finding: Finding) -> str:
    path = finding.file or "<stdin>"
    return f"{path}:{finding.line}" if finding.line else path


def format_text(findings: Iterable[Finding]) -> str:
    """One ``path:line: severity: [check-id] message`` line per finding."""
    lines = [
        f"{_where(f)}: {f.severity.label}: [{f.check}] {_one_line(f.message)}"
        for f in sort_findings(findings)
    ]
    return "".join(line + "\n" for line in lines)


def format_json(findings: Iterable[Finding]) -> str:
    """A JSON list of findings, sorted by file and line, indent 2."""
    data = [f.as_dict() for f in sort_findings(findings)]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _one_line(text: str) -> str:
    return text.replace("\r", " ").replace("\n", " ")


def escape_data(text: str) -> str:
    """Escape a workflow command's message (``%``, CR, LF), as the Actions toolkit does."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command property value (also ``:`` and ``,``)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def format_github(findings: Iterable[Finding]) -> str:
    """GitHub Actions ``::error``/``::warning``/``::notice`` annotations."""
    out = []
    for f in sort_findings(findings):
        props = []
        if f.file:
            props.append(f"file={escape_property(f.file)}")
        if f.line:
            props.append(f"line={f.line}")
        props.append(f"title={escape_property(f'newsl10n {f.check}')}")
        level = _GITHUB_LEVEL.get(f.severity, "warning")
        out.append(f"::{level} {','.join(props)}::{escape_data(f.message)}\n")
    return "".join(out)


def format_findings(findings: Iterable[Finding], fmt: str = "text") -> str:
    """Render ``findings`` in ``fmt`` (``text``, ``json`` or ``github``).

    Raises:
        ValueError: ``fmt`` is not one of :data:`FORMATS` (the CLI validates
            the option first; this guards library callers).
    """
    if fmt == "text":
        return format_text(findings)
    if fmt == "json":
        return format_json(findings)
    if fmt == "github":
        return format_github(findings)
    raise ValueError(f"unknown report format {fmt!r} (valid: {', '.join(FORMATS)})")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def summary_line(findings: Iterable[Finding], *, files: int | None = None) -> str:
    """``3 errors, 1 warning in 2 files``, or ``no findings in 2 files``.

    Args:
        findings: the findings of the run.
        files: how many files were checked; by default, how many files have findings.

    Notes are shown only when there are any; errors and warnings always.
    """
    items = list(findings)
    if not items:
        return f"no findings in {_plural(files, 'file')}" if files is not None else "no findings"
    counts = Counter(f.severity for f in items)
    parts = [_plural(counts[Severity.ERROR], "error"), _plural(counts[Severity.WARNING], "warning")]
    if counts[Severity.INFO]:
        parts.append(_plural(counts[Severity.INFO], "note"))
    if files is None:
        files = len({f.file for f in items})
    return f"{', '.join(parts)} in {_plural(files, 'file')}"
