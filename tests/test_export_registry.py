"""The export registry: the one list of formats the command line and the GUI offer."""

from pathlib import Path

import pytest

from perfdesk.errors import InputError
from perfdesk.export import registry


def test_installed_formats_in_menu_order_with_their_names_and_filters() -> None:
    formats = registry.formats()
    assert [fmt.suffix for fmt in formats] == [".docx", ".xlsx", ".json"]
    assert [fmt.label for fmt in formats] == ["Word", "Excel", "JSON"]
    assert [fmt.file_filter for fmt in formats] == [
        "Word 文档 (*.docx)",
        "Excel 工作簿 (*.xlsx)",
        "perfdesk JSON 文件 (*.json)",
    ]
    assert [fmt.checked for fmt in formats] == [False, True, False]  # Excel prints the checks' counts


def test_a_registered_writer_is_offered_and_chosen_by_suffix(monkeypatch: pytest.MonkeyPatch) -> None:
    ods = registry.ExportFormat(".ods", "ODS", one_department=True, load=lambda: None)  # type: ignore[arg-type,return-value]
    monkeypatch.setitem(registry.FORMATS, ".ods", ods)
    assert [fmt.suffix for fmt in registry.formats()] == [".docx", ".xlsx", ".ods", ".json"]
    assert registry.format_for(Path("out.ODS")) is ods
    assert ods.file_filter == "ODS 文件 (*.ods)"  # without a document name


def test_an_unknown_suffix_is_refused_naming_the_formats() -> None:
    with pytest.raises(InputError, match=r"\.docx、\.json、\.xlsx"):
        registry.format_for(Path("out.ods"))
