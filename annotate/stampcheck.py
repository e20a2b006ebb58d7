"""Whether a project was synced from the ontology an import uses (the stamp in its description).

Pre-annotations made for another ontology would carry labels the project's config lacks (or
miss ones it has): the import is refused before anything is sent, with a remedy that names the
``--ontology`` to pass or the ``project sync`` that moves the project.
"""

from __future__ import annotations

import shlex

from eventset.annotate.client import ProjectInfo
from eventset.annotate.sync import parse_stamp
from eventset.errors import InputError
from eventset.schema import BUILTIN_ONTOLOGIES, Ontology, load_ontology


def check_stamp(
    project: ProjectInfo, ontology: Ontology, force: bool, ontology_ref: str | None = None
) -> str | None:
    """Raise ``InputError`` when ``project`` was synced from another ontology than ``ontology``;
    with ``force``, return the warning instead (None when the stamp matches or is missing).

    ``ontology_ref`` is how the import was given its ontology (``--ontology``), for the
    suggested ``project sync``.
    """
    found = parse_stamp(project.description)
    if not found or found[2] == ontology.content_hash:
        return None
    name, version, content_hash = found
    clash = (
        f"project {project.title!r} was synced from ontology {name} v{version} "
        f"({content_hash[:12]}), but this import uses {ontology.name} v{ontology.version} "
        f"({ontology.short_hash})"
    )
    if force:
        return f"{clash}; imported anyway (--force)"
    theirs = _ontology_option(name, content_hash)
    if theirs:  # a built-in ontology, as the project has it: named as such
        passing = f"with {theirs} (or set EVENTSET_ONTOLOGY={shlex.quote(name)})"
    else:
        passing = (
            "with --ontology path/to/file.py, the file that defines it (or set EVENTSET_ONTOLOGY)"
        )
    ours = _ontology_option(ontology.name, ontology.content_hash, ontology_ref)
    sync = f"eventset project sync --title {shlex.quote(project.title)}" + (
        f" {ours}`" if ours else "` with --ontology set to this import's ontology"
    )
    if theirs is None and name in BUILTIN_ONTOLOGIES and name == ontology.name:
        _refuse_other_builtin(clash, name, version, sync)  # ``sync`` moves it to ours
    if (name, version) == (ontology.name, str(ontology.version)):
        raise InputError(
            f"{clash}: the same name and version with other content (the ontology was edited "
            "without a new version)",
            remedy=f"give the edited ontology a new version and run `{sync}, or pass the "
            f"ontology the project was synced from {passing}; --force imports anyway",
        )
    other = "the same ontology under another version" if name == ontology.name else None
    raise InputError(
        f"{clash}: {other or f'another ontology ({name})'}",
        remedy=f"pass the project's ontology ({name} v{version}) {passing}; only if the project "
        f"should move to this one, run `{sync} first; --force imports anyway",
    )


def _refuse_other_builtin(clash: str, name: str, version: str, sync: str) -> None:
    """The project's stamp names a built-in ontology but not as this eventset ships it: an edited
    copy of it (same version), or the built-in of another eventset release (another version)."""
    shipped = load_ontology(name)
    if version == str(shipped.version):
        raise InputError(
            f"{clash}: the project was synced from an edited copy of the built-in {name} "
            "(the same name and version, other content)",
            remedy="pass that copy with --ontology path/to/file.py, the file that defines it (or "
            f"set EVENTSET_ONTOLOGY); only if the project should move to the built-in {name}, "
            f"run `{sync} first; --force imports anyway",
        )
    raise InputError(
        f"{clash}: {name} v{version} is the built-in of another eventset release (or a copy of "
        f"it); this eventset ships {name} v{shipped.version}",
        remedy=f"move the project to {name} v{shipped.version}: run `{sync} first (it lists "
        "what would change and refuses to drop labels that annotations use); or pass the file "
        f"of {name} v{version} with --ontology path/to/file.py; --force imports anyway",
    )


def _ontology_option(name: str, content_hash: str, ref: str | None = None) -> str | None:
    """``--ontology REF`` for an ontology: the reference it was given as, else its built-in name
    when it is that built-in as this eventset has it; None when neither is known.

    Example:
        >>> _ontology_option("tiny", "ab" * 32, "my ontologies/tiny.py")
        "--ontology 'my ontologies/tiny.py'"
        >>> _ontology_option("tiny", "ab" * 32) is None
        True
    """
    if ref:
        return f"--ontology {shlex.quote(ref)}"
    if name in BUILTIN_ONTOLOGIES and load_ontology(name).content_hash == content_hash:
        return f"--ontology {shlex.quote(name)}"
    return None
