"""Say where and why running an ontology file failed, as far as the exception tells.

``python FILE`` would print a traceback; an ontology error names the line of the user's file
(or of a module beside it) that failed, the exception, and for a misspelt name the names it
most likely meant (Python 3.11 prints those only in its own tracebacks).

Example:
    >>> try:
    ...     exec(compile("x = Politican", "my_ontology.py", "exec"), {"Politician": 1})
    ... except NameError as exc:
    ...     print(failure_text(exc, Path("my_ontology.py"), {"Politician": 1}))
    my_ontology.py, line 1
    NameError: name 'Politican' is not defined (did you mean 'Politician'?)
"""

from __future__ import annotations

import builtins
import difflib
import shlex
import sys
import traceback
from pathlib import Path
from typing import Any


def failure_text(exc: BaseException, path: Path, namespace: dict[str, Any]) -> str:
    """Where ``exc`` happened in the ontology file at ``path`` (or beside it), and what it is.

    ``namespace``: the file's globals, to suggest a name for a ``NameError`` raised outside
    any frame of the folder (a module beside the file suggests from its own globals).
    """
    where = _where(exc, path)
    names = _failing_globals(exc, path) or namespace
    what = f"{type(exc).__name__}: {_message(exc)}{_suggestion(exc, names)}"
    return f"{where}\n{what}" if where else what


def run_hint(path_text: str) -> str:
    """The command that shows the whole traceback, with the Python eventset runs on (the
    system's ``python`` may not have eventset installed)."""
    return f"`{shlex.quote(sys.executable)} {shlex.quote(path_text)}` shows the whole traceback"


def closest(name: str, candidates: list[str], *, anyone: bool = False) -> str | None:
    """The candidate ``name`` most likely misspells; with ``anyone``, the only candidate when
    there is one, however different (a file that defines one Ontology).

    Example:
        >>> closest("ONTOLGY", ["ONTOLOGY", "Person"]), closest("X", ["SIEGES"], anyone=True)
        ('ONTOLOGY', 'SIEGES')
    """
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    if not close:  # case-insensitively: --ontology file.py:ontology
        folded = {c.casefold(): c for c in candidates}
        close = [folded[c] for c in difflib.get_close_matches(name.casefold(), list(folded), 1)]
    if close:
        return close[0]
    return candidates[0] if anyone and len(candidates) == 1 else None


def _where(exc: BaseException, path: Path) -> str:
    if isinstance(exc, SyntaxError) and exc.filename and exc.lineno:
        return _located(_shown(exc.filename, path), exc.lineno, exc.text)
    folder = path.resolve().parent
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if _beside(f.filename, folder)]
    if not frames:
        return ""
    last = frames[-1]
    return _located(_shown(last.filename, path), last.lineno, last.line)


def _failing_globals(exc: BaseException, path: Path) -> dict[str, Any]:
    """The globals of the last frame in the folder of ``path`` (the ontology file or a module
    beside it) where ``exc`` passed; empty when none did."""
    folder = path.resolve().parent
    found: dict[str, Any] = {}
    tb = exc.__traceback__
    while tb is not None:
        if _beside(tb.tb_frame.f_code.co_filename, folder):
            found = tb.tb_frame.f_globals
        tb = tb.tb_next
    return found


def _located(file: str, number: int | None, line: str | None) -> str:
    code = (line or "").strip()  # empty when the file cannot be read again
    return f"{file}, line {number}: {code}" if code else f"{file}, line {number}"


def _beside(filename: str, folder: Path) -> bool:
    try:
        return Path(filename).resolve().parent == folder
    except (OSError, ValueError):
        return False


def _shown(filename: str, path: Path) -> str:
    """The file as the user named it, or a module beside it by its name."""
    try:
        same = Path(filename).resolve() == path.resolve()
    except (OSError, ValueError):
        same = False
    return str(path) if same else str(path.parent / Path(filename).name)


def _message(exc: BaseException) -> str:
    if isinstance(exc, SyntaxError):
        return exc.msg
    return str(exc)


def _suggestion(exc: BaseException, namespace: dict[str, Any]) -> str:
    name = getattr(exc, "name", None)
    if not isinstance(exc, NameError) or not isinstance(name, str):
        return ""
    known = [*namespace, *dir(builtins)]
    close = difflib.get_close_matches(name, known, n=3, cutoff=0.75)
    if not close:
        return ""
    return f" (did you mean {' or '.join(repr(c) for c in close)}?)"
