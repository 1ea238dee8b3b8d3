"""The book as a reader meets it: built, served on 127.0.0.1, every page opened in headless Chromium.

Run by ``make book-test`` (and so by CI). Every host but 127.0.0.1 is blocked: the book must work
offline. Each page loads with no console error, no broken link or image and no request that leaves
the machine; maths is typeset (no raw ``$$`` left); each notebook page shows as many figures as its
notebook draws; solutions are folded until clicked; the search finds "sigmoid"; the landing page and
a notebook page fit a phone's width. Screenshots go to ``book/_build/screenshots/`` to be looked at.
"""

import functools
import http.server
import os
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest

BOOK = Path(__file__).resolve().parent
HTML = BOOK / "_build" / "html"
CACHE = BOOK / "_build" / ".jupyter_cache"
SHOTS = BOOK / "_build" / "screenshots"
CHROMIUM = os.environ.get("NNKIT_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
#: What sphinx-book-theme logs on a first visit (harmless; docs/PITFALLS.md).
HARMLESS = re.compile(r"invalid theme mode", re.I)

playwright = pytest.importorskip("playwright.sync_api", reason="the book's extra is not installed (make book-test)")


@pytest.fixture(scope="session")
def site():
    import build

    build.build()
    handler = functools.partial(_QuietHandler, directory=str(HTML))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(f"no Chromium at {CHROMIUM}: run `make browser` (Debian's chromium package)")
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield b
        b.close()


class Reader:
    """A page opened with every other host blocked, its console errors and failed requests noted."""

    def __init__(self, browser, site, width=1280, height=900):
        self.site = site
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.page = self.context.new_page()
        self.errors, self.outside, self.failed = [], [], []
        self.context.route("**/*", self._route)
        self.page.on("console", lambda m: m.type == "error" and not HARMLESS.search(m.text)
                     and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.status} {r.url}"))

    def _route(self, route):
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", None) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, path):
        self.page.goto(f"{self.site}/{path}", wait_until="load")
        self.page.wait_for_function("() => !window.MathJax || !MathJax.startup || MathJax.startup.promise"
                                    " .then(() => true)")
        self.page.evaluate("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
        return self.page

    def close(self):
        self.context.close()


#: The text a reader reads (code blocks, scripts and typeset maths left out).
PROSE = """() => { const root = (document.querySelector('main') || document.body).cloneNode(true);
  root.querySelectorAll('pre, code, script, style, mjx-container, .MathJax').forEach(e => e.remove());
  return root.innerText; }"""


EDITIONS = {"en": "", "zh_CN": "zh_CN/"}


def pages():
    return sorted(str(p.relative_to(HTML)) for p in [*HTML.glob("*.html"), *HTML.glob("zh_CN/*.html")])


def notebook_pages(lang="en"):
    """The notebook pages of an edition, as paths from the site's root without ``.html``."""
    return sorted(EDITIONS[lang] + p.stem for p in (BOOK / "_build" / "pages" / lang).glob("*.ipynb"))


def every_notebook_page():
    return [page for lang in EDITIONS for page in notebook_pages(lang)]


@pytest.fixture(scope="session")
def every_page(site, browser):
    """Every page of the site, opened once: {path: what was seen}."""
    seen = {}
    reader = Reader(browser, site)
    for path in pages():
        page = reader.open(path)
        seen[path] = {
            "errors": list(reader.errors), "outside": list(reader.outside), "failed": list(reader.failed),
            "text": page.evaluate(PROSE),
            "main": page.inner_text("main"),  # with the code and its outputs
            "maths": page.locator("mjx-container").count(),
            "figures": page.evaluate("() => [...document.querySelectorAll('main img')]"
                                     ".filter(i => !i.closest('.animation')).length"),
            "broken_images": page.evaluate(
                "() => [...document.querySelectorAll('img')].filter(i => !i.complete || i.naturalWidth === 0)"
                ".map(i => i.src)"),
            "links": page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)"),
            "animations": page.locator(".animation").count(),
        }
        reader.errors.clear(), reader.outside.clear(), reader.failed.clear()
    reader.close()
    return seen


def test_the_site_has_a_page_per_notebook_and_the_landing_page_in_both_languages(every_page):
    names = notebook_pages()
    assert len(names) >= 9 and len(notebook_pages("zh_CN")) == len(names)
    for prefix in EDITIONS.values():
        assert {f"{prefix}index.html", f"{prefix}functions.html", f"{prefix}search.html"} \
            | {f"{prefix}{n}.html" for n in names} <= set(every_page)
    assert "神经元" in every_page["zh_CN/01_neuron.html"]["text"]
    assert "神经元" in every_page["zh_CN/index.html"]["text"]
    # the Chinese pages' checks speak Chinese, the English ones English
    for n in names:
        if n != "00_welcome":
            assert "：正确" in every_page[f"zh_CN/{n}.html"]["main"], n
            assert ": correct" not in every_page[f"zh_CN/{n}.html"]["main"], n
            assert ": correct" in every_page[f"{n}.html"]["main"], n


def test_no_console_error_no_request_off_the_machine_no_broken_image(every_page):
    for path, seen in every_page.items():
        assert not seen["errors"], (path, seen["errors"])
        assert not seen["outside"], (path, seen["outside"][:3])
        assert not seen["failed"], (path, seen["failed"][:3])
        assert not seen["broken_images"], (path, seen["broken_images"][:3])


def test_no_broken_link(site, every_page):
    targets = {}
    for path, seen in every_page.items():
        for href in seen["links"]:
            url = urlparse(href)
            if url.hostname == "127.0.0.1":
                targets.setdefault(url.path.lstrip("/"), set()).add(path)
    for target, where in targets.items():
        file = HTML / (target or "index.html")
        assert file.is_file() or (file / "index.html").is_file(), f"{target} (linked from {sorted(where)[:3]})"


def test_maths_is_typeset_everywhere(every_page):
    for path, seen in every_page.items():
        assert "$$" not in seen["text"], path
        assert not re.search(r"(?<![\w\\])\$[^$\s][^$\n]{0,80}\$", seen["text"]), path
    for name in every_notebook_page():
        assert every_page[f"{name}.html"]["maths"] > 0, name


def _executed_figures(name):
    """The pictures the page's notebook drew when MyST-NB executed it (from its jupyter-cache)."""
    import nbformat
    from jupyter_cache import get_cache

    lang, _, stem = name.rpartition("/")
    page = nbformat.read(BOOK / "_build" / "pages" / (lang or "en") / f"{stem}.ipynb", as_version=4)
    cache = get_cache(CACHE)
    record = cache.match_cache_notebook(page)
    nb = cache.get_cache_bundle(record.pk).nb
    return sum(1 for c in nb.cells for o in c.get("outputs", [])
               if "image/png" in o.get("data", {}) or "image/jpeg" in o.get("data", {}))


def test_every_notebook_page_shows_every_figure_its_notebook_draws(every_page):
    total = 0
    for name in every_notebook_page():
        expected = _executed_figures(name)
        total += expected
        assert every_page[f"{name}.html"]["figures"] == expected, name
    assert total >= 20
    assert every_page["07_deep_network.html"]["animations"] >= 2  # the training replay and the playground
    assert every_page["zh_CN/07_deep_network.html"]["animations"] >= 2


def test_solutions_are_folded_until_clicked(site, browser):
    reader = Reader(browser, site)
    page = reader.open("01_neuron.html")
    toggles = page.locator("details.hide")
    assert toggles.count() >= 6
    first = toggles.first
    assert first.get_attribute("open") is None
    code = first.locator("div.highlight")
    assert not code.is_visible()
    first.locator("summary").click()
    assert first.get_attribute("open") is not None and code.is_visible()
    assert "def sigmoid" in code.inner_text() and "BEGIN SOLUTION" not in code.inner_text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    first.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "solution-open.png"))
    reader.close()


def test_hidden_tests_never_reach_the_book(every_page):
    """No hidden test, nor its marker, in any page (00 mentions ``hidden=True`` in its prose only)."""
    for path in pages():
        html = (HTML / path).read_text()
        assert "BEGIN HIDDEN TESTS" not in html, path
        code = " ".join(re.findall(r"<pre>(.*?)</pre>", html, re.S))
        assert "hidden=True" not in re.sub(r"<[^>]+>", "", code), path


def test_search_finds_sigmoid(site, browser):
    reader = Reader(browser, site)
    page = reader.open("search.html?q=sigmoid")
    page.wait_for_selector("#search-results li", timeout=15000)
    assert page.locator("#search-results li").count() >= 3
    assert not reader.errors, reader.errors
    reader.close()


def test_every_graded_function_is_listed_and_links_to_its_exercise(site, browser):
    from grader import specs

    reader = Reader(browser, site)
    page = reader.open("functions.html")
    text = page.inner_text("main")
    for a in specs.MODULES:
        for name in specs.load(a).functions:
            assert name in text, (a, name)
    link = page.locator("main a:has-text('layer_forward')").first
    link.click()
    page.wait_for_load_state("load")
    assert page.url.split("#")[0].endswith("01_neuron.html") and "#nb01-layer-forward" in page.url
    reader.close()


def test_student_notebooks_can_be_downloaded(every_page):
    import nbformat

    for name in every_notebook_page():
        stem = name.rpartition("/")[2]
        links = [h for h in every_page[f"{name}.html"]["links"] if h.endswith(f"/{stem}.ipynb")]
        assert links, name
        path = HTML / urlparse(links[0]).path.lstrip("/")
        nb = nbformat.read(path, as_version=4)
        text = "".join(c.source for c in nb.cells)
        assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
        if stem != "00_welcome":
            assert "raise NotImplementedError()" in text


def test_every_page_links_to_itself_in_the_other_language(site, browser):
    reader = Reader(browser, site)
    page = reader.open("01_neuron.html")
    page.click("p.nnkit-lang a")
    page.wait_for_load_state("load")
    assert page.url.endswith("/zh_CN/01_neuron.html") and "神经元" in page.inner_text("main")
    page.click("p.nnkit-lang a")
    page.wait_for_load_state("load")
    assert page.url.endswith("/01_neuron.html") and "/zh_CN/" not in page.url
    SHOTS.mkdir(parents=True, exist_ok=True)
    reader.open("zh_CN/01_neuron.html").screenshot(path=str(SHOTS / "desktop-zh-01_neuron.png"))
    assert not reader.errors, reader.errors
    reader.close()


@pytest.mark.parametrize("path", ["index.html", "04_two_layer_backprop.html", "zh_CN/index.html"])
def test_fits_a_phone(site, browser, path):
    reader = Reader(browser, site, width=390, height=844)
    page = reader.open(path)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"phone-{path.replace('.html', '').replace('/', '-')}.png"))
    assert overflow <= 1, f"{path} is {overflow} px wider than a phone"
    reader.close()


def test_desktop_screenshots(site, browser):
    reader = Reader(browser, site)
    SHOTS.mkdir(parents=True, exist_ok=True)
    for path in ("index.html", "01_neuron.html", "07_deep_network.html"):
        reader.open(path).screenshot(path=str(SHOTS / f"desktop-{path.replace('.html', '')}.png"))
    assert not reader.errors, reader.errors
    reader.close()
