# import x, import x as y, from x import y, dir/vars/locals/globals, ImportError.
import mod_helper
import mod_helper as hm
from mod_helper import double, Thing as T
print(mod_helper.VALUE, hm.double(4), double(5), T(3).n, hm is mod_helper)
print(sorted(k for k in dir(mod_helper) if not k.startswith("__")))
def f(a, b=2):
    c = a + b
    return sorted(locals().items())
print(f(1))
print("VALUE" in globals(), "f" in globals())
class K:
    x = 1
    def m(self): pass
print([n for n in dir(K) if not n.startswith("__")], vars(T(9)))
try:
    import no_such_module_here
except ImportError as e:
    print(type(e).__name__, e)
try:
    from mod_helper import missing_name
except ImportError as e:
    print(type(e).__name__)
