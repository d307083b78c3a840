"""Errors of the store. Every message is German and meant to be shown to the user as it is."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


class StoreError(Exception):
    """Base of every error the store reports to the user."""

    @property
    def message(self) -> str:
        return str(self.args[0]) if self.args else self.__class__.__name__


class CorruptStoreError(StoreError, json.JSONDecodeError):
    """The store file exists but cannot be read as a store. It is never overwritten.

    Subclasses ``json.JSONDecodeError`` so that code written for TinyDB's ``JSONStorage``
    (which raises that) keeps working with ``DurableJSONStorage``.
    """

    def __init__(self, path: Path | str, detail: str, doc: str = "", pos: int = 0) -> None:
        self.path = Path(path)
        self.detail = detail
        msg = (
            f"Die Datei {self.path} ist beschädigt und kann nicht gelesen werden ({detail}). "
            "Sie wurde nicht verändert. Eine Sicherung lässt sich mit "
            "'asskomm backup list' anzeigen und mit 'asskomm backup restore' zurückholen."
        )
        json.JSONDecodeError.__init__(self, msg, doc, pos)
        self.args = (msg,)

    def __str__(self) -> str:
        return self.args[0]

    def __reduce__(self):  # keeps the error picklable across worker processes
        return (self.__class__, (self.path, self.detail))


class StoreLockedError(StoreError):
    """Another process has this store open."""

    def __init__(self, path: Path | str, owner: str = "") -> None:
        self.path = Path(path)
        who = f" (Prozess {owner})" if owner else ""
        super().__init__(
            f"Der Speicher {self.path} ist bereits in einem anderen asskomm-Fenster geöffnet{who}. "
            "Bitte dort weiterarbeiten oder das andere Fenster schließen."
        )


class SchemaTooNewError(StoreError):
    """The store was written by a newer asskomm with a schema this version does not know."""

    def __init__(self, path: Path | str, found: int, supported: int) -> None:
        super().__init__(
            f"Der Speicher {path} hat das Schema {found}, diese asskomm-Version kennt nur bis "
            f"Schema {supported}. Bitte asskomm aktualisieren."
        )


class RecordNotFoundError(StoreError):
    """A record asked for by id does not exist (or is deleted)."""


class InvalidInputError(StoreError):
    """User input that fails validation; the message names the field in German."""


class StaleEditError(StoreError):
    """The record changed since the form (or the conflict screen) was opened."""


def validation_detail(exc: Any, prefix: str = "") -> str:
    """The first three problems of a pydantic ``ValidationError`` as "where: what", in German.

    Our own validators raise German sentences (shown as they are); pydantic's built-in checks are
    translated by error type, never shown in English.
    """
    from .messages import VALIDATION, VALIDATION_OTHER

    parts = []
    for err in exc.errors()[:3]:
        where = ".".join(str(p) for p in err["loc"])
        kind = err["type"]
        ctx = err.get("ctx") or {}
        if kind in ("value_error", "assertion_error"):
            msg = str(ctx.get("error", err["msg"]))
        elif kind in VALIDATION:
            try:
                msg = VALIDATION[kind].format(**ctx)
            except (KeyError, IndexError):
                msg = VALIDATION_OTHER
        else:
            msg = VALIDATION_OTHER
        parts.append(f"{prefix}{where}: {msg}" if where else f"{prefix}{msg}")
    return "; ".join(parts)
