"""``make demo``'s cycle on one assignment: release, three students, autograde, feedback, CSV, report."""

import csv
import json

import pytest

import nbcycle
from grader.instructor.demo import TYPICAL_MISTAKES, run_demo

pytestmark = pytest.mark.slow


def test_demo_cycle_on_01(tmp_path, capsys):
    nbcycle.env_for_tests()
    out = tmp_path / "demo"
    assert run_demo(out, ["01_neuron"], jobs=2) == 0
    report = json.loads((out / "report.json").read_text())["01_neuron"]
    totals = report["totals"]
    full = report["max_score"]
    assert totals["ada"]["score"] == full and totals["cy"]["score"] == 0
    assert 0 < totals["ben"]["score"] < full
    named = {m["function"] for m in report["mistakes"]}
    assert named == set(TYPICAL_MISTAKES["01_neuron"])
    for student in ("ada", "ben", "cy"):
        assert (out / "feedback" / student / "01_neuron" / "01_neuron.html").exists()
    rows = list(csv.DictReader((out / "grades.csv").open()))
    assert {r["student_id"] for r in rows} == {"ada", "ben", "cy"}
    printed = capsys.readouterr().out
    assert "Class report: 01_neuron" in printed and str(out / "grades.csv") in printed
