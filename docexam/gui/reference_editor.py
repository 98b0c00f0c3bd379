"""The reference editor: a library reference's specimen per light with its annotation's regions drawn (a colour per
role; the automatic annotation's dashed, the examiner's solid), each region moved and resized by dragging, new ones
drawn, deleted, and its role, VIZ field and expectations per light set in the side panel; "Save as new version" keeps
the edited annotation as the reference's next version (the versions before it stay, listed in the history).

What is edited is a :class:`docexam.workbench.library.AnnotationDraft` (Qt-free, tested without Qt); the widgets
mirror it and call its methods."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QLocale, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap, QTransform
from PySide6.QtWidgets import (
    QColorDialog,
    QComboBox,
    QDialog,
    QFormLayout,
    QGraphicsItem,
    QGraphicsPixmapItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSceneHoverEvent,
    QGraphicsSceneMouseEvent,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStyleOptionGraphicsItem,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from docexam.gui.dialogs import open_warning
from docexam.gui.i18n import light_label
from docexam.gui.qimage import to_display_qimage
from docexam.gui.workers import Job, JobRunner
from docexam.lights import LIGHTS, Expect, Light
from docexam.mrz.viz import VIZField
from docexam.references.model import Annotation, DocumentType, Region, Role, Source
from docexam.store.library import ReferenceLibrary
from docexam.workbench.library import EXPECT_LABELS, FLUORESCENCE_COLOURS, LIGHT_EXPECTS, ROLE_LABELS, AnnotationDraft

#: A colour per role (one home: the editor's legend and its regions).
ROLE_COLOURS: dict[Role, tuple[int, int, int]] = {
    Role.PORTRAIT: (230, 60, 60), Role.GHOST: (240, 140, 40), Role.MRZ: (40, 110, 240), Role.VIZ_FIELD: (20, 170, 90),
    Role.SIGNATURE: (150, 80, 200), Role.DOCUMENT_NUMBER: (0, 170, 200), Role.UV_FEATURE: (200, 40, 200),
    Role.IR_FEATURE: (120, 60, 20), Role.PERSONALISED: (240, 200, 0), Role.FIXED_DESIGN: (110, 110, 110),
}
#: The MRZ fields a VIZ field may mirror (Doc 9303 Part 3, 4.1: the VIZ repeats these fields of the MRZ).
VIZ_FIELDS = (*(f.value for f in VIZField), "issuing_state", "nationality", "sex")
# The roles' and expectations' words (docexam.workbench.library's ROLE_LABELS, EXPECT_LABELS), translated where shown.
ROLE_WORDS: dict[Role, object] = {
    Role.PORTRAIT: QT_TRANSLATE_NOOP("ReferenceEditor", "Portrait"),
    Role.GHOST: QT_TRANSLATE_NOOP("ReferenceEditor", "Ghost image"),
    Role.MRZ: QT_TRANSLATE_NOOP("ReferenceEditor", "MRZ"),
    Role.VIZ_FIELD: QT_TRANSLATE_NOOP("ReferenceEditor", "VIZ field"),
    Role.SIGNATURE: QT_TRANSLATE_NOOP("ReferenceEditor", "Signature"),
    Role.DOCUMENT_NUMBER: QT_TRANSLATE_NOOP("ReferenceEditor", "Document number"),
    Role.UV_FEATURE: QT_TRANSLATE_NOOP("ReferenceEditor", "UV feature"),
    Role.IR_FEATURE: QT_TRANSLATE_NOOP("ReferenceEditor", "IR feature"),
    Role.PERSONALISED: QT_TRANSLATE_NOOP("ReferenceEditor", "Personalised area"),
    Role.FIXED_DESIGN: QT_TRANSLATE_NOOP("ReferenceEditor", "Fixed design"),
}
EXPECT_WORDS: dict[Expect, object] = {
    Expect.ABSORBS: QT_TRANSLATE_NOOP("ReferenceEditor", "absorbs (dark)"),
    Expect.DROPS_OUT: QT_TRANSLATE_NOOP("ReferenceEditor", "drops out"),
    Expect.FLUORESCES: QT_TRANSLATE_NOOP("ReferenceEditor", "fluoresces"),
    Expect.DULL: QT_TRANSLATE_NOOP("ReferenceEditor", "dull (no glow)"),
    Expect.VISIBLE: QT_TRANSLATE_NOOP("ReferenceEditor", "as on the specimen"),
}

# The fluorescence colours' words (docexam.workbench.library's FLUORESCENCE_COLOURS), translated where shown.
COLOUR_WORDS: dict[str, object] = {
    "blue": QT_TRANSLATE_NOOP("ReferenceEditor", "blue"), "green": QT_TRANSLATE_NOOP("ReferenceEditor", "green"),
    "yellow": QT_TRANSLATE_NOOP("ReferenceEditor", "yellow"), "orange": QT_TRANSLATE_NOOP("ReferenceEditor", "orange"),
    "red": QT_TRANSLATE_NOOP("ReferenceEditor", "red"), "violet": QT_TRANSLATE_NOOP("ReferenceEditor", "violet"),
    "white": QT_TRANSLATE_NOOP("ReferenceEditor", "white"),
}
#: The colour box's data for "pick another colour".
OTHER_COLOUR = "other"


def colour_word(rgb: tuple[int, int, int]) -> str:
    """A preset's word (translated), else the colour as #rrggbb."""
    name = next((n for n, c in FLUORESCENCE_COLOURS.items() if c == tuple(rgb)), None)
    return (QCoreApplication.translate("ReferenceEditor", str(COLOUR_WORDS[name])) if name is not None
            else QColor(*rgb).name())


def swatch(rgb: tuple[int, int, int]) -> QIcon:
    pixmap = QPixmap(14, 14)
    pixmap.fill(QColor(*rgb))
    return QIcon(pixmap)


def role_word(role: Role) -> str:
    return QCoreApplication.translate("ReferenceEditor", str(ROLE_WORDS.get(role, ROLE_LABELS[role])))


def expect_word(expect: Expect) -> str:
    return QCoreApplication.translate("ReferenceEditor", str(EXPECT_WORDS.get(expect, EXPECT_LABELS[expect])))


#: Grab a region's edge or corner within this many screen pixels.
HANDLE_PX = 7.0


def role_colour(role: Role) -> QColor:
    return QColor(*ROLE_COLOURS.get(role, (128, 128, 128)))


class RegionLabel(QGraphicsSimpleTextItem):
    """A region's name over a pale band, readable over the print (drawn at screen size whatever the zoom)."""

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        painter.fillRect(self.boundingRect().adjusted(-2, 0, 2, 0), QColor(255, 255, 255, 200))
        super().paint(painter, option, widget)  # type: ignore[arg-type]  # Qt takes no widget as well


class RegionItem(QGraphicsRectItem):
    """One region on the specimen, in image pixels. Dragging inside moves it, dragging an edge or corner resizes
    it; on release the editor is told the new box (``editor.region_dragged``)."""

    def __init__(self, region: Region, editor: ReferenceEditor) -> None:
        super().__init__(QRectF(*region.box))
        self.rid = region.id
        self.editor = editor
        self._edges: tuple[bool, bool, bool, bool] | None = None  # left, top, right, bottom being dragged
        self._press_rect = QRectF()
        self._press_pos = QPointF()
        self.setFlags(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable | QGraphicsItem.GraphicsItemFlag.ItemIsMovable)
        self.setAcceptHoverEvents(True)
        self.label = RegionLabel(self)
        self.label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.label.setBrush(QBrush(QColor(255, 255, 255)))
        self.set_region(region)

    def set_region(self, region: Region) -> None:
        self.region = region
        self.setPos(0, 0)
        self.setRect(QRectF(*region.box))
        colour = role_colour(region.role)
        pen = QPen(colour, 2.5 if region.source is Source.EXAMINER else 1.8)
        pen.setCosmetic(True)
        if region.source is Source.AUTOMATIC:
            pen.setStyle(Qt.PenStyle.DashLine)
        self.setPen(pen)
        fill = QColor(colour)
        fill.setAlpha(40)
        self.setBrush(QBrush(fill))
        self.label.setPos(region.box[0], region.box[1])
        self.update_label()

    def update_label(self) -> None:
        r = self.region
        text = r.field.replace("_", " ") if r.role is Role.VIZ_FIELD and r.field else role_word(r.role)
        expect = r.expects(self.editor.draft.light) if self.editor.draft is not None else None
        if expect is not None and self.editor.draft is not None and self.editor.draft.light != Light.VISIBLE:
            text += f" · {expect_word(expect)}"
            glow = next((e.colour for e in r.expectations if e.light == self.editor.draft.light and e.colour), None)
            if glow is not None:
                text += f" ({colour_word(glow)})"
        self.label.setText(text)
        # Above the region's top edge (screen pixels: the label ignores the zoom), not over what it holds.
        self.label.setTransform(QTransform.fromTranslate(0, -self.label.boundingRect().height()))
        self.label.setPen(QPen(Qt.PenStyle.NoPen))
        self.label.setBrush(QBrush(role_colour(r.role).darker(160)))
        # The personalised area and the fixed design overlie the fields they hold: named only when chosen.
        self.label.setVisible(r.role not in (Role.PERSONALISED, Role.FIXED_DESIGN) or self.isSelected())

    def itemChange(self, change: QGraphicsItem.GraphicsItemChange, value):  # noqa: N802 - Qt's name
        if change == QGraphicsItem.GraphicsItemChange.ItemSelectedHasChanged:
            self.label.setVisible(self.region.role not in (Role.PERSONALISED, Role.FIXED_DESIGN) or bool(value))
        return super().itemChange(change, value)

    def scene_box(self) -> tuple[float, float, float, float]:
        rect = self.mapRectToScene(self.rect())
        return rect.x(), rect.y(), rect.width(), rect.height()

    def _tolerance(self) -> float:
        views = self.scene().views() if self.scene() is not None else []
        scale = views[0].transform().m11() if views else 1.0
        return HANDLE_PX / max(scale, 1e-6)

    def edges_at(self, pos: QPointF) -> tuple[bool, bool, bool, bool]:
        """Which edges lie within grabbing distance of ``pos`` (item coordinates)."""
        r, t = self.rect(), self._tolerance()
        return (abs(pos.x() - r.left()) <= t, abs(pos.y() - r.top()) <= t, abs(pos.x() - r.right()) <= t,
                abs(pos.y() - r.bottom()) <= t)

    def hoverMoveEvent(self, event: QGraphicsSceneHoverEvent) -> None:  # noqa: N802 - Qt's name
        left, top, right, bottom = self.edges_at(event.pos())
        if (left and top) or (right and bottom):
            self.setCursor(Qt.CursorShape.SizeFDiagCursor)
        elif (left and bottom) or (right and top):
            self.setCursor(Qt.CursorShape.SizeBDiagCursor)
        elif left or right:
            self.setCursor(Qt.CursorShape.SizeHorCursor)
        elif top or bottom:
            self.setCursor(Qt.CursorShape.SizeVerCursor)
        else:
            self.setCursor(Qt.CursorShape.SizeAllCursor)
        super().hoverMoveEvent(event)

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 - Qt's name
        edges = self.edges_at(event.pos())
        self._edges = edges if any(edges) and event.button() == Qt.MouseButton.LeftButton else None
        self._press_rect, self._press_pos = QRectF(self.rect()), event.pos()
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 - Qt's name
        if self._edges is None:
            super().mouseMoveEvent(event)
            return
        d = event.pos() - self._press_pos
        r = QRectF(self._press_rect)
        left, top, right, bottom = self._edges
        if left:
            r.setLeft(min(r.left() + d.x(), r.right() - 2))
        if right:
            r.setRight(max(r.right() + d.x(), r.left() + 2))
        if top:
            r.setTop(min(r.top() + d.y(), r.bottom() - 2))
        if bottom:
            r.setBottom(max(r.bottom() + d.y(), r.top() + 2))
        self.setRect(r)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:  # noqa: N802 - Qt's name
        super().mouseReleaseEvent(event)
        self._edges = None
        box = self.scene_box()
        if tuple(round(v) for v in box) != self.region.box:
            self.editor.region_dragged(self.rid, box)

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None) -> None:
        # Without Qt's own dotted selection frame: the handles say it.
        selected = self.isSelected()
        painter.setPen(self.pen())
        painter.setBrush(self.brush())
        painter.drawRect(self.rect())
        if selected:
            t = self._tolerance() * 0.8
            painter.setPen(QPen(QColor(0, 0, 0), 0))
            painter.setBrush(QBrush(QColor(255, 255, 255)))
            r = self.rect()
            for x in (r.left(), r.center().x(), r.right()):
                for y in (r.top(), r.center().y(), r.bottom()):
                    if (x, y) != (r.center().x(), r.center().y()):
                        painter.drawRect(QRectF(x - t / 2, y - t / 2, t, t))


class SpecimenView(QGraphicsView):
    """The specimen and its regions; wheel zooms, the middle button or Space+drag pans; in drawing mode a drag draws
    a new region (``drawn(x, y, w, h)`` in image pixels)."""

    drawn = Signal(float, float, float, float)

    def __init__(self, scene: QGraphicsScene, parent: QWidget | None = None) -> None:
        super().__init__(scene, parent)
        self.setObjectName("specimenView")
        self.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setBackgroundBrush(QBrush(QColor(60, 60, 60)))
        self.drawing = False
        self._start: QPointF | None = None
        self._rubber: QGraphicsRectItem | None = None

    def fit(self) -> None:
        if self.scene() is not None and not self.scene().sceneRect().isEmpty():
            self.fitInView(self.scene().sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt's name
        factor = 1.25 if event.angleDelta().y() > 0 else 0.8
        scale = self.transform().m11() * factor
        if 0.02 <= scale <= 20:
            self.scale(factor, factor)

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.drawing and event.button() == Qt.MouseButton.LeftButton:
            self._start = self.mapToScene(event.position().toPoint())
            pen = QPen(QColor(255, 255, 255), 1.5, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            self._rubber = self.scene().addRect(QRectF(self._start, self._start), pen)
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._start is not None and self._rubber is not None:
            self._rubber.setRect(QRectF(self._start, self.mapToScene(event.position().toPoint())).normalized())
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self._start is not None and self._rubber is not None:
            rect = QRectF(self._start, self.mapToScene(event.position().toPoint())).normalized()
            self.scene().removeItem(self._rubber)
            self._start = self._rubber = None
            if rect.width() >= 3 and rect.height() >= 3:
                self.drawn.emit(rect.x(), rect.y(), rect.width(), rect.height())
            return
        super().mouseReleaseEvent(event)


class ReferenceEditor(QDialog):
    """The editor of the library's reference ``uid``. ``saved(Annotation)`` after a new version is kept;
    ``error_shown(title, text)`` with every error message; ``loaded()`` once the specimen's images are shown."""

    saved = Signal(object)
    loaded = Signal()
    error_shown = Signal(str, str)

    def __init__(self, store, uid: str, *, runner: JobRunner | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.Window)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint)
        self.setObjectName("referenceEditor")
        self.store = store
        self.library = ReferenceLibrary(store)
        self.runner = runner if runner is not None else JobRunner(self)
        self.kind: DocumentType = self.library.show(uid)
        self.uid = self.kind.id
        self.images: dict[str, np.ndarray] = {}
        self.draft: AnnotationDraft | None = None
        self.items: dict[str, RegionItem] = {}
        self.last_error: tuple[str, str] | None = None
        self._filling = False
        self.setWindowTitle(self.tr("Reference {name}").format(name=self.kind.name))

        self.scene = QGraphicsScene(self)
        self.pixmap = QGraphicsPixmapItem()
        self.pixmap.setZValue(-1)
        self.scene.addItem(self.pixmap)
        self.view = SpecimenView(self.scene)
        self.view.drawn.connect(self._drawn)
        self.scene.selectionChanged.connect(self._scene_selection)

        self.lights = QTabBar()
        self.lights.setObjectName("editorLights")
        self.lights.currentChanged.connect(self._tab_changed)
        self.draw = QPushButton(self.tr("&Draw a region"))
        self.draw.setCheckable(True)
        self.draw.setToolTip(self.tr("Drag on the specimen to add a region (then set its role)"))
        self.draw.toggled.connect(self._set_drawing)
        self.delete = QPushButton(self.tr("De&lete region"))
        self.delete.clicked.connect(self.delete_selected)
        fit = QPushButton(self.tr("Fit"))
        fit.clicked.connect(self.view.fit)
        self.legend = QLabel(self._legend_html())
        self.legend.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(self.lights)
        bar.addStretch(1)
        for b in (self.draw, self.delete, fit):
            bar.addWidget(b)
        left = QWidget()
        ll = QVBoxLayout(left)
        ll.setContentsMargins(0, 0, 0, 0)
        ll.addLayout(bar)
        ll.addWidget(self.view, 1)
        ll.addWidget(self.legend)

        self.heading = QLabel()
        self.heading.setObjectName("editorHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.version = QLabel()
        self.version.setObjectName("editorVersion")
        self.region_list = QListWidget()
        self.region_list.setObjectName("regionList")
        self.region_list.currentItemChanged.connect(self._list_selection)
        self.region_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.region_list.setToolTip(self.tr("Double-click a region to zoom to it"))
        self.region_list.itemDoubleClicked.connect(lambda item: self.zoom_to(item.data(Qt.ItemDataRole.UserRole)))
        self.region_id = QLabel()
        self.role = QComboBox()
        for role in Role:
            self.role.addItem(role_word(role), role.value)
        self.role.currentIndexChanged.connect(lambda _i: self._edit("role"))
        self.field = QComboBox()
        self.field.addItem("—", "")
        for name in VIZ_FIELDS:
            self.field.addItem(name.replace("_", " "), name)
        self.field.currentIndexChanged.connect(lambda _i: self._edit("field"))
        self.expects: dict[str, QComboBox] = {}
        for light in (Light.UV, Light.IR):
            box = QComboBox()
            box.addItem("—", "")
            for e in LIGHT_EXPECTS[light.value]:
                box.addItem(expect_word(e), e.value)
            box.currentIndexChanged.connect(lambda _i, lt=light.value: self._edit("expect", lt))
            self.expects[light.value] = box
        self.uv_colour = QComboBox()
        self.uv_colour.setObjectName("uvColour")
        self.uv_colour.setToolTip(self.tr("The colour the region glows in UV light (measured on the specimen, or "
                                          "chosen)"))
        self.uv_colour.addItem(self.tr("colour not said"), None)
        for name, rgb in FLUORESCENCE_COLOURS.items():
            self.uv_colour.addItem(swatch(rgb), QCoreApplication.translate("ReferenceEditor", str(COLOUR_WORDS[name])),
                                   list(rgb))
        self.uv_colour.addItem(self.tr("Other colour…"), OTHER_COLOUR)
        self.uv_colour.currentIndexChanged.connect(lambda _i: self._edit("colour", Light.UV.value))
        self.source = QLabel()
        self.source.setWordWrap(True)
        self.region_box = QGroupBox(self.tr("Selected region"))
        form = QFormLayout(self.region_box)
        form.addRow(self.tr("Region"), self.region_id)
        form.addRow(self.tr("&Role"), self.role)
        form.addRow(self.tr("VIZ &field"), self.field)
        uv_row = QHBoxLayout()  # what it shows in UV and the colour it glows, side by side (one row: 768 px screens)
        uv_row.setContentsMargins(0, 0, 0, 0)
        uv_row.addWidget(self.expects[Light.UV.value], 3)
        uv_row.addWidget(self.uv_colour, 2)
        uv_label = QLabel(self.tr("In &UV"))
        uv_label.setBuddy(self.expects[Light.UV.value])  # a row of two boxes has no buddy of its own
        form.addRow(uv_label, uv_row)
        form.addRow(self.tr("In &IR"), self.expects[Light.IR.value])
        form.addRow(self.source)
        self.note = QLineEdit(placeholderText=self.tr("what you corrected (kept with the version)"))
        self.save_button = QPushButton(self.tr("&Save as new version"))
        self.save_button.setObjectName("saveVersion")
        self.save_button.clicked.connect(self.save_version)
        self.history = QListWidget()
        self.history.setObjectName("versionHistory")
        self.history.setMaximumHeight(84)
        self.history.setWordWrap(True)
        self.history.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.start_from = QPushButton(self.tr("Start from the chosen version"))
        self.start_from.setToolTip(self.tr("Edit from an earlier version (saving keeps it as the next version)"))
        self.start_from.clicked.connect(self._start_from_history)
        save_box = QGroupBox(self.tr("Versions"))
        sl = QVBoxLayout(save_box)
        sl.addWidget(self.version)
        sl.addWidget(self.note)
        sl.addWidget(self.save_button)
        sl.addWidget(self.history)
        sl.addWidget(self.start_from)

        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.addWidget(self.heading)
        side_layout.addWidget(QLabel(self.tr("Regions")))
        side_layout.addWidget(self.region_list, 1)
        side_layout.addWidget(self.region_box)
        side_layout.addWidget(save_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(side)
        scroll.setMinimumWidth(360)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 0)
        splitter.setSizes([900, 380])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(splitter)

        self._fill_heading()
        self.start(self.kind.annotation)

    # --- loading ------------------------------------------------------------------------------------------------

    def _legend_html(self) -> str:
        swatches = " ".join(f"<span style='color:{role_colour(r).name()}'>■</span>&nbsp;{role_word(r)}"
                            for r in Role)
        return f"<small>{swatches}<br>" + self.tr(
            "Dashed: found automatically (check it). Solid: drawn or corrected by an examiner.") + "</small>"

    def _fill_heading(self) -> None:
        k = self.kind
        what = " ".join(x for x in (k.state, k.document_code, k.format) if x) or self.tr("type not known")
        period = self.tr(" to ").join(d.isoformat() for d in (k.issued_from, k.issued_until) if d)
        self.heading.setText(f"<b>{k.name}</b><br>{what}"
                             + (self.tr(", series {series}").format(series=k.series) if k.series else "")
                             + (self.tr(", issued {period}").format(period=period) if period else "")
                             + "<br>" + self.tr("%n specimen(s)", "", len(k.specimens))
                             + ("<br><span style='color:#8a2be2'>" + self.tr("<b>synthetic</b> (the generator's)")
                                + "</span>" if k.synthetic else ""))
        self.history.clear()
        for a in sorted(k.annotations, key=lambda a: a.version, reverse=True):
            when = a.created.strftime("%Y-%m-%d %H:%M") if a.created else ""
            item = QListWidgetItem(f"v{a.version}  {when}  {a.created_by or ''}, "
                                   + self.tr("%n regions", "", len(a.regions))
                                   + (f": {a.note}" if a.note else ""))
            item.setData(Qt.ItemDataRole.UserRole, a.version)
            item.setToolTip(a.note or self.tr("no note"))
            self.history.addItem(item)
        if self.history.count():
            self.history.setCurrentRow(0)

    def reread(self) -> None:
        """Read the reference again (its details, specimens and versions changed elsewhere); the regions being edited
        stay as they are."""
        self.kind = self.library.show(self.uid)
        self.setWindowTitle(self.tr("Reference {name}").format(name=self.kind.name))
        self._fill_heading()

    def start(self, annotation: Annotation | None) -> Job | None:
        """Edit from ``annotation`` (a version of this reference; None: a new, empty one on the first specimen):
        its specimen's images are decoded in a worker, then drawn with its regions."""
        spec = self.kind.specimen(annotation.specimen) if annotation is not None else None
        spec = spec or (self.kind.specimens[0] if self.kind.specimens else None)
        if spec is None:
            self.show_error(self.tr("Reference"), self.tr("Reference {name} has no specimen to annotate.").format(
                name=self.kind.name))
            return None
        if annotation is None:
            dpi = spec.captures[0].dpi if spec.captures else 300.0
            annotation = Annotation(spec.id, dpi, (), 0)
        base = annotation
        store, uid = self.store, self.uid
        job = self.runner.start(self.tr("Opening the reference {name}").format(name=self.kind.name), lambda progress, cancel: ReferenceLibrary(
            store).images(uid, specimen=spec.id))
        job.finished.connect(lambda images: self._show(base, spec.size, images))
        job.failed.connect(lambda e: self.show_error(self.tr("Reference"), self.tr(
            "The specimen's images could not be read: {error}").format(error=e)))
        return job

    def _show(self, base: Annotation, size: tuple[int, int], images: dict) -> None:
        self.images = images
        if self.draft is not None:
            self.draft.events.disconnect()
        self.draft = AnnotationDraft.of(base, size)
        self.draft.events.regions.connect(lambda *_: self._sync_regions())
        self.draft.events.selected.connect(lambda *_: self._sync_selection())
        self.draft.events.light.connect(lambda *_: self._show_light())
        self._filling = True
        self.lights.blockSignals(True)
        while self.lights.count():
            self.lights.removeTab(0)
        for light in LIGHTS:
            if light.value in images:
                self.lights.addTab(light_label(light))
                self.lights.setTabData(self.lights.count() - 1, light.value)
        self.lights.setCurrentIndex(0)
        self.lights.blockSignals(False)
        self._filling = False
        first = self.lights.tabData(0)
        if first and first != self.draft.light:
            self.draft.set_light(first)
        self._show_light()
        self.scene.setSceneRect(QRectF(0, 0, *size))
        self._sync_regions()
        self._sync_selection()
        self.view.fit()
        self.loaded.emit()

    # --- from the draft -----------------------------------------------------------------------------------------

    def _show_light(self) -> None:
        if self.draft is None:
            return
        image = self.images.get(self.draft.light)
        if image is not None:
            self.pixmap.setPixmap(QPixmap.fromImage(to_display_qimage(image)))
        for item in self.items.values():
            item.update_label()
        i = next((i for i in range(self.lights.count()) if self.lights.tabData(i) == self.draft.light), -1)
        if i >= 0 and i != self.lights.currentIndex():
            self.lights.setCurrentIndex(i)

    def _sync_regions(self) -> None:
        draft = self.draft
        if draft is None:
            return
        ids = [r.id for r in draft.regions]
        for rid in [r for r in self.items if r not in ids]:
            self.scene.removeItem(self.items.pop(rid))
        for z, region in enumerate(sorted(draft.regions, key=lambda r: -(r.box[2] * r.box[3]))):
            item = self.items.get(region.id)
            if item is None:
                item = RegionItem(region, self)
                self.scene.addItem(item)
                self.items[region.id] = item
            elif item.region != region or item.pos() != QPointF(0, 0):
                item.set_region(region)
            item.setZValue(z)  # the small ones on top, so they can be grabbed inside the large ones
        self._filling = True
        current = draft.selected
        self.region_list.clear()
        for region in draft.regions:
            name = region.field.replace("_", " ") if region.role is Role.VIZ_FIELD and region.field else ""
            text = f"{role_word(region.role)}{': ' + name if name else ''}"
            text += "  · " + (self.tr("automatic") if region.source is Source.AUTOMATIC else self.tr("examiner"))
            row = QListWidgetItem(text)
            row.setToolTip(f"{region.id} {list(region.box)}")
            row.setData(Qt.ItemDataRole.UserRole, region.id)
            row.setForeground(QBrush(role_colour(region.role).darker(130)))
            self.region_list.addItem(row)
            if region.id == current:
                self.region_list.setCurrentItem(row)
        self._filling = False
        a = draft.base
        changed = self.tr(" (changed, not saved)") if draft.changed else ""
        self.version.setText((self.tr("Editing from version {version}").format(version=a.version) if a.version
                              else self.tr("No annotation yet")) + changed)
        self.save_button.setEnabled(draft.changed)
        self._fill_region_panel()

    def _sync_selection(self) -> None:
        draft = self.draft
        if draft is None:
            return
        self._filling = True
        for rid, item in self.items.items():
            item.setSelected(rid == draft.selected)
        for i in range(self.region_list.count()):
            if self.region_list.item(i).data(Qt.ItemDataRole.UserRole) == draft.selected:
                self.region_list.setCurrentRow(i)
        if draft.selected is None:
            self.region_list.setCurrentRow(-1)
        self._filling = False
        self._fill_region_panel()

    def _fill_region_panel(self) -> None:
        draft = self.draft
        region = draft.region(draft.selected) if draft is not None and draft.selected else None
        self.region_box.setEnabled(region is not None)
        self.delete.setEnabled(region is not None)
        self._filling = True
        if region is None:
            self.region_id.setText(self.tr("none chosen: click a region"))
            self.source.setText("")
        else:
            self.region_id.setText(f"{region.id}  {list(region.box)}")
            self.role.setCurrentIndex(self.role.findData(region.role.value))
            if region.field and self.field.findData(region.field) < 0:
                self.field.addItem(region.field.replace("_", " "), region.field)
            self.field.setCurrentIndex(max(0, self.field.findData(region.field or "")))
            self.field.setEnabled(region.role is Role.VIZ_FIELD)
            for light, box in self.expects.items():
                expect = region.expects(light)
                box.setCurrentIndex(max(0, box.findData(expect.value if expect else "")))
            self._fill_colour(region)
            self.source.setText(
                (self.tr("Found automatically (confidence {confidence}); a change makes it the examiner's.").format(
                    confidence=QLocale().toString(region.confidence, "f", 2))
                 if region.source is Source.AUTOMATIC else self.tr("Drawn or corrected by an examiner."))
                + (f"\n{region.note}" if region.note else ""))
        self._filling = False

    def _fill_colour(self, region: Region) -> None:
        """The colour box at the region's UV fluorescence colour (a colour not among the presets shown as its own
        item, before "Other colour…"); enabled only where the region fluoresces."""
        uv = next((e for e in region.expectations if e.light == Light.UV.value), None)
        glows = uv is not None and uv.expect is Expect.FLUORESCES
        self.uv_colour.setEnabled(glows)
        colour = list(uv.colour) if glows and uv is not None and uv.colour else None
        presets = self.uv_colour.count() - 1  # the last item is "Other colour…"
        if presets > len(FLUORESCENCE_COLOURS) + 1:  # a measured colour shown before: taken away
            self.uv_colour.removeItem(presets - 1)
            presets -= 1
        if colour is None:
            self.uv_colour.setCurrentIndex(0)
            return
        index = self.uv_colour.findData(colour)
        if index < 0 or index >= presets:
            self.uv_colour.insertItem(presets, swatch(tuple(colour)), QColor(*colour).name(), colour)  # type: ignore[arg-type]
            index = presets
        self.uv_colour.setCurrentIndex(index)

    # --- from the widgets ---------------------------------------------------------------------------------------

    def _tab_changed(self, index: int) -> None:
        if self._filling or self.draft is None or index < 0:
            return
        self.draft.set_light(self.lights.tabData(index))

    def zoom_to(self, rid: str) -> None:
        """Show region ``rid`` large, with some of the page around it."""
        if self.draft is None:
            return
        x, y, w, h = self.draft.region(rid).box
        margin = min(w, h) * 0.5 + 20
        self.view.fitInView(QRectF(x - margin, y - margin, w + 2 * margin, h + 2 * margin),
                            Qt.AspectRatioMode.KeepAspectRatio)

    def set_light(self, light: str) -> None:
        if self.draft is not None:
            self.draft.set_light(light)

    def _set_drawing(self, on: bool) -> None:
        self.view.drawing = on
        self.view.viewport().setCursor(Qt.CursorShape.CrossCursor if on else Qt.CursorShape.ArrowCursor)

    def _drawn(self, x: float, y: float, w: float, h: float) -> None:
        if self.draft is not None:
            self.draft.add((x, y, w, h))
            self.draw.setChecked(False)

    def region_dragged(self, rid: str, box: tuple[float, float, float, float]) -> None:
        if self.draft is not None:
            self.draft.move(rid, box)
            self._sync_regions()  # the item back at the draft's (clipped, whole-pixel) box

    def _scene_selection(self) -> None:
        if self._filling or self.draft is None:
            return
        chosen = [rid for rid, item in self.items.items() if item.isSelected()]
        self.draft.select(chosen[0] if chosen else None)

    def _list_selection(self, current: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        if self._filling or self.draft is None or current is None:
            return
        self.draft.select(current.data(Qt.ItemDataRole.UserRole))

    def _edit(self, what: str, light: str | None = None) -> None:
        draft = self.draft
        if self._filling or draft is None or draft.selected is None:
            return
        rid = draft.selected
        if what == "role":
            draft.set_role(rid, self.role.currentData())
        elif what == "field":
            draft.set_field(rid, self.field.currentData() or None)
        elif what == "expect" and light is not None:
            value = self.expects[light].currentData()
            draft.set_expectation(rid, light, Expect(value) if value else None)
        elif what == "colour" and light is not None:
            value = self.uv_colour.currentData()
            if value == OTHER_COLOUR:
                value = self.pick_colour()
                if value is None:  # cancelled: the box shows the region's colour again
                    self._fill_region_panel()
                    return
            if draft.region(rid).expects(light) is Expect.FLUORESCES:
                draft.set_colour(rid, light, value)

    def pick_colour(self) -> list[int] | None:
        """A colour from Qt's colour dialog, starting at the selected region's (None: cancelled)."""
        draft = self.draft
        start = QColor(200, 200, 255)
        if draft is not None and draft.selected is not None:
            uv = next((e for e in draft.region(draft.selected).expectations if e.light == Light.UV.value), None)
            if uv is not None and uv.colour:
                start = QColor(*uv.colour)
        chosen = QColorDialog.getColor(start, self, self.tr("The colour it glows in UV"))
        return [chosen.red(), chosen.green(), chosen.blue()] if chosen.isValid() else None

    def delete_selected(self) -> None:
        if self.draft is not None and self.draft.selected is not None:
            self.draft.delete(self.draft.selected)

    def keyPressEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.view.hasFocus():
            self.delete_selected()
            return
        super().keyPressEvent(event)

    # --- saving -------------------------------------------------------------------------------------------------

    def save_version(self) -> Annotation | None:
        """Keep the edited regions as the reference's next annotation version."""
        draft = self.draft
        if draft is None:
            return None
        try:
            kept = draft.save(self.library, self.uid, note=self.note.text().strip())
        except Exception as e:  # noqa: BLE001 - a region outside the images, a database changed behind: said
            self.show_error(self.tr("Save the annotation"), self.tr("The new version was not kept: {error}").format(error=e))
            return None
        self.note.clear()
        self.kind = self.library.show(self.uid)
        self._fill_heading()
        self._sync_regions()
        self.saved.emit(kept)
        return kept

    def _start_from_history(self) -> None:
        item = self.history.currentItem()
        if item is None:
            return
        version = item.data(Qt.ItemDataRole.UserRole)
        annotation = next((a for a in self.kind.annotations if a.version == version), None)
        if annotation is not None:
            self.start(annotation)

    def show_error(self, title: str, text: str) -> None:
        self.last_error = (title, text)
        self.error_shown.emit(title, text)
        open_warning(self, title, text)
