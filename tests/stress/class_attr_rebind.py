# Stress: 2 threads rebind class attributes to fresh objects that only the
# class dict holds (lists, big ints, closures, bound methods, properties) and
# delete and re-add methods, while 4 threads read the attributes, call them
# and call methods through instances of the class and of subclasses. The old
# values must stay valid while a reader still uses them (the interpreter
# finds them through borrowed pointers): a use-after-free crashes here.
import threading

WRITES = 4000
READERS = 4


def make_closure(n):
    def fn(self):
        return n

    return fn


def make_getter(n):
    def get(self):
        return [n]

    return get


class Helper:
    def __init__(self, n):
        self.n = n

    def value(self):
        return self.n


class Base:
    data = [0]
    big = 10 ** 30
    fn = make_closure(0)
    bound = Helper(0).value
    prop = property(make_getter(0))

    def method(self):
        return 1


class Sub(Base):
    extra = [1]

    def chained(self):
        # The method looked up through the MRO may be gone for a moment.
        try:
            return self.method() + 1
        except AttributeError:
            return 0


class Leaf(Sub):
    pass


done = threading.Event()
errors = []


def writer(k):
    try:
        for i in range(WRITES):
            Base.data = [i, k, i]
            Base.big = 10 ** 30 + i
            Base.fn = make_closure(i)
            Base.bound = Helper(i).value
            Base.prop = property(make_getter(i))
            setattr(Sub, "extra", [k] * 3)
            if i % 3 == 0:
                try:
                    del Base.method
                except AttributeError:
                    pass  # the other writer deleted it first
            else:
                Base.method = make_closure(i)
            if i % 7 == 0:
                Leaf.own = [i]
            if i % 11 == 0:
                try:
                    del Leaf.own
                except AttributeError:
                    pass
    except Exception as e:  # pragma: no cover - reported below
        errors.append(repr(e))


def reader(k):
    objs = [Base(), Sub(), Leaf()]
    count = 0
    try:
        while not done.is_set() or count < 200:
            count += 1
            for o in objs:
                d = o.data
                assert len(d) in (1, 3), d
                assert o.big >= 10 ** 30
                assert o.fn() >= 0
                assert o.bound() >= 0
                p = o.prop
                assert len(p) == 1, p
                try:
                    assert o.method() >= 0
                except AttributeError:
                    pass
                f = getattr(type(o), "fn")
                assert f(o) >= 0
                assert Base.big + 1 > 10 ** 30
                d = type(o).data
                assert len(d) in (1, 3), d
                getattr(o, "own", None)
            assert objs[1].chained() >= 0
            assert objs[2].chained() >= 0
            e = Leaf.extra
            assert len(e) in (1, 3), e
    except Exception as e:  # pragma: no cover - reported below
        errors.append(repr(e))


writers = [threading.Thread(target=writer, args=(k,)) for k in range(2)]
readers = [threading.Thread(target=reader, args=(k,)) for k in range(READERS)]
for t in readers + writers:
    t.start()
for t in writers:
    t.join()
done.set()
for t in readers:
    t.join()
assert not errors, errors
print("ok")
