"""The daily collections chart (pyqtgraph): one stacked bar per day, a colour per channel.

Imported lazily by the reports window (pyqtgraph and numpy cost ~200 ms to import). The
plotted data stays on the widget (``days``, ``stacks``) so tests assert on data, not pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget

from desktop.i18n import QT_TRANSLATE_NOOP

CHANNEL_COLOURS = {"cash": "#2e7d32", "card": "#1565c0", "bank": "#ef6c00", "online": "#6a1b9a"}
CHANNEL_NAMES = {
    "cash": QT_TRANSLATE_NOOP("CollectionsChart", "cash"),
    "card": QT_TRANSLATE_NOOP("CollectionsChart", "card"),
    "bank": QT_TRANSLATE_NOOP("CollectionsChart", "bank"),
    "online": QT_TRANSLATE_NOOP("CollectionsChart", "online"),
}
MAX_TICKS = 12


class CollectionsChart(pg.PlotWidget):
    """objectName ``collectionsChart``. ``set_daily(daily)`` takes (day, {channel: kopecks}) pairs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self.setObjectName("collectionsChart")
        self.days: list[date] = []
        self.stacks: dict[str, list[int]] = {}  # kopecks per channel and day, in ``days`` order
        self.bars: dict[str, pg.BarGraphItem] = {}
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        plot.showGrid(x=False, y=True, alpha=0.25)
        plot.setLabel("left", self.tr("thousand ₽"))
        self.legend = plot.addLegend(offset=(8, 4), labelTextColor="#333", colCount=4)
        self.setMinimumHeight(180)

    def set_daily(self, daily: Sequence[tuple[date, dict[str, int]]]) -> None:
        """One bar per day, channels stacked from the bottom: cash, card, bank, online."""
        plot = self.getPlotItem()
        for item in self.bars.values():
            plot.removeItem(item)
        self.legend.clear()
        self.bars.clear()
        self.days = [day for day, _ in daily]
        self.stacks = {c: [sums.get(c, 0) for _, sums in daily] for c in CHANNEL_COLOURS}
        x = list(range(len(self.days)))
        base = [0.0] * len(self.days)
        for channel, colour in CHANNEL_COLOURS.items():
            heights = [k / 100_000 for k in self.stacks[channel]]  # thousands of roubles
            item = pg.BarGraphItem(x=x, y0=list(base), height=heights, width=0.8, brush=pg.mkBrush(colour),
                                   pen=pg.mkPen(colour))
            plot.addItem(item)
            self.legend.addItem(item, QCoreApplication.translate("CollectionsChart", CHANNEL_NAMES[channel]))
            self.bars[channel] = item
            base = [b + h for b, h in zip(base, heights, strict=True)]
        step = max(1, -(-len(self.days) // MAX_TICKS))
        ticks = [(i, f"{d:%d.%m}") for i, d in enumerate(self.days) if i % step == 0]
        plot.getAxis("bottom").setTicks([ticks, []])
        if self.days:
            plot.setXRange(-0.6, len(self.days) - 0.4, padding=0)
            plot.setYRange(0, max(base) * 1.1 if any(base) else 1, padding=0)

    def totals(self) -> list[int]:
        """The plotted total of each day, in kopecks."""
        return [sum(self.stacks[c][i] for c in self.stacks) for i in range(len(self.days))]
