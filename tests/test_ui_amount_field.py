"""The exact-decimal field: reasons in red, nothing committed until the text is valid."""

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from perfdesk.ui.editors.amount_field import AmountField

pytestmark = pytest.mark.gui


def _enter(qtbot, field: AmountField, text: str) -> None:
    field.edit.setText(text)
    qtbot.keyClick(field.edit, Qt.Key.Key_Return)


def test_percent_field_accepts_a_percent_sign_and_refuses_over_100(qtbot) -> None:
    field = AmountField(percent=True)
    qtbot.addWidget(field)
    committed: list[object] = []
    field.committed.connect(committed.append)
    _enter(qtbot, field, "50%")
    assert committed == [Decimal("50")]
    assert field.error() is None
    _enter(qtbot, field, "120")
    assert committed == [Decimal("50")]
    error = field.error()
    assert error is not None
    assert "100" in error
    assert field.value() == Decimal("50")


def test_amount_field_refuses_a_comma_with_the_reason(qtbot) -> None:
    field = AmountField(required=True)
    qtbot.addWidget(field)
    committed: list[object] = []
    field.committed.connect(committed.append)
    _enter(qtbot, field, "12,5")
    assert committed == []
    assert "逗号" in (field.error() or "")
    _enter(qtbot, field, "12.50")
    assert committed == [Decimal("12.50")]
    assert str(committed[0]) == "12.50"
    assert field.error() is None


def test_amount_field_refuses_an_amount_outside_the_domain_range(qtbot) -> None:
    field = AmountField(required=True)
    qtbot.addWidget(field)
    committed: list[object] = []
    field.committed.connect(committed.append)
    _enter(qtbot, field, "1" * 13)  # the import refuses it too: one range (perfdesk.domain.limits)
    assert committed == []
    assert "整数部分最多 12 位" in (field.error() or "")
    _enter(qtbot, field, "0.1234567")
    assert committed == []
    assert "最多 6 位小数" in (field.error() or "")
    _enter(qtbot, field, "999999999999.999999")
    assert committed == [Decimal("999999999999.999999")]
