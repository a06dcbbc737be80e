"""The README documents every command, as sqlite-utils' docs test does."""
from pathlib import Path

import pytest

from safeguarding_kg.cli import cli

README = (Path(__file__).parents[1] / "README.md").read_text()


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_has_a_readme_section(command):
    assert f"### skg {command}" in README


def test_the_two_commands_are_in_the_readme():
    assert "make demo" in README and "make test" in README
