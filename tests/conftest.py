"""Shared pytest options, and a test run that leaves the user's own data alone."""
import os

import pytest


def pytest_addoption(parser):
    # Golden files (record -> Turtle, text -> record) are rewritten from the
    # current output instead of compared: review the diff before committing.
    parser.addoption("--update-goldens", action="store_true", default=False,
                     help="rewrite the golden files from the current output")


@pytest.fixture(scope="session", autouse=True)
def private_text_shelf(tmp_path_factory):
    """Builds keep each report's text on a shelf in the user's data directory by default;
    the suite keeps its own (in os.environ, so worker processes and servers see it too)."""
    before = os.environ.get("SKG_TEXTS")
    os.environ["SKG_TEXTS"] = str(tmp_path_factory.mktemp("texts"))
    yield
    if before is None:
        os.environ.pop("SKG_TEXTS", None)
    else:
        os.environ["SKG_TEXTS"] = before
