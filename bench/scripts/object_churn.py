# object_churn: a particle system that keeps creating short-lived objects with
# attributes and methods (particles, events, 2-D vectors) and drops them.
# Measures instance creation and deallocation, __init__ calls, attribute
# access, bound-method calls and the allocator's small-object path.
# category: cpu
# usage: object_churn.py [threads=1] [frames=3000]
import sys
import time
from _harness import agreed, parse_args, run_workers


class Vec2:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def plus(self, other):
        return Vec2(self.x + other.x, self.y + other.y)

    def scaled(self, k):
        return Vec2(self.x * k, self.y * k)


class Particle:
    def __init__(self, ident, pos, vel, life):
        self.ident = ident
        self.pos = pos
        self.vel = vel
        self.life = life

    def step(self, gravity):
        self.vel = self.vel.plus(gravity)
        self.pos = self.pos.plus(self.vel.scaled(0.5))
        self.life -= 1
        return self.life > 0 and self.pos.y > -500


class Event:
    def __init__(self, kind, ident, frame):
        self.kind = kind
        self.ident = ident
        self.frame = frame

    def weight(self):
        return self.ident % 97 + (3 if self.kind == "die" else 1)


class Emitter:
    def __init__(self, seed):
        self.seed = seed
        self.next_ident = 0

    def rand(self, n):
        self.seed = (self.seed * 1103515245 + 12345) % 2147483648
        return (self.seed >> 8) % n

    def emit(self):
        self.next_ident += 1
        vel = Vec2(self.rand(21) - 10, self.rand(15) + 5)
        return Particle(self.next_ident, Vec2(0, 0), vel, 20 + self.rand(40))


def simulate(frames):
    emitter = Emitter(7)
    gravity = Vec2(0, -1)
    alive = []
    events = []
    score = 0
    born = died = 0
    for frame in range(frames):
        for _ in range(6):
            p = emitter.emit()
            alive.append(p)
            events.append(Event("born", p.ident, frame))
            born += 1
        survivors = []
        for p in alive:
            if p.step(gravity):
                survivors.append(p)
            else:
                events.append(Event("die", p.ident, frame))
                died += 1
        alive = survivors
        if len(events) > 200:
            for e in events:
                score = (score + e.weight() * (e.frame % 13 + 1)) % 1000000007
            events = []
    for e in events:
        score = (score + e.weight()) % 1000000007
    sx = 0
    for p in alive:
        sx += p.pos.x
    return born, died, len(alive), score, sx


def main():
    threads, frames = parse_args(3000)
    results, elapsed = run_workers(threads, simulate, (frames,))
    born, died, alive, score, sx = agreed(results)
    print("object_churn frames", frames, "born", born, "died", died, "alive", alive)
    print("score", score, "position sum", sx)
    print("elapsed %.6f" % elapsed)


main()
