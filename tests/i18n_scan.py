"""One scanner for messages raised unmarked (issue 23), shared by tests/test_i18n_errors.py and
tests/test_i18n_store_errors.py: each gives its own marking calls, its own idea of a phrase and its own allow-list."""

from __future__ import annotations

import ast
import re
from collections.abc import Callable, Collection


def call_name(func: ast.expr) -> str:
    """``f`` for ``f(...)`` and ``x.f(...)``, "" for anything else."""
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def literal_text(node: ast.AST) -> str | None:
    """The text of a string constant or f-string (its fixed parts), None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value for v in node.values if isinstance(v, ast.Constant))
    return None


def _message_calls(tree: ast.AST) -> list[ast.Call]:
    """``raise X(...)`` calls, and an exception's own message: ``super().__init__(...)``."""
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
            calls.append(node.exc)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "__init__"
              and isinstance(node.func.value, ast.Call) and call_name(node.func.value.func) == "super"):
            calls.append(node)
    return calls


def unmarked_messages(source: str, name: str = "<module>", *, marking: Collection[str],
                      is_phrase: Callable[[str], bool]) -> list[str]:
    """Each text a raised message carries outside a ``marking`` call that ``is_phrase``, as ``name:line text``
    (stripped), in line order: ``raise X("text")``, ``raise X(f"{path}: text")``, ``raise X(path, "text " + hint)``.
    An f-string is judged whole, by its fixed parts."""
    found: list[tuple[int, str]] = []
    for call in _message_calls(ast.parse(source, name)):
        marked: set[int] = set()
        for sub in ast.walk(call):
            if isinstance(sub, ast.Call) and call_name(sub.func) in marking:
                marked.update(id(n) for n in ast.walk(sub))
            if isinstance(sub, ast.JoinedStr):
                marked.update(id(v) for v in sub.values)
        for sub in ast.walk(call):
            text = None if id(sub) in marked else literal_text(sub)
            if text is not None and is_phrase(text):
                found.append((sub.lineno, f"{name}:{sub.lineno} {text.strip()}"))
    return [hit for _, hit in sorted(found, key=lambda pair: pair[0])]


def hit_text(hit: str) -> str:
    """The message of a ``name:line text`` hit."""
    return hit.split(" ", 1)[1] if " " in hit else ""


def allowed(hit: str, name: str, starts: Collection[tuple[str, str]]) -> bool:
    """Whether ``hit`` (of module ``name``) is one of the messages ``starts`` leaves in English, by their start."""
    return any(name == module and hit_text(hit).startswith(start.strip()) for module, start in starts)


def any_words(text: str) -> bool:
    """A phrase: letters, and a space inside the text."""
    return bool(re.search(r"[A-Za-z]{2,}", text)) and " " in text.strip()
