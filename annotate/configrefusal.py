"""When a new labeling config cannot replace a project's: what annotations use that it drops.

eventset refuses a sync before anything is sent: ``orphan_refusal`` for values in use that
the new config no longer offers (``--force`` updates anyway), ``control_refusal`` for a whole
control in use (an attribute's choices): Label Studio 1.23 refuses a config without a control
that annotations or drafts use, so ``--force`` cannot help there. Should Label Studio still
refuse a config (HTTP 400 with ``validation_errors.label_config``), the client raises
``LabelConfigRefused`` and ``explain_config_refusal`` names what Label Studio says is in use.

Example:
    >>> reasons = config_reasons({"validation_errors": {"label_config": [
    ...     "Created annotations are incompatible with provided labeling schema, we found:\\n"
    ...     "2 with from_name=tense, to_name=text, type=choices"]}})
    >>> controls_in_use(reasons)
    [('tense', '2 results of type choices')]
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from eventset.errors import LabelStudioError, OntologyError

# Label Studio 1.23's messages (label_studio/projects/models.py, Project.validate_config).
_INCOMPATIBLE = re.compile(r"(\d+) with from_name=([^,\s]+), to_name=[^,\s]+, type=(\w+)")
_CREATED_WITH = re.compile(r'There are (\d+) annotation\(s\) created with tag "([^"]+)"')
_LABELS_LEFT = re.compile(
    r"These labels still exist in annotations or drafts:\n(.*?)"
    r'Please add labels to tag with name="([^"]+)"',
    re.DOTALL,
)
MAX_REASONS_CHARS = 600


@dataclass(frozen=True)
class Orphan:
    """A value used by existing annotations that the new config no longer offers."""

    tag: str
    value: str
    count: int

    def describe(self) -> str:
        return f"{self.tag} {self.value!r} ({used(self.count)})"


class LabelConfigRefused(LabelStudioError):
    """Label Studio refused a labeling config (HTTP 400 with ``validation_errors.label_config``);
    ``reasons`` holds its messages."""

    def __init__(self, message: str, *, remedy: str | None = None, reasons: Sequence[str] = ()):
        super().__init__(message, remedy=remedy)
        self.reasons = tuple(reasons)


def config_reasons(body: object) -> list[str]:
    """Label Studio's messages about a refused labeling config in an error ``body`` (its
    ``validation_errors.label_config``, as a dict or JSON text); [] for any other error.

    Example:
        >>> config_reasons('{"validation_errors": {"label_config": ["bad"]}}')
        ['bad']
    """
    if isinstance(body, str | bytes):
        try:
            body = json.loads(body)
        except ValueError:
            return []
    errors = body.get("validation_errors") if isinstance(body, dict) else None
    found = errors.get("label_config") if isinstance(errors, dict) else None
    if isinstance(found, str):
        return [found]
    return [str(reason) for reason in found] if isinstance(found, list) else []


def controls_in_use(reasons: Sequence[str]) -> list[tuple[str, str]]:
    """(control name, what uses it) for each control Label Studio's ``reasons`` say is in use."""
    found: list[tuple[str, str]] = []
    for reason in reasons:
        found += [
            (n, f"{_count(c, 'result')} of type {t}") for c, n, t in _INCOMPATIBLE.findall(reason)
        ]
        found += [(n, _count(c, "annotation")) for c, n in _CREATED_WITH.findall(reason)]
        found += [
            (name, "labels " + ", ".join(line.strip() for line in labels.splitlines() if line))
            for labels, name in _LABELS_LEFT.findall(reason)
        ]
    return found


def explain_config_refusal(
    title: str, reasons: Sequence[str], kinds: Mapping[str, str]
) -> LabelStudioError:
    """Label Studio's refusal of a project's new config, naming the controls it says are in
    use; ``kinds`` maps control names of the current config to their tag (``Choices``, ...)."""
    said = "; ".join(reasons).replace("\n", " ")
    if len(said) > MAX_REASONS_CHARS:
        said = said[:MAX_REASONS_CHARS] + " ..."
    refused = f"Label Studio refused the new labeling config of project {title!r}"
    used = controls_in_use(reasons)
    if not used:
        return LabelStudioError(
            f"{refused}: {said}",
            remedy="read Label Studio's message above; the server log has details",
        )
    listing = "".join(f"\n  - {_control(name, kinds)}: {what}" for name, what in used)
    return LabelStudioError(
        f"{refused}: annotations or drafts use what it would remove:{listing}\n"
        f"  (Label Studio said: {said})",
        remedy=keep_or_delete(sorted({name for name, _ in used}), kinds),
    )


def orphan_refusal(title: str, was: str, now: str, orphans: Sequence[Orphan]) -> OntologyError:
    """A sync refused because annotations use values the new config no longer offers."""
    listing = "\n".join(f"  - {o.describe()}" for o in orphans)
    return OntologyError(
        f"syncing project {title!r} from {was} to {now} would "
        f"orphan labels that existing annotations use:\n{listing}",
        remedy="keep those types/roles/values in the ontology, fix the annotations first, or "
        "pass --force to update anyway (those annotations keep the old labels)",
    )


def control_refusal(
    title: str,
    change: tuple[str, str],
    gone: Sequence[Orphan],
    kinds: Mapping[str, str],
    where: Sequence[str] = (),
    others: Sequence[Orphan] = (),
) -> OntologyError:
    """A sync refused, ``--force`` or not, because the new config lacks whole controls that
    annotations or drafts use (``gone``, by control); ``where`` names the tasks that use them,
    ``others`` the other values in use that the update would take away."""
    names = list(dict.fromkeys(o.tag for o in gone))
    listing = "".join(
        f"\n  - {_control(name, kinds)}: "
        + ", ".join(f"{o.value!r} ({used(o.count)})" for o in gone if o.tag == name)
        for name in names
    )
    tasks = f"\n  in {', '.join(where)}" if where else ""
    more = "".join(f"\n  - {o.describe()}" for o in others)
    more = (
        f"\nalso in use and no longer offered (--force can take these away):{more}" if more else ""
    )
    return OntologyError(
        f"syncing project {title!r} from {change[0]} to {change[1]} would remove what existing "
        f"annotations or drafts use:{listing}{tasks}\nLabel Studio refuses a labeling config "
        "without a control that annotations or drafts use, so --force cannot update it either"
        f"{more}",
        remedy=keep_or_delete(names, kinds),
    )


def keep_or_delete(names: Sequence[str], kinds: Mapping[str, str]) -> str:
    """The two ways out when annotations use controls a new config lacks.

    Example:
        >>> keep_or_delete(["tense"], {"tense": "Choices"})[:60]
        "keep the attribute 'tense' in the ontology (on at least one "
    """
    attributes = [n for n in names if kinds.get(n) == "Choices"]
    labels = [n for n in names if n not in attributes]
    kept = []
    if attributes:
        kept.append(f"the attribute{'s' * (len(attributes) > 1)} {_names(attributes)}")
    if labels:
        kept.append(f"the labels of {_names(labels)}")
    where = " (on at least one event type, with its values)" if attributes else ""
    return (
        f"keep {' and '.join(kept)} in the ontology{where} until no annotation or draft uses "
        f"{'them' if len(names) > 1 else 'it'}; or first delete those choices or regions from "
        "the annotations and drafts in Label Studio (open each task, remove them, update), "
        "then sync again"
    )


def used(count: int) -> str:
    """How often a value is used, in words.

    Example:
        >>> used(1), used(3)
        ('used 1 time', 'used 3 times')
    """
    return f"used {count} time{'' if count == 1 else 's'}"


def _control(name: str, kinds: Mapping[str, str]) -> str:
    kind = {"Choices": "attribute", "Labels": "labels"}.get(kinds.get(name, ""), "control")
    return f"{kind} {name!r}"


def _count(count: str, noun: str) -> str:
    return f"{count} {noun}{'' if count == '1' else 's'}"


def _names(names: Sequence[str]) -> str:
    return ", ".join(map(repr, names))
