"""Reading the files of a OneIE / WikiEvents corpus import: the JSONL records and the mapping
file (their accepted shapes are in ``eventset.annotate.oneie``). Every problem is an
``InputError`` naming the file and line.

Example:
    >>> parse_record('{"doc_id": "d1", "tokens": ["Talks", "began"]}', "c.jsonl:1").tokens
    ('Talks', 'began')
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventset.errors import InputError
from eventset.schema import Ontology

MAPPING_KEYS = ("event_types", "entity_types", "roles")
MAPPING_REMEDY = (
    'give a JSON object like {"event_types": {"Conflict:Attack": "MilitaryOperation"}, '
    '"entity_types": {"PER": "Person"}, "roles": {"Attacker": "agent"}} (every key optional)'
)


@dataclass(frozen=True)
class OneIERecord:
    """One parsed line: its tokens and the raw mentions."""

    doc_id: str
    tokens: tuple[str, ...]
    raw: dict[str, Any] = field(repr=False)
    where: str = ""


@dataclass
class Mapping:
    """Corpus names -> ontology names (see the module docstring)."""

    event_types: dict[str, str | None] = field(default_factory=dict)
    entity_types: dict[str, str | None] = field(default_factory=dict)
    roles: dict[str, str | None] = field(default_factory=dict)
    source: str = "the mapping"  # the file it was read from, for messages

    @classmethod
    def load(cls, path: Path | None) -> Mapping:
        """Read a mapping file; every problem is an ``InputError`` naming the file (and line)."""
        if path is None:
            return cls()
        text = _read_text(Path(path), "mapping file")
        try:
            data = json.loads(text)
        except ValueError as exc:
            line = f":{exc.lineno}" if isinstance(exc, json.JSONDecodeError) else ""
            raise InputError(
                f"{path}{line}: the mapping file is not valid JSON ({exc})", remedy=MAPPING_REMEDY
            ) from None
        if not isinstance(data, dict):
            raise InputError(
                f"{path}: the mapping must be a JSON object, not a {type(data).__name__}",
                remedy=MAPPING_REMEDY,
            )
        unknown = sorted(set(data) - set(MAPPING_KEYS))
        if unknown:
            raise InputError(f"{path}: unexpected keys {unknown}", remedy=MAPPING_REMEDY)
        for key in MAPPING_KEYS:
            table = data.get(key, {})
            if not isinstance(table, dict) or not all(
                isinstance(v, str | None) for v in table.values()
            ):
                raise InputError(
                    f"{path}:{_line_of(text, key)}: {key!r} must map corpus names to ontology "
                    "names (a JSON object of strings, null to drop)",
                    remedy=MAPPING_REMEDY,
                )
        tables = [dict(data.get(key, {})) for key in MAPPING_KEYS]
        return cls(tables[0], tables[1], tables[2], source=str(path))

    def check(self, ontology: Ontology) -> None:
        """Refuse values that are not names of ``ontology``: each would drop every mention."""
        known = {
            "event_types": list(ontology.event_types),
            "entity_types": list(ontology.entity_types),
            "roles": list(ontology.role_names),
        }
        problems = [
            f"  {table}: {key!r} -> {value!r}: {_suggest(value, known[table])}"
            for table in MAPPING_KEYS
            for key, value in getattr(self, table).items()
            if value is not None and value not in known[table]
        ]
        if problems:
            raise InputError(
                f"{self.source}: {len(problems)} mapping values are not names of ontology "
                f"{ontology.name} v{ontology.version}:\n" + "\n".join(problems),
                remedy="correct those values (names are case-sensitive), or map a name to null "
                "to drop its mentions; `eventset ontology show` lists the names",
            )

    def role(self, event_type: str, role: str) -> str | None:
        key = f"{event_type}/{role}"
        return self.roles[key] if key in self.roles else self.roles.get(role, role)


def _suggest(value: str, known: list[str]) -> str:
    by_lower = {name.lower(): name for name in known}
    close = difflib.get_close_matches(value.lower(), list(by_lower), n=3, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(repr(by_lower[c]) for c in close) + "?"
    return "known names: " + ", ".join(known)


def read_oneie(path: Path) -> list[OneIERecord]:
    """Parse a OneIE/WikiEvents JSONL file; errors name the file and line."""
    lines = _read_text(Path(path), "pre-annotation file").split("\n")
    return [
        parse_record(line, f"{path}:{number}")
        for number, line in enumerate(lines, start=1)
        if line.strip()
    ]


def _read_text(path: Path, what: str) -> str:
    """The UTF-8 text of a corpus or mapping file, without a leading byte order mark (written
    by some Windows editors; JSON does not allow it)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            f"cannot read {what} {path} ({exc.strerror or type(exc).__name__})",
            remedy="check the path and that you may read the file",
        ) from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}: the {what} is not UTF-8 (byte {exc.start})",
            remedy="convert it to UTF-8, e.g. iconv -f LATIN1 -t UTF-8",
        ) from None


def _line_of(text: str, key: str) -> int:
    at = text.find(f'"{key}"')
    return text[: max(at, 0)].count("\n") + 1


def parse_record(line: str, where: str) -> OneIERecord:
    """One corpus record; its ``doc_id`` must be given (not null) and ``tokens`` be a list."""
    try:
        raw = json.loads(line)
    except ValueError as exc:
        raise InputError(f"{where}: not valid JSON ({exc})", remedy="fix that line") from None
    # "doc_id": null is no doc id: it must not become the document "None".
    if (
        not isinstance(raw, dict)
        or raw.get("doc_id") is None
        or not isinstance(raw.get("tokens"), list)
    ):
        raise InputError(
            f"{where}: a record needs 'doc_id' and a 'tokens' list",
            remedy="see the accepted shape in eventset.annotate.oneie",
        )
    tokens = tuple(str(t) for t in raw["tokens"])
    return OneIERecord(str(raw["doc_id"]), tokens, raw, where)
