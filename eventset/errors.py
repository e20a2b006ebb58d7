"""The one root error of eventset and its few subclasses.

Every message says what was wrong, where, and how to fix it; the CLI prints ``Error: <message>``
and exits 1 for these, never a traceback.
"""

from __future__ import annotations


class EventsetError(Exception):
    """Root of every error eventset raises on purpose.

    ``remedy`` is the sentence that tells the user what to do; it is appended to the message.
    """

    def __init__(self, message: str, *, remedy: str | None = None) -> None:
        self.message = message
        self.remedy = remedy
        super().__init__(f"{message}\n  How to fix: {remedy}" if remedy else message)


class OntologyError(EventsetError):
    """The ontology is malformed or cannot be found."""


class InputError(EventsetError):
    """An input file (documents, export, mapping) cannot be read or is malformed."""


class LabelStudioError(EventsetError):
    """Label Studio could not be reached, started, or refused a request."""


class ValidationFailed(EventsetError):
    """Annotations had issues and ``--strict`` was given."""
