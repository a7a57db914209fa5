# os and os.path: the deterministic parts.
import os
import os.path
print(os.sep, os.linesep == "\n", os.name, os.pathsep, os.curdir, os.pardir)
print(os.path.join("a", "b", "c"), os.path.join("a", "/b", "c"), os.path.join("a/", "b"), os.path.join("", "x"))
print(os.path.basename("/x/y.txt"), os.path.dirname("/x/y.txt"), os.path.basename("dir/"), os.path.dirname("file"))
print(os.path.split("/a/b/"), os.path.split("a"), os.path.split("/"), os.path.split("//x"))
print(os.path.splitext("a/b.tar.gz"), os.path.splitext(".bashrc"), os.path.splitext("a.b/c"), os.path.splitext("x..."))
print(os.path.normpath("a//b/../c/./d"), os.path.normpath("/../x"), os.path.normpath(""), os.path.normpath("a/.."))
print(os.path.isabs("/a"), os.path.isabs("a"), os.path.abspath("/a/./b/../c"))
print(os.path.exists("/"), os.path.isdir("/"), os.path.isfile("/"), os.path.exists("/no/such/path"))
print(type(os.getpid()).__name__, os.getpid() > 0, os.cpu_count() >= 1, os.path.isabs(os.getcwd()))
print(os.getenv("TWINPY_SURELY_UNSET_VAR"), os.getenv("TWINPY_SURELY_UNSET_VAR", "dflt"), len(os.environ) > 0)
print("PATH" in os.environ, os.environ.get("PATH") == os.getenv("PATH"))
print(os.path.exists("os_basic.py"), "os_basic.py" in os.listdir("."), os.path.getsize("os_basic.py") > 100)
