"""``make demo``: the whole instructor cycle on sample submissions, in a folder of its own.

1. copy the course (source notebooks and nbgrader config) to ``OUT/course``;
2. release: ``nbgrader generate_assignment`` for each assignment;
3. three sample students submit: ``ada`` hands in the complete solutions, ``ben`` the solutions with
   typical mistakes (:data:`TYPICAL_MISTAKES`), ``cy`` the blank release version;
4. collect them into ``submitted/``; autograde the class in parallel; print the class report;
5. feedback HTML to ``OUT/feedback/``, the grades to ``OUT/grades.csv``, the reports to
   ``OUT/report.txt`` and ``OUT/report.json``.
"""

import json
import shutil
import sys
import time
from pathlib import Path

import nbformat

from grader.instructor import course
from grader.instructor.course import collect_from, export_csv
from grader.instructor.classgrade import autograde_many, class_report

#: Wrong solution cells a student typically hands in, by assignment and grade id.
TYPICAL_MISTAKES = {
    "01_neuron": {
        "sigmoid": "def sigmoid(z):\n    return 1 / (1 + np.exp(z))\n",
        "relu": "def relu(z):\n    return np.max(z, 0)\n",
    },
    "02_logistic_regression": {
        "propagate": (
            "def propagate(w, b, X, Y):\n"
            "    A = sigmoid(w.T @ X + b)\n"
            "    cost = -np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))\n"
            "    dw = X @ (A - Y).T\n"
            "    db = np.sum(A - Y)\n"
            "    return {'dw': dw, 'db': db}, float(cost)\n"),
    },
    "03_activations": {
        "tanh_grad": "def tanh_grad(z):\n    return 1 - z ** 2\n",
    },
    "04_two_layer_backprop": {
        "backward_propagation": (
            "def backward_propagation(parameters, cache, X, Y):\n"
            "    m = X.shape[1]\n"
            "    W2, A1, A2 = parameters['W2'], cache['A1'], cache['A2']\n"
            "    dZ2 = A2 - Y\n"
            "    dW2 = dZ2 @ A1.T / m\n"
            "    db2 = np.sum(dZ2, axis=1) / m\n"
            "    dZ1 = (W2.T @ dZ2) * (1 - A1 ** 2)\n"
            "    dW1 = dZ1 @ X.T / m\n"
            "    db1 = np.sum(dZ1, axis=1) / m\n"
            "    return {'dW1': dW1, 'db1': db1, 'dW2': dW2, 'db2': db2}\n"),
    },
    "05_regularization": {
        "dropout_forward": (
            "def dropout_forward(A, keep_prob, rng):\n"
            "    mask = (rng.random(A.shape) < keep_prob).astype(float)\n"
            "    return A * mask, mask\n"),
    },
    "06_optimization": {
        "update_parameters_with_adam": (
            "def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01,\n"
            "                                beta1=0.9, beta2=0.999, epsilon=1e-8):\n"
            "    parameters, v, s = dict(parameters), dict(v), dict(s)\n"
            "    for k in list(parameters):\n"
            "        g = grads['d' + k]\n"
            "        v['d' + k] = beta1 * v['d' + k] + (1 - beta1) * g\n"
            "        s['d' + k] = beta2 * s['d' + k] + (1 - beta2) * g ** 2\n"
            "        parameters[k] = parameters[k] - learning_rate * v['d' + k] / (np.sqrt(s['d' + k]) + epsilon)\n"
            "    return parameters, v, s\n"),
    },
    "07_deep_network": {
        "linear_backward": (
            "def linear_backward(dZ, cache):\n"
            "    A_prev, W, b = cache\n"
            "    dW = dZ @ A_prev.T\n"
            "    db = np.sum(dZ, axis=1, keepdims=True)\n"
            "    return W.T @ dZ, dW, db\n"),
    },
    "08_softmax_classifier": {
        "softmax_cross_entropy": (
            "def softmax_cross_entropy(Z, Y):\n"
            "    A = np.exp(Z) / np.sum(np.exp(Z), axis=0, keepdims=True)\n"
            "    cost = -np.sum(Y * np.log(A)) / Z.shape[1]\n"
            "    return float(cost), A - Y\n"),
    },
}

STUDENTS = {"ada": "complete", "ben": "typical mistakes", "cy": "blank"}


def with_mistakes(nb, assignment):
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    wrong = TYPICAL_MISTAKES.get(assignment, {})
    for cell in nb.cells:
        gid = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if gid in wrong:
            cell.source = wrong[gid]
    return nb


def make_submissions(course_dir, assignment, folder):
    """Write the three sample students' submissions of ``assignment`` under ``folder``."""
    nb_name = f"{assignment}.ipynb"
    source = nbformat.read(Path(course_dir) / "source" / assignment / nb_name, as_version=4)
    release = nbformat.read(Path(course_dir) / "release" / assignment / nb_name, as_version=4)
    for student, kind in STUDENTS.items():
        nb = {"complete": source, "typical mistakes": with_mistakes(source, assignment), "blank": release}[kind]
        dest = Path(folder) / student / assignment
        dest.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, dest / nb_name)


def run_demo(out, assignments=None, jobs=None):
    t0 = time.monotonic()
    out = Path(out).resolve()
    cdir = out / "course"
    if out.exists():
        shutil.rmtree(out)
    (cdir / "source").mkdir(parents=True)
    shutil.copy(course.DEFAULT_COURSE / "nbgrader_config.py", cdir)
    names = assignments or course.assignments(course.DEFAULT_COURSE)
    for a in names:
        shutil.copytree(course.DEFAULT_COURSE / "source" / a, cdir / "source" / a)
    api = course.api(cdir)
    print(f"== release ({len(names)} assignments)")
    for a in names:
        r = api.generate_assignment(a, force=True, create=True)
        if not r.get("success"):
            print(r.get("log", ""), r.get("error", ""), file=sys.stderr)
            raise SystemExit(f"generate_assignment {a} failed")
    print("== sample students submit: " + ", ".join(f"{s} ({k})" for s, k in STUDENTS.items()))
    for a in names:
        make_submissions(cdir, a, out / "submissions")
        collect_from(cdir, a, out / "submissions")
    reports, texts = {}, []
    print(f"== autograde ({len(names)} assignments x {len(STUDENTS)} students, one pool on every core)")
    results = autograde_many(cdir, [(a, s) for a in names for s in course.students(cdir, a)], jobs=jobs)
    for a in names:
        rep = class_report(cdir, a, [r for r in results if r.assignment == a])
        reports[a] = {k: v for k, v in rep.items() if k != "text"}
        texts.append(rep["text"])
        print(rep["text"] + "\n")
    print("== feedback and grades")
    for a in names:
        r = course.generate_feedback(cdir, a)
        if not r.get("success"):
            print(r.get("log", ""), file=sys.stderr)
    fb = out / "feedback"
    if (cdir / "feedback").exists():
        shutil.copytree(cdir / "feedback", fb)
    csv = export_csv(cdir, out / "grades.csv")
    (out / "report.txt").write_text("\n\n".join(texts) + "\n")
    (out / "report.json").write_text(json.dumps(reports, indent=1))
    print(f"feedback HTML: {fb}\ngrades CSV:    {csv}\nclass report:  {out / 'report.txt'}")
    print(f"demo done in {time.monotonic() - t0:.0f} s")
    return 0
