"""The command line: every subcommand answers --help, and settings layer in the documented order."""

from pathlib import Path

import pytest
from click.testing import CliRunner

from evkg.cli import main
from evkg.settings import SettingsError, load_settings, setting_fields

SUBCOMMANDS = sorted(main.commands)
README = Path(__file__).resolve().parent.parent / "README.md"


def test_spec_subcommands_exist():
    assert {"build", "serve", "push", "query", "validate", "export"} <= set(SUBCOMMANDS)


@pytest.mark.parametrize("args", [[]] + [[name] for name in SUBCOMMANDS])
def test_help(args):
    result = CliRunner().invoke(main, [*args, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage: evkg" in result.output


def test_unknown_subcommand_is_an_error():
    result = CliRunner().invoke(main, ["frobnicate"])
    assert result.exit_code != 0
    assert "No such command" in result.output


def test_push_needs_a_store_and_a_build(monkeypatch, tmp_path):
    monkeypatch.delenv("EVKG_STORE", raising=False)
    result = CliRunner().invoke(main, ["push", "--data", str(tmp_path)])
    assert result.exit_code == 2 and "--store URL" in result.output
    result = CliRunner().invoke(main, ["push", "--store", "http://127.0.0.1:9/sparql", "--data", str(tmp_path)])
    assert result.exit_code == 1 and "run `evkg build` first" in result.output


def test_the_store_password_is_masked_in_the_settings_shown():
    shown = load_settings(environ={"EVKG_STORE_PASSWORD": "s3cret", "EVKG_STORE_USER": "me"}).as_dict()
    assert shown["store_password"] == "********" and shown["store_user"] == "me"
    assert load_settings(environ={}).as_dict()["store_password"] == ""


def test_bad_environment_setting_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("EVKG_PORT", "not-a-port")
    result = CliRunner().invoke(main, ["serve"])
    assert result.exit_code != 0
    assert "port" in result.output and "not-a-port" in result.output


def test_settings_precedence(tmp_path):
    config = tmp_path / "evkg.toml"
    config.write_text('port = 7000\nworkers = 3\nquery_timeout = 4.5\n')
    settings = load_settings(config, environ={"EVKG_WORKERS": "5"}, query_timeout=None, max_rows=12)
    assert settings.port == 7000  # config file over default
    assert settings.workers == 5  # environment over config file
    assert settings.query_timeout == 4.5  # a flag left unset does not win
    assert settings.max_rows == 12  # a flag that is set wins


def test_unknown_setting_in_config_is_named(tmp_path):
    config = tmp_path / "evkg.toml"
    config.write_text("prot = 7000\n")
    with pytest.raises(SettingsError, match="prot"):
        load_settings(config, environ={})


def test_every_setting_and_subcommand_is_documented():
    readme = README.read_text(encoding="utf-8")
    missing = [f.name for f in setting_fields() if f"`{f.name}`" not in readme]
    missing += [f"evkg {name}" for name in SUBCOMMANDS if f"evkg {name}" not in readme]
    assert not missing, f"undocumented in README.md: {missing}"
