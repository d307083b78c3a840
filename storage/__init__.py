"""The offline store of asskomm: records, durable TinyDB storage, repositories. Never imports Textual."""

from .durable import DurableJSONStorage
from .errors import (
    CorruptStoreError,
    InvalidInputError,
    RecordNotFoundError,
    SchemaTooNewError,
    StaleEditError,
    StoreError,
    StoreLockedError,
)
from .repositories import Repositories
from .store import Store

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
