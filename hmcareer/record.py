"""`Record`: typed, immutable tuples with named fields, like `typing.NamedTuple` but cheap to define.

NamedTuple compiles a `__new__` for every class it makes (about 0.13 ms each), and hmcareer
defines some forty record classes on every start. A Record class is a plain tuple subclass: its
metaclass reads the field names from the annotations (left as strings, never evaluated), gives
each a C-level getter, and every class shares one `__new__`. Building a record by keyword costs
about a microsecond more than a NamedTuple's; a command builds a few hundred.

    class Fact(Record):
        text: str
        sources: tuple[str, ...]
        period: str | None = None

Fields with defaults come last. Records compare, hash and unpack as tuples, and offer the
NamedTuple API: `_fields`, `_make`, `_replace`, `_asdict`, and a repr that names the fields.
"""

from __future__ import annotations

from typing import Any, dataclass_transform

try:
    from _collections import _tuplegetter as _getter  # CPython's, as collections.namedtuple uses
except ImportError:  # pragma: no cover - another Python implementation
    from operator import itemgetter

    def _getter(index: int, doc: str) -> Any:
        return property(itemgetter(index), doc=doc)


_MISSING = object()


@dataclass_transform(eq_default=True, frozen_default=True)
class _RecordType(type):
    def __new__(mcls, name: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> _RecordType:
        if bases == (tuple,):  # Record itself
            return super().__new__(mcls, name, bases, namespace)
        if bases != (Record,):
            raise TypeError(f"{name}: a record class derives from Record and nothing else")
        fields = tuple(namespace.get("__annotations__", ()))
        with_default = [field in namespace for field in fields]
        if with_default != sorted(with_default):
            raise TypeError(f"{name}: fields without a default must come before fields with one")
        defaults = tuple(namespace.pop(field) for field in fields if field in namespace)
        namespace.update(__slots__=(), _fields=fields, _defaults=defaults, __match_args__=fields,
                         _index={field: i for i, field in enumerate(fields)})
        for index, field in enumerate(fields):
            namespace[field] = _getter(index, f"Alias for field number {index}")
        return super().__new__(mcls, name, bases, namespace)


class Record(tuple, metaclass=_RecordType):
    __slots__ = ()
    _fields: tuple[str, ...] = ()
    _defaults: tuple[Any, ...] = ()
    _index: dict[str, int] = {}

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        if kwargs or len(args) != len(cls._fields):
            args = cls._bind(args, kwargs)
        return tuple.__new__(cls, args)

    @classmethod
    def _bind(cls, args: tuple[Any, ...], kwargs: dict[str, Any]) -> list[Any]:
        """The field values for a call with keywords or defaults, with the TypeErrors a function call gives."""
        name, fields = cls.__name__, cls._fields
        if len(args) > len(fields):
            raise TypeError(f"{name}() takes {len(fields)} arguments but {len(args)} were given")
        values = [*args, *[_MISSING] * (len(fields) - len(args))]
        for key, value in kwargs.items():
            index = cls._index.get(key)
            if index is None:
                raise TypeError(f"{name}() got an unexpected keyword argument {key!r}")
            if values[index] is not _MISSING:
                raise TypeError(f"{name}() got multiple values for argument {key!r}")
            values[index] = value
        first_default = len(fields) - len(cls._defaults)
        for index, value in enumerate(values):
            if value is _MISSING:
                if index < first_default:
                    raise TypeError(f"{name}() missing required argument {fields[index]!r}")
                values[index] = cls._defaults[index - first_default]
        return values

    @classmethod
    def _make(cls, iterable: Any) -> Any:
        record = tuple.__new__(cls, iterable)
        if len(record) != len(cls._fields):
            raise TypeError(f"{cls.__name__} takes {len(cls._fields)} values, got {len(record)}")
        return record

    def _replace(self, **changes: Any) -> Any:
        record = self._make(map(changes.pop, self._fields, self))
        if changes:
            raise TypeError(f"{type(self).__name__} has no field {', '.join(map(repr, changes))}")
        return record

    def _asdict(self) -> dict[str, Any]:
        return dict(zip(self._fields, self, strict=True))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{f}={v!r}' for f, v in zip(self._fields, self, strict=True))})"

    def __getnewargs__(self) -> tuple[Any, ...]:  # copy and pickle rebuild a record from its values
        return tuple(self)
