"""Keep spaCy's import from pulling in what a parsing process never uses.

* **PyTorch.** spaCy imports thinc, and ``thinc.compat`` imports ``torch`` whenever it is
  installed (it is, for the embedding model of story linking). That costs about a second and
  ~300 MB of address space on every ``newsledger extract``/``ingest`` start, and a Ray or spaCy
  worker pays it again, for a CNN pipeline that never calls torch. A finder answers "not
  installed" to thinc's probe, *only* while ``thinc.compat`` is being imported; any later
  ``import torch`` (sentence-transformers) works as usual. Transformer pipelines (model names
  ending in ``_trf``) or ``NEWSLEDGER_THINC_TORCH=1`` turn it off.
* **spaCy's command line.** ``spacy/__init__.py`` imports ``spacy.cli.info`` for ``spacy.info``,
  and with it the whole ``spacy.cli`` package: every ``spacy`` command, typer, weasel, requests
  and a YAML parser, 0.2-0.3 s of CPU per process start. While the ``spacy`` package initialises,
  ``spacy.cli`` and ``spacy.cli.info`` are placeholders; the first use of anything in them that
  is not there (``spacy.cli.download``, ``import spacy.cli.train``, ``spacy.info()``) runs the
  real module's code in the placeholder, so it becomes the real module. ``spacy ...`` commands
  run in their own process and are untouched. ``NEWSLEDGER_SPACY_CLI=1`` turns it off.
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
import threading
from importlib.abc import Loader, MetaPathFinder
from types import ModuleType
from typing import Any


def _initializing(name: str) -> bool:
    """Whether module ``name`` is being imported right now (its code still running)."""
    mod = sys.modules.get(name)
    return mod is not None and getattr(getattr(mod, "__spec__", None), "_initializing", False)


class _ThincTorchProbe(MetaPathFinder):
    def find_spec(self, name: str, path: Any = None, target: Any = None) -> None:
        if (name == "torch" or name.startswith("torch.")) and _initializing("thinc.compat"):
            raise ModuleNotFoundError("torch left out of thinc (newsledger._imports)")
        return None


_SPACY_CLI = ("spacy.cli", "spacy.cli.info")
_MARK = "__newsledger_placeholder__"


def _placeholder(name: str) -> ModuleType | None:
    """The placeholder module ``name`` if it is still one, else None."""
    mod = sys.modules.get(name)
    return mod if mod is not None and vars(mod).get(_MARK) else None


class _SpacyCliPlaceholder(MetaPathFinder, Loader):
    """Placeholders for ``spacy.cli`` and ``spacy.cli.info`` while ``spacy`` initialises."""

    def find_spec(
        self, name: str, path: Any = None, target: Any = None
    ) -> importlib.machinery.ModuleSpec | None:
        if name in _SPACY_CLI and _initializing("spacy"):
            return importlib.util.spec_from_loader(name, self, is_package=name == "spacy.cli")
        if name.startswith("spacy.cli.") and _placeholder("spacy.cli") is not None:
            # another spaCy command imported: the package first becomes real (its code imports
            # its commands, this one too), so that its names are the real package's
            _make_real("spacy.cli")
            if name in sys.modules:
                return importlib.util.spec_from_loader(name, _Existing())
        return None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> None:
        return None  # the default module object

    def exec_module(self, module: ModuleType) -> None:
        name = module.__name__
        setattr(module, _MARK, True)
        if name == "spacy.cli":
            # the real package's folder, so that its submodules import as usual
            spacy_dir = sys.modules["spacy"].__path__
            module.__path__ = [os.path.join(p, "cli") for p in spacy_dir]
        else:
            module.info = _info  # what spacy/__init__.py takes from it

        def __getattr__(attr: str) -> Any:  # noqa: N807 (a module's __getattr__, PEP 562)
            if attr.startswith("__") and attr.endswith("__"):
                # the import system's probes ("is it a package?": __path__), not a use
                raise AttributeError(f"module {name!r} has no attribute {attr!r}")
            _make_real(name)  # waits while another thread makes it real
            try:
                return vars(module)[attr]
            except KeyError:
                raise AttributeError(f"module {name!r} has no attribute {attr!r}") from None

        module.__getattr__ = __getattr__  # type: ignore[method-assign]


class _Existing(Loader):
    """Loads a module that is already in ``sys.modules`` (made there by its package's code)."""

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        return sys.modules[spec.name]

    def exec_module(self, module: ModuleType) -> None:
        return None


# One thread makes a placeholder real; others wait for it in the placeholder's __getattr__ rather
# than see a half-made module.
_REAL_LOCK = threading.RLock()


def _make_real(name: str) -> None:
    """Run the real module's code in a placeholder, which becomes the real module."""
    with _REAL_LOCK:
        if name == "spacy.cli.info":
            _make_real("spacy.cli")  # the package's code first, as a real import runs it
        module = _placeholder(name)
        if module is None:
            return  # made real already, or being made by this thread
        delattr(module, _MARK)
        parent = sys.modules[name.rpartition(".")[0]]
        spec = importlib.machinery.PathFinder.find_spec(name, parent.__path__)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot find the real {name}")
        module.__spec__, module.__loader__ = spec, spec.loader
        module.__file__ = spec.origin
        try:
            spec.loader.exec_module(module)
        finally:
            # kept while the real code runs, so that other threads' look-ups wait for it
            vars(module).pop("__getattr__", None)


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info``: the real function, loaded on its first call."""
    _make_real("spacy.cli.info")
    return sys.modules["spacy.cli.info"].info(*args, **kwargs)


def install() -> None:
    """Add the finders (once), unless turned off or their target is already imported."""
    torch_wanted = os.environ.get("NEWSLEDGER_THINC_TORCH") == "1" or os.environ.get(
        "NEWSLEDGER_MODEL", ""
    ).endswith("_trf")
    if not torch_wanted and "thinc.compat" not in sys.modules:
        _insert_once(_ThincTorchProbe)
    if os.environ.get("NEWSLEDGER_SPACY_CLI") != "1" and "spacy" not in sys.modules:
        _insert_once(_SpacyCliPlaceholder)


def _insert_once(finder: type[MetaPathFinder]) -> None:
    """Put a finder first on ``sys.meta_path`` unless one of its kind is there already."""
    if not any(isinstance(f, finder) for f in sys.meta_path):
        sys.meta_path.insert(0, finder())
