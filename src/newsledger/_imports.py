"""Keep spaCy's import from pulling in PyTorch when the model does not need it.

spaCy imports thinc, and ``thinc.compat`` imports ``torch`` whenever it is installed (it is, for
the embedding model of story linking). That costs about a second and ~300 MB of address space on
every ``newsledger extract``/``ingest`` start, and a Ray or spaCy worker pays it again, for a CNN
pipeline that never calls torch. This finder answers "not installed" to thinc's probe, *only*
while ``thinc.compat`` is being imported; any later ``import torch`` (sentence-transformers)
works as usual. Transformer pipelines (model names ending in ``_trf``) or
``NEWSLEDGER_THINC_TORCH=1`` turn it off.
"""

from __future__ import annotations

import os
import sys
from importlib.abc import MetaPathFinder
from typing import Any


class _ThincTorchProbe(MetaPathFinder):
    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if name == "torch" or name.startswith("torch."):
            compat = sys.modules.get("thinc.compat")
            spec = getattr(compat, "__spec__", None)
            if compat is not None and getattr(spec, "_initializing", False):
                raise ModuleNotFoundError("torch left out of thinc (newsledger._imports)")
        return None


def install() -> None:
    """Add the finder (once), unless torch is wanted or thinc is already imported."""
    if os.environ.get("NEWSLEDGER_THINC_TORCH") == "1" or "thinc.compat" in sys.modules:
        return
    if os.environ.get("NEWSLEDGER_MODEL", "").endswith("_trf"):
        return
    if not any(isinstance(f, _ThincTorchProbe) for f in sys.meta_path):
        sys.meta_path.insert(0, _ThincTorchProbe())
