"""The German sentence a user sees for an error, wherever it happened (no Textual here).

Screens, dialogs and the app import ``describe_error`` from this module; nothing below the app
imports the app.
"""

from __future__ import annotations

from pydantic import ValidationError

from storage import StoreError
from storage.errors import file_error, validation_detail

from . import strings as S


def describe_error(error: BaseException) -> str:
    """The German sentence a user sees for an error from the store or a form."""
    if isinstance(error, StoreError):
        return error.message
    if isinstance(error, ValidationError):
        return S.ERR_VALIDATION.format(detail=validation_detail(error))
    if isinstance(error, OSError):  # a full disk, no permission …: in German, with the file concerned
        return file_error(error).message
    return S.ERR_UNEXPECTED.format(error=f"{type(error).__name__}: {error}")
