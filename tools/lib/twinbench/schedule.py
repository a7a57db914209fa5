"""How much to run: default thread counts, and when to stop adding rounds.

A round times every (script, threads, build) cell once. Rounds are repeated
between a minimum and a maximum count; past the minimum, a new round starts
only if it is expected to end within the time budget (counted from the
tool's start, build included), so --quick stays quick when the scripts grow.
"""

import time


class Profile:
    def __init__(self, name, min_rounds, max_rounds, budget, startup_reps, timeout):
        self.name = name
        self.min_rounds = min_rounds
        self.max_rounds = max_rounds
        self.budget = budget  # seconds
        self.startup_reps = startup_reps
        self.timeout = timeout  # seconds per run


QUICK = Profile("quick", min_rounds=2, max_rounds=5, budget=150.0, startup_reps=5, timeout=60.0)
FULL = Profile("full", min_rounds=2, max_rounds=20, budget=1080.0, startup_reps=10, timeout=300.0)


def default_threads(cores):
    """1, 2, 4, ... up to cores (cores itself included), then 2 x cores oversubscribed."""
    cores = max(1, int(cores))
    counts = []
    n = 1
    while n < cores:
        counts.append(n)
        n *= 2
    counts.append(cores)
    counts.append(2 * cores)
    return counts


def parse_threads(text):
    """'1,2,8' -> [1, 2, 8]; 1 is always included (speedup and overhead need T(1))."""
    counts = sorted({int(t) for t in text.split(",") if t.strip()})
    if not counts or counts[0] < 1:
        raise ValueError("--threads needs positive counts, e.g. 1,2,8")
    if counts[0] != 1:
        counts.insert(0, 1)
    return counts


def rotation(items, shift):
    """items rotated left by shift: the interleaved order of builds in one group."""
    if not items:
        return []
    shift %= len(items)
    return items[shift:] + items[:shift]


class RoundPolicy:
    """Decides after each round whether another one fits."""

    def __init__(self, min_rounds, max_rounds, budget, started=None, clock=time.monotonic):
        self.min_rounds = min_rounds
        self.max_rounds = max(min_rounds, max_rounds)
        self.budget = budget
        self.clock = clock
        self.started = clock() if started is None else started
        self.round_seconds = []

    def finished_round(self, seconds):
        self.round_seconds.append(seconds)

    def expected_round(self):
        return max(self.round_seconds[-2:]) if self.round_seconds else None

    def another(self):
        done = len(self.round_seconds)
        if done < self.min_rounds:
            return True
        if done >= self.max_rounds or self.budget is None:
            return done < self.max_rounds
        return self.clock() - self.started + self.expected_round() <= self.budget

    def planned(self):
        """Best guess of the total number of rounds (for the progress line)."""
        done = len(self.round_seconds)
        if self.budget is None or not self.round_seconds:
            return self.max_rounds if self.budget is None else self.min_rounds
        left = self.budget - (self.clock() - self.started)
        more = int(max(0.0, left) // max(self.expected_round(), 1e-9))
        return max(self.min_rounds, min(self.max_rounds, done + more))
