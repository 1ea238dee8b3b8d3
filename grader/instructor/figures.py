"""Every figure of the course as PNG files, to look at them without opening JupyterLab.

``render_course(out)`` runs each source notebook headless (solutions in, in parallel on every core)
and writes each figure it draws to ``out/<notebook>/cell<NN>_<k>.png``; an animation (matplotlib's
``to_jshtml``, whose frames are PNGs inside the HTML) gives its first, middle and last frame as
``cell<NN>_anim<k>_frame<F>.png``. ``extract_figures`` does the same for a notebook already run.

    nnkit-grade figures [--out figures] [ASSIGNMENT ...]      (make figures)
"""

import base64
import os
import re
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

PNG = b"\x89PNG\r\n\x1a\n"
_FRAME = re.compile(r"data:image/png;base64,([A-Za-z0-9+/=\\\s]+)")  # lines end in a backslash


def _frames(html):
    """The PNG frames embedded in an animation's HTML, in order."""
    return [base64.b64decode(re.sub(r"[\\\s]", "", m)) for m in _FRAME.findall(html)]


def figures_of(nb):
    """``(name, png_bytes)`` for every figure in the outputs of ``nb`` (an executed notebook)."""
    out = []
    n_code = 0
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        n_code += 1
        k = 0
        for o in cell.get("outputs", []):
            data = o.get("data", {}) if o.get("output_type") in ("display_data", "execute_result") else {}
            if "image/png" in data:
                k += 1
                out.append((f"cell{n_code:02d}_{k}.png", base64.b64decode(data["image/png"])))
            elif "text/html" in data:
                frames = _frames(data["text/html"] if isinstance(data["text/html"], str) else "".join(data["text/html"]))
                if frames:
                    k += 1
                    picks = sorted({0, len(frames) // 2, len(frames) - 1})
                    out += [(f"cell{n_code:02d}_anim{k}_frame{f:03d}.png", frames[f]) for f in picks]
    return out


def extract_figures(nb, folder):
    """Write the figures of ``nb`` into ``folder``; the paths written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, png in figures_of(nb):
        p = folder / name
        p.write_bytes(png)
        paths.append(p)
    return paths


def _render_one(path, folder, timeout):
    import nbformat
    from nbclient import NotebookClient

    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    nb = nbformat.read(str(path), as_version=4)
    NotebookClient(nb, timeout=timeout, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": str(Path(path).parent)}}).execute()
    errors = [o.get("ename", "") for c in nb.cells if c.cell_type == "code"
              for o in c.get("outputs", []) if o.get("output_type") == "error"]
    return [str(p) for p in extract_figures(nb, folder)], errors


def render_course(out, assignments=None, course_dir=None, jobs=None, timeout=300):
    """Run the source notebooks of ``assignments`` (default: all) and write their figures under
    ``out``; ``{assignment: (paths, errors)}``."""
    from grader.instructor import course

    course_dir = Path(course_dir or course.DEFAULT_COURSE)
    names = assignments or course.assignments(course_dir)
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(names)))
    with ProcessPoolExecutor(jobs, mp_context=get_context("spawn")) as pool:
        futures = {a: pool.submit(_render_one, course_dir / "source" / a / f"{a}.ipynb", Path(out) / a, timeout)
                   for a in names}
        return {a: f.result() for a, f in futures.items()}
