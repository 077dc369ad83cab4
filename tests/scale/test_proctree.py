from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from newsledger.scale.proctree import process_tree, rss_kb

pytestmark = pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads Linux's /proc")


def test_tree_holds_children_and_grandchildren() -> None:
    # a child that starts a grandchild and waits on it
    code = (
        "import subprocess, sys;"
        " subprocess.run([sys.executable, '-c', 'import time; time.sleep(30)'])"
    )
    child = subprocess.Popen([sys.executable, "-c", code])
    try:
        for _ in range(100):
            tree = process_tree(os.getpid())
            below = process_tree(child.pid)
            if len(below) == 2:
                break
            time.sleep(0.05)
        assert tree[0] == os.getpid()
        assert child.pid in tree and below[0] == child.pid
        assert len(below) == 2 and below[1] in tree  # the grandchild
        assert all(rss_kb(pid) > 0 for pid in below)
    finally:
        for pid in reversed(process_tree(child.pid)):
            try:
                os.kill(pid, 9)
            except ProcessLookupError:
                pass
        child.wait()


def test_gone_process_has_no_memory_and_no_children() -> None:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    assert rss_kb(proc.pid) == 0
    assert process_tree(proc.pid) == [proc.pid]
