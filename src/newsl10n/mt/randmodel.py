"""Build random-weight Marian checkpoints locally: for tests and benchmarks.

No download: a sentencepiece model is trained on the given text, and a
``MarianMTModel`` is initialised at random with a tiny config (tests) or the
real Opus-MT shape (benchmarks: speed does not depend on the weight values).
The result is saved with ``save_pretrained`` and loads like any Opus-MT model.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

SIZES: dict[str, dict[str, int]] = {
    # Between the two: slow enough that a test can kill a run while it works (a few seconds).
    "small": dict(d_model=128, encoder_layers=2, decoder_layers=2, encoder_attention_heads=4,
                  decoder_attention_heads=4, encoder_ffn_dim=512, decoder_ffn_dim=512,
                  max_position_embeddings=512),
    "tiny": dict(d_model=32, encoder_layers=1, decoder_layers=1, encoder_attention_heads=2,
                 decoder_attention_heads=2, encoder_ffn_dim=64, decoder_ffn_dim=64,
                 max_position_embeddings=512),
    # Opus-MT's transformer-base: 6+6 layers, d_model 512, 8 heads, FFN 2048.
    "base": dict(d_model=512, encoder_layers=6, decoder_layers=6, encoder_attention_heads=8,
                 decoder_attention_heads=8, encoder_ffn_dim=2048, decoder_ffn_dim=2048,
                 max_position_embeddings=512),
}


def build_random_marian(
    directory: Path,
    *,
    texts: Iterable[str],
    size: str = "tiny",
    vocab_size: int = 400,
    seed: int = 0,
    max_length: int = 64,
    pad_vocab_to: int | None = None,
    max_position_embeddings: int | None = None,
    target_tokens: Iterable[str] = (),
) -> Path:
    """Train a sentencepiece vocabulary on ``texts`` and save a random Marian model.

    Args:
        directory: where to save (created).
        texts: training text for the shared source/target sentencepiece model.
        size: ``tiny`` (tests), ``small`` (fault tests) or ``base`` (Opus-MT shape, for benchmarks).
        vocab_size: sentencepiece vocabulary size.
        seed: torch seed for the random weights.
        max_length: generation ``max_length`` stored in the config.
        pad_vocab_to: add unused pieces to the vocabulary until it has this many
            entries (Opus-MT has ~62k), so the embeddings and the output projection
            cost what a real model's do; repo text alone trains only a few thousand.
        max_position_embeddings: the model's input and output positions (default: the size's, 512).
        target_tokens: ``>>xxx<<`` pieces to add, as a multi-target Opus-MT
            vocabulary has them (``>>pol<<``, ``>>ces<<``).
    """
    import sentencepiece as spm
    import torch
    from transformers import MarianConfig, MarianMTModel, MarianTokenizer

    directory.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.txt"
        corpus.write_text("\n".join(t for t in texts if t.strip()) + "\n", encoding="utf-8")
        spm.SentencePieceTrainer.train(
            input=str(corpus),
            model_prefix=str(Path(tmp) / "spm"),
            vocab_size=vocab_size,
            character_coverage=1.0,
            model_type="unigram",
            pad_id=-1,
            bos_id=-1,
            eos_id=1,
            unk_id=0,
            hard_vocab_limit=False,
            minloglevel=2,
        )
        model_file = Path(tmp) / "spm.model"
        for name in ("source.spm", "target.spm"):
            (directory / name).write_bytes(model_file.read_bytes())
        sp = spm.SentencePieceProcessor(model_file=str(model_file))
        vocab = {sp.id_to_piece(i): i for i in range(sp.get_piece_size())}
    for token in target_tokens:
        vocab.setdefault(token, len(vocab))
    # Filler pieces sentencepiece never emits; <pad> stays last, as in Opus-MT vocabularies.
    for i in range(len(vocab), (pad_vocab_to or 0) - 1):
        vocab[f"\u2581<unused{i}>"] = i
    vocab["<pad>"] = len(vocab)
    (directory / "vocab.json").write_text(json.dumps(vocab, ensure_ascii=False), encoding="utf-8")
    tokenizer = MarianTokenizer(
        source_spm=str(directory / "source.spm"),
        target_spm=str(directory / "target.spm"),
        vocab=str(directory / "vocab.json"),
    )
    tokenizer.save_pretrained(directory)
    pad = vocab["<pad>"]
    params: dict[str, Any] = dict(SIZES[size])
    if max_position_embeddings is not None:
        params["max_position_embeddings"] = max_position_embeddings
    config = MarianConfig(
        vocab_size=len(vocab),
        decoder_vocab_size=len(vocab),
        pad_token_id=pad,
        decoder_start_token_id=pad,
        eos_token_id=vocab["</s>"],
        forced_eos_token_id=vocab["</s>"],
        scale_embedding=True,
        share_encoder_decoder_embeddings=True,
        activation_function="swish",
        **params,
    )
    torch.manual_seed(seed)
    model = MarianMTModel(config)
    model.generation_config.max_length = max_length
    model.generation_config.num_beams = 1
    model.save_pretrained(directory)
    return directory
