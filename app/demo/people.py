"""How each demo learner learns: the profiles behind their six weeks of history."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Profile:
    label: str  # strong | improving | steady | struggling
    skill_from: float  # the chance of a right answer six weeks ago …
    skill_to: float  # … and today
    start_day: float  # the day of the six weeks they started on
    pace_days: float  # days between two modules
    read_share: float  # the share of a module's pages read in the first sitting
    diligence: float  # the chance a follow-up is done, and done well


DEMO_PROFILES: dict[str, Profile] = {
    "learner1@demo.elearn": Profile("strong", 0.93, 0.99, 0.2, 5.0, 1.0, 0.95),
    "learner2@demo.elearn": Profile("improving", 0.5, 0.95, 1.0, 6.0, 1.0, 0.85),
    "learner3@demo.elearn": Profile("struggling", 0.4, 0.55, 2.0, 8.0, 0.6, 0.35),
    "learner4@demo.elearn": Profile("steady", 0.8, 0.87, 0.4, 6.5, 1.0, 0.7),
    "learner5@demo.elearn": Profile("improving", 0.55, 0.95, 3.0, 6.0, 0.7, 0.9),
    "learner6@demo.elearn": Profile("struggling", 0.35, 0.5, 12.0, 9.0, 0.5, 0.3),
}
