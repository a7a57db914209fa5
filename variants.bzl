"""The build variants of twinpy, declared once.

A variant is a named set of compile-time choices. Each choice becomes a
preprocessor define that only the policy headers read (alloc/lock_policy.h,
runtime/refcount.h, runtime/variant.h); every other file is written once.
Adding a variant is one line in VARIANTS.
"""

# gil:           one global interpreter lock
# atomic_rc:     reference counts changed with atomic read-modify-writes
# alloc_lock:    a lock per allocator size class, behind per-thread block caches
# mimalloc:      small objects from mimalloc's per-thread heaps instead of the
#                size-class allocator
# object_locks:  a one-byte lock in each list, dict, set and cell
# immortal:      None, True, False, small ints, interned strings, builtin types
#                and code constants are never counted
# shared_immortal: objects every thread touches by design (functions and
#                classes defined at module or class level, modules, code
#                objects) are made immortal when created
# biased_rc:     biased reference counts (Choi et al., PACT 2018; PEP 703): the
#                thread that created an object counts it with plain loads and
#                stores, every other thread atomically in a second field
VARIANTS = {
    "gil": dict(gil = 1, atomic_rc = 0, alloc_lock = 0, object_locks = 0, mimalloc = 0, immortal = 1, shared_immortal = 0, biased_rc = 0),
    "ft": dict(gil = 0, atomic_rc = 1, alloc_lock = 1, object_locks = 1, mimalloc = 0, immortal = 1, shared_immortal = 1, biased_rc = 0),
    # The GIL build paying for atomic counts: their cost on one thread alone.
    "gil-atomic": dict(gil = 1, atomic_rc = 1, alloc_lock = 0, object_locks = 0, mimalloc = 0, immortal = 1, shared_immortal = 0, biased_rc = 0),
    # ft with mimalloc's per-thread heaps in place of the size-class allocator.
    "ft-mi": dict(gil = 0, atomic_rc = 1, alloc_lock = 1, object_locks = 1, mimalloc = 1, immortal = 1, shared_immortal = 1, biased_rc = 0),
    # ft counting every object: the contention immortality removes.
    "ft-naive": dict(gil = 0, atomic_rc = 1, alloc_lock = 1, object_locks = 1, mimalloc = 0, immortal = 0, shared_immortal = 0, biased_rc = 0),
    # ft with biased counts: the owner thread's counting costs no atomics.
    "ft-brc": dict(gil = 0, atomic_rc = 1, alloc_lock = 1, object_locks = 1, mimalloc = 0, immortal = 1, shared_immortal = 1, biased_rc = 1),
}

# The variants tools/test --sanitizers (and so CI) runs under ASan+UBSan: the
# two shipped builds, and ft-brc, whose counting protocol has the most ways to
# go wrong. The others differ from these only in simple policy switches.
SANITIZED_VARIANTS = ["gil", "ft", "ft-brc"]

def variant_tags(variant):
    """Tags of a test of one variant: "sanitize" for SANITIZED_VARIANTS."""
    return ["sanitize"] if variant in SANITIZED_VARIANTS else []

def variant_defines(variant):
    """The -D flags that select one variant's policies."""
    choices = VARIANTS[variant]
    return [
        "-DTWINPY_VARIANT_NAME=\\\"%s\\\"" % variant,
        "-DTWINPY_GIL=%d" % choices["gil"],
        "-DTWINPY_ATOMIC_RC=%d" % choices["atomic_rc"],
        "-DTWINPY_ALLOC_LOCK=%d" % choices["alloc_lock"],
        "-DTWINPY_OBJECT_LOCKS=%d" % choices["object_locks"],
        "-DTWINPY_ALLOC_MIMALLOC=%d" % choices["mimalloc"],
        "-DTWINPY_IMMORTAL=%d" % choices["immortal"],
        "-DTWINPY_SHARED_IMMORTAL=%d" % choices["shared_immortal"],
        "-DTWINPY_BIASED_RC=%d" % choices["biased_rc"],
    ]

def _per_variant(rule, name, sep, variant_deps, deps, copts, kwargs):
    for variant in VARIANTS:
        rule(
            name = name + sep + variant,
            deps = [dep + "_" + variant for dep in variant_deps] + deps,
            copts = copts + variant_defines(variant),
            **kwargs
        )

def twinpy_cc_library(name, variant_deps = [], deps = [], copts = [], **kwargs):
    """One cc_library per variant, NAME_<variant>, linked to the same variant of variant_deps."""
    _per_variant(native.cc_library, name, "_", variant_deps, deps, copts, kwargs)

def twinpy_cc_binary(name, variant_deps = [], deps = [], copts = [], **kwargs):
    """One cc_binary per variant, NAME-<variant> (e.g. twinpy-gil)."""
    _per_variant(native.cc_binary, name, "-", variant_deps, deps, copts, kwargs)

def twinpy_cc_test(name, variant_deps = [], deps = [], copts = [], tags = [], **kwargs):
    """One cc_test per variant, NAME_<variant>, tagged by variant_tags."""
    for variant in VARIANTS:
        native.cc_test(
            name = name + "_" + variant,
            deps = [dep + "_" + variant for dep in variant_deps] + deps,
            copts = copts + variant_defines(variant),
            tags = tags + variant_tags(variant),
            **kwargs
        )
