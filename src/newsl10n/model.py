"""The data model: segments, catalog units, findings. Frozen dataclasses, no I/O."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field


class UnitState(enum.Enum):
    """Where a catalog entry stands in the translation workflow."""

    UNTRANSLATED = "untranslated"  # empty msgstr
    MT_DRAFT = "mt-draft"  # msgstr + fuzzy flag
    REVIEWED = "reviewed"  # msgstr, no fuzzy flag


class Severity(enum.IntEnum):
    """Severity of a finding; ordered so that ``>=`` compares thresholds."""

    INFO = 10
    WARNING = 20
    ERROR = 30

    @property
    def label(self) -> str:
        """Lower-case name used in reports (``error``, ``warning``...)."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """``"error"`` → ``Severity.ERROR``; raises ``ValueError`` otherwise."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            valid = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r} (valid: {valid})") from None


Location = tuple[str, int]  # (article path, line number) -> "#: a.txt:3"


@dataclass(frozen=True, slots=True)
class Segment:
    """One translatable sentence of an article.

    ``start``/``end`` are character offsets into the article text, so that
    ``build`` can put translations back between the untouched whitespace.
    """

    source: str
    location: Location
    start: int
    end: int
    paragraph: int
    context: str | None = None


@dataclass(frozen=True, slots=True)
class Unit:
    """One catalog entry (gettext message), keyed by ``(source, context)``."""

    source: str
    target: str = ""
    state: UnitState = UnitState.UNTRANSLATED
    context: str | None = None
    locations: tuple[Location, ...] = ()
    flags: frozenset[str] = frozenset()
    translator_comments: tuple[str, ...] = ()
    extracted_comments: tuple[str, ...] = ()
    origin: str | None = None  # backend signature of a machine draft
    previous_source: str | None = None  # msgmerge's "#| msgid" for fuzzy matches
    line: int = 0  # line of the msgid in the PO file; 0 when unknown
    # gettext plural entries (msgid_plural / msgstr[N]); article catalogs have none,
    # catalogs from GNU tools, Poedit and Weblate do. For a plural entry
    # ``target`` is ``targets[0]`` so that singular-minded code sees msgstr[0].
    source_plural: str | None = None
    targets: tuple[str, ...] = ()  # msgstr[0], msgstr[1], ... of a plural entry
    previous_context: str | None = None  # msgmerge's "#| msgctxt"
    previous_source_plural: str | None = None  # msgmerge's "#| msgid_plural"

    @property
    def key(self) -> tuple[str, str | None]:
        """The gettext identity of the entry."""
        return (self.source, self.context)

    @property
    def is_plural(self) -> bool:
        """True for a gettext plural entry (``msgid_plural`` present)."""
        return self.source_plural is not None

    @property
    def is_translated(self) -> bool:
        """True for a reviewed translation or a draft (non-empty target)."""
        return self.state is not UnitState.UNTRANSLATED


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found by ``check``, ready for a report."""

    file: str
    line: int
    check: str
    severity: Severity
    message: str
    msgid: str = ""

    def as_dict(self) -> dict[str, object]:
        """JSON-ready mapping with stable keys."""
        return {
            "file": self.file,
            "line": self.line,
            "msgid": self.msgid,
            "check": self.check,
            "severity": self.severity.label,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class Draft:
    """A machine translation of one input text.

    ``score`` is the backend's length-normalised log-probability of ``text``
    (the best hypothesis); ``scores`` holds one per entry of ``alternatives``,
    in the same order, when the backend gives them (empty otherwise).
    """

    text: str
    score: float | None = None
    alternatives: tuple[str, ...] = field(default=())
    pieces: int = 1  # > 1: the source was longer than the model's input limit and drafted in pieces
    truncated: bool = False  # decoding stopped at the length limit (a loop, or an unfinished draft)
    scores: tuple[float, ...] = field(default=())

    def score_of(self, index: int) -> float | None:
        """The score of hypothesis ``index`` (0 = ``text``), or None when the backend gave none."""
        if 0 <= index < len(self.scores):
            return self.scores[index]
        return self.score if index == 0 else None
