"""The sandbox that students' code runs in: bubblewrap, a throwaway uid, no network, limits.

* :mod:`grader.sandbox.box` — :class:`~grader.sandbox.box.Box`, the limits and the prefix the
  judge's worker runs under;
* :mod:`grader.sandbox.kernel` — the notebook's kernel started inside a box;
* ``python -m grader.sandbox --install | --check`` (:mod:`grader.sandbox.__main__`).
"""
