"""The offline store of asskomm: records, durable TinyDB storage, repositories. Never imports Textual."""

from .durable import DurableJSONStorage
from .errors import (
    CorruptStoreError,
    InvalidInputError,
    RecordNotFoundError,
    SchemaTooNewError,
    StoreError,
    StoreLockedError,
)
from .repositories import Repositories
from .store import StaleEditError, Store

__all__ = [
    "CorruptStoreError",
    "DurableJSONStorage",
    "InvalidInputError",
    "RecordNotFoundError",
    "Repositories",
    "SchemaTooNewError",
    "StaleEditError",
    "Store",
    "StoreError",
    "StoreLockedError",
]
