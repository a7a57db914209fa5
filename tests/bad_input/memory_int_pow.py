# CPython 3.11 computes for minutes before its MemoryError; twinpy asks GMP
# for the result's memory first and raises at once.
10 ** 10 ** 10
