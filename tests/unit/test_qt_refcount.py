"""Guard against the PySide6 6.12.0 bug that frees None after enough void calls (Python 3.11)."""

from __future__ import annotations

import sys


def test_void_qt_calls_keep_none_and_true_alive(qapp):
    from PySide6.QtWidgets import QLabel

    label = QLabel()
    none_before, true_before = sys.getrefcount(None), sys.getrefcount(True)
    for i in range(2000):
        label.setText(str(i))
        label.setVisible(True)
    # A healthy binding leaves both counts where they were (give or take the loop's own refs).
    assert sys.getrefcount(None) >= none_before - 10
    assert sys.getrefcount(True) >= true_before - 10
