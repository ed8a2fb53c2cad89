"""The order of the attract loop: the aftermovie and the drawings, as staff set it (no Qt here).

A *round* is one showing of a film and ``drawings_per_film`` drawings, the film first or last
(``film_first``). Films and drawings each go round in their own order, so with 2 films and 4
drawings a film at a time: F0 D0 D1 D2 D3 F1 D0 … Without drawings (or with none between films)
the films follow each other, looping; without films the drawings do.
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass


class StepKind(enum.StrEnum):
    FILM = "film"
    DRAWING = "drawing"


@dataclass(frozen=True)
class Step:
    kind: StepKind
    index: int


@dataclass(frozen=True)
class LoopPlan:
    films: int
    drawings: int
    drawings_per_film: int = 4
    film_first: bool = True

    @property
    def films_only(self) -> bool:
        """Films and nothing between them: they loop on their own (end → start, gapless)."""
        return self.films > 0 and (self.drawings == 0 or self.drawings_per_film <= 0)

    @property
    def empty(self) -> bool:
        return self.films == 0 and self.drawings == 0

    def steps(self) -> Iterator[Step]:
        """The steps of the loop, for ever (nothing if there is nothing to show)."""
        if self.empty:
            return
        film = drawing = 0
        while True:
            if self.films == 0:
                yield Step(StepKind.DRAWING, drawing % self.drawings)
                drawing += 1
                continue
            if self.films_only:
                yield Step(StepKind.FILM, film % self.films)
                film += 1
                continue
            block = [
                Step(StepKind.DRAWING, (drawing + i) % self.drawings)
                for i in range(self.drawings_per_film)
            ]
            drawing += self.drawings_per_film
            film_step = Step(StepKind.FILM, film % self.films)
            film += 1
            yield from ([film_step, *block] if self.film_first else [*block, film_step])
