"""Feedback HTML that runs nothing a submission put in it.

The feedback page is opened by the instructor and returned to the student. A submission can hold
``<script>`` in a markdown cell, ``display(HTML("<script>..."))`` or ``Javascript(...)`` outputs, and
event attributes such as ``onerror=``: rendered as they are, they would run in whoever opens the page
(stored script injection). :class:`SanitizeFeedback` (in ``GenerateFeedback.preprocessors``) removes
every script output and cleans the HTML of markdown cells and of outputs down to harmless tags and
attributes (bleach, which nbconvert already depends on), before the page is rendered.
"""

import html

import bleach
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

#: Tags and attributes kept: text formatting, tables, links and images; no scripts, styles, frames,
#: forms or event handlers.
TAGS = frozenset(bleach.ALLOWED_TAGS) | {"p", "br", "hr", "div", "span", "pre", "table", "thead", "tbody",
                                          "tr", "th", "td", "img", "h1", "h2", "h3", "h4", "h5", "h6",
                                          "sub", "sup", "details", "summary"}
ATTRIBUTES = {"a": ["href", "title"], "img": ["src", "alt", "title", "width", "height"],
              "abbr": ["title"], "acronym": ["title"], "td": ["colspan", "rowspan"], "th": ["colspan", "rowspan"]}
PROTOCOLS = ["http", "https", "mailto", "data"]
SCRIPT_TYPES = ("application/javascript", "text/javascript", "application/vnd.jupyter.widget-view+json")


def clean(html):
    """``html`` with every tag and attribute that can run code removed (their text kept, escaped)."""
    return bleach.clean(html, tags=TAGS, attributes=ATTRIBUTES, protocols=PROTOCOLS, strip=True)


def clean_markdown(source):
    """A markdown cell's text, cleaned only where it holds markup that :func:`clean` removes or
    changes: text whose cleaning only escapes ``<``, ``>`` and ``&`` (the maths of the course,
    ``$z > 0$``) is kept as written, or the page would show ``&gt;`` inside every formula."""
    cleaned = clean(source)
    return source if html.unescape(cleaned) == source else cleaned


class SanitizeFeedback(Preprocessor):
    """Remove script outputs and clean the HTML of markdown cells and outputs."""

    enabled = Bool(True).tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "markdown":
            cell.source = clean_markdown(cell.source)
        for out in cell.get("outputs", []):
            data = out.get("data")
            if not data:
                continue
            for kind in SCRIPT_TYPES:
                data.pop(kind, None)
            for kind in ("text/html", "image/svg+xml"):
                if kind in data:
                    value = data[kind]
                    data[kind] = clean("".join(value) if isinstance(value, list) else value)
            if not data:
                data["text/plain"] = "(a script output, removed from the feedback)"
        return cell, resources
