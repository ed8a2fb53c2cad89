"""A figure's budget, declared next to the figure: the most its value, or its ratio to the
baseline measured in the same run, may be; where the number comes from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Budget:
    limit: float
    on: Literal["kiosk", "ratio"] = "kiosk"  # the kiosk's value, or kiosk / baseline
    unit: str = ""
    source: str = ""  # the issue that set it, or the measured value and the noise allowed

    def text(self) -> str:
        bound = f"ratio <= {self.limit:g}" if self.on == "ratio" else f"<= {self.limit:g}"
        return f"{bound} {self.unit}".strip()

    def met(self, kiosk: float, ratio: float) -> bool:
        return (ratio if self.on == "ratio" else kiosk) <= self.limit


def judged(row: dict[str, object], budget: Budget) -> dict[str, object]:
    """``row`` (with ``kiosk`` and ``ratio``) with its budget's text, source and verdict."""
    kiosk, ratio = row["kiosk"], row["ratio"]
    assert isinstance(kiosk, int | float) and isinstance(ratio, int | float)
    return {
        **row,
        "budget": budget.text(),
        "source": budget.source,
        "met": budget.met(kiosk, ratio),
    }
