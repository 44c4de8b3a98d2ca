"""Stands in for PySide6 in the core test run (scripts/test.sh), which must work without Qt."""

raise ModuleNotFoundError("No module named 'PySide6' (the core test run blocks Qt)", name="PySide6")
