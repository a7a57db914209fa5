"""twinbench: the engine behind tools/compare.

One run = one script under one build at one thread count, one repetition.
The modules split along that: builds (what runs), suite (which scripts),
runner (one run, checked against CPython), plan (the interleaved matrix),
stats and report (tables and JSON). Standard library only.
"""
