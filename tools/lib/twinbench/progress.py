"""The progress line: what runs now and roughly how long is left.

On a terminal the line is rewritten in place; otherwise (a log, CI) one line
is printed per run. Time left is estimated from the runs so far: a cell not
yet timed at N threads is guessed as N times its 1-thread time (what a GIL
build takes under weak scaling, so the guess errs on the long side).
"""

import sys
import time


def fmt_duration(seconds):
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return "%ds" % seconds
    return "%dm%02ds" % (seconds // 60, seconds % 60)


class Progress:
    def __init__(self, matrix, stream=sys.stderr, clock=time.monotonic):
        self.matrix = matrix
        self.stream = stream
        self.clock = clock
        self.tty = hasattr(stream, "isatty") and stream.isatty()
        self.walls = {}  # (script, build, threads) -> last wall seconds
        self.runs = 0
        self.round = 0
        self.round_started = clock()
        self.done_in_round = set()

    def estimate(self, key):
        if key in self.walls:
            return self.walls[key]
        script, build, threads = key
        base = self.walls.get((script, build, self.matrix.threads[0]))
        if base is not None:
            return base * threads / self.matrix.threads[0]
        if self.walls:
            return sum(self.walls.values()) / len(self.walls)
        return 1.0

    def _live_keys(self):
        return [k for k, c in self.matrix.cells.items() if c.live]

    def seconds_left(self):
        live = self._live_keys()
        per_round = sum(self.estimate(k) for k in live)
        rest_of_round = sum(self.estimate(k) for k in live if k not in self.done_in_round)
        if self.round == 0:  # still warming up: all rounds are ahead
            return per_round * self.matrix.policy.min_rounds
        more_rounds = max(0, self.matrix.policy.planned() - self.round)
        return rest_of_round + more_rounds * per_round

    def new_round(self, number):
        self.round = number
        self.done_in_round = set()
        if number == 1:
            self.warn_if_over_budget()

    def warn_if_over_budget(self):
        """Says so when even the minimum number of rounds cannot fit the budget."""
        policy = self.matrix.policy
        if policy.budget is None:
            return
        per_round = sum(self.estimate(k) for k in self._live_keys())
        end = self.clock() - policy.started + per_round * policy.min_rounds
        if end > policy.budget:
            self.note("compare: the minimum %d round(s) need about %s (%s per round), past the "
                      "%s budget; fewer scripts or thread counts (--scripts, --threads) or "
                      "smaller script scales would fit" % (
                          policy.min_rounds, fmt_duration(per_round * policy.min_rounds),
                          fmt_duration(per_round), fmt_duration(policy.budget)))

    def starting(self, script, build, threads, rnd):
        self.runs += 1
        if rnd == 0:
            stage = "warm-up"
        else:
            stage = "round %d/%d" % (rnd, max(rnd, self.matrix.policy.planned()))
        self.show("[%s] %s threads=%d %s | run %d | ~%s left" % (
            stage, script, threads, build, self.runs, fmt_duration(self.seconds_left())))

    def finished(self, key, wall):
        if wall is not None:
            self.walls[key] = wall
        self.done_in_round.add(key)

    def show(self, text):
        if self.tty:
            self.stream.write("\r\033[K" + text)
        else:
            self.stream.write(text + "\n")
        self.stream.flush()

    def note(self, text):
        """A message that stays (not overwritten by the next progress line)."""
        if self.tty:
            self.stream.write("\r\033[K")
        self.stream.write(text + "\n")
        self.stream.flush()

    def close(self):
        if self.tty:
            self.stream.write("\r\033[K")
            self.stream.flush()
