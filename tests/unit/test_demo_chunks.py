"""The demo build's ranges: the GUI's --demo moves its progress bar, large builds keep full chunks."""

from __future__ import annotations

import itertools

from desktop.cli import GUI_DEMO_CUSTOMERS
from desktop.services.demo.build import CHUNK, chunk_ranges


def covers(ranges: list[tuple[int, int]], total: int) -> bool:
    return ranges[0][0] == 0 and ranges[-1][1] == total and all(
        a[1] == b[0] for a, b in itertools.pairwise(ranges))


def test_the_gui_demo_reports_progress_in_tenths():
    ranges = chunk_ranges(GUI_DEMO_CUSTOMERS)
    assert covers(ranges, GUI_DEMO_CUSTOMERS)
    # One range made the sign-in dialog's bar stand at 0 % for the whole build (about 15 s).
    assert len(ranges) >= 10 and all(stop - start <= GUI_DEMO_CUSTOMERS // 10 for start, stop in ranges)


def test_small_and_large_builds():
    assert chunk_ranges(40) == [(0, 40)]  # a test's demo: one insert, no empty steps
    assert chunk_ranges(CHUNK + 1000)[0] == (0, CHUNK)  # the kill-mid-build test waits for this chunk
    large = chunk_ranges(2_000_000)
    assert covers(large, 2_000_000) and {stop - start for start, stop in large} == {CHUNK}
