"""A playground in the spirit of TensorFlow Playground: train a small network on a data set in the
plane and watch its decision boundary and its loss curves change as it learns.

In a notebook::

    from nnkit.playground import Playground
    pg = Playground({"initialize_parameters_deep": initialize_parameters_deep,
                     "L_model_forward": L_model_forward, ...})    # or Playground(globals())
    pg.widget()                                                   # the controls and the figure

Without a browser the same state is driven by plain methods, which the widgets call::

    pg.configure(dataset="moons", hidden_layers=3, units=6, optimizer="momentum")
    pg.step(5)          # five epochs
    pg.draw()           # the decision boundary and the loss curves, on pg.figure

**Whose functions run.** The network runs on the functions it is given (in the course, the
student's of ``07_deep_network``): ``initialize_parameters_deep``, ``linear_forward``,
``linear_activation_forward``, ``L_model_forward``, ``linear_backward``,
``linear_activation_backward`` and ``L_model_backward``. Each one that is missing, still raises
``NotImplementedError``, or fails a tiny trial call is replaced by nnkit's reference
(:mod:`nnkit.deep`); :attr:`Playground.origins` says which is which. With ReLU hidden layers and no
dropout one step is exactly the notebook's: ``L_model_forward`` then ``L_model_backward``. With
another hidden activation, or with dropout, the layers are run one by one:
``linear_activation_forward`` (ReLU and sigmoid layers) or ``linear_forward`` followed by the
activation of :mod:`nnkit.activations` (tanh, leaky ReLU), with :func:`nnkit.regularization.dropout_forward`
after each hidden layer, and back with ``linear_activation_backward`` or ``linear_backward``.

Everything else is nnkit's public functions, composed: the data sets (:mod:`nnkit.datasets`), the
cost and its gradient (:mod:`nnkit.losses`), L2 and dropout (:mod:`nnkit.regularization`), the
mini-batches and the update rules (:mod:`nnkit.optimizers`). The module holds no maths of its own.

One training step is one epoch: a fresh shuffle cut into mini-batches of ``batch_size``, and one
update per mini-batch. After every epoch the history records the cross-entropy and the accuracy of
the whole network (no dropout, no L2 term) on the training set and on the test set.
"""

import base64
import io
import time

import numpy as np

from nnkit import activations, datasets, deep, losses, optimizers, regularization

FUNCTION_NAMES = ("initialize_parameters_deep", "linear_forward", "linear_activation_forward", "L_model_forward",
                  "linear_backward", "linear_activation_backward", "L_model_backward")
"""The functions a playground runs on: the graded functions of ``07_deep_network``."""

DATASETS = ("circles", "moons", "xor", "spirals", "blobs")
"""The data sets offered (names of :data:`nnkit.datasets.DATASETS`)."""

DEFAULT_NOISE = {"circles": 0.1, "moons": 0.15, "xor": 0.1, "spirals": 0.05, "blobs": 0.5}
"""The noise each data set starts with (the standard deviation added to each coordinate)."""

ACTIVATIONS = ("relu", "tanh", "sigmoid", "leaky_relu", "elu", "swish", "gelu")
"""The hidden activations offered (the output unit is always a sigmoid)."""

OPTIMIZERS = tuple(optimizers.UPDATE_RULES)
"""The update rules offered: gradient descent, momentum, RMSprop, Adam (those of 06)."""

PLAYGROUND_HYPER = {"gd": {}, "momentum": {"beta": 0.9}, "rmsprop": {"beta": 0.999, "epsilon": 1e-8},
                    "adam": {"beta1": 0.9, "beta2": 0.999, "epsilon": 1e-8}}
"""The hyper-parameters of each update rule in the playground (the course's usual values)."""

L2_VALUES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
"""The L2 strengths offered by the widget (any lambd >= 0 works in :meth:`Playground.configure`)."""

BATCH_SIZES = (1, 8, 16, 32, 64, 128, 256)
"""The mini-batch sizes offered by the widget (a size >= the training set is full batch)."""

DEFAULTS = {"dataset": "circles", "noise": None, "n_samples": 300, "test_fraction": 0.3, "hidden_layers": 2,
            "units": 4, "activation": "relu", "learning_rate": 0.01, "lambd": 0.0, "keep_prob": 1.0,
            "optimizer": "adam", "batch_size": 32, "epochs_per_step": 5, "seed": 0}
"""Every setting and its starting value (``noise=None``: the data set's :data:`DEFAULT_NOISE`)."""

#: settings that make new data, a new network, a new optimizer state
_DATA_KEYS = {"dataset", "noise", "n_samples", "test_fraction", "seed"}
_NET_KEYS = {"hidden_layers", "units", "activation"}
_OPT_KEYS = {"optimizer"}

GRID = 90
"""Points per side of the grid on which the decision boundary is drawn."""

REDRAW_EVERY = 0.4
"""Seconds of training after which the widget redraws, even in the middle of a step."""


# --------------------------------------------------------------------------------------------------
# Whose functions: the given ones, or nnkit's reference where one is missing or not written yet


def _shapes(value, *shapes):
    """True if ``value`` is a tuple or list of arrays of the given shapes."""
    return (isinstance(value, (tuple, list)) and len(value) == len(shapes)
            and all(np.shape(v) == s for v, s in zip(value, shapes)))


def _is_linear_cache(cache, n_prev, n_l, m):
    return _shapes(cache, (n_prev, m), (n_l, n_prev), (n_l, 1))


def _is_activation_cache(cache, n_prev, n_l, m):
    return (isinstance(cache, (tuple, list)) and len(cache) == 2 and _is_linear_cache(cache[0], n_prev, n_l, m)
            and np.shape(cache[1]) == (n_l, m))


def _trial_inputs():
    """Small, valid inputs for one trial call of each function (made by the reference), and a test of
    the structure of what comes back (the types and shapes the contract fixes; not the values)."""
    rng = np.random.default_rng(0)
    X, Y = rng.normal(size=(2, 3)), np.array([[1.0, 0.0, 1.0]])
    params = deep.initialize_parameters_deep([2, 3, 1], 0)
    A_prev, W, b = rng.normal(size=(2, 3)), rng.normal(size=(4, 2)), rng.normal(size=(4, 1))
    _, lin_cache = deep.linear_forward(A_prev, W, b)
    _, act_cache = deep.linear_activation_forward(A_prev, W, b, "relu")
    AL, caches = deep.L_model_forward(X, params)
    shapes = {"W1": (3, 2), "b1": (3, 1), "W2": (1, 3), "b2": (1, 1)}
    return {
        "initialize_parameters_deep": (([2, 3, 1], 0), lambda out: isinstance(out, dict) and all(
            np.shape(out.get(k)) == s for k, s in shapes.items())),
        "linear_forward": ((A_prev, W, b), lambda out: isinstance(out, (tuple, list)) and len(out) == 2
                           and np.shape(out[0]) == (4, 3) and _is_linear_cache(out[1], 2, 4, 3)),
        "linear_activation_forward": ((A_prev, W, b, "relu"), lambda out: isinstance(out, (tuple, list))
                                      and len(out) == 2 and np.shape(out[0]) == (4, 3)
                                      and _is_activation_cache(out[1], 2, 4, 3)),
        "L_model_forward": ((X, params), lambda out: isinstance(out, (tuple, list)) and len(out) == 2
                            and np.shape(out[0]) == (1, 3) and isinstance(out[1], (tuple, list))
                            and len(out[1]) == 2 and _is_activation_cache(out[1][0], 2, 3, 3)
                            and _is_activation_cache(out[1][1], 3, 1, 3)),
        "linear_backward": ((rng.normal(size=(4, 3)), lin_cache), lambda out: _shapes(out, (2, 3), (4, 2), (4, 1))),
        "linear_activation_backward": ((rng.normal(size=(4, 3)), act_cache, "relu"),
                                       lambda out: _shapes(out, (2, 3), (4, 2), (4, 1))),
        "L_model_backward": ((AL, Y, caches), lambda out: isinstance(out, dict) and all(
            np.shape(out.get("d" + k)) == s for k, s in shapes.items())),
    }


def resolve_functions(functions=None):
    """The functions to run on, and where each comes from.

    Parameters
    ----------
    functions : dict or None
        Name -> function, e.g. ``{"L_model_forward": L_model_forward, ...}`` or a notebook's
        ``globals()``; other entries are ignored.

    Returns
    -------
    chosen : dict
        One function for each name of :data:`FUNCTION_NAMES`.
    origins : dict
        Name -> ``"yours"``, or ``"nnkit"`` with the reason (``"nnkit (missing)"``,
        ``"nnkit (not written yet)"``, ``"nnkit (yours raised ValueError: ...)"``,
        ``"nnkit (yours returned the wrong types or shapes)"``). Only the structure of the results is
        tried (the tuples, dicts and shapes of the contract), not their values: a function that runs
        but computes something else is used, and the student sees what it does to training.
    """
    functions = functions or {}
    trials = _trial_inputs()
    chosen, origins = {}, {}
    for name in FUNCTION_NAMES:
        fn = functions.get(name)
        reason = None
        if fn is None or not callable(fn):
            reason = "missing"
        elif getattr(fn, "__module__", "") == deep.__name__:
            reason = "given"
        else:
            args, ok = trials[name]
            try:
                with np.errstate(all="ignore"):
                    out = fn(*args)
                if not ok(out):
                    reason = "yours returned the wrong types or shapes"
            except NotImplementedError:
                reason = "not written yet"
            except Exception as e:  # noqa: BLE001 - a student's bug: fall back and say so
                reason = f"yours raised {type(e).__name__}: {str(e)[:80]}"
        if reason is None:
            chosen[name], origins[name] = fn, "yours"
        else:
            chosen[name] = getattr(deep, name)
            origins[name] = "nnkit" if reason == "given" else f"nnkit ({reason})"
    return chosen, origins


# --------------------------------------------------------------------------------------------------


class Playground:
    """A network, a data set, an optimizer and their history, with a figure and a widget.

    Parameters
    ----------
    functions : dict or None
        The functions to run on (see :func:`resolve_functions`); None: nnkit's throughout.
    **settings
        Starting values of the settings of :data:`DEFAULTS` (see :meth:`configure`).

    Attributes
    ----------
    settings : dict
        The current settings.
    origins : dict
        For each function of :data:`FUNCTION_NAMES`: ``"yours"`` or where nnkit's is used instead.
    parameters : dict of ndarray
        The current parameters ``{"W1", "b1", ..., "WL", "bL"}``.
    history : dict of list
        ``"epoch"``, ``"loss"``, ``"test_loss"``, ``"accuracy"``, ``"test_accuracy"``: one entry per
        epoch, the first for the untrained network (epoch 0).
    epoch : int
        Epochs done since the last reset.
    diverged : bool
        True once the parameters or the loss stopped being finite (lower the learning rate, reset).
    nan_source : str or None
        When one of the student's functions made the NaN or inf (not the learning rate): its name.
    X_train, Y_train, X_test, Y_test : ndarray
        The data, one column per example.
    figure : matplotlib.figure.Figure or None
        The figure :meth:`draw` draws on (made on its first call).
    """

    def __init__(self, functions=None, **settings):
        self.fn, self.origins = resolve_functions(functions)
        unknown = set(settings) - set(DEFAULTS)
        if unknown:
            raise ValueError(f"unknown setting(s) {sorted(unknown)}; the settings are {sorted(DEFAULTS)}")
        self.settings = dict(DEFAULTS)
        self.settings.update(self._checked(settings))
        if self.settings["noise"] is None:
            self.settings["noise"] = DEFAULT_NOISE[self.settings["dataset"]]
        self.figure = None
        self._widgets = None
        self._make_data()
        self.reset()

    # -- settings -----------------------------------------------------------------------------------

    @staticmethod
    def _checked(settings):
        out = {}
        for key, value in settings.items():
            if key == "dataset" and value not in DATASETS:
                raise ValueError(f"dataset must be one of {DATASETS}; got {value!r}")
            if key == "activation" and value not in ACTIVATIONS:
                raise ValueError(f"activation must be one of {ACTIVATIONS}; got {value!r}")
            if key == "optimizer" and value not in OPTIMIZERS:
                raise ValueError(f"optimizer must be one of {OPTIMIZERS}; got {value!r}")
            if key in ("hidden_layers",) and not (isinstance(value, (int, np.integer)) and value >= 0):
                raise ValueError(f"{key} must be an integer >= 0; got {value!r}")
            if key in ("units", "batch_size", "epochs_per_step", "n_samples") and not (
                    isinstance(value, (int, np.integer)) and value >= 1):
                raise ValueError(f"{key} must be an integer >= 1; got {value!r}")
            if key == "learning_rate" and not value > 0:
                raise ValueError(f"learning_rate must be > 0; got {value!r}")
            if key == "lambd" and not value >= 0:
                raise ValueError(f"lambd must be >= 0; got {value!r}")
            if key == "keep_prob" and not 0 < value <= 1:
                raise ValueError(f"keep_prob must be in (0, 1]; got {value!r}")
            if key == "noise" and value is not None and not value >= 0:
                raise ValueError(f"noise must be >= 0; got {value!r}")
            out[key] = value.item() if isinstance(value, np.generic) else value
        return out

    def configure(self, **settings):
        """Change settings (names of :data:`DEFAULTS`); what they invalidate is redone.

        A new data set, noise, size or seed makes new data and a new network; new layers, units or
        activation a new network; a new optimizer a fresh optimizer state (the parameters are kept);
        the learning rate, L2, dropout, batch size and epochs per step apply from the next update.
        Choosing a data set without a noise sets its :data:`DEFAULT_NOISE`.

        Returns
        -------
        playground : Playground
            ``self``.
        """
        unknown = set(settings) - set(DEFAULTS)
        if unknown:
            raise ValueError(f"unknown setting(s) {sorted(unknown)}; the settings are {sorted(DEFAULTS)}")
        settings = self._checked(settings)
        if ("dataset" in settings or "noise" in settings) and settings.get("noise") is None:
            settings["noise"] = DEFAULT_NOISE[settings.get("dataset", self.settings["dataset"])]
        changed = {k for k, v in settings.items() if self.settings.get(k) != v}
        self.settings.update(settings)
        if changed & _DATA_KEYS:
            self._make_data()
        if changed & (_DATA_KEYS | _NET_KEYS):
            self.reset()
        elif changed & _OPT_KEYS:
            self._init_optimizer()
        return self

    @property
    def layer_dims(self):
        """``[2, units, ..., units, 1]``: ``hidden_layers`` hidden layers of ``units`` units."""
        s = self.settings
        return [2] + [s["units"]] * s["hidden_layers"] + [1]

    def _make_data(self):
        s = self.settings
        X, Y = datasets.load(s["dataset"], m=s["n_samples"], noise=s["noise"], seed=s["seed"])
        self.X_train, self.Y_train, self.X_test, self.Y_test = datasets.train_test_split(
            X, Y, s["test_fraction"], rng=s["seed"])
        lo, hi = X.min(axis=1), X.max(axis=1)
        pad = 0.15 * (hi - lo).max()
        self._extent = (lo[0] - pad, hi[0] + pad, lo[1] - pad, hi[1] + pad)
        xs = np.linspace(self._extent[0], self._extent[1], GRID)
        ys = np.linspace(self._extent[2], self._extent[3], GRID)
        gx, gy = np.meshgrid(xs, ys)
        self._grid = np.vstack([gx.ravel(), gy.ravel()])
        self._data_version = getattr(self, "_data_version", 0) + 1

    def _init_optimizer(self):
        self._t = 0
        self._opt_state = optimizers.UPDATE_RULES[self.settings["optimizer"]].init(self.parameters)

    def reset(self):
        """A new network (``initialize_parameters_deep(layer_dims, seed)``), optimizer state and history.

        The same seed gives the same starting network, so two runs that differ in one setting start
        from the same point.

        Returns
        -------
        playground : Playground
            ``self``.
        """
        seed = self.settings["seed"]
        self.parameters = self.fn["initialize_parameters_deep"](self.layer_dims, seed)
        self._init_optimizer()
        self.rng = np.random.default_rng(np.random.SeedSequence(seed).spawn(1)[0])
        self.epoch = 0
        self.diverged = False
        self.nan_source = None
        self.history = {"epoch": [], "loss": [], "test_loss": [], "accuracy": [], "test_accuracy": []}
        self._record()
        return self

    # -- the network ----------------------------------------------------------------------------------

    def _whole_model(self, dropout):
        return self.settings["activation"] == "relu" and not dropout

    def _layers(self):
        """The layer functions of :func:`nnkit.deep.forward_pass` and ``backward_pass`` on the given
        functions: ``linear_activation_forward`` / ``_backward`` for ReLU and sigmoid layers, else
        ``linear_forward`` / ``linear_backward`` around the activation of :mod:`nnkit.activations`."""
        f, act = self.fn, self.settings["activation"]

        def forward(g):
            if g in ("relu", "sigmoid"):
                return lambda A, W, b: f["linear_activation_forward"](A, W, b, g)

            def layer(A, W, b):
                Z, linear_cache = f["linear_forward"](A, W, b)
                return activations.get_activation(g)(Z), (linear_cache, Z)
            return layer

        def backward(g):
            if g in ("relu", "sigmoid"):
                return lambda dA, cache: f["linear_activation_backward"](dA, cache, g)
            return lambda dA, cache: f["linear_backward"](dA * activations.get_derivative(g)(cache[1]), cache[0])

        out_back = backward("sigmoid")
        return (forward(act), forward("sigmoid"), backward(act),
                lambda AL, Y, cache: out_back(losses.binary_cross_entropy_grad(AL, Y), cache))

    def forward(self, X, dropout=False):
        """The network on ``X`` (2, m): ``(AL, caches, masks)``; ``masks`` is None without dropout."""
        P, kp = self.parameters, self.settings["keep_prob"]
        dropout = dropout and kp < 1.0
        if self._whole_model(dropout):
            AL, caches = self.fn["L_model_forward"](X, P)
            return AL, caches, None
        hidden, output, _, _ = self._layers()
        layers = [(P[f"W{l}"], P[f"b{l}"]) for l in range(1, len(self.layer_dims))]
        AL, caches, masks = deep.forward_pass(X, layers, hidden, output, kp if dropout else 1.0, self.rng)
        return AL, caches, (masks if dropout else None)

    def backward(self, AL, Y, caches, masks):
        """The gradients (with the L2 term when lambd > 0) of the pass :meth:`forward` made."""
        if masks is None and self._whole_model(False):
            grads = self.fn["L_model_backward"](AL, Y, caches)
            grads = {k: v for k, v in grads.items() if not k.startswith("dA")}
        else:
            _, _, hidden_back, output_back = self._layers()
            dWs, dbs, _ = deep.backward_pass(AL, Y, caches, masks or [], self.settings["keep_prob"], hidden_back,
                                             output_back)
            grads = deep.grads_dict(dWs, dbs)
        if self.settings["lambd"] > 0:
            grads = regularization.l2_gradients(grads, self.parameters, self.settings["lambd"], self.X_train.shape[1])
        return grads

    def _update(self, grads):
        s = self.settings
        self._t += 1
        self.parameters, self._opt_state = optimizers.apply_update(
            s["optimizer"], self.parameters, grads, self._opt_state, self._t, s["learning_rate"],
            **PLAYGROUND_HYPER[s["optimizer"]])

    def predict_proba(self, X):
        """P(y = 1 | x) of the current network (no dropout), shape (1, m), for X of shape (2, m)."""
        if not self._finite():
            return np.full((1, np.shape(X)[1]), np.nan)
        with np.errstate(all="ignore"):
            return self.forward(X)[0]

    def _finite(self):
        return all(np.all(np.isfinite(p)) for p in self.parameters.values())

    def _record(self):
        h = self.history
        h["epoch"].append(self.epoch)
        for X, Y, loss_key, acc_key in ((self.X_train, self.Y_train, "loss", "accuracy"),
                                        (self.X_test, self.Y_test, "test_loss", "test_accuracy")):
            AL = self.predict_proba(X) if self._finite() else np.full(Y.shape, np.nan)
            if np.all(np.isfinite(AL)):
                h[loss_key].append(losses.binary_cross_entropy(np.clip(AL, 0.0, 1.0), Y))
                h[acc_key].append(float(np.mean((AL > 0.5) == (Y > 0.5))))
            else:
                h[loss_key].append(float("nan"))
                h[acc_key].append(float("nan"))
                self.diverged = True

    def step(self, n_epochs=None):
        """Train ``n_epochs`` epochs (default: the ``epochs_per_step`` setting); one history entry each.

        Does nothing once the network has diverged (see :attr:`diverged`; :meth:`reset` starts again).

        Returns
        -------
        playground : Playground
            ``self``.
        """
        n = self.settings["epochs_per_step"] if n_epochs is None else int(n_epochs)
        X, Y, size = self.X_train, self.Y_train, self.settings["batch_size"]
        for _ in range(n):
            if self.diverged:
                break
            with np.errstate(all="ignore"):
                for Xb, Yb in optimizers.random_mini_batches(X, Y, size, self.rng):
                    before = self.parameters
                    try:
                        AL, caches, masks = self.forward(Xb, dropout=True)
                        if not np.all(np.isfinite(AL)):
                            self._diverge(before, Xb, Yb)
                            break
                        self._update(self.backward(AL, Yb, caches, masks))
                    except ValueError as e:  # nnkit's functions refuse NaN and inf: an overflow in the pass
                        if self._finite() and "NaN or inf" not in str(e):
                            raise
                        self._diverge(before, Xb, Yb)
                        break
                    if not self._finite():
                        self._diverge(before, Xb, Yb)
                        break
            self.epoch += 1
            self._record()
        return self

    def _pass_is_finite(self, parameters, X, Y, functions):
        """Whether one forward and backward pass (no dropout) from ``parameters`` stays finite."""
        saved_fn, saved_P = self.fn, self.parameters
        self.fn, self.parameters = functions, parameters
        try:
            with np.errstate(all="ignore"):
                AL, caches, masks = self.forward(X, dropout=False)
                grads = self.backward(AL, Y, caches, masks)
            return bool(np.all(np.isfinite(AL)) and all(np.all(np.isfinite(g)) for g in grads.values()))
        except Exception:  # noqa: BLE001 - a pass that raises is not finite
            return False
        finally:
            self.fn, self.parameters = saved_fn, saved_P

    def _diverge(self, before, X, Y):
        """Stop training, and tell a NaN that one of the student's functions made from a divergence.

        From the last finite parameters ``before`` and the batch, the pass is run again: if it is
        finite with nnkit's functions but not with the student's, each of the student's functions is
        replaced by nnkit's in turn, and the first whose replacement makes the pass finite is named
        (:attr:`nan_source`). Otherwise the training itself diverged (the learning rate).
        """
        self.diverged, self.nan_source = True, None
        if not all(np.all(np.isfinite(p)) for p in before.values()):
            return
        reference = {name: getattr(deep, name) for name in FUNCTION_NAMES}
        if self._pass_is_finite(before, X, Y, self.fn) or not self._pass_is_finite(before, X, Y, reference):
            return
        for name in FUNCTION_NAMES:
            if self.origins[name] == "yours" and name != "initialize_parameters_deep":
                if self._pass_is_finite(before, X, Y, {**self.fn, name: reference[name]}):
                    self.nan_source = name
                    return

    def divergence_message(self):
        """What went wrong, in one line (empty while training is fine)."""
        if not self.diverged:
            return ""
        if self.nan_source:
            return (f"your {self.nan_source} returned NaN or inf where nnkit's stays finite "
                    "(a saturated output? see 07 on starting the backward pass from the logits); "
                    "fix it and press Reset")
        return "the training diverged: lower the learning rate and press Reset"

    # -- the figure -----------------------------------------------------------------------------------

    def _make_figure(self):
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
        from matplotlib.ticker import MaxNLocator

        fig = Figure(figsize=(10, 4.2), dpi=80)  # fixed margins: a layout engine would cost a draw
        ax_b, ax_l = fig.subplots(1, 2, width_ratios=(1, 1.1))
        fig.subplots_adjust(left=0.07, right=0.98, bottom=0.12, top=0.87, wspace=0.35)
        self._im = ax_b.imshow(np.zeros((GRID, GRID)), origin="lower", cmap="RdBu", vmin=-0.6, vmax=1.6,
                               alpha=0.8, interpolation="bilinear", aspect="auto")
        self._contour = None
        kw = {"cmap": "RdBu", "vmin": -0.1, "vmax": 1.1, "linewidths": 0.7}
        self._train_pts = ax_b.scatter(np.zeros(1), np.zeros(1), c=np.zeros(1), s=20, edgecolors="white", **kw)
        self._test_pts = ax_b.scatter(np.zeros(1), np.zeros(1), c=np.zeros(1), s=26, marker="^",
                                      edgecolors="black", **kw)
        handles = [Line2D([], [], ls="", marker=mk, color="0.45", markeredgecolor=ec, label=lb)
                   for mk, ec, lb in (("o", "white", "training"), ("^", "black", "test"))]
        handles.append(Line2D([], [], color="black", lw=1.2, label="P = 0.5"))
        ax_b.legend(handles=handles, loc="upper right", fontsize=8, framealpha=0.85)
        ax_b.set_xticks([])  # no tick labels on the plane: text is what costs most in a redraw
        ax_b.set_yticks([])
        ax_b.set_xlabel("x1")
        ax_b.set_ylabel("x2")
        self._loss_line, = ax_l.plot([], [], color="C0", lw=2, label="training loss")
        self._test_line, = ax_l.plot([], [], color="C1", lw=2, ls="--", label="test loss")
        ax_l.set_xlabel("epoch")
        ax_l.xaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
        ax_l.yaxis.set_major_locator(MaxNLocator(nbins=5))
        ax_l.set_ylabel("cross-entropy")
        ax_l.grid(alpha=0.3)
        ax_l.legend(loc="upper right", fontsize=9)
        self._ax_b, self._ax_l, self._drawn_data = ax_b, ax_l, None
        self.figure = fig
        return fig

    def draw(self):
        """Draw the current decision boundary and loss curves on :attr:`figure` (made on first use).

        Returns
        -------
        figure : matplotlib.figure.Figure
        """
        fig = self.figure or self._make_figure()
        ax_b, ax_l = self._ax_b, self._ax_l
        if self._drawn_data != self._data_version:
            for pts, X, Y in ((self._train_pts, self.X_train, self.Y_train),
                              (self._test_pts, self.X_test, self.Y_test)):
                pts.set_offsets(X.T)
                pts.set_array(Y.ravel())
            self._im.set_extent(self._extent)
            ax_b.set_xlim(self._extent[:2])
            ax_b.set_ylim(self._extent[2:])
            self._drawn_data = self._data_version
        P = self.predict_proba(self._grid).reshape(GRID, GRID)
        P = np.where(np.isfinite(P), P, 0.5)
        self._im.set_data(P)
        if self._contour is not None:
            self._contour.remove()
            self._contour = None
        if P.min() < 0.5 < P.max():
            xs = np.linspace(self._extent[0], self._extent[1], GRID)
            ys = np.linspace(self._extent[2], self._extent[3], GRID)
            self._contour = ax_b.contour(xs, ys, P, levels=[0.5], colors="black", linewidths=1.2)
        s, h = self.settings, self.history
        ax_b.set_title(f"{s['dataset']}: {'-'.join(map(str, self.layer_dims))}, {s['activation']}, "
                       f"{s['optimizer']}\nepoch {self.epoch}, train acc {h['accuracy'][-1]:.0%}, "
                       f"test acc {h['test_accuracy'][-1]:.0%}" if not self.diverged else
                       (f"{s['dataset']}: NaN from your {self.nan_source} at epoch {self.epoch}" if self.nan_source
                        else f"{s['dataset']}: diverged at epoch {self.epoch}\nlower the learning rate and reset"),
                       fontsize=10, y=1.01)  # an explicit y skips matplotlib's costly title placement
        self._loss_line.set_data(h["epoch"], h["loss"])
        self._test_line.set_data(h["epoch"], h["test_loss"])
        finite = [v for v in h["loss"] + h["test_loss"] if np.isfinite(v)]
        ax_l.set_xlim(0, max(self.epoch, 10))
        ax_l.set_ylim(0, max(max(finite, default=1.0) * 1.05, 0.1))
        ax_l.set_title(f"loss: train {h['loss'][-1]:.3f}, test {h['test_loss'][-1]:.3f}", fontsize=10, y=1.01)
        return fig

    def png(self):
        """The figure, drawn, as PNG bytes."""
        buf = io.BytesIO()
        self.draw().savefig(buf, format="png", pil_kwargs={"compress_level": 1})
        return buf.getvalue()

    # -- the widget -----------------------------------------------------------------------------------

    def status(self):
        """One line of HTML: the epoch, the losses and whose functions are running."""
        h = self.history
        yours = [n for n in FUNCTION_NAMES if self.origins[n] == "yours"]
        who = ("all yours" if len(yours) == len(FUNCTION_NAMES) else
               f"yours: {', '.join(yours) or 'none yet'}; nnkit's for the others")
        state = f"<b>stopped</b>: {self.divergence_message()}. " if self.diverged else ""
        return (f"{state}epoch {self.epoch} &middot; training loss {h['loss'][-1]:.4f} &middot; "
                f"test loss {h['test_loss'][-1]:.4f} &middot; functions: {who}")

    def _show(self):
        """Put the freshly drawn figure in the Output widget, and the status under it."""
        w = self._widgets
        png = base64.b64encode(self.png()).decode("ascii")
        w["output"].outputs = ({"output_type": "display_data", "metadata": {},
                                "data": {"image/png": png, "text/plain": "<the playground's figure>"}},)
        w["status"].value = self.status()

    def widget(self, train_steps=20):
        """The controls, the figure and the status, as an ipywidgets box wired to this playground.

        Changing a control calls :meth:`configure` and redraws. **Step** trains ``epochs_per_step``
        epochs; **Train** does that ``train_steps`` times, redrawing after each; **Reset** starts a
        new network from the same seed (the **seed** control draws other data and other weights).
        Within a step the figure is also redrawn whenever :data:`REDRAW_EVERY` seconds of training
        have passed, so that tiny batches on a deep network stay live. The widgets are kept in
        :attr:`controls` (by setting name) and :attr:`buttons`, the figure's Output widget in
        :attr:`output` and the status line in :attr:`status_line`.

        Returns
        -------
        box : ipywidgets.VBox
        """
        import ipywidgets as W

        s = self.settings
        # wide enough for the slider and its read-out (0.15, 0.0316, 0.85 shown whole at 1280 px)
        style, layout = {"description_width": "115px"}, W.Layout(width="420px")
        c = {
            "dataset": W.Dropdown(options=DATASETS, value=s["dataset"], description="data set"),
            "noise": W.FloatSlider(value=s["noise"], min=0.0, max=0.8, step=0.01, description="noise",
                                   readout_format=".2f"),
            "hidden_layers": W.IntSlider(value=s["hidden_layers"], min=0, max=6, description="hidden layers"),
            "units": W.IntSlider(value=s["units"], min=1, max=8, description="units per layer"),
            "activation": W.Dropdown(options=ACTIVATIONS, value=s["activation"], description="activation"),
            "learning_rate": W.FloatLogSlider(value=s["learning_rate"], base=10, min=-4, max=0, step=0.25,
                                              description="learning rate", readout_format=".4f"),
            "lambd": W.SelectionSlider(options=sorted(set(L2_VALUES) | {s["lambd"]}), value=s["lambd"],
                                       description="L2 (lambd)"),
            "keep_prob": W.FloatSlider(value=s["keep_prob"], min=0.5, max=1.0, step=0.05,
                                       description="keep_prob", readout_format=".2f"),
            "optimizer": W.Dropdown(options=[("gradient descent", "gd"), ("momentum", "momentum"),
                                             ("RMSprop", "rmsprop"), ("Adam", "adam")],
                                    value=s["optimizer"], description="optimiser"),
            "batch_size": W.Dropdown(options=sorted(set(BATCH_SIZES) | {s["batch_size"]}), value=s["batch_size"],
                                     description="batch size"),
            "epochs_per_step": W.IntSlider(value=s["epochs_per_step"], min=1, max=50, description="epochs / step"),
            "seed": W.IntSlider(value=s["seed"], min=0, max=max(20, s["seed"]), description="seed"),
        }
        for w in c.values():
            w.style, w.layout = style, layout
        b = {"train": W.Button(description="Train", button_style="success", icon="play",
                               tooltip=f"{train_steps} steps, redrawing after each"),
             "step": W.Button(description="Step", icon="step-forward", tooltip="one step of epochs_per_step epochs"),
             "reset": W.Button(description="Reset", button_style="warning", icon="refresh",
                               tooltip="a new network, same seed")}
        for w in b.values():
            w.layout = W.Layout(width="105px")
        self._widgets = {"output": W.Output(), "status": W.HTML()}
        self.controls, self.buttons = c, b
        self.output, self.status_line = self._widgets["output"], self._widgets["status"]

        syncing = []

        def on_change(change, name):
            if syncing:  # a control set from here, not by the user
                return
            try:
                self.configure(**{name: change["new"]})
            except ValueError as e:
                self._widgets["status"].value = f"<b>not possible:</b> {e}"
                return
            if name == "dataset":  # the data set brings its own noise
                syncing.append(True)
                try:
                    c["noise"].value = self.settings["noise"]
                finally:
                    syncing.clear()
            self._show()

        for name, w in c.items():
            w.observe(lambda ch, name=name: on_change(ch, name), names="value")

        def run(n_steps):
            # one epoch at a time, so that a slow configuration (tiny batches, a deep network) is
            # redrawn at least every REDRAW_EVERY seconds, and in any case after each step
            for _ in range(n_steps):
                shown = time.perf_counter()
                for _ in range(self.settings["epochs_per_step"]):
                    self.step(1)
                    if self.diverged:
                        break
                    if time.perf_counter() - shown > REDRAW_EVERY:
                        self._show()
                        shown = time.perf_counter()
                self._show()
                if self.diverged:
                    break

        b["step"].on_click(lambda _: run(1))
        b["train"].on_click(lambda _: run(train_steps))
        b["reset"].on_click(lambda _: (self.reset(), self._show()))
        self._show()
        controls = W.VBox([W.HTML("<b>Data</b>"), c["dataset"], c["noise"], c["seed"],
                           W.HTML("<b>Network</b>"), c["hidden_layers"], c["units"], c["activation"],
                           W.HTML("<b>Training</b>"), c["optimizer"], c["learning_rate"], c["batch_size"],
                           c["lambd"], c["keep_prob"], c["epochs_per_step"],
                           W.HBox([b["train"], b["step"], b["reset"]])],
                          layout=W.Layout(min_width="430px", overflow="visible"))  # never squeezed by the figure
        return W.VBox([W.HBox([controls, self._widgets["output"]]), self._widgets["status"]])

    def time_step(self, n_epochs=None):
        """Seconds for one :meth:`step` and for one :meth:`png` (drawing and rendering): a benchmark aid."""
        t0 = time.perf_counter()
        self.step(n_epochs)
        t1 = time.perf_counter()
        self.png()
        return t1 - t0, time.perf_counter() - t1


__all__ = ["Playground", "resolve_functions", "FUNCTION_NAMES", "DATASETS", "ACTIVATIONS", "OPTIMIZERS",
           "DEFAULTS", "DEFAULT_NOISE"]
