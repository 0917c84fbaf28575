"""Run by test_offline_link in a child process: replay a desk's journal slowly, so the test can SIGKILL it."""

from __future__ import annotations

import sys
import time
from pathlib import Path

from desktop.database import open_database
from desktop.services.offline_journal import Journal
from desktop.services.offline_replay import replay

if __name__ == "__main__":
    url, journal_path, pause = sys.argv[1], Path(sys.argv[2]), float(sys.argv[3])
    database = open_database(url)
    replay(database.sessions, Journal(journal_path), on_step=lambda op, state: time.sleep(pause))
    print("finished")
