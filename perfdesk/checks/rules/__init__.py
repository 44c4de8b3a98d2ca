"""The rule families; importing this package registers every rule (R01–R22)."""

from perfdesk.checks.rules import codes, consistency, essentials, groups, history, money, structure, values

__all__ = ["codes", "consistency", "essentials", "groups", "history", "money", "structure", "values"]
