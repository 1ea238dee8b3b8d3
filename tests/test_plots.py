"""nnkit.plots: every figure draws with the Agg backend and holds the artists it promises."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.animation import FuncAnimation  # noqa: E402
from matplotlib.collections import PathCollection  # noqa: E402
from matplotlib.contour import ContourSet  # noqa: E402

from nnkit import activations, datasets, plots, training  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture(scope="module")
def blobs():
    return datasets.make_blobs(60, seed=0)


def contour_sets(ax):
    return [c for c in ax.collections if isinstance(c, ContourSet)]


def test_plot_dataset(blobs, call_unchanged):
    X, Y = blobs
    ax = call_unchanged(plots.plot_dataset, X, Y, title="Blobs")
    scatters = [c for c in ax.collections if isinstance(c, PathCollection)]
    assert len(scatters) == 2
    assert sorted(len(s.get_offsets()) for s in scatters) == [30, 30]
    np.testing.assert_allclose(np.sort(scatters[1].get_offsets()[:, 0]), np.sort(X[0, Y[0] == 1]))
    assert ax.get_title() == "Blobs" and ax.get_xlabel() == "$x_1$" and ax.get_ylabel() == "$x_2$"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["y = 0", "y = 1"]
    assert plots.plot_dataset(X, Y).get_title() == "Data set (m = 60)"
    with pytest.raises(ValueError, match=r"X must have shape \(2, m\)"):
        plots.plot_dataset(np.vstack([X, X]), Y)


def test_plot_dataset_on_given_axes(blobs):
    X, Y = blobs
    fig, axes = plt.subplots(1, 2)
    n_figs = len(plt.get_fignums())
    ax = plots.plot_dataset(X, Y, ax=axes[1])
    assert ax is axes[1] and not axes[0].collections
    assert len(plt.get_fignums()) == n_figs  # no new figure


def test_plot_decision_boundary(blobs):
    X, Y = blobs
    shapes = []

    def predict_fn(P):  # a fixed linear classifier: P(y = 1) = sigmoid(x1 + x2)
        shapes.append(P.shape)
        return 1.0 / (1.0 + np.exp(-(P[0:1] + P[1:2])))
    ax = plots.plot_decision_boundary(predict_fn, X, Y, resolution=50)
    assert shapes[0] == (2, 2500)
    cs = contour_sets(ax)
    assert len(cs) == 2
    filled, line = cs
    assert filled.filled and not line.filled
    np.testing.assert_allclose(line.levels, [0.5])
    # the boundary line lies on x1 + x2 = 0
    verts = np.concatenate([p.vertices for p in line.get_paths() if len(p.vertices)])
    np.testing.assert_allclose(verts.sum(axis=1), 0.0, atol=0.2)
    expected_acc = np.mean(((X[0] + X[1]) > 0) == (Y[0] == 1))
    assert ax.get_title() == f"Decision boundary (accuracy {expected_acc:.1%})"
    assert ax.get_xlabel() == "$x_1$" and ax.get_ylabel() == "$x_2$"
    assert "boundary P = 0.5" in [t.get_text() for t in ax.get_legend().get_texts()]
    assert len(ax.figure.axes) == 2  # the colour bar
    assert ax.figure.axes[1].get_ylabel() == "P(y = 1 | x)"
    # the grid covers the data with a margin
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert x0 < X[0].min() and x1 > X[0].max() and y0 < X[1].min() and y1 > X[1].max()


def test_plot_decision_boundary_with_labels_and_a_trainer(blobs):
    X, Y = blobs
    trainer = training.Trainer(X, Y, [2, 3, 1], seed=0).step(5)
    fig, ax = plt.subplots()
    out = plots.plot_decision_boundary(trainer.predict, X, Y, ax=ax, resolution=20, title="labels",
                                       colorbar=False)
    assert out is ax and ax.get_title() == "labels" and len(fig.axes) == 1
    assert len(contour_sets(ax)) == 2
    out = plots.plot_decision_boundary(lambda P: trainer.predict_proba(P)[0], X, Y, resolution=20)  # (k,) works
    assert len(contour_sets(out)) == 2


def test_plot_decision_boundary_errors(blobs):
    X, Y = blobs
    with pytest.raises(ValueError, match=r"predict_fn must map .* shape \(1, k\).*shape \(2, 100\)"):
        plots.plot_decision_boundary(lambda P: P, X, Y, resolution=10)
    with pytest.raises(ValueError, match="resolution"):
        plots.plot_decision_boundary(lambda P: P[:1], X, Y, resolution=1)
    with pytest.raises(ValueError, match="predict_fn must be callable"):
        plots.plot_decision_boundary(None, X, Y)


def test_plot_costs_of_a_list():
    costs = [0.7, 0.5, 0.4, 0.35]
    axes = plots.plot_costs(costs, every=100)
    assert len(axes) == 1
    (line,) = axes[0].lines
    np.testing.assert_array_equal(line.get_xdata(), [0, 100, 200, 300])
    np.testing.assert_array_equal(line.get_ydata(), costs)
    assert axes[0].get_xlabel() == "iteration" and axes[0].get_ylabel() == "cost J" and axes[0].get_title() == "Cost"
    axes = plots.plot_costs(np.array(costs)[None, :], xlabel="iterations (per hundreds)", logy=True)
    assert axes[0].get_yscale() == "log" and axes[0].get_xlabel() == "iterations (per hundreds)"
    with pytest.raises(ValueError, match="history_or_costs"):
        plots.plot_costs(np.ones((2, 3)))
    with pytest.raises(ValueError, match="'cost' key"):
        plots.plot_costs({"loss": [1.0]})


def test_plot_costs_of_a_history(blobs):
    X, Y = blobs
    Xtr, Ytr, Xva, Yva = datasets.train_test_split(X, Y, rng=0)
    _, h = training.train(Xtr, Ytr, [2, 3, 1], num_epochs=6, record_every=2, X_val=Xva, Y_val=Yva)
    cost_ax, acc_ax = plots.plot_costs(h)
    assert cost_ax.figure is acc_ax.figure
    assert [ln.get_label() for ln in cost_ax.lines] == ["train", "validation"]
    assert [ln.get_label() for ln in acc_ax.lines] == ["train", "validation"]
    np.testing.assert_array_equal(cost_ax.lines[0].get_xdata(), [0, 2, 4])
    np.testing.assert_array_equal(cost_ax.lines[1].get_ydata(), h["val_cost"])
    np.testing.assert_allclose(acc_ax.lines[0].get_ydata(), 100 * np.array(h["train_accuracy"]))
    assert cost_ax.get_xlabel() == "epoch" and acc_ax.get_ylabel() == "accuracy (%)"
    assert cost_ax.get_legend() is not None and acc_ax.get_legend() is not None
    fig, ax = plt.subplots()
    assert plots.plot_costs(h, ax=ax) == [ax] and len(ax.lines) == 2  # one Axes: the cost only
    _, h_train = training.train(Xtr, Ytr, [2, 3, 1], num_epochs=3)
    assert [ln.get_label() for ln in plots.plot_costs(h_train)[0].lines] == ["train"]


def test_plot_activations():
    fig = plots.plot_activations()
    ax_g, ax_d = fig.axes
    names = ["sigmoid", "tanh", "relu", "leaky_relu", "elu", "swish", "gelu"]
    assert [ln.get_label() for ln in ax_g.lines if not ln.get_label().startswith("_")] == names
    assert [ln.get_label() for ln in ax_d.lines if not ln.get_label().startswith("_")] == names
    z = ax_g.lines[1].get_xdata()
    assert len(z) == 401 and z[0] == -5 and z[-1] == 5
    np.testing.assert_allclose(ax_g.lines[1].get_ydata(), np.tanh(z))
    np.testing.assert_allclose(ax_d.lines[0].get_ydata(), activations.sigmoid_grad(z))
    assert ax_g.get_title() == "Activations" and ax_d.get_title() == "Derivatives"
    assert ax_d.get_ylabel() == "g'(z)" and ax_g.get_legend() is not None
    fig = plots.plot_activations(["relu"], z=np.array([-1.0, 0.5, 2.0]))
    np.testing.assert_array_equal(fig.axes[1].lines[0].get_ydata(), [0.0, 1.0, 1.0])
    with pytest.raises(ValueError, match="unknown activation 'softplus'"):
        plots.plot_activations(["softplus"])
    with pytest.raises(ValueError, match="z must be"):
        plots.plot_activations(z=np.ones((2, 2)))


def test_plot_loss_surface_paths():
    def f(w1, w2):
        return w1 ** 2 + 10 * w2 ** 2 + 0.01
    paths = {"gd": np.array([[-2.0, 1.0], [-1.0, 0.2], [-0.5, 0.0]]), "adam": [[-2.0, 1.0], [0.0, 0.0]]}
    ax = plots.plot_loss_surface_paths(f, paths, (-3, 3), (-2, 2), resolution=40)
    assert len(contour_sets(ax)) == 2
    labels = [ln.get_label() for ln in ax.lines]
    assert "gd" in labels and "adam" in labels and "start" in labels
    gd = ax.lines[labels.index("gd")]
    np.testing.assert_array_equal(gd.get_xdata(), [-2.0, -1.0, -0.5])
    assert ax.get_xlim() == (-3.0, 3.0) and ax.get_ylim() == (-2.0, 2.0)
    assert ax.get_xlabel() == "$w_1$" and ax.get_title()
    # a function of two floats only is vectorised
    ax2 = plots.plot_loss_surface_paths(lambda a, b: float(a * a + b * b) + 1.0, {}, (-1, 1), (-1, 1),
                                        resolution=10)
    assert len(contour_sets(ax2)) == 2
    with pytest.raises(ValueError, match=r"paths\['gd'\] must have shape \(k, 2\)"):
        plots.plot_loss_surface_paths(f, {"gd": np.zeros((3, 3))}, (-1, 1), (-1, 1))
    with pytest.raises(ValueError, match="xlim"):
        plots.plot_loss_surface_paths(f, {}, (1, -1), (-1, 1))


def test_animation_frames_html_and_gif(blobs, tmp_path):
    X, Y = blobs
    anim = plots.animate_training(X, Y, [2, 3, 1], frames=4, epochs_per_frame=2, resolution=20, seed=1,
                                  figsize=(6, 2.6))
    assert isinstance(anim, FuncAnimation)
    assert not plt.fignum_exists(anim.figure.number)  # closed in pyplot: no still image in a notebook
    anim.figure.set_dpi(50)  # small frames: a quick test
    html = anim.to_jshtml()
    assert isinstance(html, str) and "<script" in html and html.count("data:image/png;base64") == 4
    assert anim.trainer.epoch == 6  # frame 0 is the untrained network, then 3 x 2 epochs
    path = tmp_path / "training.gif"
    anim.save(path, writer="pillow", dpi=40)
    from PIL import Image
    with Image.open(path) as im:
        assert im.n_frames == 4
    assert anim.trainer.epoch == 6  # the frames are kept: saving after showing trains no further
    ax, cost_ax = anim.figure.axes[:2]
    assert ax.get_title() == f"epoch 6: accuracy {anim.trainer.accuracy(X, Y):.1%}"
    assert len(contour_sets(ax)) == 2  # the last frame's contours only
    np.testing.assert_array_equal(cost_ax.lines[0].get_xdata(), anim.trainer.history["epoch"])
    assert cost_ax.get_xlabel() == "epoch"


def test_animate_decision_boundary_with_validation(blobs):
    X, Y = blobs
    Xtr, Ytr, Xva, Yva = datasets.train_test_split(X, Y, rng=0)
    trainer = training.Trainer(Xtr, Ytr, [2, 3, 1], X_val=Xva, Y_val=Yva).step(3)
    anim = plots.animate_decision_boundary(trainer, Xtr, Ytr, frames=2, epochs_per_frame=1, resolution=15,
                                          figsize=(6, 2.6))
    anim.to_jshtml()
    assert trainer.epoch == 4
    assert [ln.get_label() for ln in anim.figure.axes[1].lines] == ["train cost", "validation cost"]
    with pytest.raises(ValueError, match="trainer must be a nnkit.training.Trainer"):
        plots.animate_decision_boundary(object(), X, Y)
    with pytest.raises(ValueError, match="frames"):
        plots.animate_decision_boundary(trainer, X, Y, frames=0)


def test_animation_html_plays_offline():
    """The player's buttons are characters, not Font Awesome icons from a CDN."""
    from matplotlib.animation import FuncAnimation

    from nnkit.plots import animation_html

    fig, ax = plt.subplots()
    line, = ax.plot([0, 1], [0, 1])
    anim = FuncAnimation(fig, lambda k: line.set_ydata([0, k]), frames=3)
    html = animation_html(anim)
    plt.close(fig)
    assert "font-awesome" not in html and "http" not in html.split("<script")[0]
    assert 'class="fa ' not in html and "\u25b6" in html
    assert html.count("<img") >= 1 or "frames[0]" in html
