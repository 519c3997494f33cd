"""Draft confidence: the backend's own score of a machine draft, kept in the PO file.

Both backends return a length-normalised log-probability of the hypothesis
(CTranslate2 ``return_scores``, transformers ``sequences_scores`` with the
default ``length_penalty`` of 1): the sum of the token log-probabilities,
end token included, divided by the number of generated tokens, end token
included. ``bench/confidence_scale.py`` checks both against teacher forcing:
they agree to 0.004 on a draft that ends by itself (the tiny random model's pad
token holds about 1/300 of the probability: transformers normalises over it,
CTranslate2 does not); on a draft cut at
``max_new_tokens`` transformers counts a forced end token at log-probability 0
(n + 1 tokens), CTranslate2 does not (n). Greedy transformers (``--beams 1``)
has no ``sequences_scores``; :mod:`newsl10n.mt.marian` computes the same
quantity from its per-step scores (``compute_transition_scores``). Every
hypothesis of the n-best list has its score (``Draft.scores``), so a draft that
glossary steering took from another hypothesis records that hypothesis's score,
and a draft whose term steering repaired records the score of the hypothesis
before the repair. ``exp`` of the score is the
geometric mean of the token probabilities, a number in (0, 1]: how sure the
model was of its own output, not a measure of its quality. It is stored as a
translator comment that every gettext tool keeps::

    # newsl10n: confidence 0.62

The comment belongs to the draft it was written with: once a person edits the
draft (the machine-draft mark's hash no longer matches), :func:`draft_confidence`
returns None.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable

from newsl10n.catalog import NOTE_PREFIX, is_machine_draft
from newsl10n.model import Draft, Finding, Severity, Unit

CONFIDENCE_PREFIX = f"{NOTE_PREFIX}confidence "
_CONFIDENCE_RE = re.compile(r"^newsl10n: confidence (?P<value>[01](?:\.\d{1,4})?)$")


def confidence_from_score(score: float | None) -> float | None:
    """``exp(score)`` clamped to [0, 1]; None for a missing or non-finite score."""
    if score is None or math.isnan(score):
        return None
    if score == math.inf:
        return 1.0
    return min(1.0, max(0.0, math.exp(score))) if score != -math.inf else 0.0


def confidence_comment(confidence: float) -> str:
    """The translator comment (without ``# ``) that records ``confidence``."""
    return f"{CONFIDENCE_PREFIX}{round(min(1.0, max(0.0, confidence)), 2):.2f}"


def parse_confidence(comments: Iterable[str]) -> float | None:
    """The confidence recorded in translator comments, or None."""
    for comment in comments:
        m = _CONFIDENCE_RE.match(comment.strip())
        if m:
            value = float(m.group("value"))
            return value if value <= 1.0 else None
    return None


def confidence_notes(draft: Draft, chosen: int = 0) -> list[str]:
    """The confidence comment for the draft made from hypothesis ``chosen`` of ``draft``.

    Glossary steering may pick another n-best hypothesis than the first: its own
    score is recorded. When steering also repaired a term in that hypothesis,
    the stored text is not one the model produced; the score recorded is still
    the chosen hypothesis's, before the repair. Empty when the backend gave no
    score for that hypothesis (an old cache entry keeps only the best one's).
    """
    confidence = confidence_from_score(draft.score_of(chosen))
    if confidence is None:
        return []
    return [confidence_comment(confidence)]


def draft_confidence(unit: Unit) -> float | None:
    """The confidence of an untouched machine draft; None for anything else."""
    if not is_machine_draft(unit):
        return None
    return parse_confidence(unit.translator_comments)


LOW_CONFIDENCE_CHECK = "mt-confidence"


def low_confidence_findings(units: Iterable[Unit], *, path: str, threshold: float) -> list[Finding]:
    """A warning for every untouched machine draft whose confidence is below ``threshold``.

    Used by ``check --min-confidence``. Drafts without a recorded confidence
    (written by an older newsl10n, or a backend without scores) are not
    reported: there is nothing to compare.
    """
    findings = []
    for unit in units:
        value = draft_confidence(unit)
        if value is not None and value < threshold:
            findings.append(
                Finding(
                    file=path,
                    line=unit.line,
                    check=LOW_CONFIDENCE_CHECK,
                    severity=Severity.WARNING,
                    message=f"machine draft confidence {value:.2f} is below {threshold:g}: review it first",
                    msgid=unit.source,
                )
            )
    return findings
