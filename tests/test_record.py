"""Record: the cheap NamedTuple replacement every data class is built on."""

from __future__ import annotations

import copy
import pickle

import pytest

from hmcareer.models import Fact
from hmcareer.record import Record


class Point(Record):
    x: int
    y: int
    label: str | None = None
    tags: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return self.x + self.y


def test_built_by_position_keyword_and_defaults():
    assert Point(1, 2) == (1, 2, None, ())
    assert Point(1, y=2, tags=("a",)) == (1, 2, None, ("a",))
    assert Point(y=2, x=1, label="p", tags=()) == Point(1, 2, "p", ())
    p = Point(3, 4, "q")
    assert (p.x, p.y, p.label, p.tags, p.total) == (3, 4, "q", (), 7)
    assert Point._fields == ("x", "y", "label", "tags")


@pytest.mark.parametrize(("args", "kwargs", "message"), [
    ((1,), {}, "missing required argument 'y'"),
    ((1, 2), {"colour": 3}, "unexpected keyword argument 'colour'"),
    ((1, 2), {"x": 3}, "multiple values for argument 'x'"),
    ((1, 2, 3, 4, 5), {}, "takes 4 arguments but 5 were given"),
])
def test_wrong_calls_raise_as_a_function_would(args, kwargs, message):
    with pytest.raises(TypeError, match=message):
        Point(*args, **kwargs)


def test_immutable_tuple_behaviour():
    p = Point(1, 2)
    with pytest.raises(AttributeError):
        p.x = 5
    with pytest.raises(AttributeError):
        p.other = 5  # no __dict__
    assert hash(p) == hash((1, 2, None, ()))
    x, y, *_ = p
    assert (x, y) == (1, 2)
    match p:
        case Point(1, y):
            assert y == 2
        case _:
            pytest.fail("positional pattern did not match")


def test_namedtuple_api():
    p = Point(1, 2)
    assert p._replace(label="z") == Point(1, 2, "z")
    with pytest.raises(TypeError, match="no field 'colour'"):
        p._replace(colour=1)
    assert Point._make([5, 6, None, ()]) == Point(5, 6)
    with pytest.raises(TypeError, match="takes 4 values, got 2"):
        Point._make([5, 6])
    assert p._asdict() == {"x": 1, "y": 2, "label": None, "tags": ()}
    assert repr(Fact("t", ("s",))) == "Fact(text='t', sources=('s',), period=None)"


def test_copy_and_pickle_round_trip():
    p = Point(1, 2, "l", ("a",))
    assert copy.copy(p) == p and copy.deepcopy(p) == p
    assert pickle.loads(pickle.dumps(p)) == p and type(pickle.loads(pickle.dumps(p))) is Point


def test_definition_errors():
    with pytest.raises(TypeError, match="without a default must come before"):
        class Bad(Record):
            a: int = 1
            b: int
    with pytest.raises(TypeError, match="derives from Record and nothing else"):
        class Sub(Point):
            extra: int
