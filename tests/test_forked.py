"""forked.start: work done in a forked child, its errors raised in the parent."""
import os
import threading

import pytest

from safeguarding_kg import forked


def write(path, text):
    path.write_text(f"{text} from {os.getpid()}")


def fail(path):
    open(path / "no-such-directory" / "file", "w")


def test_the_function_runs_in_a_child_with_the_parents_memory(tmp_path):
    lines = {f"line {i}" for i in range(1000)}  # not pickled: the child has it already
    wait = forked.start(write, tmp_path / "out", len(lines))
    wait()
    text = (tmp_path / "out").read_text()
    assert text.startswith("1000 from ")
    if forked.can_fork():
        assert text != f"1000 from {os.getpid()}"


def test_an_error_in_the_child_is_an_oserror_in_the_parent(tmp_path):
    wait = forked.start(fail, tmp_path)
    if not forked.can_fork():
        pytest.skip("no fork here: start() ran the function and raised at once")
    with pytest.raises(OSError, match="No such file or directory"):
        wait()


def test_a_child_that_dies_is_reported(tmp_path):
    if not forked.can_fork():
        pytest.skip("no fork here")
    wait = forked.start(os._exit, 3)
    with pytest.raises(OSError, match="stopped unexpectedly"):
        wait()


def test_with_another_thread_running_it_runs_here(tmp_path):
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not forked.can_fork()
        forked.start(write, tmp_path / "out", "here")()
        assert (tmp_path / "out").read_text() == f"here from {os.getpid()}"
    finally:
        stop.set()
        thread.join()
