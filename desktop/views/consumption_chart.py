"""The monthly consumption chart (pyqtgraph): one bar series per year over the months Jan..Dec.

Imported lazily by the readings page (pyqtgraph and numpy cost ~200 ms to import).
The plotted data stays on the widget (``series``, ``points``) so tests assert on data,
not pixels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyqtgraph as pg
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QBrush, QColor, QCursor
from PySide6.QtWidgets import QToolTip, QWidget

from desktop.core.money import format_rub
from desktop.core.periods import Period
from desktop.core.tariffs import ZONE_NAMES

if TYPE_CHECKING:
    from desktop.services.readings import MonthPoint

# Newest year first: strong orange, then blue, then grey (older years recede).
YEAR_COLOURS = ["#d35400", "#2471a3", "#7f8c8d", "#8e44ad"]
GROUP_WIDTH = 0.8


def _kwh(value: int) -> str:
    text = f"{value:,}".replace(",", "\u00a0")
    return f"{text}\u00a0кВт·ч"


@dataclass
class YearSeries:
    """What is plotted for one year: bar centres, heights, which are estimates."""

    year: int
    colour: str
    months: list[int] = field(default_factory=list)  # 1..12
    x: list[float] = field(default_factory=list)
    heights: list[int] = field(default_factory=list)
    estimated: list[bool] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)


class ConsumptionChart(pg.PlotWidget):
    """objectName ``consumptionChart``. ``set_points(points)`` takes MonthPoint values, oldest first."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, background="w")
        self.setObjectName("consumptionChart")
        self.points: list[MonthPoint] = []
        self.series: dict[int, YearSeries] = {}
        self.bars: dict[int, pg.BarGraphItem] = {}
        self._width = GROUP_WIDTH
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.hideButtons()
        plot.setMouseEnabled(x=False, y=False)
        plot.showGrid(x=False, y=True, alpha=0.25)
        plot.setLabel("left", self.tr("kWh"))
        months = [(m, self.month_short(m)) for m in range(1, 13)]
        plot.getAxis("bottom").setTicks([months, []])
        plot.setXRange(0.4, 12.6, padding=0)
        self.legend = plot.addLegend(offset=(8, 4), labelTextColor="#333", colCount=4)
        self._estimate_sample = pg.BarGraphItem(x=[], height=[], width=0.5,
                                                brush=self._estimate_brush("#555"), pen="#555")
        self.setMinimumHeight(220)
        self.scene().sigMouseMoved.connect(self._mouse_moved)

    @staticmethod
    def month_short(month: int) -> str:
        from PySide6.QtCore import QLocale

        return QLocale().standaloneMonthName(month, QLocale.FormatType.ShortFormat)

    @staticmethod
    def _estimate_brush(colour: str) -> QBrush:
        return QBrush(QColor(colour), Qt.BrushStyle.BDiagPattern)

    # --- data -------------------------------------------------------------------------------

    def set_points(self, points: Sequence[MonthPoint]) -> None:
        """Plot MonthPoints (oldest first): bars of each year side by side over Jan..Dec."""
        self.points = list(points)
        plot = self.getPlotItem()
        for item in self.bars.values():
            plot.removeItem(item)
        self.legend.clear()
        self.bars.clear()
        self.series.clear()
        by_year: dict[int, list[MonthPoint]] = {}
        for p in self.points:
            if p.basis == "none":
                continue
            by_year.setdefault(Period.parse(p.period).year, []).append(p)
        years = sorted(by_year)
        count = max(1, len(years))
        self._width = GROUP_WIDTH / count
        for i, year in enumerate(years):
            colour = YEAR_COLOURS[min(len(years) - 1 - i, len(YEAR_COLOURS) - 1)]
            s = YearSeries(year, colour)
            offset = (i - (count - 1) / 2) * self._width
            for p in by_year[year]:
                month = Period.parse(p.period).month
                s.months.append(month)
                s.x.append(month + offset)
                s.heights.append(p.total)
                s.estimated.append(bool(p.estimated))
                s.periods.append(p.period)
            solid = pg.mkBrush(colour)
            brushes = [self._estimate_brush(colour) if e else solid for e in s.estimated]
            item = pg.BarGraphItem(x=s.x, height=s.heights, width=self._width * 0.92, brush=solid,
                                   brushes=brushes, pen=pg.mkPen(colour, width=1))
            plot.addItem(item)
            self.legend.addItem(item, str(year))
            self.series[year] = s
            self.bars[year] = item
        if any(any(s.estimated) for s in self.series.values()):
            self.legend.addItem(self._estimate_sample, self.tr("estimated"))
        top = max((h for s in self.series.values() for h in s.heights), default=0)
        plot.setYRange(0, max(10, top) * 1.18, padding=0)  # room for the legend above the bars

    # --- tooltip ----------------------------------------------------------------------------

    def point_at(self, x: float, y: float | None = None) -> MonthPoint | None:
        """The MonthPoint whose bar covers plot coordinate x (and y, when given)."""
        half = self._width / 2
        for s in self.series.values():
            for bx, h, period in zip(s.x, s.heights, s.periods):
                if bx - half <= x <= bx + half and (y is None or 0 <= y <= max(h, 1)):
                    return next(p for p in self.points if p.period == period)
        return None

    def tooltip_text(self, point: MonthPoint) -> str:
        period = Period.parse(point.period)
        names = ZONE_NAMES.get(point.zones or len(point.kwh) or 1, {})
        lines = [f"<b>{period.name}</b>"]
        if len(point.kwh) > 1:
            for zone, kwh in point.kwh.items():
                name = names.get(zone)
                lines.append(f"{zone}{f' ({name})' if name else ''}: {_kwh(kwh)}")
        lines.append(self.tr("Total: %1").replace("%1", _kwh(point.total)))
        if point.cost_kopecks is not None:
            lines.append(self.tr("Cost: %1").replace("%1", format_rub(point.cost_kopecks)))
        if point.basis == "share":
            lines.append(self.tr("estimated: a share of the interval between two readings"))
        elif point.basis == "average":
            lines.append(self.tr("estimated: average of the previous months"))
        return "<br>".join(lines)

    def _mouse_moved(self, pos: QPointF) -> None:
        view = self.getPlotItem().vb
        if not view.sceneBoundingRect().contains(pos):
            QToolTip.hideText()
            return
        at = view.mapSceneToView(pos)
        point = self.point_at(at.x(), at.y())
        if point is None:
            QToolTip.hideText()
            return
        QToolTip.showText(QCursor.pos(), self.tooltip_text(point), self)
