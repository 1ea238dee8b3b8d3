"""The words inside a notebook's code: comments, docstrings and the text of figures.

A translation of the course changes these and nothing else of a code cell (:mod:`grader.instructor.translate`),
never a graded test or a locked cell; the judge recognises the instructor's cells in any language by
their code without these words (:func:`without_words`), so a translated demo cell is never taken for
one the student added.
"""

import re
from functools import lru_cache

#: calls whose text is a figure's words: the positions of the text among their arguments
FIGURE_CALLS = {name: (0,) for name in ("set_title", "title", "suptitle", "set_xlabel", "set_ylabel", "xlabel",
                                         "ylabel", "set_label", "annotate", "set_text")}
FIGURE_CALLS.update({"text": (2,), "figtext": (2,)})
FIGURE_KEYWORDS = ("label", "title", "xlabel", "ylabel")  # of any call: ax.plot(..., label="train"), ax.set(...)
_SKIPPED_COMMENT = re.compile(r"^(#|noqa|type:|pragma|YOUR CODE HERE)", re.I)
_LITERAL = re.compile(r"(?is)([a-z]*)('''|\"\"\"|'|\")(.*)\2$")


def _words(text):
    """Whether ``text`` has words to translate outside ``$...$`` maths and ``{...}`` fields."""
    return bool(re.search(r"[A-Za-z]{2,}", re.sub(r"\$[^$]*\$|\{[^{}]*\}", "", text)))


def translatable_code(cell):
    """Whether a code cell's words may be translated: every code cell but the graded tests and the
    locked cells (nbgrader restores those from the gradebook, so they stay the English ones)."""
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return cell.get("cell_type") == "code" and not meta.get("locked") and not (
        meta.get("grade") and not meta.get("solution"))


def code_spans(source, words_only=True):
    """``[(start, end, english, kind)]``: the spans of ``source`` (character offsets) that hold words
    to translate: comments (the text after ``#``), docstrings (their text, dedented) and the strings
    of figure calls (titles, axis labels, legend labels, text; an f-string's text keeps its
    ``{fields}``). Everything else, the code, is never translated. A cell that is not plain Python
    (a magic) has none. ``words_only``: only the spans that hold English words to translate (False:
    every such span, in any language)."""
    import ast
    import inspect
    import io
    import tokenize

    try:
        tree = ast.parse(source)
        tokens = list(tokenize.generate_tokens(io.StringIO(source).readline))
    except (SyntaxError, tokenize.TokenError, ValueError):
        return []
    lines = source.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(lineno, col, in_bytes=True):  # ast counts UTF-8 bytes in a line, tokenize characters
        line = lines[lineno - 1]
        return starts[lineno - 1] + (len(line.encode()[:col].decode(errors="ignore")) if in_bytes else col)

    spans = []
    for tok in tokens:
        if tok.type == tokenize.COMMENT and not tok.string.startswith("###"):
            body = tok.string.lstrip("#").strip()
            if body and (_words(body) or not words_only) and not _SKIPPED_COMMENT.match(body):
                end = offset(*tok.end, in_bytes=False)
                spans.append((end - len(tok.string.lstrip("#").lstrip()), end, body, "comment"))
    strings = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Module)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                    and isinstance(first.value.value, str):
                strings.append((first.value, "docstring"))
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            positions = FIGURE_CALLS.get(name, ())
            strings += [(node.args[i], "figure") for i in positions if i < len(node.args)]
            strings += [(k.value, "figure") for k in node.keywords if k.arg in FIGURE_KEYWORDS]
    for node, kind in strings:
        if not isinstance(node, (ast.Constant, ast.JoinedStr)) or getattr(node, "end_lineno", None) is None:
            continue
        if isinstance(node, ast.Constant) and not isinstance(node.value, str):
            continue
        start, end = offset(node.lineno, node.col_offset), offset(node.end_lineno, node.end_col_offset)
        m = _LITERAL.match(source[start:end])
        if not m or "b" in m.group(1).lower():
            continue  # implicitly joined literals, bytes: left as they are
        inner_start, inner_end = start + len(m.group(1)) + len(m.group(2)), end - len(m.group(2))
        text = source[inner_start:inner_end]
        if kind == "docstring":
            text = inspect.cleandoc(text)
        elif "\\" in text and "r" not in m.group(1).lower():
            continue  # escapes: what the English shows is not what is written
        if _words(text) or (text and not words_only):
            spans.append((inner_start, inner_end, text, kind))
    return sorted(set(spans))


def translate_code(source, table):
    """``source`` with the words of :func:`code_spans` replaced by their translations in ``table``
    (``{English: translation}``; a span without one stays English). The code itself is unchanged, and
    a translation that would break it (a quote that ends its string) is not used."""
    import ast
    import textwrap

    out, last = [], 0
    for start, end, english, kind in code_spans(source):
        new = table.get(english)
        if not new:
            continue
        if kind == "docstring":
            raw = source[start:end]
            width = min((len(x) - len(x.lstrip()) for x in raw.split("\n")[1:] if x.strip()), default=0)
            lead = raw[:len(raw) - len(raw.lstrip())]  # the text's start: on the quotes' line, or the next
            tail = raw[len(raw.rstrip()):]
            body = textwrap.indent(new, " " * width)
            new = lead + (body[width:] if "\n" not in lead else body) + tail
        elif kind == "comment":
            new = new.replace("\n", " ")
        out.append(source[last:start] + new)
        last = end
    result = "".join(out) + source[last:]
    try:
        ast.parse(result)
    except SyntaxError:
        return source
    return result


@lru_cache(maxsize=4096)
def without_words(source):
    """``source`` with the words of :func:`code_spans` taken out: the same for a cell in any language."""
    out, last = [], 0
    for start, end, _, _ in code_spans(source, words_only=False):
        out.append(source[last:start])
        last = end
    return "".join(out) + source[last:]
