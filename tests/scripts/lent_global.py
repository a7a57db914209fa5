# Subscripts of module globals, `G[index]`, whose index (or the subscript
# itself) runs user code that rebinds or deletes G: an operator of an index
# operand (`k & 1`, `k + 0`, `-k`), a dict key's __hash__ / __eq__, a
# container's own __getitem__. CPython subscripts the OLD G, which the
# operand stack keeps alive until the subscript is done, and frees it right
# after. Free-threaded twinpy may push such a G uncounted (LOAD_GLOBAL_LENT)
# and instead keep the thread from reporting quiescent points (QSBR) until
# the subscript consumes it; an exception in the index must end that too.
#
# Every container here holds a Token that announces its death (a started
# generator's finally block; twinpy does not run __del__), so an early free
# shows as "FREED" while the index still runs (or a crash), a leak as
# "LEAKED", a double free as a duplicate. The cases run three times: before
# any thread exists (the globals dict is private, deaths are printed as they
# happen), after a thread touched the globals (the dict is shared, unlinked
# values wait for quiescent points), and with a thread running that keeps
# asking for quiescent reports and releasing what they allow.
import threading
import time

freed = []  # names of dead Tokens, in order of death
made = []  # names of every Token made
LOUD = [True]  # print deaths as they happen: part 1 only, where timing is exact
PART = "1"


def _life(name, log, loud):
    try:
        yield
    finally:
        log.append(name)
        if loud[0]:
            print("    freed", name)


class Token:
    def __init__(self, name):
        self.name = name
        self.life = _life(name, freed, LOUD)
        next(self.life)
        made.append(name)


def nm(name):
    return PART + ":" + name


def lst(name, *vals):
    """A list whose first item dies with it; items 1.. are `vals`."""
    return [Token(nm(name))] + list(vals)


def tup(name, *vals):
    return (Token(nm(name)),) + vals


def churn(sleep=time.sleep):
    # sleep detaches the thread (flushing its deferred releases); the loop
    # passes eval-breaker checks, where a thread asked for a quiescent report
    # gives one unless a lent reference forbids it. Needs no globals, so it
    # works while the module's globals are cleared.
    sleep(0)
    for _ in range(300):
        pass


def state(name):
    return "FREED" if nm(name) in freed else "alive"


STUCK = [False]


def settle(full):
    # Unlinked values of a shared dict die at the next quiescent points.
    # After one wait in vain (a leak, or a loan that never ended) the rest
    # do not wait: the failure shows at once, not after minutes.
    for _ in range(1 if STUCK[0] else 400):
        if all(x in freed for x in full):
            return
        for _ in range(200):
            pass
        time.sleep(0.005)
    if not all(x in freed for x in full):
        STUCK[0] = True


def gone(*names, alive=()):
    settle([nm(x) for x in names])
    out = [x + ("" if nm(x) in freed else " LEAKED") for x in names]
    out += [x + " " + state(x) for x in alive]
    print("  gone:", ", ".join(out))


class Act:
    """An index operand: each operator runs `action`, watches `watch` (a
    Token name that must stay alive) and gives `value`."""

    def __init__(self, value, action, watch=None):
        self.value = value
        self.action = action
        self.watch = watch

    def run(self):
        self.action()
        if self.watch is not None:
            churn()
            print("    during:", self.watch, state(self.watch))
        return self.value

    def __and__(self, other):
        return self.run()

    def __rand__(self, other):
        return self.run()

    def __add__(self, other):
        return self.run()

    def __radd__(self, other):
        return self.run()

    def __neg__(self):
        return self.run()


class Key:
    """A dict key equal to 2 whose __hash__ and __eq__ run actions."""

    def __init__(self, on_hash, on_eq, watch):
        self.on_hash = on_hash
        self.on_eq = on_eq
        self.watch = watch

    def __hash__(self):
        self.on_hash()
        churn()
        print("    hash: D", self.watch, state(self.watch))
        return hash(2)

    def __eq__(self, other):
        self.on_eq()
        churn()
        print("    eq: D", self.watch, state(self.watch))
        return other == 2


class Table:
    """A container whose __getitem__ / __setitem__ rebind the global U."""

    def __init__(self, name, rows, fail=False, escape=False):
        self.name = name
        self.tok = Token(nm(name))
        self.rows = rows
        self.fail = fail
        self.escape = escape

    def __getitem__(self, i):
        global U, KEEP
        if self.escape:
            KEEP = self  # a counted reference: it outlives the subscript
        U = Table(self.name + "x", [-1, -1, -1])
        churn()
        print("    getitem of", self.name, state(self.name))
        if self.fail:
            # Else CPython's traceback would keep this frame, so self, alive
            # until the handler ends; twinpy's tracebacks keep no frames.
            del self
            raise KeyError(i)
        return self.rows[i]

    def __setitem__(self, i, v):
        print("    setitem of", self.name, state(self.name), i, v)
        self.rows[i] = v


def set_G(v):
    global G
    G = v


def del_G():
    global G
    del G


def pop_G():
    globals().pop("G")


def set_D(v):
    global D
    D = v


def set_H(v):
    global H
    H = v


def keep_G():
    global KEEP
    KEEP = G


def fail(exc):
    raise exc


def probe():
    """A quiescent point must come again: a value unlinked now gets freed."""
    global PROBE
    old = PROBE[0].name.split(":")[1]
    PROBE = lst("P" + str(len(made)))
    gone(old)


def nothing():
    pass


# --- cases in functions (LOAD_GLOBAL) ---------------------------------------


def in_function():
    print("function: G[k & 1], k rebinds G")
    set_G(lst("F1", 10, 11, 12))
    k = Act(1, lambda: set_G(lst("F2", 20, 21, 22)), "F1")
    print("  ->", G[k & 1])
    gone("F1", alive=("F2",))

    print("function: generator expression, the 2nd operand rebinds G")
    set_G(lst("F3", 30, 31, 32))
    acts = [Act(1, nothing), Act(2, lambda: set_G(lst("F4", 40, 41, 42)), "F3"),
            Act(3, nothing)]
    print("  ->", list(G[a & 0] for a in acts))
    gone("F3", alive=("F4",))

    print("function: nested loans, the inner one ends first")
    set_G(lst("F5", 50, 51, 52))
    set_H(lst("F6", 1, 2, 3))

    def inner():
        j = Act(2, lambda: (set_H(lst("F7", 0, 0, 0)), set_G(lst("F8", 0, 0, 0))), "F6")
        v = H[j + 0]  # consumes the inner loan; G's must go on
        churn()
        print("    after inner: F5", state("F5"))
        return v

    k = Act(0, nothing)
    k.run = inner
    print("  ->", G[k & 0])
    gone("F5", "F6", alive=("F7", "F8"))

    print("function: the index blocks, sleeps and waits for a thread that rebinds G")
    set_G(lst("F9", 90, 91, 92))
    lock = threading.Lock()
    lock.acquire()

    def blocking():
        new = lst("F10", 0, 0, 0)
        if PART == "1":
            set_G(new)  # no thread yet: part 1 keeps the globals private
        else:
            t = threading.Thread(target=set_G, args=(new,))
            t.start()
            t.join()
            t = None
        new = None
        time.sleep(0.002)
        print("    acquired", lock.acquire(timeout=0.005))

    k = Act(2, blocking, "F9")
    print("  ->", G[k & 0])
    gone("F9", alive=("F10",))

    print("function: 5 nested loans, the innermost rebinds G")
    set_G(lst("F11", 1, 2, 3))
    print("  ->", deep(5, "F11", "F12", False))
    gone("F11", alive=("F12",))

    print("function: 5 nested loans, the innermost rebinds G and raises")
    set_G(lst("F13", 1, 2, 3))
    try:
        deep(5, "F13", "F13b", True)
    except ValueError as e:
        print("  ValueError", e)
    gone("F13", alive=("F13b",))
    probe()

    print("function: exception through try/finally, G deleted")
    set_G(lst("F14", 1, 2, 3))
    k = Act(1, lambda: (del_G(), fail(ZeroDivisionError("in index"))), "F14")
    try:
        try:
            print("  not reached", G[k + 0])
        finally:
            print("  finally, G bound:", "G" in globals())
    except ZeroDivisionError as e:
        print("  ZeroDivisionError", e)
    gone("F14")
    probe()

    print("function: U[1] += 5, U.__getitem__ rebinds U")
    set_U(Table("F15", [1, 2, 3]))
    U[1] += 5
    gone("F15", alive=("F15x",))

    print("function: U[2], U.__getitem__ rebinds U and raises")
    set_U(Table("F16", [1, 2, 3], fail=True))
    try:
        U[2]
    except KeyError as e:
        print("  KeyError", e)
    gone("F16", alive=("F16x",))
    probe()


def set_U(v):
    global U
    U = v


def deep(n, old, new, raises):
    # Each level lends G to its subscript while the next level runs.
    if n == 0:
        set_G(lst(new, 7, 8, 9))
        churn()
        print("    bottom:", old, state(old))
        if raises:
            raise ValueError("at the bottom")
        return 1
    k = Act(0, nothing)
    k.run = lambda: deep(n - 1, old, new, raises)
    return G[k + 0]


def clear_case():
    print("function: the index clears the module's globals")
    set_G(lst("C1", 1, 2, 3))
    g = globals()
    saved = dict(g)
    del saved["G"]
    log = freed
    watch = nm("C1")
    pause = churn

    class Clear:
        def __and__(self, other):
            g.clear()
            pause()
            print("    during: C1", "FREED" if watch in log else "alive",
                  "globals left:", len(g))
            return 2

    k = Clear()
    v = G[k & 0]
    g.update(saved)
    print("  ->", v)
    gone("C1")


def start_part(part):
    global PART
    PART = part
    LOUD[0] = part == "1"
    print("== part", part)


def end_part(part):
    for name in ("G", "H", "D", "U", "PROBE", "KEEP", "k", "j", "key", "v",
                 "B1", "B2", "B3"):
        globals().pop(name, None)
    mine = [x for x in made if x.startswith(part + ":")]
    settle(mine)
    missing = [x for x in mine if x not in freed]
    print("part", part, "made", len(mine), "leaked", missing,
          "freed twice", len(freed) - len(set(freed)))


TOUCHED = None


def touch():
    # Another thread reads the globals and rebinds one: the module's dict is
    # shared from now on (what it unlinks waits for quiescent points).
    global TOUCHED
    TOUCHED = globals()["PART"] + PART


SCRATCH = [None] * 8
stop = threading.Event()


def churner(scratch, stop, sleep):
    # Each store unlinks a value of a shared list: a deferred release, so
    # every thread is asked for quiescent reports, and this thread's own
    # reports release whatever the others allowed. Uses no globals (the
    # main thread clears them for a moment).
    i = 0
    while not stop.is_set():
        scratch[i & 7] = [i]
        i += 1
        if i % 64 == 0:
            sleep(0.0002)


for part in ("1", "2", "3"):
    start_part(part)
    if part == "2":
        t = threading.Thread(target=touch)
        t.start()
        t.join()
        t = None
    if part == "3":
        t = threading.Thread(target=churner, args=(SCRATCH, stop, time.sleep))
        t.start()
    PROBE = lst("P0")

    # --- cases at module level (LOAD_NAME) ----------------------------------
    print("module: G[k & 1], k rebinds G")
    G = lst("G1", 10, 11, 12)
    k = Act(1, lambda: set_G(lst("G2", 20, 21, 22)), "G1")
    print("  ->", G[k & 1])
    gone("G1", alive=("G2",))

    print("module: G[-k], k deletes G")
    G = lst("G3", 30, 31, 32)
    k = Act(-2, del_G, "G3")
    print("  ->", G[-k], "G bound:", "G" in globals())
    gone("G3")

    print("module: G[1:k + 0], k pops G from globals()")
    G = lst("G4", 40, 41, 42)
    k = Act(3, pop_G, "G4")
    print("  ->", G[1:k + 0], "G bound:", "G" in globals())
    gone("G4")

    print("module: G[0 + k::2] on a tuple, k rebinds G")
    G = tup("G5", 50, 51, 52, 53)
    k = Act(1, lambda: set_G(tup("G6")), "G5")
    print("  ->", G[0 + k::2])
    gone("G5", alive=("G6",))

    print("module: D[1, k + 0], tuple keys, k rebinds D")
    D = {(1, 2): "old", (1, 3): "also old", "tok": Token(nm("D1"))}
    k = Act(2, lambda: set_D({(1, 2): "new", "tok": Token(nm("D2"))}), "D1")
    print("  ->", D[1, k + 0])
    gone("D1", alive=("D2",))

    print("module: -G[k & 2], k rebinds G")
    G = lst("G7", 70, 71, 72)
    k = Act(2, lambda: set_G(lst("G8", 80, 81, 82)), "G7")
    print("  ->", -G[k & 2])
    gone("G7", alive=("G8",))

    print("module: G[H[k & 1]], k rebinds G and H")
    G = lst("G9", 90, 91, 92)
    H = lst("H1", 2, 3)
    k = Act(1, lambda: (set_G(lst("G10", 0, 0, 0)), set_H(lst("H2", 1, 1))), "H1")
    print("  ->", G[H[k & 1]])
    gone("G9", "H1", alive=("G10", "H2"))

    print("module: G[1][k & 1], k rebinds G (the old G dies, G[1] lives)")
    G = lst("G11", lst("I1", 5, 6), 99)
    k = Act(2, lambda: set_G(lst("G12", [0, 0])), "I1")
    print("  ->", G[1][k & 1])
    gone("G11", "I1", alive=("G12",))

    print("module: G[k & 1] += 100, k rebinds G (a store into the old G)")
    G = lst("G13", 10, 20)
    k = Act(1, lambda: set_G(lst("G14", 30, 40)), "G13")
    G[k & 1] += 100
    print("  G is now", G[1:])
    gone("G13", alive=("G14",))
    G = lst("G15", 10, 20)
    keep = G
    k = Act(2, lambda: set_G(lst("G16", 30, 40)), "G15")
    G[k & 1] += 100
    print("  old G", keep[1:], "new G", G[1:])
    keep = None
    gone("G15", alive=("G16",))

    print("module: D[key], key.__hash__ and key.__eq__ rebind D")
    D = {2: "two", "tok": Token(nm("D3"))}
    key = Key(lambda: set_D({2: "new", "tok": Token(nm("D4"))}),
              lambda: set_D({2: "newer", "tok": Token(nm("D5"))}), "D3")
    print("  ->", D[key])
    gone("D3", "D4", alive=("D5",))

    print("module: U[1], U.__getitem__ rebinds U")
    U = Table("U1", [5, 6, 7])
    print("  ->", U[1], "U is now", U.name)
    gone("U1", alive=("U1x",))

    print("module: G[(G := new) and 2], a walrus rebinds G")
    G = lst("G17", 1, 2, 3)
    print("  ->", G[(G := lst("G18", 4, 5, 6)) and 2])
    gone("G17", alive=("G18",))

    # --- exceptions in the index --------------------------------------------
    print("module: G[no_such_name]")
    G = lst("G19", 1, 2)
    try:
        print(G[no_such_name])
    except NameError as e:
        print("  NameError", e)
    probe()

    print("module: G[1 // zero]")
    zero = 0
    try:
        print(G[1 // zero])
    except ZeroDivisionError as e:
        print("  ZeroDivisionError", e)
    probe()

    print("module: G[k + 0], k rebinds G and raises")
    k = Act(1, lambda: (set_G(lst("G20", 1)), fail(ValueError("bad index"))), "G19")
    try:
        print(G[k + 0])
    except ValueError as e:
        print("  ValueError", e)
    gone("G19", alive=("G20",))
    probe()

    print("module: G[k + 0], k rebinds G to a longer list: the old one raises")
    k = Act(50, lambda: set_G(lst("G21", *range(100))), "G20")
    try:
        print(G[k + 0])
    except IndexError as e:
        print("  IndexError", e)
    gone("G20", alive=("G21",))
    probe()

    print("module: D[key], key.__hash__ rebinds D and raises")
    D = {2: "two", "tok": Token(nm("D6"))}
    key = Key(lambda: (set_D({"tok": Token(nm("D7"))}), fail(TypeError("no hash"))),
              nothing, "D6")
    try:
        print(D[key])
    except TypeError as e:
        print("  TypeError", e)
    gone("D6", alive=("D7",))
    probe()

    print("module: G[H[k & 1]], the inner subscript raises")
    G = lst("G22", 1, 2, 3)
    H = {"tok": Token(nm("H3"))}
    k = Act(1, lambda: (set_G(lst("G23")), set_H(lst("H4"))), "H3")
    try:
        print(G[H[k & 1]])
    except KeyError as e:
        print("  KeyError", e)
    gone("G22", "H3", alive=("G23", "H4"))
    probe()

    # --- the lent G also gets counted references meanwhile -----------------
    print("module: U[2], U.__getitem__ keeps U elsewhere and rebinds U")
    U = Table("U2", [5, 6, 7], escape=True)
    print("  ->", U[2], "kept", KEEP.name, KEEP.rows, state("U2"))
    KEEP = None
    gone("U2", alive=("U2x",))

    print("module: G[k & 1], k keeps G elsewhere and deletes G")
    G = lst("G28", 1, 2, 3)
    k = Act(3, lambda: (keep_G(), del_G()), "G28")
    print("  ->", G[k & 1], "kept", KEEP[1:], state("G28"))
    KEEP = None
    gone("G28")

    print("module: G[k + 0], k keeps G elsewhere and raises; then G is deleted")
    G = lst("G29", 1, 2, 3)
    k = Act(1, lambda: (keep_G(), fail(RuntimeError("after keeping G"))), "G29")
    try:
        print(G[k + 0])
    except RuntimeError as e:
        print("  RuntimeError", e)
    del G
    churn()
    print("  kept", KEEP[1:], state("G29"))
    KEEP = None
    gone("G29")
    probe()

    # --- class bodies (LOAD_NAME through the class namespace) ---------------
    print("class body: x = G[k & 1], k rebinds G")
    G = lst("G24", 1, 2, 3)
    k = Act(1, lambda: set_G(lst("G25", 4, 5, 6)), "G24")

    class B1:
        x = G[k & 1]
        y = G[0 + 1]  # the new G

    print("  ->", B1.x, B1.y)
    gone("G24", alive=("G25",))

    print("class body: a class-local G shadows the global one")

    class B2:
        G = lst("G26", 7, 8, 9)
        k = Act(2, lambda: set_G(lst("G27", 0, 0, 0)), "G26")
        x = G[k & 1]
        del G, k  # classes may live forever: the Token must not stay here

    gone("G25", "G26", alive=("G27",))

    print("class body: the index raises")
    k = Act(0, lambda: fail(LookupError("in class body")))
    try:
        class B3:
            x = G[-k]
    except LookupError as e:
        print("  LookupError", e)
    probe()

    in_function()
    clear_case()

    if part == "3":
        stop.set()
        t.join()
        t = None
    end_part(part)

print("made", len(made), "freed", len(set(freed)), "freed twice",
      len(freed) - len(set(freed)))
