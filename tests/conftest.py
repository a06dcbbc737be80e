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


@pytest.fixture(scope="session")
def store_of(tmp_path_factory):
    """fill(name, files): the path of a new store filled with these files of reports/ by
    SkgStore.load_report, one by one, as `skg load` does."""
    from pathlib import Path

    from safeguarding_kg.store import open_store

    reports = Path(__file__).parents[1] / "reports"

    def fill(name: str, files) -> Path:
        path = tmp_path_factory.mktemp(name) / "store"
        with open_store(path) as store:
            for file in files:
                store.load_report(reports / file)
        return path

    return fill
