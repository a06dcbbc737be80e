"""Run a function in a forked child process, to overlap work that holds Python's lock.

The build writes graph.ttl and graph.trig (Oxigraph's parser and writers, driven
from Python, so each holds the interpreter's lock) while it fills the store. A
forked child starts with the parent's memory as it is: the four million lines the
Turtle writer sorts are not pickled across, as they would be to a pool's worker.

    wait = start(function, *args)   # function(*args) runs in a child from now
    ...                             # the parent's own work
    value = wait()                  # what it returned; its error, if any, raised as OSError

Only where forking is safe: on Linux, from a process running one Python thread
(a fork copies no other thread, and a lock another thread held stays held in the
child). Elsewhere start() runs the function at once, in this process, and wait()
returns its value or raises its OSError.
"""
from __future__ import annotations

import multiprocessing
import sys
import threading
from typing import Callable


def can_fork() -> bool:
    return sys.platform.startswith("linux") and threading.active_count() == 1


def start(function: Callable, *args) -> Callable[[], object]:
    """function(*args) in a forked child; returns wait(), which joins it and returns its value."""
    if not can_fork():
        try:
            value = function(*args)
        except OSError as exc:
            return _raise(exc)
        return lambda: value
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    # what this process buffered for stdout/stderr would otherwise be written again by the child
    sys.stdout.flush()
    sys.stderr.flush()
    # not a daemon: a writer may start writers of its own (daemons cannot have children)
    child = context.Process(target=_run, args=(send, function, args))
    child.start()
    send.close()

    def wait():
        try:
            error, value = receive.recv()
        except EOFError:  # the child died without a word (killed, out of memory)
            error, value = "the writing process stopped unexpectedly", None
        finally:
            child.join()
            receive.close()
        if error:
            raise OSError(error)
        return value

    return wait


def _raise(exc: OSError) -> Callable[[], object]:
    def wait():
        raise exc
    return wait


def _run(send, function: Callable, args: tuple):
    """In the child: the function, then (None, its value) or (its error as a sentence, None)."""
    try:
        value = function(*args)
    except OSError as exc:
        send.send((exc.strerror or str(exc), None))
    except BaseException as exc:  # noqa: BLE001 - every failure reaches the parent, which reports it
        send.send((f"{type(exc).__name__}: {exc}", None))
    else:
        send.send((None, value))
