"""One harness for the spec tests of every assignment: the tests each assignment's checks must pass.

Each ``tests/test_specs_NN.py`` holds the student-style solutions of its assignment and a class::

    class TestSpec(SpecSuite):
        ASSIGNMENT = "01_neuron"
        SOLUTIONS = SOLUTIONS            # name -> the model solution's cell
        OTHER_CORRECT = OTHER_CORRECT    # (name, src): correct solutions written differently
        MISTAKES = MISTAKES              # (name, mistake, src): each mistake the spec names
        WRONG = WRONG                    # (name, src): other wrong solutions, named or not
        QUESTIONS = [...]                # (name, right answers, wrong answers)

and the tests below run for it, parametrised by ``pytest_generate_tests`` (``tests/conftest.py``)
from those tables: the reference passes every case, every correct solution passes, every known
mistake fails and is named in at most five lines, every mistake of the spec has a test, every other
wrong solution fails shortly, the questions take their right answers only, and the judge (outside
the kernel) gives every variant the checker's verdict. A file adds the tests of its own assignment
beside the class.

A red-team variant that differs from the model solution by a line is written as that difference,
``edit(SOLUTIONS["relu"], "np.maximum", "np.minimum")``, not copied whole.
"""

import functools
import re
import sys
import textwrap

import pytest

from grader import specs
from grader.check import CheckFailed, Checker
from grader.check.engine import Outcome, evaluate, run_reference
from grader.judge.judge import Judge
from kernel import run_cell


def edit(base, *changes):
    """``base`` (a solution cell's text) with each ``(old, new)`` of ``changes`` made once, or with
    ``old, new`` given as two strings. Each ``old`` must occur exactly once, so that an edit never
    lands silently somewhere else (or nowhere) when the base solution changes."""
    if len(changes) == 2 and all(isinstance(c, str) for c in changes):
        changes = (changes,)
    for old, new in changes:
        n = base.count(old)
        if n != 1:
            raise ValueError(f"edit: {old!r} occurs {n} times in the base solution; it must occur once")
        base = base.replace(old, new)
    return base


def notebooks(variants):
    """``variants`` (tuples whose first item is a function's name) grouped into notebooks of at most
    one solution per function: a list of ``{name: variant}``."""
    books = []
    for variant in variants:
        book = next((b for b in books if variant[0] not in b), None)
        if book is None:
            book = {}
            books.append(book)
        book[variant[0]] = variant
    return books


def _numbers_masked(text):
    return re.sub(r"-?\d+(\.\d+)?(e[-+]?\d+)?", "#", text)


@functools.cache
def _checker(assignment):
    return Checker(assignment)


#: the tables a subclass takes from its module when it does not set them itself
_TABLES = ("ASSIGNMENT", "SOLUTIONS", "OTHER_CORRECT", "MISTAKES", "MORE_MISTAKES", "WRONG", "CUSTOM_NAMED")


class SpecSuite:
    """The tests every assignment's checks pass; subclasses fill the tables (see the module). A table
    the class does not set is taken from its module (``SOLUTIONS = {...}`` at the top of the file)."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        module = vars(sys.modules[cls.__module__])
        for name in _TABLES:
            if name not in vars(cls) and name in module:
                setattr(cls, name, module[name])

    ASSIGNMENT = None
    SOLUTIONS = {}
    OTHER_CORRECT = []
    MISTAKES = []
    #: more ways of making a mistake the spec already names (not needed to cover the spec)
    MORE_MISTAKES = []
    WRONG = []
    #: (name, mistake) whose message is the mistake's own (a custom check), not "This looks like ..."
    CUSTOM_NAMED = set()
    #: (name, mistake) that the visible cases already catch and name
    VISIBLE = []
    #: named mistakes also failed and named on the visible cases alone
    NAMED_ON_VISIBLE_CASES = False
    QUESTIONS = []
    #: mistakes left out of the judge's agreement test (they only take time there)
    JUDGE_SKIP = set()

    # -- helpers ------------------------------------------------------------------------------------

    @classmethod
    def checker(cls):
        return _checker(cls.ASSIGNMENT)

    @classmethod
    def spec(cls):
        return specs.load(cls.ASSIGNMENT)

    def cell(self, src, ns=None):
        """Run solution cells' text as the notebook's kernel would (see tests/kernel.py)."""
        return run_cell(src, self.ASSIGNMENT, ns)

    def verdict(self, name, src, hidden=True):
        """The checker's verdict on ``name`` as defined by the cell ``src``."""
        return self.checker().verdict(name, self.cell(src)[name], hidden=hidden)

    @classmethod
    def params(cls, test):
        """``(argnames, values, ids)`` of the parametrised tests below, from the class's tables."""
        named = cls.MISTAKES + cls.MORE_MISTAKES
        return {
            "test_reference_passes_every_case": ("name", list(cls.spec().functions), None),
            "test_model_solution_passes": ("name", list(cls.SOLUTIONS), None),
            "test_other_correct_solutions_pass": ("name,src", cls.OTHER_CORRECT,
                                                  [f"{n}-{i}" for i, (n, _) in enumerate(cls.OTHER_CORRECT)]),
            "test_known_mistake_is_named": ("name,mistake,src", named,
                                            [f"{n}:{m}:{i}" for i, (n, m, _) in enumerate(named)]),
            "test_other_wrong_solutions_fail_shortly": ("name,src", cls.WRONG,
                                                        [f"{n}-{i}" for i, (n, _) in enumerate(cls.WRONG)]),
            "test_visible_checks_catch_common_mistakes": ("name,mistake", cls.VISIBLE,
                                                          [f"{n}:{m}" for n, m in cls.VISIBLE]),
            "test_questions": ("name,right,wrong", cls.QUESTIONS, [q[0] for q in cls.QUESTIONS]),
            "test_judge_agrees_with_the_checker_on_every_variant": (
                "kind", [k for k, v in (("correct", cls.OTHER_CORRECT), ("named", named), ("wrong", cls.WRONG)) if v],
                None),
        }.get(test)

    # -- the tests ----------------------------------------------------------------------------------

    def test_reference_passes_every_case(self, name):
        spec = self.spec().functions[name]
        v = evaluate(spec, lambda case: Outcome(value=run_reference(spec.ref, case)), hidden=True)
        assert v.passed, v.message
        assert v.checks >= max(len(spec.cases()), 1)
        if not spec.custom:
            assert v.checks == len(spec.cases())

    def test_model_solution_passes(self, name):
        for hidden in (False, True):
            v = self.verdict(name, self.SOLUTIONS[name], hidden=hidden)
            assert v.passed, v.message

    def test_other_correct_solutions_pass(self, name, src):
        v = self.verdict(name, src)
        assert v.passed, v.message

    def test_known_mistake_is_named(self, name, mistake, src):
        for hidden in (False, True) if self.NAMED_ON_VISIBLE_CASES else (True,):
            v = self.verdict(name, src, hidden=hidden)
            assert not v.passed, src
            assert v.mistake == mistake, v.message
            if (name, mistake) not in self.CUSTOM_NAMED:
                assert f"This looks like {mistake}" in v.message
            assert len(v.message.splitlines()) <= 5 and "Traceback" not in v.message

    def test_other_wrong_solutions_fail_shortly(self, name, src):
        v = self.verdict(name, src)
        assert not v.passed, src
        assert len(v.message.splitlines()) <= 5 and "Traceback" not in v.message

    def test_every_mistake_of_the_spec_is_tested(self):
        tested = {(n, m) for n, m, _ in self.MISTAKES}
        for name, spec in self.spec().functions.items():
            for m in spec.mistakes:
                assert (name, m.name) in tested, f"{name}: no test for mistake {m.name!r}"
        assert set(self.CUSTOM_NAMED) <= tested | {(n, m) for n, m, _ in self.MORE_MISTAKES}

    def test_visible_checks_catch_common_mistakes(self, name, mistake):
        src = next(s for n, m, s in self.MISTAKES + self.MORE_MISTAKES if (n, m) == (name, mistake))
        v = self.verdict(name, src, hidden=False)
        assert not v.passed and v.mistake == mistake, v.message

    def test_questions(self, name, right, wrong):
        check = self.checker()
        for value in right:
            check.answer(name, value)
        for value in wrong:
            with pytest.raises(CheckFailed):
                check.answer(name, value)

    def test_judge_agrees_with_the_checker_on_every_variant(self, tmp_path, kind):
        variants = {"correct": self.OTHER_CORRECT, "wrong": self.WRONG,
                    "named": [(n, s) for n, m, s in self.MISTAKES + self.MORE_MISTAKES
                              if m not in self.JUDGE_SKIP]}[kind]
        for book in notebooks(variants):
            names = list(book)
            verdicts = Judge(self.spec(), tmp_path).judge([textwrap.dedent(book[n][1]) for n in names], names)
            for n in names:
                mine = self.verdict(n, book[n][1])
                assert (verdicts[n].passed, verdicts[n].mistake) == (mine.passed, mine.mistake), (
                    n, verdicts[n].message, mine.message)
                # the same message, but for its numbers (a variant that draws its own numbers differs there)
                assert _numbers_masked(verdicts[n].message) == _numbers_masked(mine.message), (
                    n, verdicts[n].message, mine.message)
