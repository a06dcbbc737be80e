"""The config file: where the store lives and the base, below options and the environment."""
from pathlib import Path

import pytest
from click.testing import CliRunner

from safeguarding_kg import config
from safeguarding_kg.cli import cli
from safeguarding_kg.errors import ReportError

REPORTS = Path(__file__).resolve().parent.parent / "reports"
ONE_REPORT = "003_f6169653f68880f1.txt"


@pytest.fixture
def clean_env(tmp_path, monkeypatch):
    """No settings from the machine: no env overrides, an empty home, run in tmp_path."""
    for name in ("SKG_STORE", "SKG_BASE", "SKG_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config-home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_without_a_config_file_the_defaults_hold(clean_env):
    assert config.config_path() is None
    assert config.default_base() == config.DEFAULT_BASE
    assert config.default_store_path() == clean_env / "data-home" / "safeguarding-kg" / "store"


def test_the_user_config_file_sets_store_and_base(clean_env):
    user = clean_env / "config-home" / "safeguarding-kg" / "config.toml"
    user.parent.mkdir(parents=True)
    user.write_text('store = "/srv/skg/store"\nbase = "https://data.example.gov.uk/sg"\n')
    assert config.default_store_path() == Path("/srv/skg/store")
    assert config.default_base() == "https://data.example.gov.uk/sg"


def test_a_local_skg_toml_wins_and_its_relative_store_is_beside_it(clean_env):
    user = clean_env / "config-home" / "safeguarding-kg" / "config.toml"
    user.parent.mkdir(parents=True)
    user.write_text('base = "https://user.example.org"\n')
    (clean_env / "skg.toml").write_text('store = "data/store"\n')
    assert config.default_store_path() == clean_env.resolve() / "data" / "store"
    assert config.default_base() == config.DEFAULT_BASE  # the local file has no base: not merged


def test_the_environment_beats_the_config_file(clean_env, monkeypatch):
    (clean_env / "skg.toml").write_text('store = "a"\nbase = "https://file.example.org"\n')
    monkeypatch.setenv("SKG_STORE", str(clean_env / "b"))
    monkeypatch.setenv("SKG_BASE", "https://env.example.org")
    assert config.default_store_path() == clean_env / "b"
    assert config.default_base() == "https://env.example.org"


@pytest.mark.parametrize("text, words", [
    ("store = [", "not a valid TOML config file"),
    ('stroe = "x"\n', "unknown setting stroe"),
    ("base = 3\n", "base should be a non-empty string"),
])
def test_a_bad_config_file_is_a_sentence(clean_env, text, words):
    (clean_env / "skg.toml").write_text(text)
    with pytest.raises(ReportError, match=words):
        config.settings()


def test_skg_config_must_name_a_file(clean_env, monkeypatch):
    monkeypatch.setenv("SKG_CONFIG", str(clean_env / "missing.toml"))
    with pytest.raises(ReportError, match="names no file"):
        config.config_path()


def test_commands_take_store_and_base_from_the_config_file(clean_env):
    (clean_env / "skg.toml").write_text('store = "kept/store"\nbase = "https://data.example.gov.uk/sg"\n')
    runner = CliRunner()
    result = runner.invoke(cli, ["load", str(REPORTS / ONE_REPORT)])
    assert result.exit_code == 0, result.output
    assert (clean_env / "kept" / "store").is_dir()
    result = runner.invoke(cli, ["query", "reports/loaded", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "https://data.example.gov.uk/sg/doc/" in result.output


def test_a_bad_config_file_stops_a_command_with_a_sentence(clean_env):
    (clean_env / "skg.toml").write_text("base = \n")
    result = CliRunner().invoke(cli, ["load", str(REPORTS / ONE_REPORT)])
    assert result.exit_code != 0
    assert "skg.toml: not a valid TOML config file" in result.output
    assert "Traceback" not in result.output
