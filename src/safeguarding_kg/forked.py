"""Run a function in a forked child process, to overlap work that holds Python's lock.

The build writes graph.ttl and graph.trig (Oxigraph's parser and writers, driven
from Python, so each holds the interpreter's lock) while it fills the store. A
forked child starts with the parent's memory as it is: the four million lines the
Turtle writer sorts are not pickled across, as they would be to a pool's worker.

    wait = start(function, *args)   # function(*args) runs in a child from now
    ...                             # the parent's own work
    wait()                          # the child's error, if any, raised as OSError

Only where forking is safe: on Linux, from a process running one Python thread
(a fork copies no other thread, and a lock another thread held stays held in the
child). Elsewhere start() runs the function at once, in this process.
"""
from __future__ import annotations

import multiprocessing
import sys
import threading
from typing import Callable


def can_fork() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1


def start(function: Callable, *args) -> Callable[[], None]:
    """function(*args) in a forked child; returns wait(), which joins it and raises its error."""
    if not can_fork():
        function(*args)
        return lambda: None
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    # what this process buffered for stdout/stderr would otherwise be written again by the child
    sys.stdout.flush()
    sys.stderr.flush()
    child = context.Process(target=_run, args=(send, function, args), daemon=True)
    child.start()
    send.close()

    def wait():
        try:
            error = receive.recv()
        except EOFError:  # the child died without a word (killed, out of memory)
            error = "the writing process stopped unexpectedly"
        finally:
            child.join()
            receive.close()
        if error:
            raise OSError(error)

    return wait


def _run(send, function: Callable, args: tuple):
    """In the child: the function, then None or its error as one sentence for the parent."""
    try:
        function(*args)
        send.send(None)
    except BaseException as exc:  # noqa: BLE001 - every failure reaches the parent, which reports it
        send.send(getattr(exc, "strerror", None) or str(exc) or type(exc).__name__)
