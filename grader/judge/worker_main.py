"""The worker: runs a student's solution cells in a fresh interpreter and calls their functions.

Not imported by the grader: :mod:`grader.judge` sends the text of :mod:`grader.check.wire` followed by this
file to ``python -I -c`` (inside the sandbox where there is one), so the worker needs neither
``grader`` nor ``nnkit``. Everything here runs in the student's process and is trusted for nothing:
the grader only reads plain data back (:func:`grader.check.wire.loads`) and judges it itself.

Protocol (frames of :func:`grader.check.wire.write_frame` on the original stdin/stdout; the student's
prints go to /dev/null):

* ``{"op": "setup", "prelude": str, "helpers": [names]}`` -> ``{"ok": True}``
* ``{"op": "exec", "source": str}`` -> ``{"ok": bool, "error": [type, message]}``
* ``{"op": "call", "fn": name, "args": tuple, "kwargs": dict, "deps": [names]}`` ->
  ``{"value": plain, "mutated": [names]}`` (and ``"shared": [[path, path]]`` when the call asks for
  ``"distinct"``) or ``{"error": [type, message]}``; while it runs, each
  call of a helper or dependency is forwarded as ``{"op": "rpc", ...}`` and answered by the grader
  with the reference's result.
* ``{"op": "get", "name": str}`` -> ``{"value": plain}`` or ``{"error": ...}``
"""

import builtins as _builtins
import os as _os
import sys as _sys

_BLOCKED = ("nnkit", "grader")
_PROTO_IN = _os.fdopen(_os.dup(0), "rb", buffering=0)
_PROTO_OUT = _os.fdopen(_os.dup(1), "wb", buffering=0)
_null = _os.open(_os.devnull, _os.O_RDWR)
for _fd in (0, 1, 2):
    _os.dup2(_null, _fd)
_sys.stdin = open(_os.devnull)
_sys.stdout = _sys.stderr = open(_os.devnull, "w")


class _BlockReference:
    """The references are not the student's to call."""

    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in _BLOCKED or name.startswith("__editable__"):
            raise ImportError(f"{name} cannot be imported while grading: solutions must not use it")
        return None


_sys.meta_path.insert(0, _BlockReference())

def _editable(finder):
    """An editable install's finder or path hook (setuptools' ``__editable__...``), which would find
    nnkit wherever its sources are: a class, an instance or a bound method."""
    owner = getattr(finder, "__self__", finder)
    names = (getattr(owner, "__name__", ""), type(owner).__name__, getattr(owner, "__module__", "") or "")
    return any("editable" in n.lower() for n in names)


_sys.meta_path[:] = [f for f in _sys.meta_path if not _editable(f)]
_sys.path_hooks[:] = [h for h in _sys.path_hooks if not _editable(h)]
_sys.path[:] = [p for p in _sys.path if "__editable__" not in p
                and not _os.path.isfile(_os.path.join(p, "nnkit", "__init__.py"))]
_sys.path_importer_cache.clear()
for _m in list(_sys.modules):
    if _m.split(".")[0] in _BLOCKED:
        del _sys.modules[_m]

_NS = {"__name__": "__main__", "__builtins__": _builtins}
_ERRORS = {e.__name__: e for e in (ValueError, TypeError, KeyError, IndexError, ZeroDivisionError,
                                    ArithmeticError, RuntimeError, AssertionError, NameError)}


def _send(obj):
    write_frame(_PROTO_OUT, dumps(obj))


def _receive():
    frame = read_frame(_PROTO_IN)
    if frame is None:
        _os._exit(0)
    return loads(frame, make_inputs=True)


def _cell_name(source):
    """A name for a solution cell's code, its lines kept where tracebacks look them up (so an
    error can show the student's own line)."""
    import linecache

    name = f"<solution cell {len(_CELLS) + 1}>"
    _CELLS.append(name)
    linecache.cache[name] = (len(source), None, source.splitlines(True), name)
    return name


_CELLS = []


def _error(e):
    return [type(e).__name__, str(e)[:500]]


def _stub(name):
    def reference(*args, **kwargs):
        _send({"op": "rpc", "fn": name, "args": to_plain(tuple(args)), "kwargs": to_plain(dict(kwargs))})
        reply = _receive()
        if "error" in reply:
            raise _ERRORS.get(reply["error"][0], RuntimeError)(reply["error"][1])
        return reply["value"]

    reference.__name__ = reference.__qualname__ = name
    return reference


def _call(msg):
    fn = _NS.get(msg["fn"])
    if not callable(fn):
        return {"error": ["NameError", f"{msg['fn']} is not defined (did its cell run without errors?)"]}
    reply = observe_call(fn, msg["args"], msg["kwargs"], _NS, {d: _stub(d) for d in msg["deps"]},
                         msg.get("distinct"))
    if "error" in reply:
        reply["error"][1] = reply["error"][1][:500]
    return reply


def _main():
    while True:
        msg = _receive()
        op = msg.get("op")
        try:
            if op == "setup":
                exec(compile(msg["prelude"], "<prelude>", "exec"), _NS)
                for name in msg["helpers"]:
                    _NS[name] = _stub(name)
                reply = {"ok": True}
            elif op == "exec":
                try:
                    exec(compile(msg["source"], _cell_name(msg["source"]), "exec"), _NS)
                    reply = {"ok": True}
                except BaseException as e:  # noqa: BLE001
                    reply = {"ok": False, "error": _error(e)}
            elif op == "call":
                reply = _call(msg)
            elif op == "get":
                if msg["name"] in _NS:
                    reply = {"value": to_plain(_NS[msg["name"]])}
                else:
                    reply = {"error": ["NameError", f"{msg['name']} is not defined"]}
            else:
                reply = {"error": ["ValueError", f"unknown op {op!r}"]}
        except BaseException as e:  # noqa: BLE001
            reply = {"error": _error(e)}
        _send(reply)


_main()
