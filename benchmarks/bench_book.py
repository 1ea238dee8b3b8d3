"""Book benchmark: how long `make book` takes from nothing, with nothing changed, and after one
notebook's code changed (only that notebook is executed again, from MyST-NB's jupyter-cache).

    python benchmarks/bench_book.py

It works in ``book/_build`` (the book's own build folder): the first build starts from an empty
cache, as on a fresh clone. The changed notebook is a copy of ``course/source`` with one code cell
added to ``05_regularization``; the course itself is not touched.
"""

import shutil
import sys
import tempfile
import time
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "book"))

import build  # noqa: E402


def timed(**kw):
    started = time.perf_counter()
    build.build(**kw)
    return time.perf_counter() - started


def main():
    for part in ("html", "doctrees", "pages", ".jupyter_cache", "jupyter_execute"):
        shutil.rmtree(build.BUILD / part, ignore_errors=True)
    full = timed()
    again = timed()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "source"
        shutil.copytree(build.SOURCE, source)
        path = source / "05_regularization" / "05_regularization.ipynb"
        nb = nbformat.read(path, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell("print('one more cell')"))
        nbformat.write(nb, path)
        changed = timed(source=source)
    restored = timed()  # back to the course as it is: its pages come from the cache again
    print(f"book: full build from an empty cache {full:.0f} s; rebuild with nothing changed {again:.1f} s; "
          f"rebuild after one notebook changed {changed:.0f} s; back to the course {restored:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
