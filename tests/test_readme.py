"""The README's ontology example runs and behaves as the README says."""

from __future__ import annotations

import re
from pathlib import Path

import pydantic
import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def _first_python_block() -> str:
    match = re.search(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert match
    return match.group(1)


def test_readme_ontology_example() -> None:
    namespace: dict = {}
    exec(compile(_first_python_block(), "README.md", "exec", dont_inherit=True), namespace)
    onto = namespace["ONTOLOGY"]
    assert onto.event_type("Siege").role("besieger").min == 1
    with pytest.raises(pydantic.ValidationError) as info:
        namespace["Siege"](trigger={"text": "siege"}, besieger=[namespace["City"](text="Oran")])
    assert "Siege.besieger does not accept City 'Oran'" in str(info.value)
    assert "allowed entity types: Person" in str(info.value)
