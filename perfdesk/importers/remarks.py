"""What an importer could not read, told to the clerk while the rest is imported."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Remark:
    """One thing left out or guessed: ``where`` (table, row) and ``message`` (why), in Chinese."""

    where: str
    message: str

    def describe(self) -> str:
        return f"{self.where}：{self.message}" if self.where else self.message
