"""The rule families; importing this package registers every rule (R01–R18)."""

from perfdesk.checks.rules import codes, consistency, money, structure, values

__all__ = ["codes", "consistency", "money", "structure", "values"]
