"""collections.namedtuple, written for twinpy.

A named tuple is a tuple subclass whose fields are properties reading the
tuple's items; the class is built with type() rather than from generated
source, as CPython does.
"""

import sys


def _itemgetter(index):
    def get(self):
        return self[index]
    return get


def namedtuple(typename, field_names, *, rename=False, defaults=None, module=None):
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    field_names = tuple(str(name) for name in field_names)
    seen = set()
    checked = []
    for index, name in enumerate(field_names):
        bad = (not name.isidentifier() or name.startswith("_") or name in seen)
        if bad and rename:
            name = "_" + str(index)
        elif bad:
            if name.startswith("_"):
                raise ValueError("Field names cannot start with an underscore: " + repr(name))
            if name in seen:
                raise ValueError("Encountered duplicate field name: " + repr(name))
            raise ValueError("Type names and field names must be valid identifiers: " + repr(name))
        seen.add(name)
        checked.append(name)
    field_names = tuple(checked)
    num_fields = len(field_names)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > num_fields:
            raise TypeError("Got more default values than field names")
        field_defaults = dict(zip(field_names[num_fields - len(defaults):], defaults))

    def __new__(cls, *args, **kwargs):
        if len(args) > num_fields:
            raise TypeError(typename + ".__new__() takes " + str(num_fields + 1) +
                            " positional arguments but " + str(len(args) + 1) + " were given")
        values = list(args)
        for name in field_names[len(args):]:
            if name in kwargs:
                values.append(kwargs.pop(name))
            elif name in field_defaults:
                values.append(field_defaults[name])
            else:
                raise TypeError(typename + ".__new__() missing 1 required positional argument: '" +
                                name + "'")
        for name in kwargs:
            if name in field_names:
                raise TypeError(typename + ".__new__() got multiple values for argument '" + name + "'")
            raise TypeError(typename + ".__new__() got an unexpected keyword argument '" + name + "'")
        return tuple.__new__(cls, values)

    def __repr__(self):
        return typename + "(" + ", ".join(
            name + "=" + repr(value) for name, value in zip(field_names, self)) + ")"

    def _asdict(self):
        return dict(zip(field_names, self))

    def _replace(self, **kwargs):
        values = [kwargs.pop(name, value) for name, value in zip(field_names, self)]
        if kwargs:
            raise ValueError("Got unexpected field names: " + repr(list(kwargs)))
        return tuple.__new__(type(self), values)

    def _make(cls, iterable):
        result = tuple.__new__(cls, iterable)
        if len(result) != num_fields:
            raise TypeError("Expected " + str(num_fields) + " arguments, got " + str(len(result)))
        return result

    def __getnewargs__(self):
        return tuple(self)

    namespace = {
        "__doc__": typename + "(" + ", ".join(field_names) + ")",
        "__slots__": (),
        "_fields": field_names,
        "_field_defaults": field_defaults,
        "__new__": __new__,
        "_make": classmethod(_make),
        "_replace": _replace,
        "__repr__": __repr__,
        "_asdict": _asdict,
        "__getnewargs__": __getnewargs__,
    }
    for index, name in enumerate(field_names):
        namespace[name] = property(_itemgetter(index))
    result = type(typename, (tuple,), namespace)
    if module is None:
        try:
            module = sys._getframe(1).f_globals.get("__name__", "__main__")
        except (AttributeError, ValueError):
            module = None
    if module is not None:
        result.__module__ = module
    return result
