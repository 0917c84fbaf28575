"""Widgets, pages, dialogs and the main window. Views never touch a Session."""
