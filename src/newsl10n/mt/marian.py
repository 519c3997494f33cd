"""The Opus-MT (Marian) backend through Hugging Face transformers.

The only importer of torch and transformers. It loads ``MarianMTModel`` and
``MarianTokenizer`` (sentencepiece) from a Hub id or a local directory and calls
``generate()`` directly with explicit generation parameters.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from newsl10n.errors import BackendError
from newsl10n.model import Draft
from newsl10n.mt.base import LENGTH_EXTRA, LENGTH_RATIO, ModelLimits, local_fingerprint
from newsl10n.mt.split import join_drafts, plan_pieces

log = logging.getLogger(__name__)



class MarianTranslator:
    """Translate with a Marian checkpoint.

    Args:
        model: Hub id (``Helsinki-NLP/opus-mt-en-uk``) or a local directory.
        device: ``cpu`` or ``cuda`` (``cuda:N`` works too).
        num_beams: beam size; 1 is greedy.
        max_new_tokens: generation limit per sentence.
        batch_size: sentences per ``generate()`` call.
        length_ratio, length_extra: a draft stops after ``ceil(length_ratio *
            source tokens) + length_extra`` new tokens (and ``max_new_tokens``, and
            the model's positions); a draft that stops there has ``Draft.truncated``.
        target_token: the ``>>xxx<<`` token of a multi-target model; None picks
            the one for each call's ``target_lang`` (:mod:`newsl10n.mt.targets`).
    """

    name: ClassVar[str] = "marian"

    def __init__(
        self,
        *,
        model: str,
        device: str = "cpu",
        num_beams: int = 4,
        max_new_tokens: int = 256,
        batch_size: int = 16,
        length_ratio: float = LENGTH_RATIO,
        length_extra: int = LENGTH_EXTRA,
        target_token: str | None = None,
    ) -> None:
        self.model_name = model
        self.target_token = target_token
        self._prefixes: dict[str, str | None] = {}
        self.device = device
        self.num_beams = num_beams
        self.max_new_tokens = max_new_tokens
        self.batch_size = max(1, batch_size)
        self._torch: Any = None
        self._model: Any = None
        self._tokenizer: Any = None
        self._revision = ""
        self.limits = ModelLimits(ratio=length_ratio, extra=length_extra)
        self._load()

    # -- loading -------------------------------------------------------------

    def _load(self) -> None:
        tried = f"tried to load Marian model {self.model_name!r}"
        local = Path(self.model_name).expanduser()
        is_local = local.is_dir()
        if not is_local and (self.model_name.startswith((".", "/", "~")) or local.exists()):
            raise BackendError(
                f"{tried}: {self.model_name} is not a directory",
                hint="--model takes a Hub id such as Helsinki-NLP/opus-mt-en-uk or a local model directory",
            )
        try:
            import torch
            from transformers import AutoConfig, MarianMTModel, MarianTokenizer
            from transformers.utils import logging as hf_logging
        except ImportError as exc:
            raise BackendError(
                f"{tried}, but {exc.name or 'transformers'} is not installed",
                hint="pip install 'newsl10n[mt]' (CPU torch first: pip install torch==2.13.0)",
            ) from None
        self._torch = torch
        hf_logging.set_verbosity_error()  # type: ignore[no-untyped-call]
        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        source = str(local) if is_local else self.model_name
        if self.device.startswith("cuda") and not torch.cuda.is_available():
            raise BackendError(
                f"{tried} on {self.device}, but torch sees no CUDA device",
                hint="use --device cpu, or install a CUDA build of torch on a machine with a GPU",
            )
        try:
            config = AutoConfig.from_pretrained(source)
        except Exception as exc:  # noqa: BLE001 - transformers raises many types here
            raise BackendError(f"{tried}: {_reason(exc)}", hint=_load_hint(self.model_name, is_local)) from None
        if getattr(config, "model_type", None) != "marian":
            raise BackendError(
                f"{tried}: it is a {getattr(config, 'model_type', 'unknown')!r} model, not a Marian checkpoint",
                hint="newsl10n's transformers backend runs Marian (Opus-MT) models only",
            )
        try:
            self._tokenizer = MarianTokenizer.from_pretrained(source)
            model = MarianMTModel.from_pretrained(source, config=config)
        except Exception as exc:  # noqa: BLE001
            raise BackendError(f"{tried}: {_reason(exc)}", hint=_load_hint(self.model_name, is_local)) from None
        generation = getattr(model, "generation_config", None)
        self.limits = ModelLimits.from_config(
            config.to_dict(),
            generation.to_dict() if generation is not None else None,
            ratio=self.limits.ratio,
            extra=self.limits.extra,
        )
        model.eval()  # type: ignore[no-untyped-call]
        self._model = model.to(self.device)  # type: ignore[arg-type]
        self._revision = local_fingerprint(local) if is_local else (getattr(config, "_commit_hash", None) or "main")

    # -- protocol --------------------------------------------------------------

    def signature(self) -> str:
        """``marian:<model>@<rev>|beams:N|max_new_tokens:N|max_len:Rx+C``."""
        name = Path(self.model_name).name if Path(self.model_name).is_dir() else self.model_name
        return (
            f"marian:{name}@{self._revision}|beams:{self.num_beams}"
            f"|max_new_tokens:{self.max_new_tokens}|{self.limits.signature()}"
            # A configured target token changes every draft; an automatic one follows the
            # target language, which the MT cache keys on anyway.
            + (f"|token:{self.target_token}" if self.target_token else "")
        )

    def count_tokens(self, texts: Sequence[str]) -> list[int]:
        """Model input length of each text, ``</s>`` included."""
        return [len(ids) for ids in self._tokenizer(list(texts))["input_ids"]]

    def translate_batch(
        self, texts: Sequence[str], *, target_lang: str, num_hypotheses: int = 1
    ) -> list[Draft]:
        """Translate ``texts`` in length-sorted chunks of ``batch_size``.

        A text longer than the model's input limit is drafted in pieces (:mod:`newsl10n.mt.split`).
        """
        if not texts:
            return []
        prefix = self._target_prefix(target_lang)
        plan = plan_pieces(texts, count=self.count_tokens, limit=self.limits.max_input - (1 if prefix else 0))
        # A multi-target model: the token goes before each sentence.
        inputs = [f"{prefix} {t}" for t in plan.inputs] if prefix else plan.inputs
        lengths = self.count_tokens(inputs)
        order = sorted(range(len(inputs)), key=lambda i: lengths[i])
        results: dict[int, Draft] = {}
        for start in range(0, len(order), self.batch_size):
            chunk = order[start : start + self.batch_size]
            limits = [self.limits.new_tokens(lengths[i], self.max_new_tokens) for i in chunk]
            for i, draft in zip(chunk, self._generate([inputs[i] for i in chunk], limits, num_hypotheses)):
                results[i] = draft
        return [join_drafts([results[j] for j in span]) for span in plan.spans]

    def _target_prefix(self, target_lang: str) -> str | None:
        """The target token for ``target_lang`` (cached); raises BackendError when the model has none."""
        if target_lang not in self._prefixes:
            from newsl10n.mt.targets import select_token

            self._prefixes[target_lang] = select_token(
                self._tokenizer.get_vocab(), target_lang, model=self.model_name, configured=self.target_token
            )
        return self._prefixes[target_lang]

    def _generate(self, texts: list[str], limits: list[int], num_hypotheses: int) -> list[Draft]:
        torch = self._torch
        tok = self._tokenizer
        batch = tok(texts, return_tensors="pt", padding=True)
        batch = {k: v.to(self.device) for k, v in batch.items()}
        n_return = max(1, min(num_hypotheses, self.num_beams))
        with torch.inference_mode():
            out = self._model.generate(
                **batch,
                num_beams=self.num_beams,
                num_return_sequences=n_return,
                max_new_tokens=max(limits),
                do_sample=False,
                output_scores=True,
                # Greedy search has no sequences_scores: its raw logits give the same score (below).
                output_logits=self.num_beams == 1,
                return_dict_in_generate=True,
            )
            beam_scores = getattr(out, "sequences_scores", None)
            steps = None
            if beam_scores is None and getattr(out, "logits", None):
                # Beam search scores log_softmax of the raw logits (before any logits processor):
                # the same per-token log-probabilities, from the greedy step's raw logits.
                steps = self._model.compute_transition_scores(out.sequences, out.logits, normalize_logits=True).tolist()
        rows: list[list[int]] = out.sequences.tolist()
        drafts = []
        for i, limit in enumerate(limits):
            # The batch decodes up to its longest limit; each input is held to its own, so a
            # draft does not depend on which inputs shared its batch (exactly so for greedy search).
            span = range(i * n_return, (i + 1) * n_return)
            hyps = [_generated(rows[r], tok.eos_token_id)[: limit - 1] for r in span]
            alts = tuple(s.strip() for s in tok.batch_decode(hyps, skip_special_tokens=True))
            if beam_scores is not None:
                scores = tuple(float(beam_scores[r]) for r in span)
            elif steps is not None:
                scores = tuple(_greedy_score(rows[r][1:], steps[r], limit, tok.eos_token_id, self._length_penalty())
                               for r in span)
            else:
                scores = ()
            drafts.append(Draft(alts[0], score=scores[0] if scores else None, alternatives=alts,
                                truncated=len(hyps[0]) >= limit - 1, scores=scores))
        return drafts

    def _length_penalty(self) -> float:
        value = getattr(self._model.generation_config, "length_penalty", None)
        return float(value) if value is not None else 1.0


def _greedy_score(tokens: list[int], logprobs: list[float], limit: int, eos: int, length_penalty: float) -> float:
    """A greedy draft's score, as beam search's ``sequences_scores`` would give it.

    ``tokens`` are the new tokens of one output row and ``logprobs`` their
    log-probabilities (``compute_transition_scores`` with ``normalize_logits``).
    The sum over the draft's tokens, end token included, divided by their number
    to the power ``length_penalty``; a draft cut at ``limit`` new tokens ends
    with a forced end token at log-probability 0, as transformers counts it.
    """
    kept = tokens[: limit - 1]
    if eos in kept:
        n = kept.index(eos) + 1
        total = sum(logprobs[:n])
    else:
        n = limit
        total = sum(logprobs[: len(kept)])
    return total / (n**length_penalty)


def _generated(row: list[int], eos: int) -> list[int]:
    """The new tokens of one output row: after the decoder's start token, up to the end token.

    Padding inside is kept (it counts as a decoding step, as in CTranslate2) and dropped when decoding.
    """
    out = []
    for token in row[1:]:
        if token == eos:
            break
        out.append(token)
    return out


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:300]


def _load_hint(model: str, is_local: bool) -> str:
    if is_local:
        return (
            "a Marian directory needs config.json, the weights, source.spm, target.spm and vocab.json "
            "(as saved by MarianMTModel/MarianTokenizer.save_pretrained)"
        )
    return (
        f"the first run downloads {model} from the Hugging Face Hub; when offline, download it elsewhere "
        f"(huggingface-cli download {model} --local-dir DIR) and pass --model DIR"
    )

