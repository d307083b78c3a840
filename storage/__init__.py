"""The offline store of asskomm: records, durable TinyDB storage, repositories. Never imports Textual."""

from .durable import DurableJSONStorage
from .errors import (
    CorruptStoreError,
    InvalidInputError,
    ReadOnlyStoreError,
    RecordNotFoundError,
    SchemaTooNewError,
    StaleEditError,
    StoreError,
    StoreLockedError,
    StoreNotFoundError,
)
from .repositories import Repositories
from .store import Store

__all__ = [
    "CorruptStoreError",
    "DurableJSONStorage",
    "InvalidInputError",
    "ReadOnlyStoreError",
    "RecordNotFoundError",
    "Repositories",
    "SchemaTooNewError",
    "StaleEditError",
    "Store",
    "StoreError",
    "StoreLockedError",
    "StoreNotFoundError",
]
