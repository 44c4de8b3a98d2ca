"""Stands in for shiboken6 in the core test run (scripts/test.sh), which must work without Qt."""

raise ModuleNotFoundError("No module named 'shiboken6' (the core test run blocks Qt)", name="shiboken6")
