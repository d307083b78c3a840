"""Bundle format 2: the bundle of format 1, sealed to its readers and signed by its author.

A sealed file is three parts (docs/bundle.md, docs/security.md):

1. one line of JSON, the readable *routing header*: format, format_version 2, bundle id, the
   sender device with its public keys (and the rotation statements that vouch for them), the
   recipients (device id, key id, the content key sealed to that key with HPKE), the cipher's
   nonce and the content's length. Nothing in it is user data.
2. the content: the format-1 bundle bytes (gzip first if asked), encrypted with a random content
   key (ChaCha20-Poly1305, the header line as associated data);
3. an Ed25519 signature (64 bytes) over everything before it.

``open_sealed`` checks the signature first, against a key the reading device already trusts
(``storage.trust``), before it parses more than the sender's identity out of the header line;
only then it validates the header, finds its own recipient entry, and decrypts.
"""

from __future__ import annotations

import gzip
import os
import uuid
import zlib
from dataclasses import dataclass
from typing import Annotated, Any, Callable, Literal

import orjson
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hpke
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from .. import messages as M
from ..errors import validation_detail
from ..keys import DeviceKeys, KeyError_, b64, key_id, unb64, verify
from ..records import Ident
from ..trust import Identity, Signer, TrustError
from .bundle import FORMAT, BundleError, gunzip_bounded

SEALED_VERSION = 2
SIGNATURE_BYTES = 64
MAX_HEADER_BYTES = 4 * 1024 * 1024
CIPHER = "ChaCha20-Poly1305"
_SUITE = hpke.Suite(hpke.KEM.X25519, hpke.KDF.HKDF_SHA256, hpke.AEAD.CHACHA20_POLY1305)
_B64 = Annotated[str, Field(pattern=r"^[A-Za-z0-9+/]+={0,2}$", max_length=4096)]


class Sender(BaseModel):
    model_config = ConfigDict(extra="forbid")
    device_id: Ident
    role: Literal["consultant", "hq"]
    sign: _B64
    enc: _B64
    chain: list[dict[str, str]] = Field(default_factory=list, max_length=1000)


class Recipient(BaseModel):
    model_config = ConfigDict(extra="forbid")
    device_id: Ident
    key: Annotated[str, Field(pattern=r"^[0-9a-f]{16}$")]
    sealed_key: _B64


class SealedHeader(BaseModel):
    """The readable first line of a sealed bundle."""

    model_config = ConfigDict(extra="forbid")
    format: Literal["asskomm-bundle"]
    format_version: Literal[2]
    bundle_id: uuid.UUID
    app_version: Annotated[str, Field(max_length=40)]
    sender: Sender
    recipients: list[Recipient] = Field(min_length=1, max_length=10_000)
    cipher: Literal["ChaCha20-Poly1305"]
    nonce: _B64
    compressed: bool
    length: int = Field(ge=16)


def _info(bundle_id: str) -> bytes:
    return b"asskomm-bundle-v2\x00" + bundle_id.encode("ascii")


def seal(content: bytes, *, bundle_id: str, app_version: str, keys: DeviceKeys, device_id: str, role: str,
         recipients: list[tuple[str, bytes]], compress: bool) -> bytes:
    """The sealed file of ``content`` (a format-1 bundle) for ``recipients`` (device id, X25519 key)."""
    if compress:
        content = gzip.compress(content, compresslevel=6, mtime=0)
    content_key = ChaCha20Poly1305.generate_key()
    nonce = os.urandom(12)
    sealed_for = []
    for device, enc in dict(recipients).items():
        public = X25519PublicKey.from_public_bytes(enc)
        sealed_for.append({"device_id": device, "key": key_id(enc),
                           "sealed_key": b64(_SUITE.encrypt(content_key, public, info=_info(bundle_id)))})
    header = {
        "format": FORMAT, "format_version": SEALED_VERSION, "bundle_id": bundle_id, "app_version": app_version,
        "sender": {"device_id": device_id, "role": role, "sign": b64(keys.current.sign_public),
                   "enc": b64(keys.current.enc_public), "chain": keys.chain},
        "recipients": sealed_for, "cipher": CIPHER, "nonce": b64(nonce), "compressed": compress,
        "length": len(content) + 16,
    }
    line = orjson.dumps(header) + b"\n"
    body = line + ChaCha20Poly1305(content_key).encrypt(nonce, content, line)
    return body + keys.sign(body)


def header_line(raw: bytes) -> tuple[dict[str, Any], int] | None:
    """The parsed first line and its length if ``raw`` is a sealed bundle (format 2 or later), else None."""
    end = raw.find(b"\n", 0, MAX_HEADER_BYTES)
    if end < 0 or not raw.startswith(b"{"):
        return None
    try:
        head = orjson.loads(raw[:end])
    except orjson.JSONDecodeError:
        return None
    if not isinstance(head, dict) or head.get("format") != FORMAT:
        return None
    version = head.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < SEALED_VERSION:
        return None
    return head, end + 1


def sender_of(head: dict[str, Any], name: str) -> Identity:
    """The sender identity named in a header line (not yet trusted: only what it claims)."""
    sender = head.get("sender")
    try:
        if not isinstance(sender, dict):
            raise TypeError
        chain = sender.get("chain") or []
        if not isinstance(chain, list):
            raise TypeError
        return Identity(str(sender["device_id"]), str(sender["role"]), unb64(sender["sign"]),
                        unb64(sender["enc"]), chain)
    except (KeyError, TypeError, KeyError_):
        raise BundleError(f"{name}: {M.SEALED_NO_SENDER}") from None


@dataclass
class Opened:
    """A sealed bundle that passed its checks: the format-1 content and who signed it."""

    content: bytes
    header: SealedHeader
    sender: Identity
    signer: Signer


def open_sealed(raw: bytes, name: str, keys: DeviceKeys,
                trusted_signer: Callable[[Identity], Signer]) -> Opened:
    """Check and decrypt a sealed bundle; ``BundleError`` (German) for anything wrong, before any
    of its content is used. ``trusted_signer`` answers which key the sender must have signed with."""
    found = header_line(raw)
    if found is None:
        raise BundleError(f"{name}: {M.SEALED_DAMAGED}")
    head, start = found
    sender = sender_of(head, name)
    try:
        signer = trusted_signer(sender)
    except TrustError as exc:
        raise BundleError(exc.message) from None
    if len(raw) < start + 16 + SIGNATURE_BYTES:
        raise BundleError(f"{name}: {M.SEALED_TRUNCATED}")
    signed, signature = raw[:-SIGNATURE_BYTES], raw[-SIGNATURE_BYTES:]
    if not verify(signer.sign, signature, signed):
        raise BundleError(f"{name}: {M.SEALED_BAD_SIGNATURE}")
    try:
        header = SealedHeader.model_validate_json(raw[:start - 1], strict=True)
    except ValidationError as exc:
        raise BundleError(f"{name}: Ungültiger Kopf – {validation_detail(exc)}") from None
    if len(signed) - start != header.length:
        raise BundleError(f"{name}: {M.SEALED_TRUNCATED}")
    mine = {pair.key_id for pair in keys.pairs()}
    entry = next((r for r in header.recipients if r.key in mine), None)
    if entry is None:
        raise BundleError(f"{name}: {M.SEALED_OTHER_READER}")
    private = keys.enc_private(entry.key)
    assert private is not None
    try:
        content_key = _SUITE.decrypt(unb64(entry.sealed_key), private, info=_info(str(header.bundle_id)))
        content = ChaCha20Poly1305(content_key).decrypt(unb64(header.nonce), signed[start:], raw[:start])
    except (InvalidTag, ValueError, KeyError_):
        raise BundleError(f"{name}: {M.SEALED_CANNOT_OPEN}") from None
    if header.compressed:
        try:
            content = gunzip_bounded(content, name)
        except (OSError, EOFError, zlib.error):
            raise BundleError(f"{name}: {M.SEALED_CANNOT_OPEN}") from None
    return Opened(content, header, sender, signer)
