"""This device's keys: an Ed25519 key that signs its bundles and an X25519 key that opens bundles
sealed to it (see docs/security.md). All cryptography is the ``cryptography`` library's.

The key file lies beside the store (``<store>.keys``, mode 0600). Its public half is always
readable (``asskomm keys show`` needs no passphrase); the private half is either plain or sealed
with a key derived from a passphrase (scrypt, then AES-256-GCM). A wrong passphrase is refused;
there is no way around it, and no copy of the key without the passphrase.

Keys that were rotated away stay in the file as ``retired``: their encryption half still opens
bundles sealed to them before the rotation (an HQ file made the day before).
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from . import messages as M
from .canonical import canonical_json
from .durable import atomic_write_bytes
from .errors import StoreError

KEY_FILE_FORMAT = "asskomm-keys"
KEY_FILE_VERSION = 1
# scrypt at 2**15 × 8: about 0.1 s and 32 MiB per try, so guessing a passphrase is slow
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**15, 8, 1
_RAW = serialization.Encoding.Raw


class KeyError_(StoreError):
    """The key file is missing, damaged or locked; the German message says which."""


class PassphraseNeeded(KeyError_):
    """The private keys are protected and no (or an empty) passphrase was given."""


class WrongPassphrase(KeyError_):
    """The passphrase does not open the private keys."""


def b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def unb64(text: Any, what: str = "Schlüssel") -> bytes:
    """Base64 from a file; a value that is not base64 is a German ``KeyError_``."""
    try:
        return base64.b64decode(str(text).encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError):
        raise KeyError_(M.KEY_NOT_BASE64.format(what=what)) from None


def public_bytes(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(_RAW, serialization.PublicFormat.Raw)


def _private_bytes(key: Ed25519PrivateKey | X25519PrivateKey) -> bytes:
    return key.private_bytes(_RAW, serialization.PrivateFormat.Raw, serialization.NoEncryption())


def fingerprint(sign: bytes, enc: bytes) -> str:
    """A device's two public keys as 16 letters and digits in four groups, to read aloud
    (``K7QD-2MXA-…``): 80 bits of sha256, base32 (no 0/1/8/9, nothing to mishear)."""
    digest = hashlib.sha256(b"asskomm-fingerprint\x00" + sign + enc).digest()[:10]
    text = base64.b32encode(digest).decode("ascii")
    return "-".join(text[i:i + 4] for i in range(0, 16, 4))


def key_id(enc: bytes) -> str:
    """The short id a sealed bundle names a recipient's encryption key by."""
    return hashlib.sha256(b"asskomm-key-id\x00" + enc).hexdigest()[:16]


def verify(sign_public: bytes, signature: bytes, data: bytes) -> bool:
    """True if ``signature`` is the Ed25519 signature of ``data`` by ``sign_public``."""
    try:
        Ed25519PublicKey.from_public_bytes(sign_public).verify(signature, data)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass
class KeyPair:
    """One generation of a device's keys (private halves None while locked)."""

    sign_public: bytes
    enc_public: bytes
    sign_private: Ed25519PrivateKey | None = None
    enc_private: X25519PrivateKey | None = None
    created_at: str = ""

    @classmethod
    def generate(cls, created_at: str) -> "KeyPair":
        sign, enc = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
        return cls(public_bytes(sign.public_key()), public_bytes(enc.public_key()), sign, enc, created_at)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign_public, self.enc_public)

    @property
    def key_id(self) -> str:
        return key_id(self.enc_public)

    def public(self) -> dict[str, str]:
        return {"sign": b64(self.sign_public), "enc": b64(self.enc_public)}

    def secret(self) -> bytes:
        assert self.sign_private is not None and self.enc_private is not None
        return _private_bytes(self.sign_private) + _private_bytes(self.enc_private)

    def take_secret(self, secret: bytes) -> None:
        """Set the private halves from 64 bytes; they must belong to the public halves."""
        if len(secret) != 64:
            raise KeyError_(M.KEY_FILE_DAMAGED)
        sign = Ed25519PrivateKey.from_private_bytes(secret[:32])
        enc = X25519PrivateKey.from_private_bytes(secret[32:])
        if public_bytes(sign.public_key()) != self.sign_public or public_bytes(enc.public_key()) != self.enc_public:
            raise KeyError_(M.KEY_FILE_DAMAGED)
        self.sign_private, self.enc_private = sign, enc


@dataclass
class DeviceKeys:
    """The key file of one store: the current key pair, retired ones, and the rotation statements."""

    path: Path
    device_id: str
    current: KeyPair
    retired: list[KeyPair] = field(default_factory=list)
    # statements "old key signs new key", oldest first (see ``rotation_statement``)
    chain: list[dict[str, str]] = field(default_factory=list)
    protection: dict[str, Any] | None = None
    _sealed: dict[str, str] = field(default_factory=dict)  # key_id -> sealed secret while locked
    _file_key: bytes | None = None  # derived from the passphrase: seals the secrets on save

    @property
    def locked(self) -> bool:
        return self.current.sign_private is None

    @property
    def protected(self) -> bool:
        return self.protection is not None

    @property
    def fingerprint(self) -> str:
        return self.current.fingerprint

    def pairs(self) -> list[KeyPair]:
        return [self.current, *self.retired]

    def unlock(self, passphrase: str | None) -> None:
        """Open the private keys; ``WrongPassphrase`` if the passphrase does not fit."""
        if not self.locked:
            return
        if not passphrase:
            raise PassphraseNeeded(M.KEY_PASSPHRASE_NEEDED)
        assert self.protection is not None
        file_key = _derive(passphrase, self.protection)
        aead = AESGCM(file_key)
        for pair in self.pairs():
            sealed = unb64(self._sealed.get(pair.key_id, ""))
            try:
                secret = aead.decrypt(sealed[:12], sealed[12:], pair.key_id.encode())
            except (InvalidTag, ValueError):
                raise WrongPassphrase(M.KEY_WRONG_PASSPHRASE) from None
            pair.take_secret(secret)
        self._file_key = file_key

    def require_unlocked(self) -> None:
        if self.locked:
            raise PassphraseNeeded(M.KEY_PASSPHRASE_NEEDED)

    def sign(self, data: bytes) -> bytes:
        """The current signing key's signature of ``data``."""
        self.require_unlocked()
        assert self.current.sign_private is not None
        return self.current.sign_private.sign(data)

    def enc_private(self, wanted_key_id: str) -> X25519PrivateKey | None:
        """The private encryption key with that id (current or retired), or None."""
        self.require_unlocked()
        for pair in self.pairs():
            if pair.key_id == wanted_key_id:
                return pair.enc_private
        return None

    # -- changes ------------------------------------------------------------------------------
    def rotate(self, now: str) -> dict[str, str]:
        """A new key pair signed by the current one; the old one is retired. Returns the statement."""
        self.require_unlocked()
        new = KeyPair.generate(now)
        statement = rotation_statement(self.device_id, self.current, new, now)
        self.retired.insert(0, self.current)
        self.current = new
        self.chain.append(statement)
        return statement

    def set_passphrase(self, passphrase: str | None) -> None:
        """Protect the private keys with ``passphrase`` (None or empty: no protection)."""
        self.require_unlocked()
        self.protection, self._file_key = None, None
        if passphrase:
            self.protection = {"kdf": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                               "salt": b64(os.urandom(16))}
            self._file_key = _derive(passphrase, self.protection)

    def save(self) -> None:
        """Write the key file atomically, mode 0600."""
        self.require_unlocked()
        aead = AESGCM(self._file_key) if self.protection and self._file_key else None

        def secret(pair: KeyPair) -> str:
            raw = pair.secret()
            if aead is None:
                return b64(raw)
            nonce = os.urandom(12)
            return b64(nonce + aead.encrypt(nonce, raw, pair.key_id.encode()))

        body = {
            "format": KEY_FILE_FORMAT, "version": KEY_FILE_VERSION, "device_id": self.device_id,
            "protection": self.protection,
            "current": {**self.current.public(), "created_at": self.current.created_at,
                        "secret": secret(self.current)},
            "retired": [{**p.public(), "created_at": p.created_at, "secret": secret(p)} for p in self.retired],
            "chain": self.chain,
        }
        atomic_write_bytes(self.path, orjson.dumps(body, option=orjson.OPT_INDENT_2))


def _derive(passphrase: str, protection: dict[str, Any]) -> bytes:
    kdf = Scrypt(salt=unb64(protection["salt"]), length=32, n=int(protection["n"]), r=int(protection["r"]),
                 p=int(protection["p"]))
    return kdf.derive(passphrase.encode("utf-8"))


def protect(keys: DeviceKeys, passphrase: str | None) -> None:
    """Set (or with None remove) the passphrase and write the key file."""
    keys.set_passphrase(passphrase)
    keys.save()


def rotation_statement(device_id: str, old: KeyPair, new: KeyPair, at: str) -> dict[str, str]:
    """``old`` vouches for ``new``: signed by the old signing key, checked by ``chain_end``."""
    body = {"device_id": device_id, "old_sign": b64(old.sign_public), "new_sign": b64(new.sign_public),
            "new_enc": b64(new.enc_public), "at": at}
    assert old.sign_private is not None
    return {**body, "signature": b64(old.sign_private.sign(canonical_json(body)))}


def chain_end(start_sign: bytes, chain: list[dict[str, Any]], device_id: str) -> tuple[bytes, bytes] | None:
    """Follow the rotation statements from a trusted signing key: the (sign, enc) public keys at
    the end of the unbroken part that starts at ``start_sign``, or None if none starts there."""
    current: tuple[bytes, bytes] | None = None
    sign = start_sign
    for statement in chain:
        if not isinstance(statement, dict):
            return current
        try:
            old = unb64(statement.get("old_sign"))
            if old != sign:
                continue
            body = {k: statement[k] for k in ("device_id", "old_sign", "new_sign", "new_enc", "at")}
            signature = unb64(statement.get("signature"))
            new_sign, new_enc = unb64(body["new_sign"]), unb64(body["new_enc"])
        except (KeyError_, KeyError, TypeError):
            return current
        if body["device_id"] != device_id or not verify(sign, signature, canonical_json(body)):
            return current
        sign = new_sign
        current = (new_sign, new_enc)
    return current


def key_file_path(store_path: Path) -> Path:
    """Where the keys of the store at ``store_path`` live."""
    store_path = Path(store_path)
    return store_path.with_name(store_path.name + ".keys")


def create_keys(store_path: Path, device_id: str, now: str) -> DeviceKeys:
    """Make and write a new key file for the device (no passphrase)."""
    keys = DeviceKeys(key_file_path(store_path), device_id, KeyPair.generate(now))
    keys.save()
    return keys


def ensure_key_file(store_path: Path, device_id: str, now: Any) -> DeviceKeys:
    """The store's keys, made (and written) first if the store has none yet."""
    if not key_file_path(store_path).exists():
        return create_keys(store_path, device_id, now.isoformat().replace("+00:00", "Z"))
    return load_keys(store_path)


def load_keys(store_path: Path) -> DeviceKeys:
    """Read the key file (locked if it is protected; ``unlock`` opens it)."""
    path = key_file_path(store_path)
    try:
        body = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        raise KeyError_(M.KEY_FILE_MISSING.format(file=path.name)) from None
    except (OSError, orjson.JSONDecodeError):
        raise KeyError_(M.KEY_FILE_DAMAGED) from None
    try:
        if body["format"] != KEY_FILE_FORMAT or body["version"] != KEY_FILE_VERSION:
            raise KeyError_(M.KEY_FILE_DAMAGED)

        def pair(raw: dict[str, Any]) -> KeyPair:
            return KeyPair(unb64(raw["sign"]), unb64(raw["enc"]), created_at=str(raw.get("created_at", "")))

        keys = DeviceKeys(path, str(body["device_id"]), pair(body["current"]),
                          [pair(r) for r in body.get("retired", [])], list(body.get("chain", [])),
                          body.get("protection"))
        raws = [body["current"], *body.get("retired", [])]
        if keys.protection is None:
            for p, raw in zip(keys.pairs(), raws):
                p.take_secret(unb64(raw["secret"]))
        else:
            keys._sealed = {p.key_id: raw["secret"] for p, raw in zip(keys.pairs(), raws)}
    except (KeyError, TypeError, ValueError, AttributeError):
        raise KeyError_(M.KEY_FILE_DAMAGED) from None
    return keys
