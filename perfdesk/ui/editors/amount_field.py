"""An exact-decimal line edit: a bad amount turns red with the reason and is never saved."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

from perfdesk.domain.amounts import AmountError, format_amount, parse_typed_amount

ERROR_STYLE = "QLineEdit { border: 1px solid #d32f2f; background: #ffebee; color: #b71c1c; }"


class AmountField(QWidget):
    """Line edit + reason label for one amount (万元 or a percentage).

    The value is parsed with :func:`parse_typed_amount` when editing finishes (Enter or
    leaving the field): full-width digits and thousands separators are converted, and
    the field then shows the digits stored (``１，２３４．５`` → ``1234.5``); only a
    valid, changed value is announced. Refused text stays in the field, red, with the
    reason, so the clerk can correct it (or Ctrl+Z it away).

    Signals:
        committed(object): a valid new value (``Decimal``, or None when emptied and optional).
    """

    committed = Signal(object)

    def __init__(
        self, required: bool = False, placeholder: str = "", parent: QWidget | None = None, *, percent: bool = False
    ) -> None:
        super().__init__(parent)
        self.required = required
        self.percent = percent  # a cumulative percentage: "50%" is accepted, and 0–100 only
        self.edit = QLineEdit()
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.edit.setPlaceholderText(placeholder)
        self.reason = QLabel()
        self.reason.setObjectName("amountReason")
        self.reason.setStyleSheet("color: #c62828;")
        self.reason.setWordWrap(True)
        self.reason.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.reason)
        self._value: Decimal | None = None
        self.edit.editingFinished.connect(self._finish)
        self.edit.textEdited.connect(self._typing)

    # --- state -------------------------------------------------------------------------------

    def value(self) -> Decimal | None:
        """The last valid value (what is stored), not the text being typed."""
        return self._value

    def set_value(self, value: Decimal | None) -> None:
        """Show a stored value (clears any error)."""
        self._value = value
        self.edit.setText(format_amount(value))
        self._set_error(None)

    def error(self) -> str | None:
        return self.reason.text() if self.reason.isVisibleTo(self) else None

    def _set_error(self, message: str | None) -> None:
        self.edit.setStyleSheet(ERROR_STYLE if message else "")
        self.edit.setToolTip(message or "")
        self.reason.setText(message or "")
        self.reason.setVisible(bool(message))

    # --- parsing -------------------------------------------------------------------------------

    def _parse(self, text: str) -> Decimal | None:
        if not text.strip() and not self.required:
            return None
        if not self.percent:
            return parse_typed_amount(text)
        value = parse_typed_amount(text.strip().removesuffix("%").removesuffix("％"))
        if value > 100:
            raise AmountError(f"「{text.strip()}」超过 100：资金支出计划是累计百分比，最大为 100。")
        return value

    def _typing(self, text: str) -> None:
        if self.error() is not None:  # re-check while correcting, so the red goes away at once
            try:
                self._parse(text)
            except AmountError:
                return
            self._set_error(None)

    def _finish(self) -> None:
        text = self.edit.text()
        try:
            value = self._parse(text)
        except AmountError as exc:
            self._set_error(exc.message)
            return
        self._set_error(None)
        # Show the digits stored; this also ends the field's own undo history, so Ctrl+Z
        # from now on is the application's (the edit is on its undo stack).
        self.edit.setText(format_amount(value))
        if format_amount(value) != format_amount(self._value):
            self._value = value
            self.committed.emit(value)
