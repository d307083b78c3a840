"""Bundle files: the format of docs/bundle.md, written atomically, read and validated defensively.

A bundle is refused as a whole (``BundleError`` with a German message naming what is wrong) before
anything is applied: format and version, size (also uncompressed, so a gzip bomb is caught early),
JSON, envelope schema, count, checksum, every record against its schema, every rev recomputed from
its content, duplicates.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import re
import uuid
import zlib
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Callable, Literal

import orjson
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from .. import messages as M
from ..canonical import canonical_json
from ..check import check_revision
from ..durable import atomic_write_bytes
from ..errors import StoreError, validation_detail
from ..json_errors import describe_json_error
from ..records import RECORD_ADAPTER, AnyRecord, Ident

FORMAT = "asskomm-bundle"
FORMAT_VERSION = 1
MAX_FILE_BYTES = 256 * 1024 * 1024  # on disk, compressed or not
MAX_JSON_BYTES = 256 * 1024 * 1024  # after decompression
MAX_RECORDS = 1_000_000
GZIP_MAGIC = b"\x1f\x8b"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class BundleError(StoreError):
    """A bundle file that cannot be imported; nothing from it was applied."""


class BundleOrigin(BaseModel):
    model_config = ConfigDict(extra="forbid")
    device_id: Ident
    consultant_id: Ident | None
    role: Literal["consultant", "hq"]


class RegisterEntry(BaseModel):
    """One device in HQ's register (see storage/trust.py)."""

    model_config = ConfigDict(extra="forbid")
    device_id: Ident
    role: Literal["consultant", "hq"]
    consultant_id: Ident | None
    name: Annotated[str, Field(max_length=300)]
    sign: Annotated[str, Field(pattern=r"^[A-Za-z0-9+/]{43}=$")]
    enc: Annotated[str, Field(pattern=r"^[A-Za-z0-9+/]{43}=$")]
    fingerprint: Annotated[str, Field(pattern=r"^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$")]
    status: Literal["accepted", "revoked"]
    since: Annotated[str, Field(max_length=40)]


class BundleHeader(BaseModel):
    """Everything in a bundle but its records."""

    model_config = ConfigDict(extra="forbid")
    format: Literal["asskomm-bundle"]
    format_version: Literal[1]
    bundle_id: uuid.UUID
    created_at: AwareDatetime
    app_version: Annotated[str, Field(max_length=40)]
    origin: BundleOrigin
    scope: Literal["full", "incremental"]
    base_seq: int = Field(ge=0)
    up_to_seq: int = Field(ge=0)
    acks: dict[Ident, Annotated[int, Field(ge=0)]] = Field(default_factory=dict)
    count: int = Field(ge=0)
    sha256: Annotated[str, Field(pattern=r"^[0-9a-f]{64}$")]
    # HQ's bundles only: HQ's register of devices (public keys, accepted or revoked), signed with the file
    device_register: list[RegisterEntry] | None = None


class Bundle(BundleHeader):
    """The whole file (this model generates docs/bundle.schema.json)."""

    model_config = ConfigDict(extra="forbid", title="asskomm bundle")
    records: list[AnyRecord]


def records_checksum(records: list[dict[str, Any]]) -> str:
    """sha256 (hex) of the canonical JSON of the records list."""
    return hashlib.sha256(canonical_json(records)).hexdigest()


def bundle_schema() -> dict[str, Any]:
    """The JSON Schema of a bundle, generated from the pydantic models."""
    schema = Bundle.model_json_schema(mode="validation")
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://asskomm.invalid/bundle.schema.json"
    return schema


def encode_bundle(header: dict[str, Any], records: list[dict[str, Any]]) -> bytes:
    """The JSON bytes of a bundle (records last, so a reader sees the header first).

    The records are serialized once, canonically: the same bytes give the checksum and the file.
    """
    records_bytes = canonical_json(records)
    head = orjson.dumps({**header, "count": len(records),
                         "sha256": hashlib.sha256(records_bytes).hexdigest()})
    return head[:-1] + b',"records":' + records_bytes + b"}"


def write_bundle(path: Path, payload: bytes, compress: bool) -> Path:
    """Write a bundle atomically (gzip if ``compress``)."""
    if compress:
        payload = gzip.compress(payload, compresslevel=6, mtime=0)
    atomic_write_bytes(path, payload)
    return path


def _read_file(path: Path) -> bytes:
    """The file's bytes, if it is not too large."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise BundleError(f"{path.name}: Die Datei ist mit {size // 2**20} MB zu groß "
                          f"(höchstens {MAX_FILE_BYTES // 2**20} MB).")
    return path.read_bytes()


def gunzip_bounded(packed: bytes, name: str) -> bytes:
    """gzip data unpacked in chunks, refused (``BundleError``) once it passes ``MAX_JSON_BYTES``, so a
    gzip bomb is stopped early; a damaged stream raises gzip's own OSError, EOFError or zlib.error."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=io.BytesIO(packed)) as stream:
        while chunk := stream.read(1 << 20):
            out.write(chunk)
            if out.tell() > MAX_JSON_BYTES:
                raise BundleError(f"{name}: Die Datei ist entpackt größer als "
                                  f"{MAX_JSON_BYTES // 2**20} MB und wird nicht gelesen.")
    return out.getvalue()


def _unpack(raw: bytes, name: str) -> tuple[bytes, bool]:
    """The JSON bytes of a format-1 file (unpacked if it is gzip, by content) and whether it was gzip."""
    if raw[:2] != GZIP_MAGIC:
        return raw, False
    try:
        return gunzip_bounded(raw, name), True
    except (OSError, EOFError, zlib.error) as exc:
        raise BundleError(f"{name}: {_gzip_problem(exc, len(raw))}") from None


def _gzip_problem(exc: BaseException, size: int) -> str:
    """German words for what gzip found wrong; its English text is only read to tell the cases apart."""
    if isinstance(exc, EOFError):
        return M.BUNDLE_GZIP_TRUNCATED.format(size=M.fmt_size(size))
    text = str(exc).lower()
    if isinstance(exc, gzip.BadGzipFile) and ("crc" in text or "length" in text):
        return M.BUNDLE_GZIP_CHECKSUM
    if isinstance(exc, gzip.BadGzipFile) and "not a gzipped" in text:
        # the file starts as gzip (checked above), so this is what follows the compressed content
        return M.BUNDLE_GZIP_AFTER_END
    return M.BUNDLE_GZIP_DAMAGED


def read_bundle(path: Path | str, progress: Callable[[int, int], None] | None = None,
                stop_after_header: Callable[[BundleHeader], bool] | None = None,
                opener: Callable[[bytes, str], bytes] | None = None, allow_plain: bool = True,
                ) -> tuple[BundleHeader, list[dict[str, Any]] | None]:
    """Read and fully validate a bundle; the records come back as plain dicts, ready to merge.

    A sealed file (format 2) is checked and decrypted by ``opener(raw, file name)`` first, which
    returns the format-1 content inside (``exchange.StoreOpener``); without an opener it is refused.
    A plain format-1 file is refused unless ``allow_plain``.

    ``stop_after_header(header)`` returning True ends the reading after the header and the checksum
    (records None): a bundle that was imported before need not have its records validated again.
    """
    path = Path(path)
    name = path.name
    try:
        raw = _read_file(path)
    except FileNotFoundError:
        raise BundleError(f"{name}: Die Datei existiert nicht.") from None
    except IsADirectoryError:
        raise BundleError(f"{name}: Das ist ein Ordner, keine Datei.") from None
    except PermissionError:
        raise BundleError(f"{name}: Keine Berechtigung, die Datei zu lesen.") from None
    if not raw.strip():
        raise BundleError(f"{name}: Die Datei ist leer.")
    from .sealed import SEALED_VERSION, header_line

    head = header_line(raw)
    version = head[0].get("format_version") if head is not None else None
    if isinstance(version, int) and not isinstance(version, bool) and version > SEALED_VERSION:
        made_by = head[0].get("app_version") if head is not None else None
        made = f" mit asskomm {_safe(made_by, 40)}" if isinstance(made_by, str) else ""
        raise BundleError(f"{name}: Die Datei wurde{made} im Format {version} erstellt; diese asskomm-Version "
                          f"kennt nur die Formate bis {SEALED_VERSION}. Bitte asskomm aktualisieren.")
    if version == SEALED_VERSION:
        if opener is None:
            raise BundleError(f"{name}: {M.SEALED_NEEDS_KEYS}")
        raw, packed = opener(raw, name), False
    elif not allow_plain:
        raise BundleError(f"{name}: {M.PLAIN_BUNDLE_REFUSED}")
    else:
        raw, packed = _unpack(raw, name)
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        if name.lower().endswith(".gz") and not packed:
            raise BundleError(f"{name}: {M.BUNDLE_NOT_GZIP}") from None
        detail = describe_json_error(raw, exc)
        raise BundleError(f"{name}: {detail}{'' if detail.endswith('?') else '.'}") from None
    if not isinstance(body, dict):
        raise BundleError(f"{name}: Keine asskomm-Exportdatei (oberste Ebene ist kein Objekt).")
    if body.get("format") != FORMAT:
        raise BundleError(f"{name}: Keine asskomm-Exportdatei (format ist {_safe(repr(body.get('format')), 60)}).")
    version = body.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > SEALED_VERSION:
        made_by = body.get("app_version")
        made = f" mit asskomm {made_by}" if isinstance(made_by, str) and len(made_by) < 40 else ""
        raise BundleError(f"{name}: Die Datei wurde{made} im Format {version} erstellt; diese asskomm-Version "
                          f"kennt nur die Formate bis {SEALED_VERSION}. Bitte asskomm aktualisieren.")
    records = body.pop("records", None)
    if not isinstance(records, list):
        raise BundleError(f"{name}: Die Liste 'records' fehlt oder ist keine Liste.")
    try:
        # strict: a JSON type that is only coercible ("5" for 5, 0 for false) is an error
        header = BundleHeader.model_validate_json(orjson.dumps(body), strict=True)
    except ValidationError as exc:
        raise BundleError(f"{name}: Ungültiger Kopf – {validation_detail(exc)}") from None
    if header.count != len(records):
        raise BundleError(f"{name}: Die Datei nennt {header.count} Datensätze, enthält aber {len(records)} "
                          "(unvollständig?).")
    if len(records) > MAX_RECORDS:
        raise BundleError(f"{name}: Zu viele Datensätze ({len(records)}; höchstens {MAX_RECORDS}).")
    if records_checksum(records) != header.sha256:
        raise BundleError(f"{name}: Die Prüfsumme stimmt nicht – die Datei wurde verändert oder ist beschädigt.")
    if stop_after_header is not None and stop_after_header(header):
        return header, None  # known and intact: the records need no second validation
    if header.base_seq > header.up_to_seq:
        raise BundleError(f"{name}: base_seq ist größer als up_to_seq.")
    seen: set[tuple[str, str, str]] = set()
    total = len(records)
    for index, record in enumerate(records):
        if progress is not None and index % 1000 == 0:
            progress(index, total)
        try:
            # strict, because the record is stored as given: "5" for a seq, 0 for a date or 1.0
            # for a number would pass lax validation and end up in the store with the wrong type
            RECORD_ADAPTER.validate_json(orjson.dumps(record), strict=True)
        except ValidationError as exc:
            raise BundleError(f"{name}: {_label(index, record)} ist ungültig – {validation_detail(exc)}") from None
        problem = check_revision(record)
        if problem:
            raise BundleError(f"{name}: {_label(index, record)}: {problem}.")
        key = (record["kind"], record["id"], record["rev"])
        if key in seen:
            raise BundleError(f"{name}: {_label(index, record)} kommt doppelt vor.")
        seen.add(key)
    return header, records


def _safe(value: Any, limit: int) -> str:
    """Text from a file, made harmless for a terminal: control characters shown as escapes, cut."""
    text = str(value)[:limit]
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _label(index: int, record: Any) -> str:
    if isinstance(record, dict):
        return f"Datensatz {index + 1} ({_safe(record.get('kind', '?'), 20)}/{_safe(record.get('id', '?'), 40)})"
    return f"Datensatz {index + 1}"


def new_bundle_id() -> str:
    return str(uuid.uuid4())


def now_utc() -> datetime:
    from ..records import utc_now

    return utc_now()
