"""Do the two backends' draft scores mean the same thing? Measured against teacher forcing.

Usage::

    .venv/bin/python bench/confidence_scale.py

``translate`` stores ``exp(score)`` of each draft as its confidence. The score is
CTranslate2's ``return_scores`` or transformers' ``sequences_scores``. This script
builds the tests' tiny random Marian model, converts it for CTranslate2, and for
each backend recomputes the log-probability of every token the backend produced
by teacher forcing the same model (the pad token masked, as ``generate`` never
emits it). It prints each score next to ``sum / n`` for the ways of counting
``n``, in two cases:

- natural end: the end token is the most likely first token (its logit raised),
  so both backends stop on their own;
- natural end after a few tokens: the same with a smaller push, so that the
  draft is not empty;
- length limit: no end token within ``max_new_tokens`` (transformers then forces
  one, with log-probability 0; CTranslate2 just stops).

Greedy transformers (``--beams 1``) returns no ``sequences_scores``; the script
shows that too. Last, for each case, it drafts through newsl10n's own backends
(``MarianTranslator``, ``CTranslate2Translator``) with 1 and 4 beams and prints
the score of every n-best hypothesis side by side (``Draft.scores``; greedy
transformers' score is rebuilt from its per-step logits), with the largest
difference between the backends where both produced the same hypothesis.
"""

from __future__ import annotations

import math
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TEXTS = ["Thousands of Russian troops fled Izium at the weekend.", "Kyiv said so."]


def main() -> None:
    import torch
    from transformers import MarianMTModel, MarianTokenizer

    from newsl10n.mt.ct2 import CTranslate2Translator
    from newsl10n.mt.marian import MarianTranslator
    from newsl10n.mt.randmodel import build_random_marian

    tmp = Path(tempfile.mkdtemp())
    seed = (ROOT / "articles" / "izium-2022-09-16.txt").read_text(encoding="utf-8").splitlines()
    base = build_random_marian(tmp / "base", texts=seed, vocab_size=300)
    cases = (("natural end", 1.0, 40), ("natural end after a few tokens", 0.4, 40), ("length limit", 0.0, 20))
    for case, eos_bias, limit in cases:
        tok = MarianTokenizer.from_pretrained(base)
        model = MarianMTModel.from_pretrained(base).eval()
        with torch.no_grad():
            model.final_logits_bias[0, tok.eos_token_id] += eos_bias
        path = tmp / case.replace(" ", "-")
        model.save_pretrained(path)
        tok.save_pretrained(path)
        ct2 = CTranslate2Translator(model=str(path), num_beams=4, max_new_tokens=limit, compute_type="float32",
                                    cache_dir=tmp / "ct2")

        def teacher(src: str, ids: list[int], model: Any = model, tok: Any = tok) -> list[float]:
            enc = tok([src], return_tensors="pt")
            dec = torch.tensor([[model.config.decoder_start_token_id] + ids[:-1]])
            with torch.no_grad():
                logits = model(**enc, decoder_input_ids=dec).logits[0].clone()
            logits[:, tok.pad_token_id] = -math.inf
            lp = torch.log_softmax(logits, -1)
            return [float(lp[i, t]) for i, t in enumerate(ids)]

        print(f"== {case} (max_new_tokens {limit})")
        for beams in (1, 4):
            enc = tok(TEXTS, return_tensors="pt", padding=True)
            out = model.generate(**enc, num_beams=beams, max_new_tokens=limit, output_scores=True,
                                 return_dict_in_generate=True, do_sample=False)
            hf_scores = getattr(out, "sequences_scores", None)
            # min_decoding_length=0 so that CTranslate2 may stop at once, as transformers does
            results = ct2._translator.translate_batch(
                ct2.tokenize(TEXTS), beam_size=beams, return_scores=True, min_decoding_length=0,
                max_decoding_length=limit - 1,
            )
            for i, src in enumerate(TEXTS):
                hf_ids = [t for t in out.sequences[i].tolist()[1:] if t != tok.pad_token_id]
                lps = teacher(src, hf_ids)
                forced = hf_ids[-1] == tok.eos_token_id and len(hf_ids) == limit
                natural = sum(lps) / len(lps)
                hf = f"{float(hf_scores[i]):.4f}" if hf_scores is not None else "none (greedy)"
                as_forced = (sum(lps[:-1]) + 0.0) / len(lps) if forced else natural
                print(f"  beams {beams} transformers: score {hf:>14}  tokens {len(hf_ids):2d} (end forced: {forced})  "
                      f"sum/n incl. end {natural:.4f}  with forced end at log-prob 0: {as_forced:.4f}")
                hyp = results[i].hypotheses[0]
                ids = tok.convert_tokens_to_ids(hyp)
                stopped = len(hyp) < limit - 1
                c_lps = teacher(src, ids + [tok.eos_token_id]) if stopped else teacher(src, ids)
                print(f"  beams {beams} ctranslate2:  score {results[i].scores[0]:14.4f}  tokens {len(c_lps):2d} "
                      f"(ended itself: {stopped})  sum/n incl. end {sum(c_lps) / len(c_lps):.4f}")
        for beams in (1, 4):
            marian = MarianTranslator(model=str(path), num_beams=beams, max_new_tokens=limit)
            ct2b = CTranslate2Translator(model=str(path), num_beams=beams, max_new_tokens=limit,
                                         compute_type="float32", cache_dir=tmp / "ct2")
            m_drafts = marian.translate_batch(TEXTS, target_lang="uk", num_hypotheses=beams)
            c_drafts = ct2b.translate_batch(TEXTS, target_lang="uk", num_hypotheses=beams)
            diffs = []
            for m, c in zip(m_drafts, c_drafts):
                for k, (m_text, c_text) in enumerate(zip(m.alternatives, c.alternatives)):
                    same = m_text == c_text
                    if same and not m.truncated:
                        diffs.append(abs(m.scores[k] - c.scores[k]))
                    print(f"  newsl10n beams {beams} hypothesis {k}: marian {m.scores[k]:.4f}  "
                          f"ctranslate2 {c.scores[k]:.4f}  same text: {same}  cut: {m.truncated}")
            worst = f"{max(diffs):.4f}" if diffs else "n/a (every draft cut)"
            print(f"  newsl10n beams {beams}: largest |marian - ctranslate2| on the same uncut hypothesis: {worst}")


if __name__ == "__main__":
    main()
