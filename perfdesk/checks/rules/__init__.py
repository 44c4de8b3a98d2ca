"""The rule families; importing this package registers every rule (R01–R21)."""

from perfdesk.checks.rules import codes, consistency, essentials, groups, money, structure, values

__all__ = ["codes", "consistency", "essentials", "groups", "money", "structure", "values"]
