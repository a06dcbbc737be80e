"""Bad input gets one clear sentence and a non-zero exit, never a traceback."""
from click.testing import CliRunner

from safeguarding_kg.cli import cli


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def test_help_lists_every_command_with_an_example():
    result = run("--help")
    assert result.exit_code == 0
    for command in cli.commands:
        sub = run(command, "--help")
        assert sub.exit_code == 0, command
        assert "Example:" in sub.output, command


def test_empty_file_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = run("extract", empty)
    assert result.exit_code == 1
    assert "no text" in result.output
    assert "Traceback" not in result.output


def test_binary_file_is_a_clear_error(tmp_path):
    blob = tmp_path / "blob.txt"
    blob.write_bytes(bytes(range(256)) * 4)
    result = run("extract", blob)
    assert result.exit_code == 1
    assert "binary" in result.output


def test_pdf_that_is_not_a_pdf_is_a_clear_error(tmp_path):
    fake = tmp_path / "fake.pdf"
    fake.write_text("this is not a PDF")
    result = run("extract", fake)
    assert result.exit_code == 1
    assert "not a readable PDF" in result.output


def test_unknown_genre_is_a_clear_error(tmp_path):
    recipe = tmp_path / "recipe.txt"
    recipe.write_text("Victoria sponge\n\nCream the butter and sugar, then fold in the flour.\n")
    result = run("extract", recipe)
    assert result.exit_code == 1
    assert "not a report genre" in result.output


def test_unsupported_suffix_is_a_clear_error(tmp_path):
    sheet = tmp_path / "report.xlsx"
    sheet.write_bytes(b"PK\x03\x04")
    result = run("extract", sheet)
    assert result.exit_code == 1
    assert "unsupported file type" in result.output
