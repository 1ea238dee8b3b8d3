"""Benchmark: nnkit's training loop against a hand-fused NumPy loop of the same steps (and PyTorch).

Two tasks, as in the course:

- ``flower``: Ng's planar flower (m = 400), a 2-4-1 network with tanh hidden units, 10 000 steps of
  full-batch gradient descent (learning rate 1.2), the cost recorded every 100 steps;
- ``circles``: the seed notes' Keras example, 2-4-6-6-4-1 with ReLU hidden units on circles
  (m = 1000), Adam (lr 0.01) on mini-batches of 64 for 200 epochs, the cost recorded every epoch.

The fused loop is what one would write by hand for one fixed architecture: every array named, no
dicts, no checks, dZ_L = A_L - Y, tanh' from A1, updates in place. It starts from the same
parameters (``initialize_parameters_deep``) and draws the same shuffles (the generator that
:class:`nnkit.training.Trainer` documents), so both must end at the same parameters; the script
checks that the final costs agree to 1e-6 before it prints any time. (The seeds matter: with the
flower drawn from seed 1 and the network from seed 3, gradient descent at lr 1.2 reaches the edge of
stability after ~9000 steps and magnifies the last-bit differences of two correct loops, e.g. nnkit's
overflow-safe sigmoid against 1 / (1 + exp(-z)), into a 4e-5 difference of final cost: the check
refuses such a run rather than time two different trajectories.) PyTorch (CPU, eager, float64)
runs the same steps from the same start where ``import torch`` works, and is skipped with a note
otherwise.

Times are the best of 3 runs (time.perf_counter), the loops interleaved run by run. BLAS and PyTorch use 2 threads: the numbers are
for a 2-core machine. Run: ``python benchmarks/bench_training.py [--repeat 3] [--threads 2]``.
"""

import argparse
import os
import sys


def _set_threads(n):
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
        os.environ[var] = str(n)


if __name__ == "__main__":  # before numpy is imported, so that BLAS reads them
    _threads = 2
    if "--threads" in sys.argv:
        _threads = int(sys.argv[sys.argv.index("--threads") + 1])
    _set_threads(_threads)

import time  # noqa: E402

import numpy as np  # noqa: E402

from nnkit import datasets  # noqa: E402
from nnkit.deep import L_model_forward, initialize_parameters_deep  # noqa: E402
from nnkit.losses import binary_cross_entropy  # noqa: E402
from nnkit.training import train  # noqa: E402

EPS = 1e-15  # the clipping of nnkit.losses, so that the recorded costs are the same numbers


# --------------------------------------------------------------------------------------------------
# Tasks

def flower_task():
    X, Y = datasets.make_flower(400, seed=0)
    return dict(name="flower 2-4-1 tanh, gd, 10000 steps", X=X, Y=Y, layer_dims=[2, 4, 1],
                kw=dict(hidden_activation="tanh", optimizer="gd", learning_rate=1.2, num_epochs=10000,
                        mini_batch_size=None, record_every=100, seed=0))


def circles_task():
    X, Y = datasets.make_circles(1000, noise=0.05, seed=1)
    return dict(name="circles 2-4-6-6-4-1 relu, adam, mb 64, 200 epochs", X=X, Y=Y, layer_dims=[2, 4, 6, 6, 4, 1],
                kw=dict(hidden_activation="relu", optimizer="adam", learning_rate=0.01, num_epochs=200,
                        mini_batch_size=64, record_every=1, seed=3))


# --------------------------------------------------------------------------------------------------
# Hand-fused loops

def _cost(A, Y):
    A = np.clip(A, EPS, 1.0 - EPS)
    return -float(np.sum(Y * np.log(A) + (1.0 - Y) * np.log(1.0 - A))) / Y.shape[1]


def fused_flower(X, Y, layer_dims, kw):
    """2-4-1, tanh then sigmoid, full-batch gradient descent, written out by hand."""
    p = initialize_parameters_deep(layer_dims, kw["seed"])
    W1, b1, W2, b2 = (p[k].copy() for k in ("W1", "b1", "W2", "b2"))
    lr, m, every = kw["learning_rate"], X.shape[1], kw["record_every"]
    costs = []
    XT = X.T
    for i in range(kw["num_epochs"]):
        A1 = np.tanh(W1 @ X + b1)
        A2 = 1.0 / (1.0 + np.exp(-(W2 @ A1 + b2)))
        if i % every == 0:
            costs.append(_cost(A2, Y))
        dZ2 = A2 - Y
        dW2 = dZ2 @ A1.T / m
        db2 = dZ2.sum(axis=1, keepdims=True) / m
        dZ1 = (W2.T @ dZ2) * (1.0 - A1 * A1)
        dW1 = dZ1 @ XT / m
        db1 = dZ1.sum(axis=1, keepdims=True) / m
        W1 -= lr * dW1
        b1 -= lr * db1
        W2 -= lr * dW2
        b2 -= lr * db2
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, costs


def fused_circles(X, Y, layer_dims, kw):
    """L layers, ReLU then sigmoid, Adam on shuffled mini-batches, written out by hand (lists, in place)."""
    p = initialize_parameters_deep(layer_dims, kw["seed"])
    L = len(layer_dims) - 1
    Ws = [p[f"W{l}"].copy() for l in range(1, L + 1)]
    bs = [p[f"b{l}"].copy() for l in range(1, L + 1)]
    params = Ws + bs
    vs = [np.zeros_like(a) for a in params]
    ss = [np.zeros_like(a) for a in params]
    lr, b1, b2, eps = kw["learning_rate"], 0.9, 0.999, 1e-8
    m, size, every = X.shape[1], kw["mini_batch_size"], kw["record_every"]
    rng = np.random.default_rng(np.random.SeedSequence(kw["seed"]).spawn(1)[0])  # Trainer's rule
    t = 0
    costs = []
    for epoch in range(kw["num_epochs"]):
        perm = rng.permutation(m)
        Xs, Ys = X[:, perm], Y[:, perm]
        record = epoch % every == 0
        total = 0.0
        for k in range(0, m, size):
            Xb, Yb = Xs[:, k:k + size], Ys[:, k:k + size]
            mb = Xb.shape[1]
            As = [Xb]
            for l in range(L - 1):
                As.append(np.maximum(Ws[l] @ As[-1] + bs[l], 0.0))
            AL = 1.0 / (1.0 + np.exp(-(Ws[-1] @ As[-1] + bs[-1])))
            if record:
                total += _cost(AL, Yb) * mb
            dZ = AL - Yb
            gW, gb = [None] * L, [None] * L
            for l in range(L - 1, -1, -1):
                gW[l] = dZ @ As[l].T / mb
                gb[l] = dZ.sum(axis=1, keepdims=True) / mb
                if l:
                    dZ = (Ws[l].T @ dZ) * (As[l] > 0)
            t += 1
            c1, c2 = 1.0 - b1 ** t, 1.0 - b2 ** t
            for a, g, v, s in zip(params, gW + gb, vs, ss):
                v *= b1
                v += (1.0 - b1) * g
                s *= b2
                s += (1.0 - b2) * (g * g)
                a -= lr * (v / c1) / (np.sqrt(s / c2) + eps)
        if record:
            costs.append(total / m)
    out = {}
    for l in range(L):
        out[f"W{l + 1}"], out[f"b{l + 1}"] = Ws[l], bs[l]
    return out, costs


# --------------------------------------------------------------------------------------------------
# PyTorch (same steps, float64, CPU eager)

def torch_loop(torch, X, Y, layer_dims, kw):
    p = initialize_parameters_deep(layer_dims, kw["seed"])
    L = len(layer_dims) - 1
    params = []
    for l in range(1, L + 1):
        params += [torch.tensor(p[f"W{l}"], requires_grad=True), torch.tensor(p[f"b{l}"], requires_grad=True)]
    act = torch.tanh if kw["hidden_activation"] == "tanh" else torch.relu
    if kw["optimizer"] == "gd":
        opt = torch.optim.SGD(params, lr=kw["learning_rate"])
    else:
        opt = torch.optim.Adam(params, lr=kw["learning_rate"], betas=(0.9, 0.999), eps=1e-8)
    Xt, Yt = torch.tensor(X), torch.tensor(Y)
    m, size, every = X.shape[1], kw["mini_batch_size"], kw["record_every"]
    rng = np.random.default_rng(np.random.SeedSequence(kw["seed"]).spawn(1)[0])
    costs = []
    for epoch in range(kw["num_epochs"]):
        if size is None:
            batches = [(Xt, Yt)]
        else:
            perm = torch.from_numpy(rng.permutation(m))
            Xs, Ys = Xt[:, perm], Yt[:, perm]
            batches = [(Xs[:, k:k + size], Ys[:, k:k + size]) for k in range(0, m, size)]
        total = 0.0
        for Xb, Yb in batches:
            A = Xb
            for l in range(L):
                Z = params[2 * l] @ A + params[2 * l + 1]
                A = act(Z) if l < L - 1 else Z
            loss = torch.nn.functional.binary_cross_entropy_with_logits(A, Yb)
            if epoch % every == 0:
                total += loss.item() * Xb.shape[1]
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        if epoch % every == 0:
            costs.append(total / m)
    out = {}
    for l in range(L):
        out[f"W{l + 1}"], out[f"b{l + 1}"] = params[2 * l].detach().numpy(), params[2 * l + 1].detach().numpy()
    return out, costs


# --------------------------------------------------------------------------------------------------

def best_of(n, fns):
    """Best time of each function over n rounds, the functions interleaved within each round (so
    that a burst of load on the machine hits all of them alike); also the last result of each."""
    best, results = [float("inf")] * len(fns), [None] * len(fns)
    for _ in range(n):
        for i, fn in enumerate(fns):
            t0 = time.perf_counter()
            results[i] = fn()
            best[i] = min(best[i], time.perf_counter() - t0)
    return best, results


def final_cost(parameters, X, Y, activation):
    return binary_cross_entropy(L_model_forward(X, parameters, activation)[0], Y)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs (default 3)")
    parser.add_argument("--threads", type=int, default=2, help="BLAS / torch threads (default 2)")
    args = parser.parse_args(argv)
    try:
        import torch
        torch.set_num_threads(args.threads)
    except ImportError:
        torch = None
        print("note: `import torch` failed, so the PyTorch column is skipped (torch is not installed here).")
    print(f"numpy {np.__version__}, {args.threads} threads, best of {args.repeat}\n")
    rows = []
    for task, fused in ((flower_task(), fused_flower), (circles_task(), fused_circles)):
        X, Y, dims, kw = task["X"], task["Y"], task["layer_dims"], task["kw"]
        act = kw["hidden_activation"]
        fns = [lambda: train(X, Y, dims, **kw), lambda: fused(X, Y, dims, kw)]
        if torch is not None:
            fns.append(lambda: torch_loop(torch, X, Y, dims, kw))
        times, results = best_of(args.repeat, fns)
        (p_nn, hist), (p_fu, costs_fu) = results[:2]
        c_nn, c_fu = final_cost(p_nn, X, Y, act), final_cost(p_fu, X, Y, act)
        if abs(c_nn - c_fu) > 1e-6 or not np.allclose(hist["cost"], costs_fu, rtol=0, atol=1e-6):
            raise SystemExit(f"{task['name']}: nnkit and the fused loop disagree (final cost {c_nn!r} vs {c_fu!r}): "
                             "the comparison would not be honest")
        row = [task["name"], times[0], times[1], times[0] / times[1], None, None, c_nn, c_fu, None]
        if torch is not None:
            row[4], row[5], row[8] = times[2], times[0] / times[2], final_cost(results[2][0], X, Y, act)
        rows.append(row)
    head = f"{'task':<52} {'nnkit s':>8} {'fused s':>8} {'ratio':>6} {'torch s':>8} {'ratio':>6}"
    print(head)
    print("-" * len(head))
    for name, t_nn, t_fu, r_fu, t_to, r_to, *_ in rows:
        torch_cols = f"{t_to:8.3f} {r_to:6.2f}" if t_to is not None else f"{'-':>8} {'-':>6}"
        print(f"{name:<52} {t_nn:8.3f} {t_fu:8.3f} {r_fu:6.2f} {torch_cols}")
    print("\nratio = nnkit s / other s (lower is better for nnkit). Final costs (nnkit, fused, torch):")
    for name, *_, c_nn, c_fu, c_to in rows:
        print(f"  {name}: {c_nn:.10f}  {c_fu:.10f}  {'-' if c_to is None else f'{c_to:.10f}'}")


if __name__ == "__main__":
    main()
