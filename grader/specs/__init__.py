"""The checks of every assignment, by assignment name.

Each module ``grader/specs/aNN_*.py`` defines ``FUNCTIONS`` (a list of
:class:`grader.check.engine.FunctionSpec`), ``QUESTIONS`` (a list of :class:`grader.check.engine.QuestionSpec`)
and ``HELPERS`` (the functions its notebook gives students ready-made, name -> reference).
The test cell of a function has the nbgrader ``grade_id`` ``"test_" + name``; that of a question
``"test_" + question name``.
"""

from functools import lru_cache

from grader.check.engine import AssignmentSpec
from grader.specs import (a01_neuron, a02_logistic_regression, a03_activations, a04_two_layer_backprop,
                          a05_regularization, a06_optimization, a07_deep_network,
                          a08_softmax_classifier)

#: The spec module of each graded assignment, by the assignment's (and its notebook's) name.
MODULES = {
    "01_neuron": a01_neuron,
    "02_logistic_regression": a02_logistic_regression,
    "03_activations": a03_activations,
    "04_two_layer_backprop": a04_two_layer_backprop,
    "05_regularization": a05_regularization,
    "06_optimization": a06_optimization,
    "07_deep_network": a07_deep_network,
    "08_softmax_classifier": a08_softmax_classifier,
}


@lru_cache(maxsize=None)
def load(assignment):
    """The :class:`AssignmentSpec` of ``assignment`` (a name of ``MODULES``)."""
    if assignment not in MODULES:
        raise KeyError(f"no checks for assignment {assignment!r}; known: {sorted(MODULES)}")
    mod = MODULES[assignment]
    functions = {f.name: f for f in mod.FUNCTIONS}
    questions = {q.name: q for q in getattr(mod, "QUESTIONS", [])}
    return AssignmentSpec(assignment, functions, questions, dict(getattr(mod, "HELPERS", {})))
