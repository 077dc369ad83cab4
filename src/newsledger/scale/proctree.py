"""A process and its descendants, read from Linux's ``/proc``: what the memory figures sum.

The scale and throughput benchmarks measure the peak resident memory of a whole run (the
driver, forked parsers, Ray's actors and helpers), and the engine tests look for processes a
run left behind; both need the tree under one process id. Linux only (``/proc``); elsewhere
the tree is the root alone and its memory unknown (0).
"""

from __future__ import annotations

import os


def process_tree(root: int) -> list[int]:
    """``root`` and every process below it, root first.

    Args:
        root: a process id.

    Returns:
        Process ids; a process that ends while the table is read is left out or kept as it was.
    """
    children: dict[int, list[int]] = {}
    try:
        entries = os.listdir("/proc")
    except OSError:
        return [root]
    for entry in entries:
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as fh:
                # the command name in parentheses may hold spaces: the parent id follows it
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, stack = [], [root]
    while stack:
        pid = stack.pop()
        out.append(pid)
        stack.extend(children.get(pid, []))
    return out


def rss_kb(pid: int) -> int:
    """Resident memory (``VmRSS``) of one process in KiB; 0 when it is gone or unreadable."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0
