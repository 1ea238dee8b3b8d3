"""A training loop for the L-layer network of :mod:`nnkit.deep`: optimizers, mini-batches, L2, dropout.

One step on a mini-batch (X_b, Y_b) is, in the course's public functions::

    AL, caches = L_model_forward(X_b, parameters)                 (forward_with_dropout if keep_prob < 1)
    grads = L_model_backward(AL, Y_b, caches)                     (backward_with_dropout if keep_prob < 1)
    grads = l2_gradients(grads, parameters, lambd, m)             (if lambd > 0; m = all the examples)
    t = t + 1
    parameters = update_parameters_with_<optimizer>(parameters, grads, state, ..., t)

The trainer checks its data and parameters once and then runs what those functions run, unchecked:
the passes :func:`nnkit.deep.forward_pass` and :func:`nnkit.deep.backward_pass` and the update
rules of :data:`nnkit.optimizers.UPDATE_RULES`, so that a step of a small network costs little more
than a hand-written loop (``benchmarks/bench_training.py``); a test holds it to the public functions
above. One epoch is one pass over the mini-batches of a fresh shuffle (``random_mini_batches``), or one
full-batch step when ``mini_batch_size`` is None. The cost being minimised is::

    J = -(1/m) sum_i [y_i log a_i + (1 - y_i) log(1 - a_i)] + (lambd / (2m)) sum_l ||W_l||_F^2

Dropout (``keep_prob`` < 1, the probability of *keeping* a unit) acts on the hidden layers 1..L-1
only, during training only: predictions and every number in the history use the whole network.

The history
-----------
``history["epoch"][k]`` is the number of epochs done when the k-th entry was measured; an entry is
written at the start of every epoch whose number is a multiple of ``record_every`` (so entry 0 is the
untrained network, as in Ng's ``costs``). Its numbers cost no extra pass over the training set where
the step already made one:

- full batch, no dropout: ``"cost"`` and ``"train_accuracy"`` come from the forward pass of that
  epoch's step (the parameters before its update);
- mini-batches, no dropout: the mean of the mini-batch costs (and the share of right answers) over
  the forward passes of the epoch, as in Ng's mini-batch loop;
- dropout: one extra forward pass of the whole training set without dropout, at the start of the
  epoch (the dropped-out passes measure a different, random network).

``"val_cost"`` and ``"val_accuracy"`` (present when ``X_val``, ``Y_val`` are given) are measured at
the start of the same epoch. Every cost includes the L2 term ``(lambd / (2m)) sum ||W||^2`` (m the
number of training examples), so train and validation costs compare.

Randomness: the parameters are ``initialize_parameters_deep(layer_dims, seed)`` (He); the shuffles
and dropout masks are drawn from one generator, ``numpy.random.default_rng(SeedSequence(seed).spawn(1)[0])``
(independent of the initialisation), kept by the :class:`Trainer` between calls of ``step``. If
``seed`` is a ``numpy.random.Generator``, both draw from it.
"""

import numbers

import numpy as np

from nnkit._validate import (as_generator, check_A_Y, check_activation, check_features, check_keep_prob,
                             check_positive_int, check_scalar, check_X_Y, parameter_layers)
from nnkit.activations import _BACKWARD, _FORWARD, _sigmoid, ACTIVATIONS
from nnkit.deep import (_layer, _layer_back, _linear_backward, _output_back, _weight_grads, backward_pass, check_caches,
                        forward_pass, grads_dict, initialize_parameters_deep, L_model_forward, predict)
from nnkit.losses import _bce, binary_cross_entropy
from nnkit.optimizers import check_hyper, random_mini_batches, UPDATE_RULES
from nnkit.regularization import _weight_decay, l2_penalty

OPTIMIZERS = tuple(UPDATE_RULES)
"""The names accepted by ``optimizer``: those of :data:`nnkit.optimizers.UPDATE_RULES`."""


# --------------------------------------------------------------------------------------------------
# Forward and backward passes with dropout between the layers


def forward_with_dropout(X, parameters, keep_prob, rng, hidden_activation="relu"):
    """Forward pass of the L-layer network with inverted dropout after each hidden layer.

    For l = 1..L-1: ``A_l, cache_l = linear_activation_forward(A_{l-1}, W_l, b_l, hidden_activation)``
    then ``A_l, mask_l = dropout_forward(A_l, keep_prob, rng)``; the output layer is
    ``AL = sigmoid(W_L A_{L-1} + b_L)`` with no dropout. The cache of layer l + 1 holds the dropped-out
    ``A_l``, as the gradient dW_{l+1} = (1/m) dZ_{l+1} A_l^T needs.

    Parameters
    ----------
    X : array_like, shape (n_x, m)
        Inputs, one column per example.
    parameters : dict of ndarray
        ``{"W1": (n_1, n_x), "b1": (n_1, 1), ..., "WL": (1, n_{L-1}), "bL": (1, 1)}``.
    keep_prob : float
        Probability of keeping a hidden unit, in (0, 1].
    rng : numpy.random.Generator, int or None
        Generator of the masks (it advances), or a seed for one.
    hidden_activation : str, default "relu"
        Activation of layers 1..L-1, a name in :data:`nnkit.activations.ACTIVATIONS`.

    Returns
    -------
    AL : ndarray of float64, shape (1, m)
        Output probabilities of the dropped-out network.
    caches : list of tuple
        One ``((A_prev, W, b), Z)`` per layer, layer 1 first, as :func:`nnkit.deep.L_model_forward`.
    masks : list of ndarray
        ``mask_l`` of shape (n_l, m) (1.0 kept, 0.0 dropped) for l = 1..L-1.
    """
    g = _FORWARD[check_activation(hidden_activation, _FORWARD)]
    keep_prob = check_keep_prob(keep_prob)
    rng = as_generator(rng)
    layers = parameter_layers(parameters)
    X = check_features(X, layers[0][0].shape[1])
    AL, caches, masks = forward_pass(X, layers, _layer(g), _layer(_sigmoid), keep_prob, rng)
    if not masks:  # keep_prob = 1: every unit kept, the masks are ones (and no number is drawn)
        masks = [np.ones_like(cache[1]) for cache in caches[:-1]]
    return AL, caches, masks


def backward_with_dropout(AL, Y, caches, masks, keep_prob, hidden_activation="relu"):
    """Backward pass of :func:`forward_with_dropout`: the same masks, the same scaling, in reverse.

    ``dAL = binary_cross_entropy_grad(AL, Y)``; through layer L with ``linear_activation_backward``
    ("sigmoid"); then for l = L-1..1: ``dA_l = dropout_backward(dA_l, mask_l, keep_prob)`` and
    ``linear_activation_backward(dA_l, cache_l, hidden_activation)``.

    Parameters
    ----------
    AL : array_like, shape (1, m)
        Output of :func:`forward_with_dropout`.
    Y : array_like, shape (1, m)
        Labels.
    caches : list of tuple
        The L caches of :func:`forward_with_dropout`.
    masks : list of ndarray
        Its L - 1 masks, mask_l of shape (n_l, m).
    keep_prob : float
        The same keep_prob, in (0, 1].
    hidden_activation : str, default "relu"
        The activation used forward for layers 1..L-1.

    Returns
    -------
    grads : dict of ndarray
        ``"dW{l}"`` (n_l, n_{l-1}) and ``"db{l}"`` (n_l, 1) for l = 1..L.
    """
    g_grad = _BACKWARD[check_activation(hidden_activation, _BACKWARD)]
    keep_prob = check_keep_prob(keep_prob)
    AL, Y = check_A_Y(AL, Y, "AL", check_labels=False)
    check_caches(caches, AL.shape, "forward_with_dropout")
    L = len(caches)
    if not isinstance(masks, (list, tuple)) or len(masks) != L - 1:
        raise ValueError(f"masks must be the list of L - 1 = {L - 1} masks returned by forward_with_dropout; "
                         f"got {len(masks) if isinstance(masks, (list, tuple)) else type(masks).__name__}")
    for l, (mask, cache) in enumerate(zip(masks, caches), start=1):
        if np.shape(mask) != cache[1].shape:
            raise ValueError(f"masks[{l - 1}] must have the shape {cache[1].shape} of layer {l}; got {np.shape(mask)}")
    masks = [np.asarray(mask, dtype=np.float64) for mask in masks]
    dWs, dbs, _ = backward_pass(AL, Y, caches, masks, keep_prob, _layer_back(g_grad), _output_back)
    return grads_dict(dWs, dbs)


def _trainer_layers(hidden_activation):
    """The trainer's layer functions for :func:`nnkit.deep.forward_pass` and ``backward_pass``: the
    reference's, with savings that give the same numbers but for the last bits: the output layer
    goes back from dZ_L = A_L - Y (the sigmoid and the cross-entropy together); where g'(Z) is a
    cheaper function of A = g(Z) (tanh: 1 - A^2, ReLU: A > 0) a hidden layer's cache holds A in
    place of Z; layer 1 does not compute dA_0. Returns ``(hidden, output, hidden_back, output_back,
    first_back)``."""
    g = _FORWARD[hidden_activation]
    g_grad = _GRAD_OF_OUTPUT.get(hidden_activation)
    if g_grad is None:
        g_grad, hidden = _BACKWARD[hidden_activation], _layer(g)
    else:
        def hidden(A_prev, W, b):
            A = g(W @ A_prev + b)
            return A, ((A_prev, W, b), A)

    def first_back(dA, cache):
        dW, db = _weight_grads(dA * g_grad(cache[1]), cache[0][0])
        return None, dW, db

    return hidden, _layer(_sigmoid), _layer_back(g_grad), _output_back_from_logits, first_back


#: g'(Z) as a function of A = g(Z), where that is the same number and cheaper (no second tanh)
_GRAD_OF_OUTPUT = {"tanh": lambda A: 1.0 - A ** 2, "relu": lambda A: A > 0.0}


def _output_back_from_logits(AL, Y, cache):
    """The output layer and the cross-entropy together: dZ_L = A_L - Y, then the linear backward."""
    return _linear_backward(AL - Y, cache[0])


# --------------------------------------------------------------------------------------------------
# Predictions


def predict_proba(parameters, X, hidden_activation="relu"):
    """The network's probabilities AL = P(y = 1 | x), without dropout.

    Parameters
    ----------
    parameters : dict of ndarray
        ``{"W1", "b1", ..., "WL", "bL"}``.
    X : array_like, shape (n_x, m)
        Inputs.
    hidden_activation : str, default "relu"
        As in training.

    Returns
    -------
    AL : ndarray of float64, shape (1, m)
    """
    return L_model_forward(X, parameters, hidden_activation)[0]


def accuracy(parameters, X, Y, hidden_activation="relu"):
    """The fraction of examples whose predicted label equals Y: (1/m) sum_i [yhat_i == y_i].

    Parameters
    ----------
    parameters : dict of ndarray
        ``{"W1", "b1", ..., "WL", "bL"}``.
    X : array_like, shape (n_x, m)
        Inputs.
    Y : array_like, shape (1, m)
        Labels 0/1.
    hidden_activation : str, default "relu"
        As in training.

    Returns
    -------
    accuracy : float
        In [0, 1].
    """
    X, Y = check_X_Y(X, Y)
    return float(np.mean(predict(parameters, X, hidden_activation) == Y))


# --------------------------------------------------------------------------------------------------
# The trainer


def _check_data(X, Y, n_x, xname, yname):
    """``(X, Y)`` checked as ``(n_x, m)`` and ``(1, m)``; messages about a validation set name it."""
    try:
        X, Y = check_X_Y(X, Y)
    except ValueError as e:
        if xname == "X":
            raise
        raise ValueError(f"{xname}, {yname}: {e}") from None
    return check_features(X, n_x, xname, "layer_dims[0]"), Y


class Trainer:
    """Trains an L-layer network a few epochs at a time, keeping everything between calls.

    ``Trainer(X, Y, layer_dims, ...)`` initialises the parameters and the optimizer state;
    ``step(n_epochs)`` trains ``n_epochs`` more epochs and can be called again and again (a notebook
    playground trains a few epochs per frame and redraws). Calling ``step(a)`` then ``step(b)`` gives
    exactly what one ``step(a + b)`` gives: the parameters, optimizer state, step count ``t``, the
    generator of the shuffles and masks, and the history all carry over. See the module docstring
    for what one step and the history are.

    Parameters
    ----------
    X : array_like, shape (n_x, m)
        Training inputs, one column per example.
    Y : array_like, shape (1, m)
        Training labels, 0/1.
    layer_dims : sequence of int
        ``[n_x, n_1, ..., n_{L-1}, 1]``: the input size, the hidden layer sizes, one output unit.
    hidden_activation : str, default "relu"
        Activation of the hidden layers, a name in :data:`nnkit.activations.ACTIVATIONS`.
    optimizer : {"adam", "gd", "momentum", "rmsprop"}, default "adam"
        The update rule (see :mod:`nnkit.optimizers`).
    learning_rate : float, default 0.01
        Step size, > 0.
    mini_batch_size : int or None, default None
        Examples per mini-batch (reshuffled every epoch); None is full-batch gradient descent (no
        shuffle, one step per epoch).
    lambd : float, default 0.0
        L2 regularisation strength, >= 0.
    keep_prob : float, default 1.0
        Probability of keeping a hidden unit under dropout, in (0, 1]; 1 means no dropout.
    beta : float, default 0.9
        Momentum (``"momentum"``) or decay of the squared gradients (``"rmsprop"``), in [0, 1).
    beta1, beta2 : float, default 0.9, 0.999
        Adam's decays, in [0, 1).
    epsilon : float, default 1e-8
        RMSprop's and Adam's epsilon, > 0.
    seed : int or numpy.random.Generator, default 0
        Seed of the initialisation and of the shuffles and masks.
    X_val : array_like of shape (n_x, m_val), optional
        Validation inputs; give ``Y_val`` (1, m_val) with them.
    Y_val : array_like of shape (1, m_val), optional
        Validation labels.
    record_every : int, default 1
        Write the history every ``record_every`` epochs, >= 1.
    parameters : dict of ndarray, optional
        Start from these parameters (shapes from ``layer_dims``) instead of He initialisation.

    Attributes
    ----------
    parameters : dict of ndarray
        The current parameters ``{"W1": (n_1, n_x), "b1": (n_1, 1), ...}`` (a new dict after each step:
        a dict handed out earlier is never changed).
    history : dict of list
        ``"epoch"``, ``"cost"``, ``"train_accuracy"`` and, with validation data, ``"val_cost"``,
        ``"val_accuracy"``.
    epoch : int
        Epochs done so far.
    t : int
        Optimizer steps (mini-batches) done so far.
    stopped : bool
        True if a callback returned False during the last :meth:`step`.
    rng : numpy.random.Generator
        The generator of the shuffles and dropout masks.
    """

    def __init__(self, X, Y, layer_dims, *, hidden_activation="relu", optimizer="adam", learning_rate=0.01,
                 mini_batch_size=None, lambd=0.0, keep_prob=1.0, beta=0.9, beta1=0.9, beta2=0.999,
                 epsilon=1e-8, seed=0, X_val=None, Y_val=None, record_every=1, parameters=None):
        if isinstance(layer_dims, (str, bytes)) or not hasattr(layer_dims, "__len__") or len(layer_dims) < 2:
            raise ValueError(f"layer_dims must be a list [n_x, n_1, ..., 1] of at least two sizes; got {layer_dims!r}")
        dims = [check_positive_int(n, f"layer_dims[{i}]") for i, n in enumerate(layer_dims)]
        if dims[-1] != 1:
            raise ValueError(f"layer_dims must end with 1 (one sigmoid output unit for a 0/1 label); got {dims}")
        self._X, self._Y = _check_data(X, Y, dims[0], "X", "Y")
        if (X_val is None) != (Y_val is None):
            raise ValueError("X_val and Y_val must be given together (or neither); got only "
                             + ("X_val" if Y_val is None else "Y_val"))
        self._val = None if X_val is None else _check_data(X_val, Y_val, dims[0], "X_val", "Y_val")
        if not isinstance(hidden_activation, str) or hidden_activation not in ACTIVATIONS:
            raise ValueError(f"hidden_activation must be one of {', '.join(sorted(ACTIVATIONS))}; "
                             f"got {hidden_activation!r}")
        self.layer_dims = dims
        self.hidden_activation = hidden_activation
        self.optimizer = optimizer
        self.learning_rate = check_scalar(learning_rate, "learning_rate", 0.0, include_low=False)
        self.mini_batch_size = None if mini_batch_size is None else check_positive_int(mini_batch_size, "mini_batch_size")
        self.lambd = check_scalar(lambd, "lambd", 0.0)
        self.keep_prob = check_keep_prob(keep_prob)
        self.beta = check_scalar(beta, "beta", 0.0, 1.0, include_high=False)
        self.beta1 = check_scalar(beta1, "beta1", 0.0, 1.0, include_high=False)
        self.beta2 = check_scalar(beta2, "beta2", 0.0, 1.0, include_high=False)
        self.epsilon = check_scalar(epsilon, "epsilon", 0.0, include_low=False)
        if optimizer not in UPDATE_RULES:
            raise ValueError(f"optimizer must be one of {', '.join(map(repr, OPTIMIZERS))}; got {optimizer!r}")
        self._rule = UPDATE_RULES[optimizer]
        self._hyper = check_hyper(optimizer, **{k: getattr(self, k) for k in self._rule.hyper})
        self._layers = _trainer_layers(hidden_activation)
        self.record_every = check_positive_int(record_every, "record_every")
        if isinstance(seed, np.random.Generator):
            init_seed = self.rng = seed
        elif isinstance(seed, numbers.Integral) and not isinstance(seed, bool) and seed >= 0:
            init_seed = int(seed)
            self.rng = np.random.default_rng(np.random.SeedSequence(init_seed).spawn(1)[0])
        else:
            raise ValueError(f"seed must be a non-negative int or a numpy.random.Generator; got {seed!r}")
        if parameters is None:
            parameters = initialize_parameters_deep(dims, init_seed)
        else:
            self._check_parameters(parameters, dims)
            parameters = {k: np.array(v, dtype=np.float64) for k, v in parameters.items()}
        self.parameters = parameters
        self._opt_state = tuple(map(self._state, self._rule.init(parameters)))
        self.epoch = 0
        self.t = 0
        self.stopped = False
        self.history = {"epoch": [], "cost": [], "train_accuracy": []}
        if self._val is not None:
            self.history.update(val_cost=[], val_accuracy=[])

    @staticmethod
    def _check_parameters(parameters, dims):
        if not hasattr(parameters, "keys"):
            raise ValueError(f"parameters must be a dict with keys 'W1', 'b1', ...; got {type(parameters).__name__}")
        expected = {}
        for l in range(1, len(dims)):
            expected[f"W{l}"], expected[f"b{l}"] = (dims[l], dims[l - 1]), (dims[l], 1)
        if set(parameters) != set(expected):
            raise ValueError(f"parameters must have the keys {sorted(expected)} of layer_dims {dims}; "
                             f"got {sorted(parameters)}")
        for k, shape in expected.items():
            if np.shape(parameters[k]) != shape:
                raise ValueError(f"parameters[{k!r}] must have shape {shape} (from layer_dims {dims}); "
                                 f"got {np.shape(parameters[k])}")

    def __repr__(self):
        return (f"Trainer(layer_dims={self.layer_dims}, optimizer={self.optimizer!r}, epoch={self.epoch}, "
                f"t={self.t}, cost={self.history['cost'][-1] if self.history['cost'] else None})")

    # -- one update ---------------------------------------------------------------------------------

    def _measure(self, parameters, X, Y):
        """(cost with the L2 term, accuracy) of the whole network on (X, Y)."""
        AL = L_model_forward(X, parameters, self.hidden_activation)[0]
        cost = binary_cross_entropy(AL, Y)
        if self.lambd:
            cost += l2_penalty(parameters, self.lambd, self._X.shape[1])
        return cost, float(np.count_nonzero((AL > 0.5) == (Y > 0.5))) / Y.shape[1]

    def _run_epoch(self, record):
        """One epoch on unchecked lists of arrays: the data and the parameters were checked once, when
        the trainer was made. The passes are :func:`nnkit.deep.forward_pass` and ``backward_pass``
        (those of L_model_forward / forward_with_dropout and L_model_backward / backward_with_dropout)
        with the layers of :func:`_trainer_layers`; the L2 term is ``l2_gradients``'s; the update is
        the optimizer's step in :data:`nnkit.optimizers.UPDATE_RULES` (that of
        ``update_parameters_with_<optimizer>``)."""
        X, Y = self._X, self._Y
        m, lambd, keep_prob, dropout = X.shape[1], self.lambd, self.keep_prob, self.keep_prob < 1.0
        if record:
            parameters = self.parameters
            hist = self.history
            hist["epoch"].append(self.epoch)
            if self._val is not None:
                val_cost, val_acc = self._measure(parameters, *self._val)
                hist["val_cost"].append(val_cost)
                hist["val_accuracy"].append(val_acc)
            if dropout:
                cost, acc = self._measure(parameters, X, Y)
                hist["cost"].append(cost)
                hist["train_accuracy"].append(acc)
            elif lambd:
                penalty = l2_penalty(parameters, lambd, m)
        track = record and not dropout
        cost_sum = 0.0
        correct = 0
        batches = ((X, Y),) if self.mini_batch_size is None else random_mini_batches(X, Y, self.mini_batch_size,
                                                                                     self.rng)
        L = len(self.layer_dims) - 1
        params, state = self._params, self._opt_state
        hidden, output, hidden_back, output_back, first_back = self._layers
        step, lr, hyper = self._rule.step, self.learning_rate, self._hyper
        decay = lambd / m
        for Xb, Yb in batches:
            AL, caches, masks = forward_pass(Xb, list(zip(params[:L], params[L:])), hidden, output, keep_prob,
                                             self.rng)
            dWs, dbs, _ = backward_pass(AL, Yb, caches, masks, keep_prob, hidden_back, output_back, first_back)
            if track:
                cost_sum += _bce(AL, Yb) * Yb.shape[1]
                correct += np.count_nonzero((AL > 0.5) == (Yb > 0.5))
            if lambd:
                dWs = _weight_decay(dWs, params[:L], decay)
            self.t += 1
            params, state = step(params, dWs + dbs, state, self.t, lr, **hyper)
        self._opt_state = state
        if track:
            hist["cost"].append(cost_sum / m + (penalty if lambd else 0.0))
            hist["train_accuracy"].append(correct / m)
        self._params, self._pdict = params, None
        self.epoch += 1

    @property
    def parameters(self):
        """The current parameters, ``{"W1": (n_1, n_x), "b1": (n_1, 1), ..., "WL", "bL"}``. Each
        update makes new arrays: a dict taken before an epoch keeps its values."""
        if self._pdict is None:
            L = len(self._params) // 2
            out = {}
            for l in range(1, L + 1):
                out[f"W{l}"], out[f"b{l}"] = self._params[l - 1], self._params[L + l - 1]
            self._pdict = out
        return self._pdict

    @parameters.setter
    def parameters(self, parameters):
        L = len(self.layer_dims) - 1
        self._params = [parameters[f"W{l}"] for l in range(1, L + 1)] + [parameters[f"b{l}"] for l in range(1, L + 1)]
        self._pdict = None

    def _state(self, d):
        """An optimizer state dict as the list of its arrays in the order of ``_run_epoch``'s params."""
        L = len(self.layer_dims) - 1
        return [d[f"dW{l}"] for l in range(1, L + 1)] + [d[f"db{l}"] for l in range(1, L + 1)]

    # -- public -------------------------------------------------------------------------------------

    def step(self, n_epochs=1, callback=None, callback_every=1):
        """Train ``n_epochs`` more epochs.

        Parameters
        ----------
        n_epochs : int, default 1
            Epochs to run, >= 0.
        callback : callable, optional
            Called as ``callback(epoch, parameters, history)`` after every epoch whose number
            (``self.epoch``, counting all epochs so far) is a multiple of ``callback_every``; if it
            returns ``False`` (not merely a falsy value) training stops there and ``stopped`` is set.
        callback_every : int, default 1
            How often to call the callback, in epochs, >= 1.

        Returns
        -------
        trainer : Trainer
            ``self``, so that ``trainer.step(10).parameters`` reads.
        """
        n_epochs = check_positive_int(n_epochs, "n_epochs", allow_zero=True)
        callback_every = check_positive_int(callback_every, "callback_every")
        if callback is not None and not callable(callback):
            raise ValueError(f"callback must be callable as callback(epoch, parameters, history); got {callback!r}")
        self.stopped = False
        for _ in range(n_epochs):
            self._run_epoch(self.epoch % self.record_every == 0)
            if callback is not None and self.epoch % callback_every == 0:
                if callback(self.epoch, self.parameters, self.history) is False:
                    self.stopped = True
                    break
        return self

    def predict_proba(self, X):
        """AL = P(y = 1 | x) of the current network, shape (1, m), for X of shape (n_x, m)."""
        return predict_proba(self.parameters, X, self.hidden_activation)

    def predict(self, X):
        """Labels 0.0/1.0 (AL > 0.5) of the current network, shape (1, m), for X of shape (n_x, m)."""
        return predict(self.parameters, X, self.hidden_activation)

    def accuracy(self, X, Y):
        """Fraction of the columns of X (n_x, m) whose predicted label equals Y (1, m), a float."""
        return accuracy(self.parameters, X, Y, self.hidden_activation)

    def cost(self, X=None, Y=None):
        """The cost J (cross-entropy plus the L2 term) of the current network on (X, Y), a float.

        X (n_x, m) and Y (1, m) default to the training set.
        """
        if X is None and Y is None:
            X, Y = self._X, self._Y
        else:
            X, Y = _check_data(X, Y, self.layer_dims[0], "X", "Y")
        return self._measure(self.parameters, X, Y)[0]


def train(X, Y, layer_dims, *, hidden_activation="relu", optimizer="adam", learning_rate=0.01, num_epochs=1000,
          mini_batch_size=None, lambd=0.0, keep_prob=1.0, beta=0.9, beta1=0.9, beta2=0.999, epsilon=1e-8, seed=0,
          X_val=None, Y_val=None, callback=None, callback_every=1, record_every=1):
    """Train an L-layer network ([LINEAR -> hidden_activation] x (L-1) -> LINEAR -> SIGMOID) on (X, Y).

    ``Trainer(X, Y, layer_dims, ...).step(num_epochs, callback, callback_every)``: see :class:`Trainer`
    for every argument and the module docstring for one step and the history.

    Parameters
    ----------
    X : array_like, shape (n_x, m)
        Training inputs.
    Y : array_like, shape (1, m)
        Training labels, 0/1.
    layer_dims : sequence of int
        ``[n_x, n_1, ..., 1]``.
    hidden_activation, optimizer, learning_rate, mini_batch_size, lambd, keep_prob, beta, beta1, beta2, epsilon, seed, X_val, Y_val, record_every
        As in :class:`Trainer`.
    num_epochs : int, default 1000
        Epochs to run, >= 0 (with ``mini_batch_size=None`` an epoch is one gradient step).
    callback : callable, optional
        ``callback(epoch, parameters, history)``, called every ``callback_every`` epochs; returning
        ``False`` stops training early.
    callback_every : int, default 1
        >= 1.

    Returns
    -------
    parameters : dict of ndarray
        ``{"W1": (n_1, n_x), "b1": (n_1, 1), ..., "WL": (1, n_{L-1}), "bL": (1, 1)}``.
    history : dict of list
        ``"epoch"``, ``"cost"``, ``"train_accuracy"`` (and ``"val_cost"``, ``"val_accuracy"`` with
        validation data), one entry every ``record_every`` epochs starting with epoch 0.
    """
    num_epochs = check_positive_int(num_epochs, "num_epochs", allow_zero=True)
    trainer = Trainer(X, Y, layer_dims, hidden_activation=hidden_activation, optimizer=optimizer,
                      learning_rate=learning_rate, mini_batch_size=mini_batch_size, lambd=lambd, keep_prob=keep_prob,
                      beta=beta, beta1=beta1, beta2=beta2, epsilon=epsilon, seed=seed, X_val=X_val, Y_val=Y_val,
                      record_every=record_every)
    trainer.step(num_epochs, callback=callback, callback_every=callback_every)
    return trainer.parameters, trainer.history


__all__ = ["train", "Trainer", "forward_with_dropout", "backward_with_dropout", "predict", "predict_proba",
           "accuracy", "OPTIMIZERS"]
