"""GUI tests run offscreen, in Russian, with message boxes switched to the log."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def russian_headless(qapp, monkeypatch):
    from desktop import i18n

    monkeypatch.setenv("ENERGODESK_NO_DIALOGS", "1")
    i18n.install(qapp)


def answer_questions(win):
    """The desk's questions go to the test: each is recorded in ``win.questions`` and answered
    from ``win.answers`` (a test appends True/False), "no" when the test gave no answer."""
    win.questions, win.answers = [], []

    def confirm(parent, title, question):
        win.questions.append(question)
        return win.answers.pop(0) if win.answers else False

    win.desk.confirm = confirm
    return win


@pytest.fixture
def answering():
    """answer_questions, for a window the test launches itself (a conftest is no module to import)."""
    return answer_questions


@pytest.fixture
def window(qtbot, database_url, demo_logins):
    """The main window of the demo Samara operator, signed in through the public seam."""
    from desktop.app import launch
    from desktop.services.demo.build import DEMO_PASSWORD

    win = answer_questions(launch(database_url, login="sam.op1", password=DEMO_PASSWORD))
    qtbot.addWidget(win)
    yield win
    win.desk.wait()
