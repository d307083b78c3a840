"""Per-user settings: a TOML file in the platform's config folder (key map, theme, export folder).

The file is the user's: asskomm reads it at start and writes into it only the one line of a setting
chosen in the app (the theme, the last export folder), keeping comments and everything else as they
are. A broken file never stops the app: each problem becomes a German sentence naming the line, and
what is wrong falls back to its default while the valid rest applies.

``ASSKOMM_CONFIG`` names another file (tests, a second profile). The ids of the key bindings
(``binding_catalogue``) are known only after every screen module has been imported, which the app
does not do at start; so ``load_settings`` checks them only when given the ids (the CLI), and the
app checks them after start (``unknown_binding_ids``).
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Collection, Iterable

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from storage.errors import validation_detail

from . import strings as S

ENV_CONFIG = "ASSKOMM_CONFIG"
# the flat settings the app itself may write (one line each); the key map is the user's alone
WRITABLE = ("theme", "export_folder")
_MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")


def default_settings_path() -> Path:
    """``<user config dir>/asskomm/settings.toml`` (the folder is not created)."""
    from platformdirs import user_config_path

    return user_config_path("asskomm", appauthor=False) / "settings.toml"


def settings_path() -> Path:
    """The settings file: ``$ASSKOMM_CONFIG``, else the platform's config folder."""
    env = os.environ.get(ENV_CONFIG)
    return Path(env).expanduser().absolute() if env else default_settings_path()


def _default_theme() -> str:
    from textual.constants import DEFAULT_THEME  # Textual's own default ($TEXTUAL_THEME or textual-dark)

    return DEFAULT_THEME


def theme_names() -> list[str]:
    """Every theme the app offers (Textual's built-in ones)."""
    from textual.theme import BUILTIN_THEMES

    return sorted(BUILTIN_THEMES)


class Settings(BaseModel):
    """The effective settings (after the file's problems fell back to the defaults)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    keymap: dict[str, str] = Field(default_factory=dict)  # binding id → key(s), comma-separated
    theme: str = Field(default_factory=_default_theme)
    export_folder: Path | None = None
    # the change-over to sealed bundles: plain, unsigned format-1 files are read only if true
    plain_bundles: bool = False

    @field_validator("plain_bundles", mode="before")
    @classmethod
    def _yes_no(cls, value: Any) -> Any:
        if not isinstance(value, bool):
            raise ValueError(S.SET_NOT_BOOL)
        return value

    @field_validator("keymap", mode="before")
    @classmethod
    def _table(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            raise ValueError(S.SET_NOT_A_TABLE)
        return value

    @field_validator("theme", mode="before")
    @classmethod
    def _text(cls, value: Any) -> Any:
        if not isinstance(value, str):
            raise ValueError(S.SET_NOT_TEXT)
        return value

    @field_validator("export_folder", mode="before")
    @classmethod
    def _folder(cls, value: Any) -> Any:
        if value is None or isinstance(value, Path):
            return value
        if not isinstance(value, str):
            raise ValueError(S.SET_NOT_A_FOLDER)
        return Path(value).expanduser() if value.strip() else None


@dataclass(frozen=True)
class LoadedSettings:
    """What was read: the file, whether it exists, the effective settings and the problems (German)."""

    path: Path
    exists: bool
    settings: Settings
    problems: tuple[str, ...] = ()
    text: str = field(default="", repr=False)  # the file's text, to name lines of later checks


class SettingsError(Exception):
    """A setting could not be written (German message)."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# -- reading -----------------------------------------------------------------------------------------
def load_settings(path: Path | None = None, binding_ids: Collection[str] | None = None) -> LoadedSettings:
    """Read the settings file (``settings_path()`` unless given); never raises for a bad file.

    ``binding_ids``: the known ids, to report key map entries for unknown ones (None: not checked).
    """
    path = Path(path) if path is not None else settings_path()
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return LoadedSettings(path, False, Settings())
    except OSError as exc:
        from storage.errors import file_error

        return LoadedSettings(path, path.exists(), Settings(),
                              (S.SET_UNREADABLE.format(error=file_error(exc, path).message),))
    try:
        text = raw.decode("utf-8-sig")  # Windows editors may write a byte order mark
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return LoadedSettings(path, True, Settings(), (S.SET_NOT_UTF8.format(line=line),))
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return LoadedSettings(path, True, Settings(), (_syntax_problem(str(exc), text),), text)
    values, problems = _validate(data, text)
    loaded = LoadedSettings(path, True, Settings(**values), tuple(problems), text)
    if binding_ids is not None:
        loaded = drop_unknown_bindings(loaded, binding_ids)
    return loaded


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)$")
# tomllib's English messages that a user most likely meets, as a German hint
_TOML_HINTS = {"Invalid value": S.SET_HINT_QUOTES, "Unterminated string": S.SET_HINT_QUOTE_END,
               "Cannot overwrite a value": S.SET_HINT_TWICE, "Cannot declare": S.SET_HINT_TWICE}


def _syntax_problem(message: str, text: str) -> str:
    """tomllib's error as a German sentence with line, column and the line itself (never its English)."""
    hint = next((h for start, h in _TOML_HINTS.items() if message.startswith(start)), "")
    m = _TOML_POSITION.search(message)
    if m is None:  # "(at end of document)"
        lines = text.splitlines() or [""]
        return S.SET_SYNTAX_END.format(line=len(lines), hint=hint)
    line, column = int(m[1]), int(m[2])
    lines = text.splitlines()
    shown = lines[line - 1].strip() if 0 < line <= len(lines) else ""
    if len(shown) > 60:
        shown = shown[:57] + "…"
    return S.SET_SYNTAX.format(line=line, column=column, text=S.SET_LINE_TEXT.format(text=shown) if shown else "",
                               hint=hint)


def _validate(data: dict[str, Any], text: str) -> tuple[dict[str, Any], list[str]]:
    """The valid values of ``data`` (by setting) and a German sentence for every problem."""
    values: dict[str, Any] = {}
    problems: list[str] = []
    known = list(Settings.model_fields)
    for key, value in data.items():
        where = _where(text, key)
        if key not in known:
            problems.append(S.SET_UNKNOWN.format(where=where, key=key, known=", ".join(known)))
            continue
        if key == "keymap" and isinstance(value, dict):
            value = _valid_keymap(value, text, problems)
        try:
            checked = Settings.model_validate({key: value})
        except ValidationError as exc:
            problems.append(S.SET_INVALID.format(where=where, detail=validation_detail(exc)))
            continue
        if key == "theme" and checked.theme not in theme_names():
            problems.append(S.SET_BAD_THEME.format(where=where, theme=checked.theme, default=_default_theme()))
            continue
        values[key] = getattr(checked, key)
    return values, problems


def _valid_keymap(table: dict[str, Any], text: str, problems: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for binding_id, keys in table.items():
        where = _where(text, binding_id, "keymap")
        if not isinstance(keys, str):
            problems.append(S.SET_KEY_NOT_TEXT.format(where=where, id=binding_id))
            continue
        normalized, bad = normalize_keys(keys)
        if bad is not None:
            problems.append(S.SET_BAD_KEY.format(where=where, id=binding_id, key=bad))
            continue
        out[binding_id] = normalized
    return out


def normalize_keys(keys: str) -> tuple[str, str | None]:
    """``"Ctrl+S, F10"`` → ``("ctrl+s,f10", None)``; the first key that is none as the second value.

    Names may be written in any case (``Ctrl+S`` is ``ctrl+s``; Umschalt is ``shift+``); a single
    character without a modifier stays as typed (``?`` becomes ``question_mark``, as Textual names it).
    """
    from textual.keys import _character_to_key

    out = []
    for key in keys.split(","):
        key = key.strip()
        *modifiers, base = key.split("+") if key != "+" else ["+"]  # Textual's name for Strg and + is ctrl+plus
        modifiers = [m.lower() for m in modifiers]
        if len(base) > 1 or modifiers:
            base = base.lower()
        if len(base) == 1:
            base = _character_to_key(base)
        if (not base or any(m not in _MODIFIERS for m in modifiers) or len(set(modifiers)) < len(modifiers)
                or not _is_key(base)):
            return "", key
        out.append("+".join(sorted(modifiers, key=_MODIFIERS.index) + [base]))
    return ",".join(out), None


def _is_key(base: str) -> bool:
    from textual.keys import REPLACED_KEYS, Keys, key_to_character

    if len(base) == 1:
        return base.isprintable() and not base.isspace()
    named = {k.value.rpartition("+")[2] for k in Keys if not k.value.startswith("<")}
    character = key_to_character(REPLACED_KEYS.get(base, base))  # "question_mark", "slash", "minus" …
    return base in named or (character is not None and character.isprintable())


def _where(text: str, key: str, table: str | None = None) -> str:
    """"Zeile 4: " for the line that sets ``key`` (in ``[table]`` or as ``table.key``), else ""."""
    line = line_of(text, key, table)
    return S.SET_LINE.format(line=line) if line else ""


_HEADER = re.compile(r"^\s*\[\s*([^\]\s]+)\s*\]\s*(#.*)?$")


def line_of(text: str, key: str, table: str | None = None) -> int | None:
    """The line number (from 1) where ``key`` is set at the top level or in ``table``; None if not found."""
    name = rf"(?:{re.escape(key)}|\"{re.escape(key)}\"|'{re.escape(key)}')"
    plain = re.compile(rf"^\s*{name}\s*=")
    dotted = re.compile(rf"^\s*{re.escape(table)}\s*\.\s*{name}\s*=") if table else None
    section: str | None = None
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            section = header[1]
            continue
        if section == table and plain.match(line):
            return number
        if section is None and dotted is not None and dotted.match(line):
            return number
    return line_of(text, table) if table else None  # an inline table: the line of "keymap = {…}"


# -- binding ids -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class BindingInfo:
    """One key binding users may rebind: its id, default key(s) and what it does."""

    id: str
    key: str
    description: str


def binding_catalogue() -> dict[str, BindingInfo]:
    """Every binding with an id in asskomm, by id (imports every screen and dialog: ~0.2 s)."""
    import importlib
    import pkgutil

    from textual.binding import Binding
    from textual.dom import DOMNode

    import asskomm_tui

    for module in pkgutil.walk_packages(asskomm_tui.__path__, "asskomm_tui."):
        if not module.name.rpartition(".")[2].startswith(("cli", "__main__")):
            importlib.import_module(module.name)

    def subclasses(cls: type) -> Iterable[type]:
        for sub in cls.__subclasses__():
            yield sub
            yield from subclasses(sub)

    found: dict[str, BindingInfo] = {}
    for cls in sorted(set(subclasses(DOMNode)), key=lambda c: (c.__module__, c.__qualname__)):
        if not cls.__module__.startswith("asskomm_tui."):
            continue
        for binding in cls.__dict__.get("BINDINGS", ()):
            binding = binding if isinstance(binding, Binding) else Binding(*binding)
            if binding.id is None:
                continue
            old = found.get(binding.id)
            if old is None:
                found[binding.id] = BindingInfo(binding.id, binding.key, binding.description)
            elif binding.key not in old.key.split(","):  # the same id on several screens
                found[binding.id] = BindingInfo(binding.id, f"{old.key},{binding.key}",
                                                old.description or binding.description)
    return dict(sorted(found.items()))


def drop_unknown_bindings(loaded: LoadedSettings, binding_ids: Collection[str]) -> LoadedSettings:
    """``loaded`` without key map entries for ids no binding has, with a problem for each."""
    unknown = [b for b in loaded.settings.keymap if b not in binding_ids]
    if not unknown:
        return loaded
    problems = [S.SET_UNKNOWN_BINDING.format(where=_where(loaded.text, b, "keymap"), id=b) for b in unknown]
    keymap = {b: k for b, k in loaded.settings.keymap.items() if b in binding_ids}
    return LoadedSettings(loaded.path, loaded.exists, loaded.settings.model_copy(update={"keymap": keymap}),
                          loaded.problems + tuple(problems), loaded.text)


def keep_keymap_order() -> None:
    """Make Textual keep a rebound key where its binding stood (footer, Hilfe).

    Textual 8.2.8 (``BindingsMap.apply_keymap``) moves every rebound key behind all other keys of its
    screen; the footer shows keys in that order and leaves out what does not fit, so a key the user
    rebound dropped out of sight. The wrapper sorts the keys back into the order of their bindings.
    """
    from textual.binding import BindingsMap

    original = BindingsMap.apply_keymap
    if getattr(original, "_keeps_order", False):
        return

    def apply_keymap(self: BindingsMap, keymap: dict[str, str]) -> Any:
        position: dict[str, int] = {}
        for index, bindings in enumerate(self.key_to_bindings.values()):
            for binding in bindings:
                if binding.id is not None:
                    position.setdefault(binding.id, index)
        key_position = {key: index for index, key in enumerate(self.key_to_bindings)}
        result = original(self, keymap)

        def rank(item: tuple[str, list[Any]]) -> int:
            ranks = [position[b.id] for b in item[1] if b.id in position]
            return min(ranks) if ranks else key_position.get(item[0], len(key_position))

        self.key_to_bindings = dict(sorted(self.key_to_bindings.items(), key=rank))
        return result

    apply_keymap._keeps_order = True  # type: ignore[attr-defined]
    BindingsMap.apply_keymap = apply_keymap  # type: ignore[method-assign]


# -- writing one flat setting ------------------------------------------------------------------------
def toml_string(value: str) -> str:
    """``value`` as a TOML basic string (quotes, backslashes and control characters escaped)."""
    out = []
    for c in value:
        if c in '"\\':
            out.append("\\" + c)
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def save_setting(path: Path, key: str, value: str) -> None:
    """Set the top-level setting ``key`` (theme or export_folder) to the text ``value`` in the file.

    Only that line changes (or one is added above the first table); the result is read back and must
    hold exactly the old settings plus this one, else nothing is written. A file with errors is left
    as it is (``SettingsError``). The file is replaced atomically (``storage.durable``).
    """
    from storage.durable import atomic_write_bytes

    if key not in WRITABLE:
        raise ValueError(f"not a writable setting: {key}")
    path = Path(path)
    try:
        text = path.read_bytes().decode("utf-8-sig") if path.exists() else S.SET_FILE_HEADER
        old = tomllib.loads(text)
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        raise SettingsError(S.SET_NOT_SAVED_BROKEN.format(path=path)) from None
    new_line = f"{key} = {toml_string(value)}"
    lines = text.splitlines()
    target = line_of(text, key)
    if target is not None:
        lines[target - 1] = new_line
    else:
        at = next((i for i, line in enumerate(lines) if _HEADER.match(line)), len(lines))
        while at > 0 and lines[at - 1].lstrip().startswith("#"):  # a table's comment stays above it
            at -= 1
        lines.insert(at, new_line)
    new_text = "\n".join(lines) + "\n"
    try:
        written = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError:
        written = None
    if written != {**old, key: value}:  # a value over several lines, an odd layout: do not guess
        raise SettingsError(S.SET_NOT_SAVED_LAYOUT.format(path=path, key=key))
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, new_text.encode("utf-8"))

