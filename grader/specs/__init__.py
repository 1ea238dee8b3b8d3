"""The checks of every assignment, by assignment name.

Each module ``grader/specs/aNN_*.py`` defines ``FUNCTIONS`` (a list of
:class:`grader.engine.FunctionSpec`), ``QUESTIONS`` (a list of :class:`grader.engine.QuestionSpec`)
and ``HELPERS`` (the functions its notebook gives students ready-made, name -> reference).
The test cell of a function has the nbgrader ``grade_id`` ``"test_" + name``; that of a question
``"test_" + question name``.
"""

import importlib
from functools import lru_cache

from grader.engine import AssignmentSpec

MODULES = {
    "01_neuron": "grader.specs.a01_neuron",
    "02_logistic_regression": "grader.specs.a02_logistic_regression",
    "03_activations": "grader.specs.a03_activations",
    "04_two_layer_backprop": "grader.specs.a04_two_layer_backprop",
    "05_regularization": "grader.specs.a05_regularization",
    "06_optimization": "grader.specs.a06_optimization",
    "07_deep_network": "grader.specs.a07_deep_network",
    "08_softmax_classifier": "grader.specs.a08_softmax_classifier",
}


@lru_cache(maxsize=None)
def load(assignment):
    """The :class:`AssignmentSpec` of ``assignment`` (a name of ``MODULES``)."""
    if assignment not in MODULES:
        raise KeyError(f"no checks for assignment {assignment!r}; known: {sorted(MODULES)}")
    mod = importlib.import_module(MODULES[assignment])
    functions = {f.name: f for f in mod.FUNCTIONS}
    questions = {q.name: q for q in getattr(mod, "QUESTIONS", [])}
    return AssignmentSpec(assignment, functions, questions, dict(getattr(mod, "HELPERS", {})))


def available():
    """Assignments whose spec module exists."""
    out = []
    for name, mod in MODULES.items():
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as e:
            if e.name != mod:
                raise
            continue
        out.append(name)
    return out
