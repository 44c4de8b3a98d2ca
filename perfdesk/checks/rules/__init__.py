"""The rule families; importing this package registers every rule (R01–R19)."""

from perfdesk.checks.rules import codes, consistency, groups, money, structure, values

__all__ = ["codes", "consistency", "groups", "money", "structure", "values"]
