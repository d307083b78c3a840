"""Every test runs with its own settings file: nothing reads or writes the user's real config folder."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _own_settings_file(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    # inherited by the asskomm commands the CLI tests start, and read by an app started without
    # ``config_path`` (``ui_helpers.running`` passes one beside the store)
    monkeypatch.setenv("ASSKOMM_CONFIG", str(tmp_path_factory.mktemp("config") / "settings.toml"))


@pytest.fixture(autouse=True)
def _new_key_circle() -> None:
    # the stores of one test know each other's keys (sync_helpers.new_store), never another test's
    from sync_helpers import CIRCLE

    CIRCLE.clear()
