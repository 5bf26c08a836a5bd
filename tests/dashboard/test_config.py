"""Server settings read from the environment."""

from __future__ import annotations

import pytest

from dashboard.config import ServerConfig


class TestServerConfigFromEnv:
    def test_defaults(self):
        assert ServerConfig.from_env({}) == ServerConfig("127.0.0.1", 8050, False)

    def test_empty_values_mean_defaults(self):
        assert ServerConfig.from_env({"HOST": "", "PORT": " ", "DEBUG": ""}) == ServerConfig()

    def test_reads_every_variable(self):
        env = {"HOST": "0.0.0.0", "PORT": "9000", "DEBUG": "1"}
        assert ServerConfig.from_env(env) == ServerConfig("0.0.0.0", 9000, True)

    def test_reads_os_environ_by_default(self, monkeypatch):
        monkeypatch.setenv("PORT", "9001")
        assert ServerConfig.from_env().port == 9001

    @pytest.mark.parametrize(
        ("raw", "expected"),
        [("true", True), ("Yes", True), ("ON", True), ("0", False), ("false", False)],
    )
    def test_debug_words(self, raw, expected):
        assert ServerConfig.from_env({"DEBUG": raw}).debug is expected

    @pytest.mark.parametrize("raw", ["http", "0", "65536", "80.5"])
    def test_rejects_invalid_port(self, raw):
        with pytest.raises(ValueError, match="PORT"):
            ServerConfig.from_env({"PORT": raw})

    def test_rejects_unknown_debug_word(self):
        with pytest.raises(ValueError, match="DEBUG"):
            ServerConfig.from_env({"DEBUG": "maybe"})
