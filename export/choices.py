"""Per-region choices of one annotation -> the attribute values of its events.

A choice names an attribute of the trigger's event type and one of its values; an unknown
attribute or value is an issue and the attribute keeps its default, two values for one
attribute drop the event, a choice on a region that is no trigger is an issue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventset.annotate.parsed import Region

if TYPE_CHECKING:
    from eventset.export.resolve import Context


def read_choices(ctx: Context, region: Region) -> None:
    """The attribute values of trigger ``region`` into ``ctx.attributes``; problems as issues."""
    if not region.choices:
        return
    event_type = ctx.event_type.get(region.id)
    if event_type is None or not read_plain_choices(ctx, region, event_type):
        _choices_one_by_one(ctx, region, event_type)


def _choices_one_by_one(ctx: Context, region: Region, event_type: str | None) -> None:
    """Each choice of ``region`` checked on its own; whatever cannot be used is an issue."""
    for name, given in sorted(region.choices.items()):
        values = list(dict.fromkeys(given))  # one value chosen twice (two result items) is one
        if event_type is None:
            ctx.issue(
                "choice_without_trigger",
                f"choice {name}={values} on {region.text!r}, "
                "which is not a trigger of a known event type",
                region.id,
                "choice",
            )
            continue
        specs = ctx.ontology.attribute_specs[event_type]
        if not values:
            continue  # a cleared choice: no value given, so the default applies
        if name not in specs:
            ctx.issue(
                "unknown_attribute", f"{event_type} has no attribute {name!r}", region.id, "choice"
            )
        elif len(values) != 1:
            ctx.issue(
                "several_choices",
                f"{event_type} {region.text!r}: {name} has "
                f"{len(values)} values {values}; choose one",
                region.id,
                "event",
            )
            ctx.event_type.pop(region.id)
            return
        elif values[0] not in specs[name].values:
            # like an unknown label: the choice is lost, not the event (its default applies)
            ctx.issue(
                "unknown_attribute_value",
                f"{event_type} {region.text!r}: {name} {values[0]!r} is not one of "
                f"{', '.join(specs[name].values)}; the default {specs[name].default!r} applies",
                region.id,
                "choice",
            )
        else:
            ctx.attributes.setdefault(region.id, {})[name] = values[0]


def read_plain_choices(ctx: Context, region: Region, event_type: str) -> bool:
    """The usual case at once: one known value for each attribute it names (False: read them
    one by one, with their issues)."""
    specs = ctx.ontology.attribute_specs[event_type]
    chosen = {}
    for name, given in region.choices.items():
        spec = specs.get(name)
        if spec is None or len(given) != 1 or given[0] not in spec.values:
            return False
        chosen[name] = given[0]
    ctx.attributes[region.id] = chosen
    return True
