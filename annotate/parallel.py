"""Each document's predictions, with the lexicon's matching done in a worker process.

Lexicon matching is most of an import's own work (bench/README.md, session 10); with a second
CPU it runs beside the reading, checking and spooling of the documents. Documents go to the
worker in chunks, at most a few chunks ahead of what has been used, so memory stays bounded;
the predictions come back in order, each document's in the order of its pre-annotators, as in
one process. Other pre-annotators (a OneIE corpus, your own) run here. ``EVENTSET_WORKERS=0``,
one CPU, or fewer than ``PARALLEL_MIN_DOCS`` documents: everything runs in this process.

Example:
    >>> from eventset.annotate.tasks import Document
    >>> [len(p) for _, p in with_predictions([Document("Talks began.", "d")], [])]
    [0]
"""

from __future__ import annotations

from collections import deque
from collections.abc import Generator, Iterable, Iterator, Sequence
from itertools import islice
from typing import Any

from eventset.annotate.preannotate import LexiconPreAnnotator, PreAnnotator
from eventset.annotate.tasks import Document
from eventset.pool import fork_pool, workers_wanted

PARALLEL_MIN_DOCS = 256  # below this, starting a worker costs more than it saves
CHUNK = 64  # documents per trip to the worker
AHEAD = 4  # chunks sent before the first is used

Predictions = list[dict[str, Any]]
_LEXICONS: list[LexiconPreAnnotator] = []  # in a worker: the lexicons it matches with


def with_predictions(
    docs: Iterable[Document], preannotators: Sequence[PreAnnotator]
) -> Generator[tuple[Document, Predictions], None, None]:
    """Each document with its predictions, in order (see the module docstring)."""
    lexicons = [p for p in preannotators if isinstance(p, LexiconPreAnnotator)]
    stream = iter(docs)
    head = list(islice(stream, PARALLEL_MIN_DOCS))
    if not lexicons or len(head) < PARALLEL_MIN_DOCS or workers_wanted(1) == 0:
        for doc in (*head, *stream):
            yield doc, [p for annotator in preannotators for p in annotator.predictions(doc)]
        return
    pool = fork_pool(1, _start, (lexicons,))
    try:
        pending: deque[tuple[list[Document], Any]] = deque()
        for chunk in _chunks(head, stream):
            pending.append((chunk, pool.apply_async(_match, (chunk,))))
            if len(pending) > AHEAD:
                yield from _joined(*pending.popleft(), preannotators)
        while pending:
            yield from _joined(*pending.popleft(), preannotators)
    finally:
        pool.terminate()
        pool.join()


def _chunks(head: list[Document], rest: Iterator[Document]) -> Iterator[list[Document]]:
    for start in range(0, len(head), CHUNK):
        yield head[start : start + CHUNK]
    while chunk := list(islice(rest, CHUNK)):
        yield chunk


def _joined(
    chunk: list[Document], result: Any, preannotators: Sequence[PreAnnotator]
) -> Iterator[tuple[Document, Predictions]]:
    matched: list[list[Predictions]] = result.get()  # per document, per lexicon
    for doc, found in zip(chunk, matched, strict=True):
        by_lexicon = iter(found)
        predictions: Predictions = []
        for annotator in preannotators:
            if isinstance(annotator, LexiconPreAnnotator):
                predictions += next(by_lexicon)
            else:
                predictions += annotator.predictions(doc)
        yield doc, predictions


def _start(lexicons: list[LexiconPreAnnotator]) -> None:
    _LEXICONS[:] = lexicons


def _match(chunk: list[Document]) -> list[list[Predictions]]:
    return [[lexicon.predictions(doc) for lexicon in _LEXICONS] for doc in chunk]
