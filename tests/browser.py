"""Headless Chromium for tests that look at a page as a person would.

Debian's `chromium` (`apt-get install chromium`). Without it a test skips on a
developer's machine but fails on CI (CI set), so CI cannot pass without it.
"""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest

TIMEOUT = 60.0
# This machine has no network: every flag that would make Chromium reach out is off.
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--hide-scrollbars")


def find_chromium() -> str:
    """The Chromium binary ($CHROMIUM, else /usr/bin/chromium, else on PATH); skip or fail if none."""
    for candidate in (os.environ.get("CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    message = "chromium is not installed (apt-get install chromium)"
    if os.environ.get("CI"):
        pytest.fail(f"{message}: CI must run the browser tests")
    pytest.skip(message)


def run_chromium(*args: str, timeout: float = TIMEOUT) -> subprocess.CompletedProcess:
    """Run Chromium once with a fresh profile; its whole process group is killed afterwards."""
    binary = find_chromium()
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        proc = subprocess.Popen([binary, *FLAGS, f"--user-data-dir={profile}", *args],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True)
        try:
            out, err = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(proc.pid)
            proc.communicate()
            pytest.fail(f"chromium took more than {timeout} s: {' '.join(args)}")
        finally:
            _kill_group(proc.pid)  # helpers (zygote, crashpad) can outlive the main process
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def _kill_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def screenshot(page: Path, png: Path, size: tuple[int, int] = (1000, 1400)) -> Path:
    """A PNG of the top `size` pixels of a local page."""
    done = run_chromium(f"--window-size={size[0]},{size[1]}", f"--screenshot={png}", page.resolve().as_uri())
    assert png.is_file() and png.stat().st_size > 0, done.stderr[-2000:]
    return png


def dump_dom(page: Path) -> str:
    """The page's DOM after the browser loaded it (and ran whatever it was allowed to)."""
    done = run_chromium("--dump-dom", page.resolve().as_uri())
    assert done.returncode == 0 and "<html" in done.stdout, done.stderr[-2000:]
    return done.stdout
