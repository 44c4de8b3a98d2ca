"""What a part or section with nothing in it prints: a per-export choice, kept free of the ORM for the CLI."""

from __future__ import annotations

NONE = "none"  # the heading, then 无: every document keeps the same parts (the default)
OMIT = "omit"  # no heading; the other parts and sections are numbered on
CHOICES = (NONE, OMIT)
#: What an empty part or section prints under its heading when it is kept.
NOTHING = "无"
