# Imported by import_modules.py (user modules next to the script); also runs on its own.
"""A module next to the script."""
VALUE = 42
def double(x):
    return 2 * x
class Thing:
    def __init__(self, n):
        self.n = n
print("mod_helper loaded", __name__)
