# sys.exit(n) ends the program with that exit code and no traceback.
import sys


def finish(code):
    print("finishing with", code)
    sys.exit(code)
    print("not reached")


print("start")
finish(3)
