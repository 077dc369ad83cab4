"""`newsledger serve` as a user runs it: a real process on a loopback port, stopped by the test."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from .conftest import free_port


def test_serve_help_and_unusable_store(tmp_path: Path) -> None:
    r = subprocess.run(
        [sys.executable, "-m", "newsledger", "serve", "--help"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0 and "Example" in r.stdout and "127.0.0.1" in r.stdout
    r = subprocess.run(
        [sys.executable, "-m", "newsledger", "serve", "--db", str(tmp_path / "no" / "x.db")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 2 and "does not exist" in r.stderr and "Traceback" not in r.stderr


def test_serve_answers_on_loopback_and_stops(web_db: str) -> None:
    port = free_port()
    env = {**os.environ, "NEWSLEDGER_TOKEN": ""}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsledger", "serve", "--db", web_db, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 120
        while True:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            try:
                r = httpx.get(f"{base}/api/articles/okafor", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "serve did not answer"
                time.sleep(0.2)
        assert r.status_code == 200 and r.json()["article"]["id"] == "okafor"
        assert httpx.get(f"{base}/").status_code == 200
        # The token is empty: writes are refused.
        w = httpx.post(
            f"{base}/api/ingest", json={"text": "x"}, headers={"Authorization": "Bearer x"}
        )
        assert w.status_code == 403
    finally:
        proc.terminate()
        proc.wait(timeout=30)
