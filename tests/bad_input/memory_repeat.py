# Results too big for memory: MemoryError (OverflowError past the size limit).
cases = [
    ("list repeat", lambda: [0] * 10**10),
    ("str repeat", lambda: 'a' * 10**10),
    ("str repeat overflow", lambda: 'ab' * 2**62),
    ("list repeat overflow", lambda: [0, 1] * 2**62),
    ("tuple repeat", lambda: (0,) * 10**10),
    ("shift", lambda: 1 << 10**10),
    ("huge shift", lambda: 1 << 2**62),
    ("count overflow", lambda: 'a' * 2**63),
    ("list count overflow", lambda: [0] * -2**63),
    ("range list", lambda: list(range(10**10))),
    ("join", lambda: ''.join(['abc'] * 10**8)),
]
for name, fn in cases:
    try:
        fn()
        print(name, "fit")
    except (MemoryError, OverflowError) as e:
        print(name, type(e).__name__, e)
print("done")
