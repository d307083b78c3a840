"""Whom a device trusts: the pinned key of HQ (on a laptop) and HQ's register of devices.

Both are device-local state of the store (``store.local.extra``), never synced as records:
- ``hq_key`` (laptop): HQ's public keys, pinned once after the user confirmed the fingerprint;
  a new HQ key replaces it only when a rotation statement signed by the pinned key vouches for it.
- ``register`` (HQ): every device HQ accepted, its public keys and whether it is revoked. HQ's
  bundles carry it inside their signed content; a laptop keeps the copy it last received (shown by
  ``asskomm keys show``; HQ's sealed bundles go to the devices it lists as accepted).
A device's public keys reach the other side in a *public key file* (``asskomm keys export``) or in
the readable header of a bundle; either is self-signed, which proves the sender holds the key.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from . import messages as M
from .canonical import canonical_json
from .durable import atomic_write_bytes
from .errors import StoreError
from .keys import DeviceKeys, KeyError_, b64, chain_end, fingerprint, unb64, verify

PUBLIC_FORMAT = "asskomm-public-keys"
PUBLIC_VERSION = 1
ACCEPTED, REVOKED = "accepted", "revoked"
DEMO_HQ = "demo-zentrale"  # the HQ a demo store pins (storage/demo.py): nobody holds its private key


class TrustError(StoreError):
    """A key that cannot be trusted (or a trust step that is not allowed); German message."""


@dataclass(frozen=True)
class Identity:
    """A device's public keys as another device sees them."""

    device_id: str
    role: str
    sign: bytes
    enc: bytes
    chain: list[dict[str, Any]] = field(default_factory=list)
    consultant_id: str | None = None
    name: str = ""

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.sign, self.enc)

    def entry(self, status: str, at: str) -> dict[str, Any]:
        """The register's (or the pin's) record of this identity."""
        return {"device_id": self.device_id, "role": self.role, "consultant_id": self.consultant_id,
                "name": self.name, "sign": b64(self.sign), "enc": b64(self.enc),
                "fingerprint": self.fingerprint, "status": status, "since": at}


def own_identity(store: Any, name: str = "") -> Identity:
    """This device as others should know it."""
    keys: DeviceKeys = store.keys
    return Identity(store.local.device_id, store.local.role, keys.current.sign_public, keys.current.enc_public,
                    list(keys.chain), store.local.consultant_id, name)


def export_public(store: Any, path: Path, name: str = "", now: str = "") -> Identity:
    """Write this device's public key file (self-signed) to ``path``."""
    me = own_identity(store, name)
    body = {"format": PUBLIC_FORMAT, "version": PUBLIC_VERSION, "device_id": me.device_id, "role": me.role,
            "consultant_id": me.consultant_id, "name": name, "sign": b64(me.sign), "enc": b64(me.enc),
            "fingerprint": me.fingerprint, "chain": me.chain, "created_at": now}
    body["signature"] = b64(store.keys.sign(canonical_json(body)))
    atomic_write_bytes(Path(path), orjson.dumps(body, option=orjson.OPT_INDENT_2))
    return me


def read_public(path: Path) -> Identity:
    """A public key file, its self-signature checked; ``TrustError`` with a German reason."""
    path = Path(path)
    try:
        body = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        raise TrustError(M.TRUST_FILE_MISSING.format(file=path.name)) from None
    except (OSError, orjson.JSONDecodeError):
        raise TrustError(M.TRUST_NOT_KEY_FILE.format(file=path.name)) from None
    if not isinstance(body, dict) or body.get("format") != PUBLIC_FORMAT:
        raise TrustError(M.TRUST_NOT_KEY_FILE.format(file=path.name))
    try:
        signature = unb64(body.pop("signature"))
        identity = Identity(str(body["device_id"]), str(body["role"]), unb64(body["sign"]), unb64(body["enc"]),
                            list(body.get("chain") or []), body.get("consultant_id"), str(body.get("name", "")))
    except (KeyError, TypeError, KeyError_):
        raise TrustError(M.TRUST_NOT_KEY_FILE.format(file=path.name)) from None
    if identity.role not in ("consultant", "hq") or not verify(identity.sign, signature, canonical_json(body)):
        raise TrustError(M.TRUST_BAD_SIGNATURE.format(file=path.name))
    return identity


def _keys_of(entry: dict[str, Any]) -> tuple[bytes, bytes]:
    return unb64(entry["sign"]), unb64(entry["enc"])


def pinned_hq(store: Any) -> dict[str, Any] | None:
    """The HQ key this laptop trusts, or None."""
    return store.local.extra.get("hq_key")


def register(store: Any) -> dict[str, dict[str, Any]]:
    """HQ's register of devices (on a laptop: the copy from HQ's last bundle)."""
    return dict(store.local.extra.get("register") or {})


def plan_trust(store: Any, identity: Identity) -> str:
    """What ``trust`` would do with ``identity`` here, as a German sentence; ``TrustError`` if not allowed."""
    me = store.local
    if identity.device_id == me.device_id:
        raise TrustError(M.TRUST_OWN_KEY)
    if me.role == "hq":
        if identity.role == "hq":
            raise TrustError(M.TRUST_HQ_AT_HQ)
        entry = register(store).get(identity.device_id)
        if entry and entry["status"] == REVOKED:
            raise TrustError(M.TRUST_REVOKED.format(device=identity.device_id[:8]))
        if entry and entry["fingerprint"] == identity.fingerprint:
            return M.TRUST_ALREADY.format(fingerprint=identity.fingerprint)
        if entry and chain_end(_keys_of(entry)[0], identity.chain, identity.device_id) != (identity.sign,
                                                                                          identity.enc):
            raise TrustError(M.TRUST_DEVICE_KEY_CHANGED.format(device=identity.device_id[:8]))
        return M.TRUST_ACCEPT_DEVICE.format(fingerprint=identity.fingerprint, device=identity.device_id[:8])
    if identity.role != "hq":
        raise TrustError(M.TRUST_ONLY_HQ)
    pin = pinned_hq(store)
    if pin is None or pin.get("device_id") == DEMO_HQ:  # a demo store's made-up HQ gives way to a real one
        return M.TRUST_PIN_HQ.format(fingerprint=identity.fingerprint)
    if pin["fingerprint"] == identity.fingerprint:
        return M.TRUST_ALREADY.format(fingerprint=identity.fingerprint)
    if chain_end(_keys_of(pin)[0], identity.chain, identity.device_id) == (identity.sign, identity.enc):
        return M.TRUST_HQ_ROTATED.format(fingerprint=identity.fingerprint)
    raise TrustError(M.TRUST_HQ_KEY_CHANGED.format(old=pin["fingerprint"], new=identity.fingerprint))


def trust(store: Any, identity: Identity, now: str) -> str:
    """HQ: accept a device into the register. Laptop: pin HQ's key. Returns what was done (German)."""
    done = plan_trust(store, identity)
    if store.local.role == "hq":
        devices = register(store)
        devices[identity.device_id] = identity.entry(ACCEPTED, now)
        store.update_local(register=devices)
    else:
        store.update_local(hq_key=identity.entry(ACCEPTED, now))
    return done


def revoke(store: Any, device_id: str, now: str) -> dict[str, Any]:
    """HQ: revoke a device's key (a lost laptop); its bundles are refused, HQ's no longer sealed to it.

    ``device_id`` may be the first characters of the id or the fingerprint, if they name one device.
    """
    if store.local.role != "hq":
        raise TrustError(M.TRUST_REVOKE_ONLY_HQ)
    devices = register(store)
    wanted = device_id.strip().upper().replace("-", "")
    matches = [d for d, e in devices.items()
               if d.upper().startswith(wanted) or e["fingerprint"].replace("-", "").startswith(wanted)]
    if len(matches) != 1 or not wanted:
        raise TrustError(M.TRUST_NO_SUCH_DEVICE.format(device=device_id) if not matches
                         else M.TRUST_AMBIGUOUS_DEVICE.format(device=device_id))
    entry = {**devices[matches[0]], "status": REVOKED, "revoked_at": now}
    devices[matches[0]] = entry
    store.update_local(register=devices)
    return entry


# -- what an import trusts ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Signer:
    """The trusted signing key a bundle is checked against, and what to remember once it is taken."""

    sign: bytes
    enc: bytes
    rotated: dict[str, Any] | None = None  # the pin or register entry with the rotated keys


def trusted_signer(store: Any, sender: Identity, file: str, now: str) -> Signer:
    """The key a bundle from ``sender`` must be signed with, or ``TrustError`` (German, with the
    fingerprint to check when the sender is unknown)."""
    me, keys = store.local, store.keys
    if sender.device_id == me.device_id:  # an own bundle, read back (its key may be retired)
        for pair in keys.pairs():
            if pair.sign_public == sender.sign:
                return Signer(pair.sign_public, pair.enc_public)
        raise TrustError(M.TRUST_OWN_UNKNOWN_KEY.format(file=file))
    if me.role != "hq":
        if sender.role != "hq":
            raise TrustError(M.TRUST_NOT_FROM_HQ.format(file=file))
        pin = pinned_hq(store)
        if pin is None:
            raise TrustError(M.TRUST_HQ_UNKNOWN.format(file=file, fingerprint=sender.fingerprint))
        entry = pin
    else:
        if sender.role == "hq":
            raise TrustError(M.TRUST_HQ_AT_HQ)
        entry = register(store).get(sender.device_id)
        if entry is None:
            raise TrustError(M.TRUST_DEVICE_UNKNOWN.format(file=file, fingerprint=sender.fingerprint,
                                                           device=sender.device_id[:8]))
        if entry["status"] == REVOKED:
            raise TrustError(M.TRUST_DEVICE_REVOKED.format(file=file, device=sender.device_id[:8]))
    sign, enc = _keys_of(entry)
    if sender.sign == sign:
        return Signer(sign, enc)
    end = chain_end(sign, sender.chain, sender.device_id)
    if end is not None and end[0] == sender.sign:
        rotated = {**entry, "sign": b64(end[0]), "enc": b64(end[1]), "fingerprint": fingerprint(*end),
                   "since": now, "previous": [*entry.get("previous", []), entry["fingerprint"]]}
        return Signer(end[0], end[1], rotated)
    raise TrustError(M.TRUST_WRONG_SIGNER.format(file=file, fingerprint=sender.fingerprint))


def recipients(store: Any) -> list[tuple[str, bytes]]:
    """(device id, encryption key) of everyone an export is sealed to: the author and HQ, or (HQ)
    the author and every accepted device of the register. ``TrustError`` if HQ's key is missing."""
    me = store.local
    own = [(me.device_id, store.keys.current.enc_public)]
    if me.role == "hq":
        return own + [(d, unb64(e["enc"])) for d, e in sorted(register(store).items()) if e["status"] == ACCEPTED]
    pin = pinned_hq(store)
    if pin is None:
        raise TrustError(M.EXPORT_NEEDS_HQ_KEY)
    return own + [(pin["device_id"], unb64(pin["enc"]))]


def register_for_bundle(store: Any) -> list[dict[str, Any]]:
    """The register as HQ's bundle carries it (public keys and status only)."""
    keep = ("device_id", "role", "consultant_id", "name", "sign", "enc", "fingerprint", "status", "since")
    return [{k: e.get(k) for k in keep} for _, e in sorted(register(store).items())]


def identity_from_file(path: Path) -> Identity:
    """The sender of a public key file or of a sealed bundle (whose signature must match the key
    its header names: the file proves its sender holds that key). ``TrustError`` otherwise."""
    from .sync.bundle import BundleError
    from .sync.sealed import SIGNATURE_BYTES, header_line, sender_of

    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise TrustError(M.TRUST_FILE_MISSING.format(file=path.name)) from None
    except OSError:
        raise TrustError(M.TRUST_NOT_KEY_FILE.format(file=path.name)) from None
    found = header_line(raw)
    if found is None:
        return read_public(path)
    try:
        sender = sender_of(found[0], path.name)
    except BundleError as exc:
        raise TrustError(exc.message) from None
    if not verify(sender.sign, raw[-SIGNATURE_BYTES:], raw[:-SIGNATURE_BYTES]):
        raise TrustError(M.TRUST_BAD_SIGNATURE.format(file=path.name))
    return sender
