"""Figures of the course: data sets, decision boundaries, learning curves, activations, optimizer paths.

Every function draws on the ``ax`` it is given, or, when ``ax`` is None, on a new figure made with
``matplotlib.pyplot.subplots`` (so that Jupyter shows it under the cell). Nothing else touches
pyplot: no ``plt.plot`` on the "current" axes, no ``rcParams`` changes, no ``plt.show()``. Functions
return what they drew on (an ``Axes``, a list of them, or the ``Figure``), and the animations a
``matplotlib.animation.FuncAnimation`` whose figure is closed in pyplot, so a notebook shows only the
animation::

    from IPython.display import HTML
    HTML(animate_training(X, Y, [2, 4, 6, 6, 4, 1], mini_batch_size=64).to_jshtml())

Arrays follow the course notation: ``X`` is ``(2, m)`` (one column per example), ``Y`` is ``(1, m)``
of 0/1 labels. The classes are drawn red (y = 0) and blue (y = 1), over a red-to-blue background for
the predicted probability P(y = 1 | x).
"""

import re

import numpy as np
import matplotlib.pyplot as plt
from matplotlib.animation import FuncAnimation
from matplotlib.cm import ScalarMappable
from matplotlib.colors import Normalize
from matplotlib.lines import Line2D

from nnkit._validate import check_positive_int, check_X_Y
from nnkit.activations import ACTIVATIONS, DERIVATIVES
from nnkit.training import Trainer

CMAP = "RdBu"
"""Colour map of the probability background: red for P(y = 1) near 0, blue near 1."""
CLASS_COLORS = ("#d7301f", "#2166ac")
"""Colours of the points of class 0 and class 1 (the ends of ``CMAP``): red for 0 and blue for 1 in
every notebook of the course."""

_DEFAULT_ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "swish", "gelu")
_LINESTYLES = ("-", "--", "-.", ":")


# --------------------------------------------------------------------------------------------------
# Helpers


def _new_axes(ax, figsize):
    if ax is None:
        _, ax = plt.subplots(figsize=figsize, layout="constrained")
    return ax


def _check_plane(X, Y):
    X, Y = check_X_Y(X, Y)
    if X.shape[0] != 2:
        raise ValueError(f"X must have shape (2, m) (points in the plane) to be drawn; got shape {X.shape}")
    return X, Y


def _grid(X, resolution, pad=0.1):
    """A resolution x resolution grid over the points of X (2, m), 10 % wider than them on each side."""
    lo, hi = X.min(axis=1), X.max(axis=1)
    span = np.where(hi > lo, hi - lo, 1.0)
    lo, hi = lo - pad * span, hi + pad * span
    xx, yy = np.meshgrid(np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution))
    return xx, yy, np.vstack([xx.ravel(), yy.ravel()])


def _probabilities(predict_fn, points, shape):
    """predict_fn(points (2, k)) as a float array of the given shape; (1, k) and (k,) are accepted."""
    P = np.asarray(predict_fn(points), dtype=np.float64)
    k = points.shape[1]
    if P.shape not in ((1, k), (k,)):
        raise ValueError(f"predict_fn must map an array of shape (2, k) to one of shape (1, k); for k = {k} "
                         f"it returned shape {P.shape}")
    return P.reshape(shape)


def _scatter_classes(ax, X, Y, size=None):
    """Scatter the two classes with their colours and a legend label each; return the two collections."""
    m = X.shape[1]
    s = size if size is not None else float(np.clip(3000.0 / m, 12.0, 60.0))
    out = []
    for label, color in enumerate(CLASS_COLORS):
        cols = Y[0] == label
        out.append(ax.scatter(X[0, cols], X[1, cols], s=s, c=color, edgecolors="k", linewidths=0.5,
                              label=f"y = {label}", zorder=3))
    return out


def _label_plane(ax, title, limits=None):
    """Axis labels, title, equal scales; with ``limits = (xx, yy)`` (a grid) the axes fit the grid exactly."""
    ax.set_xlabel("$x_1$")
    ax.set_ylabel("$x_2$")
    if limits is None:
        ax.set_aspect("equal", adjustable="datalim")
    else:
        xx, yy = limits
        ax.set_xlim(xx[0, 0], xx[0, -1])
        ax.set_ylim(yy[0, 0], yy[-1, 0])
        ax.set_aspect("equal", adjustable="box")
    if title is not None:
        ax.set_title(title)


def _boundary_legend(ax):
    """The legend of a boundary plot (the classes and the P = 0.5 line), under the axes, off the data."""
    handles, _ = ax.get_legend_handles_labels()
    handles.append(Line2D([], [], color="k", lw=1.5, label="boundary P = 0.5"))
    return ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=3, frameon=False)


# --------------------------------------------------------------------------------------------------
# Data and decision boundaries


def plot_dataset(X, Y, ax=None, title=None):
    """Scatter a two-class data set in the plane, one colour per class.

    Parameters
    ----------
    X : array_like, shape (2, m)
        Points, one column per example.
    Y : array_like, shape (1, m)
        Labels 0/1.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure if None.
    title : str, optional
        Title; "Data set (m = ...)" if None.

    Returns
    -------
    ax : matplotlib.axes.Axes
        Holding the two scatter collections (``ax.collections``) and a legend.
    """
    X, Y = _check_plane(X, Y)
    ax = _new_axes(ax, (5.5, 5.0))
    _scatter_classes(ax, X, Y)
    _label_plane(ax, title if title is not None else f"Data set (m = {X.shape[1]})")
    ax.legend(loc="best", framealpha=0.9)
    return ax


def plot_decision_boundary(predict_fn, X, Y, ax=None, resolution=200, title=None, colorbar=True):
    """Draw what a classifier predicts over the plane, its boundary P = 0.5, and the data on top.

    ``predict_fn`` is called once, on the ``resolution**2`` points of a grid that covers X with a
    10 % margin, and once on X (for the accuracy shown in the default title).

    Parameters
    ----------
    predict_fn : callable
        Maps points of shape (2, k) to probabilities P(y = 1 | x) or to labels 0/1, of shape (1, k)
        (or (k,)). E.g. ``lambda P: nnkit.training.predict_proba(parameters, P)`` or
        ``trainer.predict_proba``.
    X : array_like, shape (2, m)
        The points to show.
    Y : array_like, shape (1, m)
        Their labels, 0/1.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure if None.
    resolution : int, default 200
        Grid points along each axis, >= 2.
    title : str, optional
        Title; "Decision boundary (accuracy ...)" on these points if None.
    colorbar : bool, default True
        Add a colour bar for P(y = 1 | x).

    Returns
    -------
    ax : matplotlib.axes.Axes
        Its ``collections`` hold the filled contour of the prediction, the contour line at 0.5 and
        the two scatters of the classes (in that order).
    """
    X, Y = _check_plane(X, Y)
    resolution = check_positive_int(resolution, "resolution")
    if resolution < 2:
        raise ValueError(f"resolution must be an integer >= 2; got {resolution}")
    if not callable(predict_fn):
        raise ValueError(f"predict_fn must be callable on an array of shape (2, k); got {predict_fn!r}")
    ax = _new_axes(ax, (6.4, 5.0))
    xx, yy, grid = _grid(X, resolution)
    P = _probabilities(predict_fn, grid, xx.shape)
    filled = ax.contourf(xx, yy, P, levels=np.linspace(0.0, 1.0, 11), cmap=CMAP, vmin=0.0, vmax=1.0, alpha=0.55)
    ax.contour(xx, yy, P, levels=[0.5], colors="k", linewidths=1.5)
    _scatter_classes(ax, X, Y)
    if title is None:
        labels = (_probabilities(predict_fn, X, (X.shape[1],)) > 0.5).astype(np.float64)
        title = f"Decision boundary (accuracy {np.mean(labels == Y[0]):.1%})"
    _label_plane(ax, title, (xx, yy))
    _boundary_legend(ax)
    if colorbar:
        ax.figure.colorbar(filled, ax=ax, label="P(y = 1 | x)", shrink=0.9)
    return ax


# --------------------------------------------------------------------------------------------------
# Learning curves


def plot_costs(history_or_costs, ax=None, *, every=1, xlabel=None, title=None, logy=False):
    """Learning curves: the cost, and the accuracy when the history has it, train and validation.

    Parameters
    ----------
    history_or_costs : dict of list, or sequence of float
        A history of :func:`nnkit.training.train` (keys "epoch", "cost", "train_accuracy", optionally
        "val_cost", "val_accuracy"), or a plain list of costs (as Ng's ``costs``, one every ``every``
        iterations).
    ax : matplotlib.axes.Axes or sequence of two Axes, optional
        None: a new figure, with a second panel for the accuracy if the history has it. One Axes: the
        cost only, there. Two Axes: cost on the first, accuracy on the second.
    every : int, default 1
        For a plain list: the number of iterations between two costs (the x values are k * every).
    xlabel : str, optional
        Label of the x axis; "epoch" for a history, "iteration" for a list.
    title : str, optional
        Title of the cost panel; "Cost" if None.
    logy : bool, default False
        Logarithmic cost axis (for costs that fall by orders of magnitude).

    Returns
    -------
    axes : list of matplotlib.axes.Axes
        ``[cost_ax]`` or ``[cost_ax, accuracy_ax]``; the curves are their ``lines``.
    """
    if isinstance(history_or_costs, dict):
        hist = history_or_costs
        if "cost" not in hist:
            raise ValueError(f"history_or_costs must be a history with a 'cost' key or a list of costs; "
                             f"got a dict with keys {sorted(hist)}")
        costs = np.asarray(hist["cost"], dtype=np.float64)
        x = np.asarray(hist.get("epoch", np.arange(len(costs))), dtype=np.float64)
        xlabel = xlabel if xlabel is not None else "epoch"
    else:
        hist = {}
        costs = np.atleast_1d(np.squeeze(np.asarray(history_or_costs, dtype=np.float64)))
        if costs.ndim != 1:
            raise ValueError(f"history_or_costs must be a history dict or a 1-D list of costs; got shape {costs.shape}")
        every = check_positive_int(every, "every")
        x = np.arange(len(costs), dtype=np.float64) * every
        xlabel = xlabel if xlabel is not None else "iteration"
    if x.shape != costs.shape:
        raise ValueError(f"history 'epoch' and 'cost' must have the same length; got {len(x)} and {len(costs)}")
    has_acc = "train_accuracy" in hist
    if ax is None:
        _, axes = plt.subplots(1, 2 if has_acc else 1, figsize=(11.0, 4.0) if has_acc else (6.4, 4.2),
                               layout="constrained", squeeze=False)
        axes = list(axes[0])
    elif hasattr(ax, "plot"):
        axes = [ax]
    else:
        axes = list(ax)
        if len(axes) != 2:
            raise ValueError(f"ax must be one Axes or a sequence of two; got {len(axes)}")
    cax = axes[0]
    cax.plot(x, costs, color="C0", lw=1.8, label="train")
    if "val_cost" in hist:
        cax.plot(x, np.asarray(hist["val_cost"], dtype=np.float64), color="C1", lw=1.8, ls="--", label="validation")
    if logy:
        cax.set_yscale("log")
    cax.set_xlabel(xlabel)
    cax.set_ylabel("cost J")
    cax.set_title(title if title is not None else "Cost")
    cax.grid(alpha=0.3)
    cax.legend(loc="upper right")
    if has_acc and len(axes) == 2:
        aax = axes[1]
        aax.plot(x, 100.0 * np.asarray(hist["train_accuracy"], dtype=np.float64), color="C0", lw=1.8, label="train")
        if "val_accuracy" in hist:
            aax.plot(x, 100.0 * np.asarray(hist["val_accuracy"], dtype=np.float64), color="C1", lw=1.8, ls="--",
                     label="validation")
        aax.set_xlabel(xlabel)
        aax.set_ylabel("accuracy (%)")
        aax.set_title("Accuracy")
        aax.set_ylim(min(40.0, aax.get_ylim()[0]), 101.0)
        aax.grid(alpha=0.3)
        aax.legend(loc="lower right")
    return axes


# --------------------------------------------------------------------------------------------------
# Activations


def plot_activations(names=None, z=None):
    """The activation functions g(z) (left panel) beside their derivatives g'(z) (right panel).

    Parameters
    ----------
    names : sequence of str, optional
        Names in :data:`nnkit.activations.ACTIVATIONS`; sigmoid, tanh, relu, leaky_relu, elu, swish
        and gelu if None.
    z : array_like of shape (k,), optional
        The points; ``np.linspace(-5, 5, 401)`` if None.

    Returns
    -------
    fig : matplotlib.figure.Figure
        With two Axes, one line per activation in each.
    """
    names = list(_DEFAULT_ACTIVATIONS if names is None else ([names] if isinstance(names, str) else names))
    if not names:
        raise ValueError("names must hold at least one activation name")
    for name in names:
        if name not in ACTIVATIONS or name not in DERIVATIVES:
            raise ValueError(f"names: unknown activation {name!r}; valid names are {', '.join(sorted(ACTIVATIONS))}")
    z = np.linspace(-5.0, 5.0, 401) if z is None else np.asarray(z, dtype=np.float64)
    if z.ndim != 1 or z.size < 2 or not np.isfinite(z).all():
        raise ValueError(f"z must be a 1-D array of at least 2 finite numbers; got shape {z.shape}")
    fig, (ax_g, ax_d) = plt.subplots(1, 2, figsize=(11.0, 4.4), layout="constrained")
    for i, name in enumerate(names):
        style = dict(color=f"C{i % 10}", ls=_LINESTYLES[(i // 10 + i) % len(_LINESTYLES)], lw=1.8, label=name)
        ax_g.plot(z, ACTIVATIONS[name](z), **style)
        ax_d.plot(z, DERIVATIVES[name](z), **style)
    for ax, title, ylabel in ((ax_g, "Activations", "g(z)"), (ax_d, "Derivatives", "g'(z)")):
        ax.axhline(0.0, color="0.6", lw=0.8, zorder=0)
        ax.axvline(0.0, color="0.6", lw=0.8, zorder=0)
        ax.set_xlabel("z")
        ax.set_ylabel(ylabel)
        ax.set_title(title)
        ax.grid(alpha=0.3)
    ax_g.legend(loc="upper left", fontsize="small")
    return fig


# --------------------------------------------------------------------------------------------------
# Loss surfaces


def plot_loss_surface_paths(f, paths, xlim, ylim, ax=None, *, resolution=200, levels=30, title=None):
    """Contours of a loss of two parameters, with the path each optimizer took over it.

    Parameters
    ----------
    f : callable
        ``f(w1, w2)``: the loss at arrays of points (w1, w2 of the same shape, elementwise, as on a
        ``np.meshgrid``); a function of two floats only is vectorised with ``np.vectorize``.
    paths : dict of str to array_like
        Name -> the points visited, shape (k, 2): row i is (w1, w2) after i steps.
    xlim, ylim : (float, float)
        Range of w1 and of w2.
    ax : matplotlib.axes.Axes, optional
        Where to draw; a new figure if None.
    resolution : int, default 200
        Grid points along each axis, >= 2.
    levels : int, default 30
        Number of contour levels (spaced logarithmically when the loss is positive on the grid).
    title : str, optional
        Title; "Optimizer paths" if None.

    Returns
    -------
    ax : matplotlib.axes.Axes
        With the filled contours and contour lines in ``collections`` and one line per path.
    """
    if not callable(f):
        raise ValueError(f"f must be callable as f(w1, w2); got {f!r}")
    if not isinstance(paths, dict):
        raise ValueError(f"paths must be a dict name -> array of shape (k, 2); got {type(paths).__name__}")
    lims = []
    for name, lim in (("xlim", xlim), ("ylim", ylim)):
        lim = np.asarray(lim, dtype=np.float64)
        if lim.shape != (2,) or not np.isfinite(lim).all() or not lim[0] < lim[1]:
            raise ValueError(f"{name} must be (low, high) with low < high; got {lim.tolist()}")
        lims.append(lim)
    resolution = check_positive_int(resolution, "resolution")
    levels = check_positive_int(levels, "levels")
    checked = {}
    for name, path in paths.items():
        path = np.asarray(path, dtype=np.float64)
        if path.ndim != 2 or path.shape[1] != 2 or path.shape[0] < 1:
            raise ValueError(f"paths[{name!r}] must have shape (k, 2), one row (w1, w2) per step; got {path.shape}")
        checked[name] = path
    ax = _new_axes(ax, (6.6, 5.4))
    w1, w2 = np.meshgrid(np.linspace(*lims[0], resolution), np.linspace(*lims[1], resolution))
    try:
        F = np.asarray(f(w1, w2), dtype=np.float64)
    except (TypeError, ValueError):
        F = None
    if F is None or F.shape != w1.shape:
        F = np.vectorize(lambda a, b: float(f(a, b)))(w1, w2)
    lo, hi = float(np.min(F)), float(np.max(F))
    if lo > 0.0 and hi / lo > 50.0:
        lv = np.geomspace(lo, hi, levels)
    else:
        lv = np.linspace(lo, hi, levels)
    ax.contourf(w1, w2, F, levels=lv, cmap="Greys_r", alpha=0.35)
    ax.contour(w1, w2, F, levels=lv, cmap="viridis", linewidths=0.8)
    for i, (name, path) in enumerate(checked.items()):
        color = f"C{i % 10}"
        ax.plot(path[:, 0], path[:, 1], "-o", color=color, lw=1.6, ms=2.5, label=name, zorder=3)
        ax.plot(path[-1, 0], path[-1, 1], marker="*", ms=13, color=color, mec="k", zorder=4)
    if checked:
        start = next(iter(checked.values()))[0]
        ax.plot(*start, marker="s", ms=8, color="w", mec="k", ls="none", zorder=5, label="start")
        ax.legend(loc="best", framealpha=0.9)
    ax.set_xlim(*lims[0])
    ax.set_ylim(*lims[1])
    ax.set_xlabel("$w_1$")
    ax.set_ylabel("$w_2$")
    ax.set_title(title if title is not None else "Optimizer paths (star: last point)")
    return ax


# --------------------------------------------------------------------------------------------------
# Animations


#: matplotlib's JavaScript player draws its buttons with Font Awesome icons from a CDN; offline
#: (a book page, a machine without network) the buttons would be blank. These characters replace them.
_PLAYER_ICONS = {"fa fa-minus": "\u2212", "fa fa-fast-backward": "|\u25c0", "fa fa-step-backward": "\u25c0|",
                 "fa fa-play fa-flip-horizontal": "\u25c0", "fa fa-pause": "\u25ae\u25ae", "fa fa-play": "\u25b6",
                 "fa fa-step-forward": "|\u25b6", "fa fa-fast-forward": "\u25b6|", "fa fa-plus": "+"}


def animation_html(anim):
    """An animation as HTML that plays in a notebook or a web page without a kernel or a network.

    ``anim.to_jshtml()``, with the player's icons drawn as characters instead of Font Awesome fetched
    from a CDN.

    Parameters
    ----------
    anim : matplotlib.animation.Animation

    Returns
    -------
    html : str
        Pass it to ``IPython.display.HTML`` to show the player.
    """
    html = anim.to_jshtml()
    html = re.sub(r'<link rel="stylesheet"\s+href="https?://[^"]*font-awesome[^"]*">', "", html)
    for icon, text in _PLAYER_ICONS.items():
        html = html.replace(f'<i class="{icon}"></i>', f'<span style="font-family: sans-serif">{text}</span>')
    return html


def animate_decision_boundary(trainer, X, Y, frames=40, epochs_per_frame=10, *, resolution=100, interval=150,
                              figsize=(11.0, 4.6)):
    """An animation of a :class:`nnkit.training.Trainer` learning: boundary on the left, cost on the right.

    Frame 0 shows the trainer as it is; each later frame first trains ``epochs_per_frame`` more
    epochs (``trainer.step``). The frames are computed once, when first drawn, and kept, so
    ``anim.to_jshtml()`` followed by ``anim.save(...)`` shows the same run and trains the trainer
    only ``(frames - 1) * epochs_per_frame`` epochs in all.

    Parameters
    ----------
    trainer : nnkit.training.Trainer
        The network being trained (on 2-D inputs); it is advanced by the animation.
    X : array_like, shape (2, m)
        The points to draw (usually the training set).
    Y : array_like, shape (1, m)
        Their labels, 0/1.
    frames : int, default 40
        Number of frames, >= 1.
    epochs_per_frame : int, default 10
        Epochs trained between two frames, >= 1.
    resolution : int, default 100
        Grid points along each axis of the boundary panel, >= 2.
    interval : int, default 150
        Milliseconds between frames when played.
    figsize : (float, float), default (11, 4.6)
        Size of the figure in inches (at 100 dpi unless saved with another ``dpi``).

    Returns
    -------
    anim : matplotlib.animation.FuncAnimation
        Show it with ``IPython.display.HTML(anim.to_jshtml())``, save it with
        ``anim.save("training.gif", writer="pillow")``. ``anim.figure`` is its figure and
        ``anim.trainer`` the trainer.
    """
    if not isinstance(trainer, Trainer):
        raise ValueError(f"trainer must be a nnkit.training.Trainer; got {type(trainer).__name__}")
    X, Y = _check_plane(X, Y)
    if trainer.layer_dims[0] != 2:
        raise ValueError(f"trainer must take 2 inputs to draw its boundary; its layer_dims are {trainer.layer_dims}")
    frames = check_positive_int(frames, "frames")
    epochs_per_frame = check_positive_int(epochs_per_frame, "epochs_per_frame")
    resolution = check_positive_int(resolution, "resolution")
    if resolution < 2:
        raise ValueError(f"resolution must be an integer >= 2; got {resolution}")
    interval = check_positive_int(interval, "interval")

    xx, yy, grid = _grid(X, resolution)
    fig, (ax, cax) = plt.subplots(1, 2, figsize=figsize, layout="constrained",
                                  gridspec_kw={"width_ratios": [1.15, 1.0]})
    plt.close(fig)  # the notebook shows the animation, not a still of its figure
    _scatter_classes(ax, X, Y)
    _label_plane(ax, None, (xx, yy))
    _boundary_legend(ax)
    fig.colorbar(ScalarMappable(Normalize(0.0, 1.0), CMAP), ax=ax, label="P(y = 1 | x)", shrink=0.9, alpha=0.55)
    has_val = "val_cost" in trainer.history
    (train_line,) = cax.plot([], [], color="C0", lw=1.8, label="train cost")
    val_line = cax.plot([], [], color="C1", lw=1.8, ls="--", label="validation cost")[0] if has_val else None
    start = trainer.epoch
    cax.set_xlim(start, start + max((frames - 1) * epochs_per_frame, 1))
    cax.set_xlabel("epoch")
    cax.set_ylabel("cost J")
    cax.set_title("Cost")
    cax.grid(alpha=0.3)
    cax.legend(loc="upper right")
    fig.draw_without_rendering()  # lay the figure out once (constrained layout), then keep that layout:
    fig.set_layout_engine("none")  # re-running it on every frame would double the time per frame

    snapshots = []  # per frame: (P on the grid, epoch, entries of the history, accuracy on X)
    drawn = []  # the contour sets of the current frame

    def snapshot(k):
        while len(snapshots) <= k:
            if snapshots:
                trainer.step(epochs_per_frame)
            P = _probabilities(trainer.predict_proba, grid, xx.shape)
            snapshots.append((P, trainer.epoch, len(trainer.history["cost"]), trainer.accuracy(X, Y)))
        return snapshots[k]

    def update(k):
        P, epoch, n, acc = snapshot(k)
        for cs in drawn:
            cs.remove()
        drawn[:] = [ax.contourf(xx, yy, P, levels=np.linspace(0.0, 1.0, 11), cmap=CMAP, vmin=0.0, vmax=1.0,
                                alpha=0.55, zorder=1),
                    ax.contour(xx, yy, P, levels=[0.5], colors="k", linewidths=1.5, zorder=2)]
        ax.set_title(f"epoch {epoch}: accuracy {acc:.1%}")
        hist = trainer.history
        x = hist["epoch"][:n]
        train_line.set_data(x, hist["cost"][:n])
        if val_line is not None:
            val_line.set_data(x, hist["val_cost"][:n])
        if n:
            cax.relim()
            cax.autoscale_view(scalex=False, scaley=True)
        return [*drawn, train_line]

    anim = FuncAnimation(fig, update, frames=frames, interval=interval, blit=False, repeat=False)
    anim.figure, anim.trainer = fig, trainer
    return anim


def animate_training(X, Y, layer_dims, frames=40, epochs_per_frame=10, *, resolution=100, interval=150,
                     figsize=(11.0, 4.6), **train_kwargs):
    """Make a :class:`nnkit.training.Trainer` on (X, Y) and animate it learning.

    ``animate_decision_boundary(Trainer(X, Y, layer_dims, **train_kwargs), X, Y, frames,
    epochs_per_frame)``.

    Parameters
    ----------
    X : array_like, shape (2, m)
        Training inputs in the plane.
    Y : array_like, shape (1, m)
        Labels, 0/1.
    layer_dims : sequence of int
        ``[2, n_1, ..., 1]``.
    frames : int, default 40
        Number of frames, >= 1.
    epochs_per_frame : int, default 10
        Epochs between two frames, >= 1.
    resolution : int, default 100
        Grid points along each axis, >= 2.
    interval : int, default 150
        Milliseconds between frames.
    figsize : (float, float), default (11, 4.6)
        Size of the figure in inches.
    **train_kwargs
        Keyword arguments of :class:`nnkit.training.Trainer` (optimizer, learning_rate,
        mini_batch_size, hidden_activation, lambd, keep_prob, seed, X_val, Y_val, ...).

    Returns
    -------
    anim : matplotlib.animation.FuncAnimation
        As :func:`animate_decision_boundary`; ``anim.trainer`` is the new trainer.
    """
    trainer = Trainer(X, Y, layer_dims, **train_kwargs)
    return animate_decision_boundary(trainer, X, Y, frames, epochs_per_frame, resolution=resolution,
                                     interval=interval, figsize=figsize)


__all__ = ["plot_dataset", "plot_decision_boundary", "plot_costs", "plot_activations", "plot_loss_surface_paths",
           "animate_decision_boundary", "animate_training", "CMAP", "CLASS_COLORS"]
