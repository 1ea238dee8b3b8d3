"""Every write to the judge's worker has a deadline: a worker that stops reading its input (a
solution that floods or blocks the protocol pipe) costs its own time limit, never the class."""

import signal
import time

import numpy as np
import pytest

from grader.judge.judge import Worker, WorkerGone


@pytest.fixture
def alarm():
    def boom(*_):
        raise AssertionError("the grader blocked: no deadline on the write")
    old = signal.signal(signal.SIGALRM, boom)
    signal.alarm(30)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def test_a_worker_that_never_reads_cannot_block_the_grader(tmp_path, alarm):
    # the worker's command is replaced by one that never reads its input and never answers
    w = Worker(tmp_path, command_prefix=("sh", "-c", "sleep 60", "never-reads"))
    big = {"op": "call", "fn": "f", "args": (np.zeros((500, 500)),), "kwargs": {}}   # 2 MB: over any pipe buffer
    start = time.monotonic()
    try:
        with pytest.raises(WorkerGone) as gone:
            w.request(big, time.monotonic() + 2.0)
    finally:
        w.kill()
    assert gone.value.timeout and time.monotonic() - start < 10


def test_a_worker_that_ended_is_said_so(tmp_path, alarm):
    w = Worker(tmp_path, command_prefix=("sh", "-c", "exit 0", "gone"))
    time.sleep(0.3)
    try:
        with pytest.raises(WorkerGone) as gone:
            w.request({"op": "call", "fn": "f", "args": (np.zeros((500, 500)),), "kwargs": {}},
                      time.monotonic() + 5.0)
    finally:
        w.kill()
    assert not gone.value.timeout


def _judge_sigmoid(tmp_path, body):
    from grader import specs
    from grader.judge.judge import Judge

    src = "import os\nimport numpy as np\ndef sigmoid(z):\n" + "".join(f"    {line}\n" for line in body)
    return Judge(specs.load("01_neuron"), tmp_path, function_timeout=10).judge([src], ["sigmoid", "tanh"])


def test_a_result_too_large_is_said_so_and_costs_its_function_only(tmp_path, alarm):
    v = _judge_sigmoid(tmp_path, ["return np.zeros((9000, 1000))"])  # 72 MB: over the 64 MB a reply may hold
    assert not v["sigmoid"].passed and "too large to check" in v["sigmoid"].message
    assert "process ended" not in v["sigmoid"].message
    assert "not defined" in v["tanh"].message  # the next name is judged as usual


def test_a_reply_that_cannot_be_read_fails_its_function_with_a_message(tmp_path, alarm):
    # the solution writes a frame of its own on the protocol pipe (the worker's fd 4): a list, not a reply
    v = _judge_sigmoid(tmp_path, ["os.write(4, b'\\x00\\x00\\x00\\x02[]')", "return 1 / (1 + np.exp(-z))"])
    assert not v["sigmoid"].passed and "could not be read back" in v["sigmoid"].message
    assert "not defined" in v["tanh"].message


def test_a_reference_served_with_huge_sizes_runs_within_limits_in_the_grader(tmp_path):
    """The student's code asks the grader to run a reference (an earlier graded function) with sizes
    that would take gigabytes: it fails in the student's function (MemoryError), the grading process
    stays small, and its own limits are as they were."""
    import resource

    from grader import specs
    from grader.judge.judge import Judge

    src = ("import numpy as np\n"
           "def nn_model(X, Y, n_h, num_iterations=10000, learning_rate=1.2, seed=3):\n"
           "    parameters = initialize_parameters(13000, 13000, 1, seed)\n"
           "    return parameters\n")
    limits_before = resource.getrlimit(resource.RLIMIT_AS)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    v = Judge(specs.load("04_two_layer_backprop"), tmp_path, function_timeout=20).judge([src], ["nn_model"])
    assert not v["nn_model"].passed and "Unable to allocate" in v["nn_model"].message, v["nn_model"].message
    assert resource.getrlimit(resource.RLIMIT_AS) == limits_before
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before < 1_200_000  # KB: not the 1.3 GB asked


def test_a_served_reference_that_runs_too_long_is_stopped_at_the_functions_time_limit(tmp_path):
    from grader.judge.judge import served_within

    start = time.monotonic()
    with pytest.raises(TimeoutError), served_within(0.5, 2 ** 30):
        while True:
            np.linalg.svd(np.ones((200, 200)))
    assert time.monotonic() - start < 3


def test_a_notebooks_whole_judging_has_a_cap(tmp_path):
    """Cells that sleep and functions that end the process (each death replays the earlier cells)
    cost at most the notebook's cap; the names left say they were not judged, and why."""
    from grader import specs
    from grader.judge.judge import Judge

    sources = ["import time\ntime.sleep(2)\n",
               "import os\ndef sigmoid(z):\n    os._exit(1)\n",
               "import time\ntime.sleep(2)\n",
               "def relu(z):\n    while True:\n        pass\n",
               "import numpy as np\ndef tanh(z):\n    return np.tanh(z)\n"]
    judge = Judge(specs.load("01_neuron"), tmp_path, function_timeout=5, notebook_timeout=6)
    start = time.monotonic()
    v = judge.judge(sources, ["sigmoid", "relu", "tanh"])
    assert time.monotonic() - start < 12
    assert not v["sigmoid"].passed
    assert "not judged: judging this notebook took longer than 6 s in all" in v["tanh"].message
    assert any("took longer than 6 s in all" in n for n in judge.notes)
