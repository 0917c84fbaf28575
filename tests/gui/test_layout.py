"""Every window and dialog whole on the usual office screen (1366x768) and on full HD (issue 13).

The offscreen screen's size is fixed when Qt starts, so each size runs tests/gui/layout_probe.py
in its own process, on the test's demo database (SQLite and PostgreSQL). The probe saves a
screenshot of every state it checks; they are kept in the test's folder for looking at.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = Path(__file__).with_name("layout_probe.py")
EXPECTED = {"login", "main-empty", "page-readings", "page-bills", "page-payments", "page-payments-card",
            "page-online", "page-contacts", "dialog-open-shift", "dialog-cash-in", "dialog-close-shift",
            "dialog-tariffs", "dialog-replace-meter", "dialog-bill-preview", "dialog-billing-run",
            "dialog-change-password", "dialog-settings", "dialog-operators", "dialog-keys", "window-reports",
            "dialog-registry-import"}


@pytest.mark.slow
@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)], ids=["1366x768", "1920x1080"])
def test_every_window_fits_the_screen(database_url, demo_logins, tmp_path, size):
    width, height = size
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "desk", "x": 0, "y": 0, "width": width, "height": height,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}")
    shots = tmp_path / "shots"
    done = subprocess.run([sys.executable, str(PROBE), database_url, str(shots)], env=env, capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["screen"] == [width, height]
    assert EXPECTED <= set(result["shots"]), EXPECTED - set(result["shots"])
    assert result["checked"] > 400  # widgets looked at: the probe saw the real windows
    assert result["problems"] == [], "\n".join(result["problems"])
    assert all((shots / f"{name}.png").stat().st_size > 1000 for name in result["shots"])
