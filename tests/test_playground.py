"""The playground of 07_deep_network, driven without a browser: every data set, optimiser and
activation trains (the loss falls, the history grows), the student's functions are used where they
work and nnkit's where they do not, the widget has its controls and its buttons train, and the
figure is redrawn. (Its speed is measured by ``benchmarks/bench_playground.py``, not here.)"""

import base64
import math
import textwrap

import numpy as np
import pytest

from nnkit import activations, deep
from nnkit.playground import (ACTIVATIONS, DATASETS, DEFAULT_NOISE, FUNCTION_NAMES, OPTIMIZERS, Playground,
                              resolve_functions)

pytest.importorskip("ipywidgets")

#: the student's functions as a notebook would hold them (written the way a student writes them)
STUDENT = '''
def initialize_parameters_deep(layer_dims, seed):
    rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layer_dims)):
        parameters["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * np.sqrt(2 / layer_dims[l - 1])
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))
    return parameters

def linear_forward(A_prev, W, b):
    return W @ A_prev + b, (A_prev, W, b)

def linear_activation_forward(A_prev, W, b, activation):
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = relu(Z) if activation == "relu" else sigmoid(Z)
    return A, (linear_cache, Z)

def L_model_forward(X, parameters):
    caches, A = [], X
    L = len(parameters) // 2
    for l in range(1, L):
        A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)], "relu")
        caches.append(cache)
    AL, cache = linear_activation_forward(A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid")
    caches.append(cache)
    return AL, caches

def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    return W.T @ dZ, dZ @ A_prev.T / m, np.sum(dZ, axis=1, keepdims=True) / m

def linear_activation_backward(dA, cache, activation):
    linear_cache, Z = cache
    dZ = dA * (relu_grad(Z) if activation == "relu" else sigmoid_grad(Z))
    return linear_backward(dZ, linear_cache)

def L_model_backward(AL, Y, caches):
    grads = {}
    L = len(caches)
    dA = -(Y / AL - (1 - Y) / (1 - AL))
    for l in range(L, 0, -1):
        dA, grads["dW" + str(l)], grads["db" + str(l)] = linear_activation_backward(
            dA, caches[l - 1], "sigmoid" if l == L else "relu")
    return grads
'''


def notebook(src=STUDENT, **overrides):
    """A notebook's namespace: the setup cell's helpers, then the student's cells."""
    ns = {"np": np, "math": math, "sigmoid": activations.sigmoid, "relu": activations.relu,
          "sigmoid_grad": activations.sigmoid_grad, "relu_grad": activations.relu_grad}
    exec(textwrap.dedent(src), ns)
    for name, body in overrides.items():
        exec(textwrap.dedent(body), ns)
    return ns


def small(**settings):
    """A playground on little data, so that the tests stay fast."""
    return Playground(notebook(), **{"n_samples": 120, "epochs_per_step": 3, **settings})


# --------------------------------------------------------------------------------------------------
# Whose functions run


def test_the_students_functions_are_used_when_they_work():
    fn, origins = resolve_functions(notebook())
    assert all(origins[n] == "yours" for n in FUNCTION_NAMES), origins
    assert all(fn[n].__module__ != deep.__name__ for n in FUNCTION_NAMES)


def test_nnkit_stands_in_for_missing_unwritten_and_broken_functions():
    ns = notebook(linear_backward="""
        def linear_backward(dZ, cache):
            raise NotImplementedError()
    """, L_model_forward="""
        def L_model_forward(X, parameters):
            return X                       # wrong: no caches
    """, linear_activation_forward="""
        def linear_activation_forward(A_prev, W, b, activation):
            Z, linear_cache = linear_forward(A_prev, W, b)
            return {"relu": relu, "sigmoid": sigmoid}[activation](Z), linear_cache, Z   # a flat triple
    """)
    del ns["initialize_parameters_deep"]
    fn, origins = resolve_functions(ns)
    assert origins["initialize_parameters_deep"] == "nnkit (missing)"
    assert origins["L_model_forward"] == "nnkit (yours returned the wrong types or shapes)"
    assert origins["linear_activation_forward"].startswith("nnkit (yours")
    assert origins["linear_forward"] == "yours"
    # the backward functions call the unwritten linear_backward, so none of them runs yet
    for name in ("linear_backward", "linear_activation_backward", "L_model_backward"):
        assert origins[name] == "nnkit (not written yet)"
        assert fn[name] is getattr(deep, name)
    pg = Playground(ns, n_samples=120, activation="tanh")     # tanh: the layers run one by one
    pg.step(3)
    assert pg.history["loss"][-1] < pg.history["loss"][0]
    assert "yours: linear_forward;" in pg.status() and "nnkit's for the others" in pg.status()


def test_a_student_function_that_raises_another_error_is_replaced_and_named():
    ns = notebook(linear_forward="""
        def linear_forward(A_prev, W, b):
            return W.T @ A_prev + b, (A_prev, W, b)    # W transposed: a shape error here
    """)
    _, origins = resolve_functions(ns)
    assert origins["linear_forward"].startswith("nnkit (yours raised ValueError")


def test_no_functions_at_all_means_the_reference():
    pg = Playground(n_samples=120)
    assert set(pg.origins.values()) == {"nnkit (missing)"}
    pg.step(5)
    assert pg.history["loss"][-1] < pg.history["loss"][0]


def test_the_students_functions_are_really_called():
    calls = []
    ns = notebook()
    for name in ("L_model_forward", "L_model_backward", "linear_activation_forward", "linear_activation_backward",
                 "linear_forward", "linear_backward"):
        ns[name] = (lambda fn, name: lambda *args: calls.append(name) or fn(*args))(ns[name], name)
    pg = Playground(ns, n_samples=120)
    calls.clear()
    pg.step(1)       # relu, no dropout: the whole model, and the layers under it
    assert {"L_model_forward", "L_model_backward", "linear_activation_backward", "linear_backward"} <= set(calls)
    pg.configure(keep_prob=0.8)
    calls.clear()
    pg.step(1)       # dropout: layer by layer, through the student's layer functions
    assert "L_model_backward" not in calls
    assert {"linear_activation_forward", "linear_activation_backward", "linear_backward"} <= set(calls)
    pg.configure(keep_prob=1.0, activation="tanh")
    calls.clear()
    pg.step(1)       # tanh: the student's linear_forward and linear_backward, nnkit's tanh
    assert {"linear_forward", "linear_backward", "linear_activation_forward"} <= set(calls)
    assert "L_model_forward" not in calls


# --------------------------------------------------------------------------------------------------
# Training


@pytest.mark.parametrize("dataset", DATASETS)
def test_every_data_set_trains(dataset):
    pg = small(dataset=dataset, hidden_layers=2, units=6, learning_rate=0.02)
    assert pg.settings["noise"] == DEFAULT_NOISE[dataset]
    assert pg.X_train.shape[0] == 2 and pg.X_train.shape[1] + pg.X_test.shape[1] == 120
    pg.step(10)
    h = pg.history
    assert h["epoch"] == list(range(11)) and len(h["loss"]) == len(h["test_accuracy"]) == 11
    assert h["loss"][-1] < h["loss"][0]
    assert not pg.diverged


@pytest.mark.parametrize("optimizer", OPTIMIZERS)
@pytest.mark.parametrize("activation", ACTIVATIONS)
def test_every_optimiser_and_activation_trains(optimizer, activation):
    lr = {"gd": 0.3, "momentum": 0.1, "rmsprop": 0.01, "adam": 0.01}[optimizer]
    pg = small(dataset="moons", activation=activation, optimizer=optimizer, learning_rate=lr, units=5)
    pg.step(8)
    assert pg.history["loss"][-1] < pg.history["loss"][0], pg.history["loss"]


@pytest.mark.parametrize("settings", [{"lambd": 0.3}, {"keep_prob": 0.7}, {"lambd": 0.1, "keep_prob": 0.8},
                                      {"batch_size": 1}, {"batch_size": 256}, {"hidden_layers": 0},
                                      {"hidden_layers": 5, "units": 8}])
def test_regularisation_batches_and_depths_train(settings):
    pg = small(dataset="circles", learning_rate=0.02, **settings)
    assert len(pg.parameters) == 2 * (pg.settings["hidden_layers"] + 1)
    pg.step(6)
    assert pg.history["loss"][-1] < pg.history["loss"][0]


def test_dropout_and_l2_change_the_training():
    plain = small(seed=3)
    plain.step(3)
    for change in ({"keep_prob": 0.6}, {"lambd": 1.0}):
        other = small(seed=3, **change)
        other.step(3)
        assert not np.allclose(other.parameters["W1"], plain.parameters["W1"])


def test_the_same_seed_gives_the_same_run_and_reset_starts_again():
    a, b = small(seed=4), small(seed=4)
    a.step(4)
    b.step(4)
    assert a.history["loss"] == b.history["loss"]
    start = small(seed=4).parameters
    a.reset()
    assert a.epoch == 0 and a.history["epoch"] == [0]
    assert all(np.array_equal(a.parameters[k], start[k]) for k in start)


def test_configure_redoes_what_a_setting_invalidates():
    pg = small()
    pg.step(2)
    W1 = pg.parameters["W1"]
    pg.configure(learning_rate=0.05, lambd=0.01, keep_prob=0.9, batch_size=16)
    assert pg.epoch == 2 and pg.parameters["W1"] is W1            # applies from the next update
    pg.configure(optimizer="momentum")
    assert pg.epoch == 2 and pg.parameters["W1"] is W1            # a fresh optimizer state only
    pg.configure(units=7)
    assert pg.epoch == 0 and pg.parameters["W1"].shape == (7, 2)   # a new network
    X = pg.X_train
    pg.configure(dataset="xor")
    assert pg.epoch == 0 and pg.X_train.shape != X.shape or not np.array_equal(pg.X_train, X)
    assert pg.settings["noise"] == DEFAULT_NOISE["xor"]
    pg.configure(noise=0.3)
    assert pg.settings["noise"] == 0.3


@pytest.mark.parametrize("bad", [{"dataset": "mnist"}, {"activation": "softmax"}, {"optimizer": "sgd"},
                                 {"units": 0}, {"learning_rate": 0}, {"keep_prob": 0}, {"lambd": -1},
                                 {"colour": "red"}])
def test_bad_settings_are_refused(bad):
    with pytest.raises(ValueError):
        small().configure(**bad)


def test_divergence_is_caught_not_raised():
    # far too large steps on a deep ReLU network: the numbers overflow and the loss becomes nan
    # (this student's unclipped backward pass makes the NaN: it is named, see below)
    pg = small(optimizer="gd", learning_rate=10.0, hidden_layers=6, units=8, batch_size=8)
    pg.step(10)
    assert pg.diverged and np.isnan(pg.history["loss"][-1])
    n = len(pg.history["loss"])
    pg.step(3)                                    # stopped: nothing more is trained
    assert len(pg.history["loss"]) == n
    assert "stopped" in pg.status() and pg.divergence_message() in pg.status()
    pg.draw()                                     # still draws, with the advice in the title
    assert "NaN from your L_model_backward" in pg._ax_b.get_title()
    pg.configure(learning_rate=0.01)
    pg.reset()
    assert not pg.diverged
    pg.step(3)
    assert np.isfinite(pg.history["loss"][-1])


# --------------------------------------------------------------------------------------------------
# The figure and the widget


def test_draw_updates_the_boundary_and_the_loss_curve():
    pg = small()
    fig = pg.draw()
    before = np.array(pg._im.get_array())
    pg.step(6)
    assert pg.draw() is fig                                       # one figure, redrawn
    assert not np.allclose(np.array(pg._im.get_array()), before)  # the boundary moved
    x, y = pg._loss_line.get_data()
    assert list(x) == list(range(7)) and len(y) == 7
    assert pg.png()[:8] == b"\x89PNG\r\n\x1a\n"


def test_the_widget_has_its_controls_and_its_buttons_train():
    import ipywidgets as W

    pg = small()
    box = pg.widget(train_steps=2)
    assert isinstance(box, W.VBox)
    c, b = pg.controls, pg.buttons
    assert set(c) == {"dataset", "noise", "hidden_layers", "units", "activation", "learning_rate", "lambd",
                      "keep_prob", "optimizer", "batch_size", "epochs_per_step", "seed"}
    assert isinstance(c["dataset"], W.Dropdown) and set(c["dataset"].options) == set(DATASETS)
    assert isinstance(c["hidden_layers"], W.IntSlider) and isinstance(c["units"], W.IntSlider)
    assert isinstance(c["learning_rate"], W.FloatLogSlider)
    assert [v for _, v in c["optimizer"].options] == list(OPTIMIZERS)
    assert set(b) == {"train", "step", "reset"} and all(isinstance(x, W.Button) for x in b.values())
    assert isinstance(pg.output, W.Output)

    def shown():
        (out,) = pg.output.outputs
        return base64.b64decode(out["data"]["image/png"])

    first = shown()
    assert first[:8] == b"\x89PNG\r\n\x1a\n"
    b["step"].click()
    assert pg.epoch == 3 and shown() != first
    b["train"].click()
    assert pg.epoch == 3 + 2 * 3
    assert "epoch 9" in pg.status_line.value
    b["reset"].click()
    assert pg.epoch == 0


def test_the_controls_configure_the_playground():
    pg = small()
    pg.widget()
    c = pg.controls
    c["units"].value = 7
    assert pg.settings["units"] == 7 and pg.parameters["W1"].shape == (7, 2)
    c["optimizer"].value = "rmsprop"
    c["activation"].value = "tanh"
    c["learning_rate"].value = 0.01
    c["keep_prob"].value = 0.8
    c["lambd"].value = 0.03
    c["batch_size"].value = 64
    W1 = pg.parameters["W1"]
    c["seed"].value = 5
    assert pg.settings["seed"] == 5 and not np.array_equal(pg.parameters["W1"], W1)
    c["dataset"].value = "spirals"
    assert c["noise"].value == DEFAULT_NOISE["spirals"] == pg.settings["noise"]
    assert {k: pg.settings[k] for k in ("optimizer", "activation", "keep_prob", "lambd", "batch_size", "dataset")} == \
        {"optimizer": "rmsprop", "activation": "tanh", "keep_prob": 0.8, "lambd": 0.03, "batch_size": 64,
         "dataset": "spirals"}
    assert math.isclose(pg.settings["learning_rate"], 0.01)
    pg.buttons["step"].click()
    assert pg.epoch == pg.settings["epochs_per_step"] and len(pg.history["loss"]) == pg.epoch + 1
    assert np.all(np.isfinite(pg.history["loss"])) and not pg.diverged


# --------------------------------------------------------------------------------------------------
# A NaN from the student's function is told apart from a divergence (issue: the capstone's NaN)

def _notebook_07_solutions():
    """The namespace of 07's own solution cells (and its setup cell's helpers), as a student runs it."""
    import nbformat
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "course" / "source" / "07_deep_network" / "07_deep_network.ipynb"
    nb = nbformat.read(path, as_version=4)
    ns = {"np": np, "math": math, "sigmoid": activations.sigmoid, "relu": activations.relu,
          "sigmoid_grad": activations.sigmoid_grad, "relu_grad": activations.relu_grad}
    for cell in nb.cells:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and "def " in cell.source:
            exec(cell.source, ns)
    return ns


@pytest.mark.parametrize("dataset,seed", [("blobs", 1), ("xor", 2), ("circles", 0), ("moons", 0), ("spirals", 0)])
def test_the_notebook_s_own_solutions_train_without_a_false_divergence(dataset, seed):
    ns = _notebook_07_solutions()
    pg = Playground(ns, dataset=dataset, seed=seed, n_samples=200, optimizer="adam", learning_rate=0.03)
    assert all(pg.origins[n] == "yours" for n in FUNCTION_NAMES), pg.origins
    pg.step(150)
    assert not pg.diverged, (dataset, pg.epoch, pg.divergence_message())
    assert np.isfinite(pg.history["loss"][-1])


def test_a_nan_from_an_unclipped_backward_pass_names_the_function_not_the_learning_rate():
    # XOR, seed 2, Adam: the output saturates at exactly 0.0 or 1.0 and -(Y/AL - (1-Y)/(1-AL)) is 0/0
    pg = Playground(notebook(), dataset="xor", seed=2, optimizer="adam", learning_rate=0.1)
    pg.step(300)
    assert pg.diverged and pg.nan_source == "L_model_backward"
    msg = pg.divergence_message()
    assert "your L_model_backward returned NaN" in msg and "learning rate" not in msg
    assert "L_model_backward" in pg.status() and "lower the learning rate" not in pg.status()
    pg.draw()
    assert "NaN from your L_model_backward" in pg._ax_b.get_title()
    ns = _notebook_07_solutions()              # 07's own solution, from the logits: no NaN there
    pg = Playground(ns, dataset="xor", seed=2, optimizer="adam", learning_rate=0.1)
    pg.step(300)
    assert not pg.diverged


def test_a_real_divergence_still_blames_the_learning_rate():
    pg = Playground(_notebook_07_solutions(), n_samples=120)
    huge = {k: (v * 1e300 if k.startswith("W") else v) for k, v in pg.parameters.items()}
    pg._diverge(huge, pg.X_train, pg.Y_train)  # nnkit's own pass overflows from there too
    assert pg.diverged and pg.nan_source is None
    assert "lower the learning rate" in pg.divergence_message()


def test_the_controls_column_keeps_its_width_and_read_outs_show_whole_numbers():
    # seen in JupyterLab at 1280 px: the figure squeezed the controls and cut the read-outs to "0."
    box = Playground(n_samples=60).widget()
    controls = box.children[0].children[0]
    assert controls.layout.min_width == "430px" and controls.layout.overflow == "visible"
    sliders = {w.description: w for w in controls.children if hasattr(w, "readout_format")}
    assert sliders["noise"].readout_format == ".2f" and sliders["keep_prob"].readout_format == ".2f"
    assert sliders["learning rate"].readout_format == ".4f"
    assert all(w.layout.width == "420px" for w in sliders.values())
