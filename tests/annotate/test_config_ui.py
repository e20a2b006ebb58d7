"""How the labeling page behaves with the generated config: one role per relation, attribute
keys that only act on triggers, the highlight opacity the colours were picked for.

Some tests read the installed Label Studio front end (``web/dist``), so an upgrade that changes
one of these behaviours fails here rather than on an annotator's screen.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from label_studio_sdk.label_interface import LabelInterface

from eventset.annotate.config import HIGHLIGHT_OPACITY, build_label_config
from eventset.schema import load_ontology


@cache
def _bundle() -> str:
    """All of the installed labeling page's JavaScript."""
    spec = find_spec("web")  # label-studio's front end, installed with eventset[server]
    assert spec is not None and spec.submodule_search_locations
    dist = Path(next(iter(spec.submodule_search_locations))) / "dist"
    scripts = sorted(dist.rglob("*.js"))
    assert scripts, dist
    return "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in scripts)


def test_relations_take_a_single_role() -> None:
    root = ET.fromstring(build_label_config(load_ontology("conflict-news")))
    (relations,) = root.iter("Relations")
    assert relations.get("choice") == "single"
    LabelInterface(ET.tostring(root, encoding="unicode")).validate()


def test_label_studio_knows_single_choice_relations() -> None:
    """The Relations tag's model takes ``choice`` as "single" or "multiple" (default), and the
    relation's role picker is a multi-select only for "multiple"."""
    bundle = _bundle()
    model = re.search(
        r"(\w+)=\w+\.\w+\.model\(\{choice:\w+\.\w+\.optional\(\w+\.\w+\.enumeration\("
        r'\["single","multiple"\]\),"multiple"\)\}\)',
        bundle,
    )
    assert model, "no model with a single/multiple choice"
    assert re.search(rf'compose\("RelationsModel",\w+,{re.escape(model[1])}\)', bundle)
    assert re.search(r'\w+=\(0,\w+\.useMemo\)\(\(\)=>"multiple"===\w+,\[\w+\]\)', bundle)


def test_every_attribute_is_offered_only_on_triggers() -> None:
    """Each attribute's Choices names the event types that have it: Label Studio's own keys for
    the choices then do nothing while an entity region is selected."""
    ontology = load_ontology("conflict-news")
    root = ET.fromstring(build_label_config(ontology))
    choices = list(root.iter("Choices"))
    assert {c.get("name") for c in choices} == set(ontology.attributes)
    for control in choices:
        named = control.get("whenLabelValue", "").split(",")
        assert set(named) <= set(ontology.event_types), control.get("name")
        assert not set(named) & set(ontology.entity_types)
        assert all(choice.get("hotkey") is None for choice in control)


def test_the_highlight_opacity_is_label_studios() -> None:
    """A text region's background is its label colour at this opacity (``getColors``)."""
    found = re.findall(
        r"getColors\(\)\{const \w+=[^;]*?fillcolor,\w+=\w+\.Colors\.convertToRGBA\([^,]+,"
        r"([\d.]+)\)",
        _bundle(),
    )
    assert found and {float(opacity) for opacity in found} == {HIGHLIGHT_OPACITY}
