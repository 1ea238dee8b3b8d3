"""Plain data: what may cross from a student's process to the grader's.

This module is the one place that turns values into *plain data* (Python scalars, strings, ``None``,
tuples, lists, dicts with string keys, and exact ``numpy.ndarray`` objects of numeric dtype) and back
into bytes. It is used in two places:

* in the grader's process, by :mod:`grader.judge`, to encode the inputs it chooses and to decode
  what a student's function returned (``decode`` never unpickles or evaluates anything);
* in the sandboxed worker, whose source is this file plus :mod:`grader.judge.worker_main`, sent as
  text to a fresh interpreter (so the worker needs neither ``grader`` nor ``nnkit`` importable).

It also holds the one framing of messages (:func:`frame`) and the one call-and-observe protocol
(:func:`observe_call`) that the in-kernel checker and the worker share.

Anything that is not plain (an ndarray subclass such as a masked array, a generator, an object of
the student's) becomes a :class:`TypeTag` naming its type, so a value that "lies about equality"
never reaches a comparison.

It must stay standalone: standard library and NumPy only.
"""

import base64
import json
import struct

import numpy as np

#: dtypes an array may carry across the wire (others are reported as their type).
_DTYPES = frozenset(
    np.dtype(t).str
    for t in ("f8", "f4", "f2", "i8", "i4", "i2", "i1", "u8", "u4", "u2", "u1", "?", "c16")
)
#: Limits on decoded data, so a hostile process cannot make the grader allocate without bound.
MAX_MESSAGE_BYTES = 64 * 1024 * 1024
MAX_DEPTH = 32


class TypeTag:
    """Stands for a value that is not plain data; only its type name crossed."""

    __slots__ = ("type_name",)

    def __init__(self, type_name):
        self.type_name = str(type_name)[:200]

    def __eq__(self, other):
        return isinstance(other, TypeTag) and other.type_name == self.type_name

    def __hash__(self):
        return hash(self.type_name)

    def __repr__(self):
        return f"<{self.type_name}>"


def type_name(value):
    """The qualified name of ``type(value)``, e.g. ``numpy.ma.MaskedArray``."""
    t = type(value)
    module = getattr(t, "__module__", "") or ""
    qual = getattr(t, "__qualname__", getattr(t, "__name__", "?"))
    if module in ("builtins", ""):
        return qual
    if module.startswith("numpy.ma"):
        module = "numpy.ma"
    return f"{module}.{qual}"


def _kind(value):
    """The one type switch of plain data: what ``value`` is on the wire. ``"atom"`` (None, bool,
    int, str), ``"float"``, ``"array"``, ``"scalar"`` (a NumPy scalar), ``"tuple"``, ``"list"``,
    ``"dict"``, ``"input"`` (a :class:`FunctionSource` or :class:`GeneratorSeed`), or the
    :class:`TypeTag` that stands for a value that is not plain."""
    t = type(value)
    if value is None or t is bool or t is str or t is int:
        return "atom"
    if t is float:
        return "float"
    if t is TypeTag:
        return value
    if t is np.ndarray:
        return "array" if value.dtype.str in _DTYPES else TypeTag(f"numpy.ndarray of dtype {value.dtype}")
    if isinstance(value, np.generic) and type(value).__module__ == "numpy":
        return "scalar" if np.dtype(type(value)).str in _DTYPES else TypeTag(type_name(value))
    if t is tuple:
        return "tuple"
    if t is list:
        return "list"
    if t is dict:
        return "dict" if all(type(k) is str for k in value) else TypeTag("dict with non-string keys")
    if t is FunctionSource or t is GeneratorSeed:
        return "input"
    return TypeTag(type_name(value))


def to_plain(value, _depth=0):
    """Copy ``value`` into plain data (see the module docstring); non-plain parts become TypeTags
    (the input markers too: they are the grader's, never a result)."""
    if _depth > MAX_DEPTH:
        return TypeTag("too deeply nested")
    kind = _kind(value)
    if type(kind) is TypeTag:
        return kind
    if kind in ("atom", "float"):
        return value
    if kind == "array":
        return np.array(value, copy=True)
    if kind == "scalar":
        return value.dtype.type(value)
    if kind == "tuple":
        return tuple(to_plain(v, _depth + 1) for v in value)
    if kind == "list":
        return [to_plain(v, _depth + 1) for v in value]
    if kind == "dict":
        return {k: to_plain(v, _depth + 1) for k, v in value.items()}
    return TypeTag(type_name(value))


def shared_parts(value, limit=2, _max_depth=4):
    """Pairs of places in ``value`` (arrays, dicts and lists, nested in tuples, lists and dicts) that
    are one object or share memory, as index paths: ``[("[0]['dW1']", "[1]['dW1']")]``; at most
    ``limit`` pairs. Computed where the value was made (a returned ``s = v`` cannot be seen once
    copied into plain data)."""
    seen = []

    def walk(v, path, depth):
        t = type(v)
        if depth > _max_depth or len(seen) > 200:
            return
        if (t is np.ndarray and v.size) or t in (dict, list):
            seen.append((path, v))
        if t is dict:
            for k, x in v.items():
                walk(x, f"{path}[{k!r}]", depth + 1)
        elif t in (tuple, list):
            for i, x in enumerate(v):
                walk(x, f"{path}[{i}]", depth + 1)

    walk(value, "", 0)
    out = []
    for i, (pa, a) in enumerate(seen):
        for pb, b in seen[i + 1:]:
            if a is b or (type(a) is np.ndarray and type(b) is np.ndarray and np.may_share_memory(a, b)):
                out.append((pa, pb))
                if len(out) >= limit:
                    return out
    return out


# --------------------------------------------------------------------------------------------------
# JSON encoding of plain data (and of the few input-only markers: functions and generators)


def _enc(value, depth=0):
    if depth > MAX_DEPTH:
        return {"__type__": "too deeply nested"}
    kind = _kind(value)
    if type(kind) is TypeTag:
        return {"__type__": kind.type_name}
    if kind == "atom":
        return value
    if kind == "float":
        if value != value or value in (float("inf"), float("-inf")):
            return {"__float__": repr(value)}
        return value
    if kind == "array":
        # tobytes() is C-ordered whatever the layout; value.shape keeps a 0-d array 0-d
        # (np.ascontiguousarray would make it 1-d)
        return {"__nd__": [value.dtype.str, list(value.shape), base64.b64encode(value.tobytes()).decode()]}
    if kind == "scalar":
        return {"__np__": [np.dtype(type(value)).str, _enc(value.item(), depth + 1)]}
    if kind == "tuple":
        return {"__tuple__": [_enc(v, depth + 1) for v in value]}
    if kind == "list":
        return [_enc(v, depth + 1) for v in value]
    if kind == "dict":
        return {"__dict__": [[k, _enc(v, depth + 1)] for k, v in value.items()]}
    if type(value) is FunctionSource:
        return {"__fn__": value.source}
    return {"__rng__": int(value.seed)}


class FunctionSource:
    """An input that is a function, sent as the source of an expression (e.g. ``lambda z: z**3``).

    The grader builds these from its own text; the worker evaluates the text to a function.
    """

    __slots__ = ("source", "fn")

    def __init__(self, source):
        self.source = source
        self.fn = eval(source, {"np": np, "numpy": np})  # noqa: S307 - grader-written text only

    def __call__(self, *args, **kwargs):
        return self.fn(*args, **kwargs)

    def __repr__(self):
        return self.source


class GeneratorSeed:
    """An input that is a ``numpy.random.Generator``: only its seed crosses the wire."""

    __slots__ = ("seed",)

    def __init__(self, seed):
        self.seed = int(seed)

    def make(self):
        return np.random.default_rng(self.seed)

    def __repr__(self):
        return f"np.random.default_rng({self.seed})"


def _dec(obj, make_inputs, depth=0):
    if depth > MAX_DEPTH:
        raise ValueError("message too deeply nested")
    if obj is None or type(obj) in (bool, int, float, str):
        return obj
    if type(obj) is list:
        return [_dec(v, make_inputs, depth + 1) for v in obj]
    if type(obj) is not dict or len(obj) != 1:
        raise ValueError("malformed message")
    (key, val), = obj.items()
    if key == "__nd__":
        dtype, shape, data = val
        if dtype not in _DTYPES or type(shape) is not list or not all(type(s) is int and s >= 0 for s in shape):
            raise ValueError("malformed array")
        raw = base64.b64decode(data.encode(), validate=True)
        count = int(np.prod(shape, dtype=np.int64)) if shape else 1
        if count * np.dtype(dtype).itemsize != len(raw):
            raise ValueError("array size does not match its shape")
        return np.frombuffer(raw, dtype=np.dtype(dtype)).reshape(shape).copy()
    if key == "__np__":
        dtype, item = val
        if dtype not in _DTYPES:
            raise ValueError("malformed scalar")
        return np.dtype(dtype).type(_dec(item, make_inputs, depth + 1))
    if key == "__float__":
        if val not in ("nan", "inf", "-inf"):
            raise ValueError("malformed float")
        return float(val)
    if key == "__tuple__":
        return tuple(_dec(v, make_inputs, depth + 1) for v in val)
    if key == "__dict__":
        out = {}
        for k, v in val:
            if type(k) is not str:
                raise ValueError("malformed dict")
            out[k] = _dec(v, make_inputs, depth + 1)
        return out
    if key == "__type__":
        return TypeTag(val)
    if make_inputs and key == "__fn__":
        return eval(val, {"np": np, "numpy": np})  # noqa: S307 - text written by the grader
    if make_inputs and key == "__rng__":
        return np.random.default_rng(int(val))
    raise ValueError(f"unexpected marker {key!r}")


def dumps(value):
    """Encode plain data (plus the input markers) as bytes."""
    return json.dumps(_enc(value), allow_nan=True, separators=(",", ":")).encode()


def loads(data, make_inputs=False):
    """Decode bytes from :func:`dumps`. ``make_inputs`` turns input markers into live objects
    (only the worker does that: the grader never evaluates what a worker sends)."""
    if len(data) > MAX_MESSAGE_BYTES:
        raise ValueError("message too large")
    return _dec(json.loads(data.decode()), make_inputs)


# --------------------------------------------------------------------------------------------------
# Framing: 4-byte big-endian length, then the payload.


FRAME_HEAD = 4


def frame(payload):
    """``payload`` framed: its length (4 bytes, big-endian), then the bytes."""
    return struct.pack(">I", len(payload)) + payload


def frame_length(head):
    """The payload length a frame's 4-byte ``head`` announces (ValueError beyond the limit)."""
    (n,) = struct.unpack(">I", head)
    if n > MAX_MESSAGE_BYTES:
        raise ValueError("frame too large")
    return n


def write_frame(stream, payload):
    stream.write(frame(payload))
    stream.flush()


def read_frame(stream):
    head = _read_exact(stream, FRAME_HEAD)
    if head is None:
        return None
    return _read_exact(stream, frame_length(head))


def _read_exact(stream, n):
    chunks, got = [], 0
    while got < n:
        chunk = stream.read(n - got)
        if not chunk:
            return None
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


# --------------------------------------------------------------------------------------------------
# Call and observe: how the checker (in the kernel) and the judge's worker call a student's function.

_MISSING = object()


def _is_students(filename):
    """Whether code of ``filename`` is the student's: a notebook cell (IPython's cell files, the
    judge's ``<solution cell ...>``), not a library, the grader's or nnkit's code, or the prelude."""
    import os
    import sys

    if filename.startswith("<"):
        return filename.startswith(("<solution cell", "<ipython-input"))
    here = os.path.dirname(os.path.abspath(__file__))
    skip = {sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(here), os.path.dirname(os.path.dirname(here))}
    path = os.path.abspath(filename)
    return not any(path.startswith(d + os.sep) for d in skip if d) and "site-packages" not in path


def student_line(exc):
    """The student's own line where ``exc`` was raised (the innermost frame of their code, its
    source stripped and cut), or None (no such frame, or no source)."""
    import linecache

    line = None
    tb = exc.__traceback__
    while tb is not None:
        code = tb.tb_frame.f_code
        if _is_students(code.co_filename):
            text = linecache.getline(code.co_filename, tb.tb_lineno).strip()
            if text:
                line = text if len(text) <= 120 else text[:117] + "..."
        tb = tb.tb_next
    return line


def observe_call(fn, args, kwargs, namespace=None, deps=None, distinct=False, catch=BaseException):
    """Call ``fn(*args, **kwargs)`` and observe it, as plain data.

    ``deps`` (name -> callable) replace those names in ``namespace`` (the function's globals) for
    the call, and are restored after it. The answer is ``{"value": plain, "mutated": [...]}`` (the
    positions and keyword names of the arguments whose plain value the call changed; with
    ``distinct``, also ``"shared": [[path, path]]`` of :func:`shared_parts`) or, when the call (or
    making its value plain) raises one of ``catch``, ``{"error": [type name, message]}``.
    """
    before = [dumps(to_plain(a)) for a in args], {k: dumps(to_plain(v)) for k, v in kwargs.items()}
    saved = {}
    if namespace is not None:
        for d, f in (deps or {}).items():
            saved[d] = namespace.get(d, _MISSING)
            namespace[d] = f
    try:
        value = fn(*args, **kwargs)
        reply = {"value": to_plain(value)}
        if distinct:
            reply["shared"] = [list(pair) for pair in shared_parts(value)]
    except catch as e:
        reply = {"error": [type(e).__name__, str(e)]}
        line = student_line(e)
        if line:
            reply["line"] = line
        return reply
    finally:
        for d, v in saved.items():
            if v is _MISSING:
                namespace.pop(d, None)
            else:
                namespace[d] = v
    reply["mutated"] = [i for i, a in enumerate(args) if dumps(to_plain(a)) != before[0][i]]
    reply["mutated"] += [k for k, v in kwargs.items() if dumps(to_plain(v)) != before[1][k]]
    return reply
