"""The variant list comes from variants.bzl, so a new variant is compared automatically."""

import os
import tempfile
import unittest

import testing
from twinbench import builds

VARIANTS_BZL = '''
VARIANTS = {
    "gil": dict(gil = 1, atomic_rc = 0),
    "ft": dict(gil = 0, atomic_rc = 1),
    "gil-atomic": dict(gil = 1, atomic_rc = 1),
}

def variant_defines(variant):
    return []
'''


class BuildsTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        with open(os.path.join(self.tmp.name, "variants.bzl"), "w") as f:
            f.write(VARIANTS_BZL)

    def tearDown(self):
        self.tmp.cleanup()

    def test_read_variants_in_order(self):
        v = builds.read_variants(self.tmp.name)
        self.assertEqual(list(v), ["gil", "ft", "gil-atomic"])
        self.assertEqual(v["gil-atomic"], {"gil": 1, "atomic_rc": 1})

    def test_the_repository_variants(self):
        self.assertIn("gil", builds.read_variants(testing.ROOT))

    def test_assemble(self):
        root = self.tmp.name
        got = builds.assemble(root, overrides=[("ft", "/opt/ft"), ("old", "/opt/old")],
                              refs=[("py313t", "/opt/py313t")])
        self.assertEqual([b.name for b in got],
                         ["gil", "ft", "gil-atomic", "old", "python3", "py313t"])
        self.assertEqual(got[0].path, os.path.join(root, "bazel-bin", "interp", "twinpy-gil"))
        self.assertEqual(got[1].path, "/opt/ft")
        self.assertEqual([b.kind for b in got], ["variant"] * 4 + ["ref"] * 2)
        self.assertEqual(got[2].flags, {"gil": 1, "atomic_rc": 1})

    def test_python3_can_be_replaced_or_left_out(self):
        got = builds.assemble(self.tmp.name, refs=[("python3", "/opt/py")])
        self.assertEqual([b.path for b in got if b.name == "python3"], ["/opt/py"])
        got = builds.assemble(self.tmp.name, with_python3=False)
        self.assertNotIn("python3", [b.name for b in got])

    def test_parse_assignment(self):
        self.assertEqual(builds.parse_assignment("a=/x=y"), ("a", "/x=y"))
        with self.assertRaises(ValueError):
            builds.parse_assignment("nopath")


if __name__ == "__main__":
    unittest.main()
