"""Write the ``documents`` config as brat standoff: ``<split>/<doc>.txt`` + ``.ann`` per document.

Entities and triggers become ``T`` lines, events ``E`` lines (a role used twice is numbered,
``agent2``, as brat requires), attributes ``A`` lines. A span that crosses a line break is written
as fragments, since brat cannot show a span over a newline. ``same_as`` clusters (mentions sharing
a ``cluster_id``) of two or more mentions become ``Equiv`` lines, ``*\\tEquiv T1 T4 T9``: an entity
cluster links the entities' ``T`` ids, an event cluster its events' trigger ``T`` ids (brat's
``Equiv`` joins text-bound annotations only). brat requires the members of an ``Equiv`` to share
one type, so a cluster of several types (a Person and an Organization for one actor) is written
as one ``Equiv`` per type: the links between its types are not in the brat files.
``annotation.conf`` is generated from the ontology so the files open in brat as they are: it
declares ``Equiv`` between entities and between events, and each role with the repetition marker
of its bounds (see ``cardinality``).

What the brat folder does not hold: the eventset ids of mentions and clusters (``T``/``E`` ids are
numbered per document; a cluster keeps its members, not its ``cluster_id``); a document's
``lang``, metadata fields, tokens, sentences and annotators (``doc_ids.tsv`` keeps the doc id);
the ``sentences`` and ``raw`` configs, issues and card; and the ontology's definitions, lexicon and
attribute defaults. brat annotates one document at a time, so nothing links documents (eventset's
clusters never cross a document either). Entity types carry no attributes in eventset, so none
are lost. A role with at least 2 and no upper bound is written ``+`` (brat has no open-ended
``{N-}``, so it does not check the 2), and a repeatable role whose name ends in a digit as taking
at most one (brat refuses to repeat it: ``arg12`` would be ambiguous), so brat flags an event that
fills such a role twice.

Example:
    >>> write_brat("dataset", "brat", onto)  # doctest: +SKIP
    {'train': 120, 'validation': 15, 'test': 15}
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Collection
from pathlib import Path
from typing import Any

from eventset.errors import InputError
from eventset.export.atomic import atomic_folder
from eventset.export.load import _rows, split_files
from eventset.schema import Ontology, RoleSpec

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_STEM = 120  # characters of a doc id kept in its file name
# Everything Python's str.splitlines() breaks on, as brat reads .ann files (a codecs reader):
# a span's text in an .ann line must hold none of them, or the line is cut in two.
_BREAK = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The span's stretches between line breaks (any kind), in order."""
    pieces, cursor = [], start
    for found in _BREAK.finditer(text, start, end):
        if found.start() > cursor:
            pieces.append((cursor, found.start()))
        cursor = found.end()
    if end > cursor:
        pieces.append((cursor, end))
    return pieces


def fragments(text: str, start: int, end: int) -> str:
    """``"0 5;6 9"``: the span's pieces between line breaks (``\n``, ``\r\n``, U+2028 ...)."""
    return ";".join(f"{a} {b}" for a, b in _pieces(text, start, end)) or f"{start} {end}"


def covered(text: str, start: int, end: int) -> str:
    """The span's text as an .ann line shows it: its pieces joined by a space, as brat does."""
    pieces = _pieces(text, start, end)
    return " ".join(text[a:b] for a, b in pieces) if pieces else _BREAK.sub(" ", text[start:end])


def ann_lines(row: dict[str, Any], attributes: list[str]) -> list[str]:
    """The ``.ann`` lines of one documents row."""
    text = row["text"]
    lines: list[str] = []
    clusters: dict[tuple[str, str, str], list[int]] = {}

    def mention(kind: str, start: int, end: int) -> str:
        tid = f"T{sum(line.startswith('T') for line in lines) + 1}"
        shown = covered(text, start, end)
        lines.append(f"{tid}\t{kind} {fragments(text, start, end)}\t{shown}")
        return tid

    def join(kind: str, cluster: Any, label: str, tid: str) -> None:
        # entity and event cluster ids are kept apart, and so are the types of one cluster:
        # brat refuses an Equiv whose members differ in type
        if cluster is not None:
            clusters.setdefault((kind, str(cluster), label), []).append(int(tid[1:]))

    of_entity = {}
    for entity in row["entities"]:
        of_entity[entity["id"]] = mention(entity["type"], entity["start"], entity["end"])
        join("entity", entity.get("cluster_id"), entity["type"], of_entity[entity["id"]])
    number = 0
    for index, event in enumerate(row["events"], 1):
        trigger = mention(event["type"], event["trigger"]["start"], event["trigger"]["end"])
        join("event", event.get("cluster_id"), event["type"], trigger)
        used: Counter[str] = Counter()
        parts = [f"{event['type']}:{trigger}"]
        for argument in event["arguments"]:
            used[argument["role"]] += 1
            name = argument["role"] + (
                str(used[argument["role"]]) if used[argument["role"]] > 1 else ""
            )
            parts.append(f"{name}:{of_entity[argument['entity_id']]}")
        lines.append(f"E{index}\t{' '.join(parts)}")
        for attribute in attributes:
            if event.get(attribute) is not None:
                number += 1
                lines.append(f"A{number}\t{attribute} E{index} {event[attribute]}")
    return lines + equiv_lines(clusters.values())


def equiv_lines(clusters: Collection[list[int]]) -> list[str]:
    """One ``*\\tEquiv T.. T..`` line per cluster of two or more ``T`` numbers: members in
    number order, clusters by their first member.

    Example:
        >>> equiv_lines([[7, 3], [5], [2, 9, 2]])
        ['*\\tEquiv T2 T9', '*\\tEquiv T3 T7']
    """
    groups = sorted(sorted(set(members)) for members in clusters if len(set(members)) > 1)
    return ["*\tEquiv " + " ".join(f"T{number}" for number in group) for group in groups]


def cardinality(role: RoleSpec) -> str:
    """brat's repetition marker for ``role``'s bounds, as brat's config reader takes them.

    ``?`` 0..1, none exactly 1, ``*`` 0..n, ``+`` 1..n, ``{N}`` exactly N, ``{N-M}`` N..M. brat
    has no open-ended range, so N..n with N >= 2 is written ``+``; and brat refuses to repeat a
    role whose name ends in a digit (its second filler, ``arg12``, would be ambiguous), so such a
    role is written as taking at most one.

    Example:
        >>> from eventset.schema import RoleSpec
        >>> [cardinality(RoleSpec("who", "", ("Person",), *bounds))
        ...  for bounds in [(0, 1), (1, 1), (0, None), (1, None), (3, 3), (2, 4), (2, None)]]
        ['?', '', '*', '+', '{3}', '{2-4}', '+']
    """
    low, high = role.min, role.max
    if role.name[-1:].isdigit() and high != 1:
        low, high = min(low, 1), 1
    if high is None:
        return "*" if low == 0 else "+"
    if high == 1:
        return "?" if low == 0 else ""
    return f"{{{low}}}" if low == high else f"{{{low}-{high}}}"


# Coreference: one symmetric, transitive Equiv between any two entities, one between any two
# events (brat checks each pair of types in an Equiv against [relations]).
_EQUIV = [
    f"Equiv\tArg1:{kind}, Arg2:{kind}, <REL-TYPE>:symmetric-transitive"
    for kind in ("<ENTITY>", "<EVENT>")
]


def annotation_conf(ontology: Ontology) -> str:
    """brat's ``annotation.conf`` for ``ontology``."""
    events = []
    for event in ontology.event_types.values():
        roles = ", ".join(f"{r.name}{cardinality(r)}:{'|'.join(r.allowed)}" for r in event.roles)
        events.append(f"{event.name}\t{roles}".rstrip())
    attributes = [
        f"{a.name}\tArg:{_bearers(ontology, a.name)}, Value:{'|'.join(a.values)}"
        for a in ontology.attributes.values()
    ]
    return "\n".join(
        [
            "[entities]",
            *ontology.entity_types,
            "",
            "[relations]",
            *_EQUIV,
            "",
            "[events]",
            *events,
            "",
            "[attributes]",
            *attributes,
            "",
        ]
    )


def _bearers(ontology: Ontology, attribute: str) -> str:
    """The event types that have ``attribute``: ``<EVENT>`` when all do (brat offers an
    attribute on every type its ``Arg`` names)."""
    types = ontology.event_types.values()
    having = [e.name for e in types if any(a.name == attribute for a in e.attributes)]
    return "<EVENT>" if len(having) == len(types) else "|".join(having)


def file_name(doc_id: str, used: set[str], shared: Collection[str] = ()) -> str:
    """A file name for ``doc_id``, unique among ``used`` (compared case-insensitively).

    A doc id that is not a safe file name as it is (or longer than ``MAX_STEM`` characters:
    file systems refuse names over 255 bytes), or whose lower case another doc id of the folder
    shares (``shared``: ``A`` and ``a`` are one file on case-insensitive file systems), gets a
    short hash of itself appended, so ``x/001`` and ``x_001`` never overwrite each other and no
    file is named after another document's id, whatever order they come in.

    Example:
        >>> used = set()
        >>> file_name("x_001", used), file_name("x/001", used)
        ('x_001', 'x_001-3bcb69d7')
    """
    safe = (_UNSAFE.sub("_", doc_id).strip(".") or "doc")[:MAX_STEM]
    plain = safe == doc_id and doc_id.lower() not in shared
    name = safe if plain else f"{safe}-{_digest(doc_id)}"
    number = 1
    while (candidate := name if number == 1 else f"{name}-{number}").lower() in used:
        number += 1
    used.add(candidate.lower())
    return candidate


def tsv_field(value: str) -> str:
    """``value`` for one field of a TSV line: backslash, tab, CR and LF escaped as ``\\\\``,
    ``\\t``, ``\\r``, ``\\n``.

    Example:
        >>> print(tsv_field("a" + chr(9) + "b"))
        a\\tb
    """
    return value.translate(_TSV_ESCAPES)


_TSV_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _case_shared(files: list[Path]) -> set[str]:
    """Lower-cased doc ids that several doc ids of ``files`` (one split) have."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    counts: Counter[str] = Counter()
    try:
        for file in files:
            ids = pq.read_table(file, columns=["doc_id"]).column("doc_id").to_pylist()
            counts.update(str(doc_id).lower() for doc_id in ids)
    except (pa.ArrowException, OSError):
        return set()  # reading the rows next names the file and what is wrong with it
    return {lowered for lowered, count in counts.items() if count > 1}


def _digest(doc_id: str) -> str:
    return hashlib.sha1(doc_id.encode("utf-8")).hexdigest()[:8]


def write_brat(dataset: str | Path, out: str | Path, ontology: Ontology) -> dict[str, int]:
    """Write brat files per split under ``out``; returns documents per split.

    ``doc_ids.tsv`` maps every file (``split/name``) to its doc id, since a doc id that is not a
    safe file name is written under a changed name.
    """
    counts: dict[str, int] = {}
    undeclared: Counter[str] = Counter()
    attributes = list(ontology.attributes)
    mapping = ["file\tdoc_id"]
    with atomic_folder(Path(out), "brat", [dataset]) as work:
        (work / "annotation.conf").write_text(annotation_conf(ontology), encoding="utf-8")
        for split, files in split_files(Path(dataset), "documents").items():
            folder = work / split
            folder.mkdir()
            counts[split] = 0
            used: set[str] = set()
            shared = _case_shared(files)
            for row in (row for file in files for row in _rows(file)):
                name = file_name(str(row["doc_id"]), used, shared)
                mapping.append(f"{split}/{name}\t{tsv_field(str(row['doc_id']))}")
                (folder / f"{name}.txt").write_text(row["text"], encoding="utf-8", newline="")
                undeclared.update(undeclared_labels(row, ontology))
                lines = ann_lines(row, attributes)  # none: an empty file (brat refuses blank lines)
                (folder / f"{name}.ann").write_text(
                    "".join(f"{line}\n" for line in lines), encoding="utf-8", newline="\n"
                )
                counts[split] += 1
        (work / "doc_ids.tsv").write_text("\n".join(mapping) + "\n", encoding="utf-8")
        if undeclared:  # raised inside: the folder is not put in place
            listed = ", ".join(f"{label} ({n}x)" for label, n in undeclared.most_common(8))
            more = len(undeclared) - 8
            raise InputError(
                f"the rows of {dataset} use {len(undeclared)} label(s) that annotation.conf "
                f"from ontology {ontology.name!r} ({ontology.short_hash}) does not declare: "
                f"{listed}{f', and {more} more' if more > 0 else ''}; brat would show them as "
                "errors",
                remedy="pass the ontology the dataset was built with (its file as it was then), "
                "or build the dataset again with this one",
            )
    return counts


def undeclared_labels(row: dict[str, Any], ontology: Ontology) -> list[str]:
    """Types, roles and attribute values of a documents row that ``ontology`` does not declare.

    Example:
        >>> from eventset.schema import load_ontology
        >>> undeclared_labels({"entities": [{"type": "Port"}], "events": []},
        ...                   load_ontology("conflict-news"))
        ['entity type Port']
    """
    found = [
        f"entity type {e['type']}"
        for e in row.get("entities") or []
        if e["type"] not in ontology.entity_types
    ]
    for event in row.get("events") or []:
        kind = ontology.event_types.get(event["type"])
        if kind is None:
            found.append(f"event type {event['type']}")
            continue
        roles = {role.name for role in kind.roles}
        found += [
            f"role {kind.name}.{a['role']}"
            for a in event.get("arguments") or []
            if a["role"] not in roles
        ]
        found += [
            f"{kind.name}.{spec.name} value {event[spec.name]}"
            for spec in kind.attributes
            if event.get(spec.name) is not None and event[spec.name] not in spec.values
        ]
    return found
