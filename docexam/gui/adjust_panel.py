"""Brightness, contrast, gamma and channel of the viewer, mirrored from :class:`~docexam.workbench.Adjustment`."""

from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QPushButton, QSlider, QWidget

from docexam.workbench.adjust import Adjustment, Channel

_STEPS = 100


def _slider(lo: int, hi: int) -> QSlider:
    s = QSlider(Qt.Orientation.Horizontal)
    s.setRange(lo, hi)
    return s

# The channels' words in the list, translated where shown.
CHANNEL_WORDS = {Channel.ALL: QT_TRANSLATE_NOOP("AdjustPanel", "all"), Channel.RED: QT_TRANSLATE_NOOP("AdjustPanel", "red"),
                 Channel.GREEN: QT_TRANSLATE_NOOP("AdjustPanel", "green"),
                 Channel.BLUE: QT_TRANSLATE_NOOP("AdjustPanel", "blue"),
                 Channel.GREY: QT_TRANSLATE_NOOP("AdjustPanel", "grey")}


class AdjustPanel(QWidget):
    """Sliders over an :class:`Adjustment`: the state is the truth, the sliders follow it (and set it)."""

    def __init__(self, adjust: Adjustment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.adjust = adjust
        self.brightness = _slider(-_STEPS, _STEPS)  # -1 .. 1
        self.contrast = _slider(-_STEPS, _STEPS)  # log scale: 0.1 .. 10
        self.gamma = _slider(-_STEPS, _STEPS)  # log scale: 0.1 .. 10
        self.channel = QComboBox()
        for c in Channel:
            self.channel.addItem(QCoreApplication.translate("AdjustPanel", str(CHANNEL_WORDS[c])), c.value)
        self.reset = QPushButton(self.tr("Reset"))
        form = QFormLayout(self)
        form.addRow(self.tr("Brightness"), self.brightness)
        form.addRow(self.tr("Contrast"), self.contrast)
        form.addRow(self.tr("Gamma"), self.gamma)
        form.addRow(self.tr("Channel"), self.channel)
        form.addRow(self.reset)
        self.brightness.valueChanged.connect(lambda v: adjust.set(brightness=v / _STEPS))
        self.contrast.valueChanged.connect(lambda v: adjust.set(contrast=10 ** (v / _STEPS)))
        self.gamma.valueChanged.connect(lambda v: adjust.set(gamma=10 ** (v / _STEPS)))
        self.channel.currentIndexChanged.connect(lambda _i: adjust.set(channel=self.channel.currentData()))
        self.reset.clicked.connect(adjust.reset)
        adjust.events.connect(self.mirror)
        self.mirror()

    def mirror(self) -> None:
        a = self.adjust
        for slider, value in ((self.brightness, round(a.brightness * _STEPS)),
                              (self.contrast, round(math.log10(a.contrast) * _STEPS)),
                              (self.gamma, round(math.log10(a.gamma) * _STEPS))):
            if slider.value() != value:
                slider.blockSignals(True)
                slider.setValue(value)
                slider.blockSignals(False)
        i = self.channel.findData(a.channel.value)
        if self.channel.currentIndex() != i:
            self.channel.blockSignals(True)
            self.channel.setCurrentIndex(i)
            self.channel.blockSignals(False)
