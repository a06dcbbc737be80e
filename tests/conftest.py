"""Shared pytest options."""


def pytest_addoption(parser):
    # Golden files (record -> Turtle, text -> record) are rewritten from the
    # current output instead of compared: review the diff before committing.
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite the golden files from the current output")
