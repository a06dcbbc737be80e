"""Bad input gets one clear sentence and a non-zero exit, never a traceback."""
from click.testing import CliRunner

from safeguarding_kg.cli import cli


def run(*args):
    return CliRunner().invoke(cli, list(map(str, args)))


def _commands(group=cli, prefix=()):
    """Every command and subcommand, as the words that name it."""
    for name, command in group.commands.items():
        yield prefix + (name,)
        if hasattr(command, "commands"):
            yield from _commands(command, prefix + (name,))


def test_help_lists_every_command_with_an_example_one_command_a_line():
    result = run("--help")
    assert result.exit_code == 0
    for words in _commands():
        sub = run(*words, "--help")
        assert sub.exit_code == 0, words
        assert "Example:" in sub.output, words
        example = sub.output.split("Example:", 1)[1].strip().split("\n\n", 1)[0].splitlines()
        # click rewraps a paragraph without \b, running the examples together
        assert example and all(line.count("skg ") <= 1 for line in example), (words, example)


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
