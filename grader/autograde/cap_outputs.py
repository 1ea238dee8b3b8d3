"""Outputs capped by size, not only by lines: a cell that prints 50 MB costs the feedback nothing.

nbgrader's ``LimitOutput`` keeps at most so many lines of each output, but one line may be any
length, and a picture any size: a cell that prints one 50 MB line, or a huge array's repr, would be
kept whole in the autograded notebook and in the feedback page. :class:`CapOutputs` (after
``LimitOutput`` in the full mode; the judge-only mode keeps capped outputs already) cuts every plain
text of an output to ``max_chars`` characters, with a line that says how much was left out, and
replaces anything else larger than ``max_image_bytes`` (a picture, an HTML animation: cut, they would
be broken) by such a line.
"""

from nbformat.notebooknode import NotebookNode
from nbgrader.preprocessors import NbGraderPreprocessor
from traitlets import Integer


def _cut(text, limit):
    text = "".join(text) if isinstance(text, list) else str(text)
    if len(text) <= limit:
        return text
    return text[:limit] + f"\n... ({len(text) - limit} more characters left out of the feedback)\n"


def capped(out, max_chars, max_image_bytes):
    """The output ``out`` with its texts cut to ``max_chars`` and its large pictures left out."""
    kind = out.get("output_type")
    if kind == "stream":
        out["text"] = _cut(out.get("text", ""), max_chars)
    elif kind == "error":
        out["evalue"] = _cut(out.get("evalue", ""), max_chars)
        out["traceback"] = [_cut(line, max_chars) for line in out.get("traceback", [])[:200]]
    elif kind in ("display_data", "execute_result"):
        data = out.get("data") or {}
        for key in list(data):
            value = data[key]
            size = sum(len(v) for v in value) if isinstance(value, list) else len(str(value))
            if key == "text/plain" and isinstance(value, (str, list)):
                data[key] = _cut(value, max_chars)
            elif size > max_image_bytes:  # a picture, or HTML (an animation's frames): whole or not at all
                del data[key]
                data.setdefault("text/plain", f"({key} of {size} bytes, left out of the feedback)")
        out["data"] = NotebookNode(data)
    return out


class CapOutputs(NbGraderPreprocessor):
    """Cut every output's plain text to ``max_chars``; leave out pictures or HTML over ``max_image_bytes``."""

    max_chars = Integer(20_000, help="Characters kept of one text of an output").tag(config=True)
    max_image_bytes = Integer(8_000_000, help="Largest picture or HTML kept (bytes of its encoding)").tag(config=True)

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "code":
            cell.outputs = [capped(o, self.max_chars, self.max_image_bytes) for o in cell.get("outputs", [])
                            if isinstance(o, dict)]
        return cell, resources
