"""newsledger._imports: spaCy without torch and without its command line, until they are used."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"


def _run(code: str, **env: str) -> str:
    full = {**os.environ, "PYTHONPATH": str(SRC), **env}
    for key in ("NEWSLEDGER_THINC_TORCH", "NEWSLEDGER_SPACY_CLI"):
        if key not in env:
            full.pop(key, None)
    res = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=full, timeout=300
    )
    assert res.returncode == 0, res.stderr[-3000:]
    return res.stdout.strip()


def test_spacy_command_line_is_loaded_on_first_use_only() -> None:
    code = (
        "import sys, newsledger, spacy\n"
        "print('download' if 'spacy.cli.download' in sys.modules else 'deferred')\n"
        "nlp = spacy.blank('en')\n"
        "print(len(nlp('Two words.')))\n"
        "print(sorted(spacy.info())[:2])\n"  # spacy.info works: the real function, loaded now
        "from spacy.cli import download\n"
        "import spacy.cli.train\n"
        "from spacy.cli.train import train_cli\n"
        "print(callable(download), spacy.cli.__file__.endswith('__init__.py'))\n"
        "mod = sys.modules['spacy.cli.info']\n"
        "print(mod.info.__module__, mod.info is not spacy.info)\n"
        "from spacy.cli import info\n"
        "print(info is spacy.info or info is mod.info)\n"
    )
    lines = _run(code).splitlines()
    assert lines[0] == "deferred"
    assert lines[1] == "3"
    assert lines[2] == "['location', 'pipelines']"
    assert lines[3] == "True True"
    assert lines[4] == "spacy.cli.info True"  # the real module's function, not the placeholder's
    assert lines[5] == "True"


def test_spacy_command_line_eager_when_asked() -> None:
    code = "import sys, newsledger, spacy\nprint('spacy.cli.download' in sys.modules)\n"
    assert _run(code, NEWSLEDGER_SPACY_CLI="1") == "True"


def test_torch_left_out_of_thinc_but_importable_later() -> None:
    code = (
        "import sys, newsledger, spacy, thinc.compat\n"
        "print(thinc.compat.has_torch, 'torch' in sys.modules)\n"
    )
    assert _run(code) == "False False"


def test_spacy_command_line_made_real_once_under_threads() -> None:
    code = (
        "import sys, threading, newsledger, spacy\n"
        "out = []\n"
        "def use():\n"
        "    from spacy.cli import download\n"
        "    out.append(callable(download))\n"
        "threads = [threading.Thread(target=use) for _ in range(8)]\n"
        "[t.start() for t in threads]\n"
        "[t.join() for t in threads]\n"
        "print(out.count(True), '__getattr__' in vars(sys.modules['spacy.cli']))\n"
    )
    assert _run(code) == "8 False"
