"""Shared inputs for the review tests (unit and browser): hostile payloads and a scored fake backend."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from newsl10n.catalog import Catalog, mt_mark, tm_mark, write_catalog
from newsl10n.model import Draft, Unit, UnitState
from newsl10n.mt.fake import FakeTranslator
from newsl10n.review.confidence import confidence_comment

# What a security reviewer tries first: each sets window.__xss if it ever runs.
PAYLOADS = (
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    '<a href="javascript:window.__xss=3">click me</a>',
    "</td></tr></table><script>window.__xss=4</script>",
    '"><svg onload="window.__xss=5">',
    "'><iframe src=\"javascript:window.__xss=6\"></iframe>",
    "</style><script>window.__xss=7</script>",
    "</title></textarea><script>window.__xss=8</script>",
    "{{ 7*7 }}{% if true %}jinja{% endif %}",
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=9">',
)


def hostile_catalog(path: Path, *, lang: str = "uk") -> Catalog:
    """A catalog whose msgids, msgstrs, context, comments and header carry every payload."""
    units = []
    signature = "fake:<script>window.__xss=10</script>"
    for i, payload in enumerate(PAYLOADS):
        source = f"Sentence {i} says {payload} today."
        target = f"Речення {i} каже {payload} сьогодні."
        if i % 3 == 0:
            units.append(Unit(source=source, target=target, state=UnitState.REVIEWED, locations=(("x.txt", i + 1),)))
        elif i % 3 == 1:
            units.append(
                Unit(
                    source=source,
                    target=target,
                    state=UnitState.MT_DRAFT,
                    origin=signature,
                    translator_comments=(mt_mark(signature, target), confidence_comment(0.1 * i)),
                    locations=(("x.txt", i + 1),),
                    context=payload,
                )
            )
        else:
            units.append(
                Unit(source=source, target=target, state=UnitState.MT_DRAFT,
                     translator_comments=(tm_mark(payload),), locations=(("x.txt", i + 1),))
            )
    header = {
        "Project-Id-Version": "xss",
        "PO-Revision-Date": "2026-01-01 00:00+0000",
        "Last-Translator": PAYLOADS[1],
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "X-Newsl10n-Article": "articles/missing.txt",
        "X-Newsl10n-MT": signature,
        "X-Article-Title": PAYLOADS[0],
    }
    catalog = Catalog(header=header, units=units)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_catalog(catalog, path)
    return catalog


class ScoredFake(FakeTranslator):
    """The fake backend with a chosen length-normalised log-probability per draft."""

    def __init__(self, scores: Sequence[float], **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.scores = list(scores)
        self.given = 0

    def translate_batch(self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1) -> list[Draft]:
        drafts = super().translate_batch(texts, target_lang=target_lang, num_hypotheses=num_hypotheses)
        out = []
        for draft in drafts:
            score = self.scores[self.given % len(self.scores)]
            self.given += 1
            out.append(Draft(draft.text, score=score, alternatives=draft.alternatives))
        return out
