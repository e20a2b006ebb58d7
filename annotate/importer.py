"""Import documents into a project: idempotent, batched, with inline pre-annotations.

Documents already in the project (same ``doc_id``, or same text hash when they have no id)
are skipped and counted, so running the same import twice adds nothing. A ``doc_id`` that
arrives with a different text (than the project's task, or than an earlier input document) is
never overwritten: it is skipped and listed in ``ImportSummary.conflicts``.

Example:
    >>> summary = import_documents(client, "demo", ["news/"], load_ontology())  # doctest: +SKIP
    >>> summary.describe()  # doctest: +SKIP
    'read 3, imported 3, already present 0, ...'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventset.annotate.client import LabelStudioClient, ProjectInfo
from eventset.annotate.documents import read_documents
from eventset.annotate.importbatches import IMPORT_BATCH_BYTES
from eventset.annotate.importlock import import_lock
from eventset.annotate.importstop import noted_when_stopped
from eventset.annotate.language import language_code
from eventset.annotate.oneie import OneIEPreAnnotator
from eventset.annotate.payloads import Fit, refuse_misfits, spool_payloads
from eventset.annotate.preannotate import LexiconPreAnnotator, PreAnnotator
from eventset.annotate.progress import progress_bar
from eventset.annotate.spool import TaskSpool
from eventset.annotate.stampcheck import check_stamp
from eventset.annotate.sync import config_values
from eventset.annotate.tasks import Document, content_key
from eventset.annotate.textdiff import Clash, explain_conflicts
from eventset.schema import Ontology

LEXICON_PREFIX = "lexicon-"  # model versions of LexiconPreAnnotator, with or without a hash


@dataclass
class ImportSummary:
    """Counts of one import run."""

    read: int = 0
    imported: int = 0
    already_present: int = 0
    duplicate_in_input: int = 0
    conflicts: dict[str, list[str]] = field(default_factory=dict)  # doc id -> one per document
    unmatched_corpus_docs: list[str] = field(default_factory=list)
    with_predictions: int = 0
    with_annotations: int = 0
    languages: Counter[str] = field(default_factory=Counter)
    # the first doc ids of each language ("" when none was given or detected)
    language_docs: dict[str, list[str]] = field(default_factory=dict)
    dropped: Counter[str] = field(default_factory=Counter)
    warnings: list[str] = field(default_factory=list)
    # files in folders that are not .txt/.jsonl/.ndjson/.json
    skipped_files: list[Path] = field(default_factory=list)
    model_version: str | None = None  # the predictions annotators see (the project's setting)
    notes: list[str] = field(default_factory=list)  # for the user, not problems
    project_id: int | None = None  # the project imported into

    def describe(self) -> str:
        # The languages are those of the new documents: with none, there is nothing to say.
        langs = ", ".join(f"{k or 'not detected'}={v}" for k, v in sorted(self.languages.items()))
        return (
            f"read {self.read}, imported {self.imported}, already present "
            f"{self.already_present}, duplicates in input {self.duplicate_in_input}, "
            f"conflicting texts {sum(map(len, self.conflicts.values()))}, "
            f"with predictions {self.with_predictions}, with annotations "
            f"{self.with_annotations}; {f'languages: {langs}' if langs else 'no new documents'}"
            f"{self._unmatched()}{self._skipped()}"
        )

    def _skipped(self) -> str:
        files = self.skipped_files
        if not files:
            return ""
        shown = ", ".join(p.name for p in files[:5]) + (
            f" and {len(files) - 5} more" if len(files) > 5 else ""
        )
        return f"; skipped files {len(files)} (not .txt/.jsonl/.ndjson/.json): {shown}"

    def _unmatched(self) -> str:
        ids = self.unmatched_corpus_docs
        if not ids:
            return ""
        shown = ", ".join(ids[:20]) + (f" and {len(ids) - 20} more" if len(ids) > 20 else "")
        return f"; corpus documents matching no input document {len(ids)}: {shown}"


def import_documents(
    client: LabelStudioClient,
    title: str,
    paths: Sequence[str | Path],
    ontology: Ontology,
    *,
    text_field: str = "text",
    lang: str | None = None,
    preannotators: Sequence[PreAnnotator] = (),
    annotation_source: OneIEPreAnnotator | None = None,
    force: bool = False,
    ontology_ref: str | None = None,
) -> ImportSummary:
    """Read ``paths`` and import the new documents into project ``title`` in batches.

    Each preannotator adds its predictions inline; ``annotation_source`` (a corpus read with
    ``--as-annotations``) adds annotations instead. A project synced from another ontology is
    refused before anything is sent, unless ``force``; its remedy names ``ontology_ref`` (the
    ``--ontology`` the import was given) in the ``project sync`` it suggests.
    """
    project = client.require_project(title)
    summary = ImportSummary(project_id=project.id)
    _check_stamp(project, ontology, summary, force, ontology_ref)
    # A Ctrl-C or SIGTERM on the way says how many tasks arrived (also after the last batch).
    with noted_when_stopped() as sending:
        # From reading which documents the project has to sending the others: one at a time.
        with import_lock(client.connection.url, project.id, project.title):
            existing = client.task_text_keys(project.id)
            read_keys: set[str] = set()
            read = read_documents(paths, text_field, lang, summary.skipped_files)
            clashes: list[Clash] = []
            docs = _new_documents(read, existing, summary, read_keys, clashes)
            fits = Fit(config_values(project.label_config), ontology)
            # Everything is built and checked before the first batch goes out, so a misfit in the
            # last document does not leave the first ones imported; the payloads wait on disk.
            with TaskSpool(IMPORT_BATCH_BYTES) as spool:
                misfits = spool_payloads(
                    spool, docs, preannotators, annotation_source, summary, fits
                )
                refuse_misfits(misfits)
                sending.start(len(spool))
                with progress_bar("importing", unit="tasks") as advance:
                    ids = client.import_tasks(project.id, spool, on_batch=sending.counting(advance))
                sent = spool.model_versions
        summary.imported = len(ids)
        explain_conflicts(client, project.id, summary.conflicts, clashes, summary.notes)
        if sent:
            _show_model_version(client, project, preannotators, summary, sent)
    _account_sources(summary, [*preannotators, annotation_source], read_keys, set(existing))
    lexicons = [p for p in preannotators if isinstance(p, LexiconPreAnnotator)]
    if lexicons and summary.imported:
        _note_languages_without_lexicon(summary, lexicons[0].languages)
    if lexicons and lexicons[0].shared:
        shown = "; ".join(lexicons[0].shared)
        summary.notes.append(
            f"lexicon phrases of two event types are pre-annotated as the first type declared "
            f"({shown}): keep each phrase in one event type's lexicon"
        )
    return summary


def _note_languages_without_lexicon(summary: ImportSummary, known: Sequence[str]) -> None:
    """Say which documents the lexicon could not pre-annotate: no lexicon for their language."""
    missing = {lang: n for lang, n in summary.languages.items() if language_code(lang) not in known}
    if not missing:
        return
    shown = "; ".join(
        f"{lang or 'not detected'}={n}: {_named(summary.language_docs.get(lang, []), n)}"
        for lang, n in sorted(missing.items())
    )
    summary.notes.append(
        f"no lexicon pre-annotation for {sum(missing.values())} document(s) ({shown}): the "
        f"ontology's lexicons cover {', '.join(known)}; give a document's language with "
        "`lang`, or add a lexicon for it"
    )


def _note_outside_bounds(summary: ImportSummary, outside: Counter[str]) -> None:
    if not outside:
        return
    shown = ", ".join(f"{what} x{n}" for what, n in sorted(outside.items()))
    summary.warnings.append(
        f"{sum(outside.values())} event(s) of the corpus have a number of arguments of a role "
        f"outside its bounds ({shown}): the build leaves such events out (cardinality) unless "
        "they are fixed in Label Studio"
    )


def _named(doc_ids: list[str], total: int) -> str:
    more = f" and {total - len(doc_ids)} more" if total > len(doc_ids) else ""
    return ", ".join(doc_ids) + more


def _show_model_version(
    client: LabelStudioClient,
    project: ProjectInfo,
    preannotators: Sequence[PreAnnotator],
    summary: ImportSummary,
    sent: Sequence[str],
) -> None:
    # Label Studio pre-fills only the predictions of the project's model version: the others
    # are stored but unseen, so the choice is made here and said out loud. Only versions that
    # predictions were sent with count: a pre-annotator that gave none (the lexicon on texts in
    # no known language, a corpus matching no document) is neither shown (Label Studio refuses
    # a version no prediction has) nor said to be stored.
    senders = [p for p in preannotators if getattr(p, "model_version", None) in sent]
    shown = choose_model_version(senders, project.model_version) or sent[0]
    client.set_model_version(project.id, shown)
    summary.model_version = shown
    others = [v for v in sent if v != shown]
    if others:
        summary.notes.append(
            f"annotators see the pre-annotations of model version {shown!r}; those of "
            f"{', '.join(map(repr, others))} are stored too and can be shown instead in the "
            "project's Settings -> Predictions"
        )


def sent_model_versions(payloads: Iterable[dict[str, Any]]) -> list[str]:
    """The model versions of the predictions in task ``payloads``, in order of first use.

    Example:
        >>> sent_model_versions([{"predictions": [{"model_version": "a"}]}, {"data": {}}])
        ['a']
    """
    found = (
        prediction.get("model_version")
        for payload in payloads
        for prediction in payload.get("predictions") or ()
        if isinstance(prediction, dict)
    )
    return list(dict.fromkeys(str(v) for v in found if v))


def choose_model_version(preannotators: Sequence[PreAnnotator], current: str = "") -> str | None:
    """The model version whose predictions the project shows annotators after this import.

    A corpus (``--preannotations``) wins over the lexicon; the lexicon never takes the place of
    another model's version that the project shows already (``current``).

    Example:
        >>> from eventset.schema import load_ontology
        >>> choose_model_version([LexiconPreAnnotator(load_ontology("conflict-news"))])
        'lexicon-conflict-news'
        >>> choose_model_version([LexiconPreAnnotator(load_ontology())], "oneie-corpus")
        'oneie-corpus'
    """
    corpus = [p.model_version for p in preannotators if isinstance(p, OneIEPreAnnotator)]
    versions = _model_versions(preannotators)
    chosen = corpus[0] if corpus else versions[0] if versions else None
    lexicon = {p.model_version for p in preannotators if isinstance(p, LexiconPreAnnotator)}
    if chosen in lexicon and current and not current.startswith(LEXICON_PREFIX):
        return current
    return chosen


def _model_versions(preannotators: Sequence[PreAnnotator]) -> list[str]:
    found = (getattr(p, "model_version", None) for p in preannotators)
    return list(dict.fromkeys(str(v) for v in found if v))


def _account_sources(
    summary: ImportSummary,
    sources: Sequence[object],
    read_keys: set[str],
    present: Set[str] = frozenset(),
) -> None:
    unmatched: set[str] = set()
    for source in sources:
        summary.dropped.update(getattr(source, "dropped", Counter()))
        if isinstance(source, OneIEPreAnnotator):
            # A corpus document whose doc_id matches no input document brings nothing: say so,
            # whether it was read for predictions or for annotations.
            unmatched |= source.doc_ids - read_keys
            _warn_not_updated(summary, source, read_keys & present)
            _note_outside_bounds(summary, source.outside_bounds)
    summary.unmatched_corpus_docs = sorted(unmatched)


def _warn_not_updated(summary: ImportSummary, source: OneIEPreAnnotator, present: Set[str]) -> None:
    # Import only adds tasks: a corrected corpus or mapping never reaches documents already in
    # the project, which would otherwise look like a silent no-op.
    stale = sorted(source.doc_ids & present)
    if not stale:
        return
    shown = ", ".join(stale[:10]) + (f" and {len(stale) - 10} more" if len(stale) > 10 else "")
    summary.warnings.append(
        f"{len(stale)} documents of {source.path} are already in the project ({shown}): "
        "their tasks keep what an earlier import gave them, and the corpus's "
        "predictions/annotations for them were not sent again (a changed corpus or mapping "
        "does not reach them); to replace them, import into a new project, or delete those "
        "tasks in Label Studio and import again (deleting a task deletes its annotations too)"
    )


SHOWN_REPEATS = 20  # documents named one by one whose text came under another doc id before
EXPLAINED_CONFLICTS = 20  # conflicts with the project whose two texts are compared (see below)
SHOWN_PER_LANGUAGE = 5  # doc ids named per language the lexicon cannot pre-annotate


def _new_documents(
    docs: Iterable[Document],
    existing: dict[str, str],
    summary: ImportSummary,
    read_keys: set[str] | None = None,
    clashes: list[Clash] | None = None,
) -> Iterator[Document]:
    """The documents to send; ``existing`` maps the project's doc ids to their text hashes.

    The same id with the same text is skipped (re-import); with another text it is a conflict,
    reported and skipped: the task in the project is never replaced. The first
    ``EXPLAINED_CONFLICTS`` conflicts with the project go to ``clashes`` with their text.
    """
    seen: dict[str, tuple[str, str]] = {}
    by_text = {text_key: doc_id for doc_id, text_key in existing.items()}
    read_texts: dict[str, str] = {}  # text hash -> the first doc id of this import with it
    repeated = 0  # documents imported under a new doc id with a text seen before

    def warn(message: str) -> None:
        if repeated <= SHOWN_REPEATS:
            summary.warnings.append(message)

    for doc in docs:
        summary.read += 1
        if read_keys is not None:
            read_keys.add(doc.key)
        text_key = content_key(doc.text)
        if doc.key in existing:
            if existing[doc.key] == text_key:
                summary.already_present += 1
            else:
                reasons = summary.conflicts.setdefault(doc.key, [])
                reasons.append(
                    f"{doc.source or doc.key}: the project already has doc id {doc.key!r} "
                    "with a different text"
                )
                if clashes is not None and len(clashes) < EXPLAINED_CONFLICTS:
                    clashes.append((doc.key, len(reasons) - 1, doc.text))
        elif doc.key in seen:
            if seen[doc.key][0] == text_key:
                summary.duplicate_in_input += 1
            else:
                summary.conflicts.setdefault(doc.key, []).append(
                    f"{doc.source or doc.key}: doc id {doc.key!r} was already read with a "
                    f"different text from {seen[doc.key][1]}"
                )
        else:
            if text_key in by_text:  # e.g. a sub-folder imported after its parent folder
                repeated += 1
                warn(
                    f"{doc.source or doc.key}: the project has this text already, as doc id "
                    f"{by_text[text_key]!r}; imported again as {doc.key!r}"
                )
            elif text_key in read_texts:  # the same article saved twice under two names
                repeated += 1
                warn(
                    f"{doc.source or doc.key}: this import read the same text already, as doc id "
                    f"{read_texts[text_key]!r}; both are imported, as two documents"
                )
            else:
                read_texts[text_key] = doc.key
            seen[doc.key] = (text_key, doc.source or doc.key)
            summary.languages[doc.lang or ""] += 1
            named = summary.language_docs.setdefault(doc.lang or "", [])
            if len(named) < SHOWN_PER_LANGUAGE:
                named.append(doc.key)
            yield doc
    if repeated > SHOWN_REPEATS:
        summary.warnings.append(
            f"... and {repeated - SHOWN_REPEATS} more documents whose text was already in the "
            "project or this import under another doc id (each imported as a document of its own)"
        )


def _check_stamp(
    project: ProjectInfo,
    ontology: Ontology,
    summary: ImportSummary,
    force: bool,
    ontology_ref: str | None = None,
) -> None:
    """Refuse an import into a project synced from another ontology (``stampcheck``)."""
    forced = check_stamp(project, ontology, force, ontology_ref)
    if forced:
        summary.warnings.append(forced)
