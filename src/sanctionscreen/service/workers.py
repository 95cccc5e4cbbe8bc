"""Several service processes on one port, each with its own listening socket.

uvicorn's ``--workers`` shares one listening socket among the processes, and whichever
wakes first accepts every connection waiting: 64 keep-alive clients connecting at once
can all land on one process while the other idles, halving throughput for as long as
they stay connected. Here each process binds the port itself with ``SO_REUSEPORT``,
and the kernel spreads new connections across the processes by their addresses. A
process binds only once its lists and index are built, so no connection waits on a
loading one.

The parent only starts, watches and stops the processes. It claims the port first (a
bound socket that takes no connections), so a second service on the same port is
refused rather than sharing it. It stops everything when a process fails before the
service has ever served (a list that does not load); later, it starts a process that
died again, retrying every few seconds if the lists no longer load while the others go
on serving. It passes SIGTERM and SIGINT on, and a process whose parent dies stops too.
Where ``SO_REUSEPORT`` does not exist (Windows) the service runs under uvicorn's own
supervisor instead.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
import signal
import socket
import sys
import threading
import time
from collections.abc import Iterator
from multiprocessing.connection import wait
from typing import Any

__all__ = ["BALANCED", "REPLACEMENT_ENV", "port_taken", "run_workers"]

BALANCED = hasattr(socket, "SO_REUSEPORT")
"""Whether each process can have a socket of its own on the shared port."""
REPLACEMENT_ENV = "SANCTIONSCREEN_SERVE_REPLACEMENT"
"""Set in a process started in place of one that died: it tells the others to reload,
so that all serve the list files as they are now."""

_STOP_WAIT = 30.0
"""Seconds a process gets to finish its requests in flight after SIGTERM."""
_RETRY_EVERY = 5.0
"""Seconds between attempts to start a process whose lists do not load."""
_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def port_taken(host: str, port: int) -> str | None:
    """Say why ``host:port`` cannot be listened on (also when another server shares it)."""
    try:
        _bind(host, port, shared=False).close()
    except OSError as exc:
        return f"cannot listen on {host}:{port}: {exc.strerror or exc}"
    return None


def run_workers(target: str, host: str, port: int, count: int, access_log: bool) -> int:
    """Serve from ``count`` processes, each building its app with ``target``; exit code.

    ``target`` is uvicorn's import string of a function returning the ASGI app
    (``module:function``); its options travel in the environment, which the processes
    inherit.
    """
    import uvicorn  # the server extra's; imported when a service starts

    if not BALANCED:
        uvicorn.run(
            target, factory=True, host=host, port=port, workers=count, access_log=access_log
        )
        return 0
    with _one_service(host, port) as taken:
        taken = taken or port_taken(host, port)
        if taken is not None:
            print(f"sanctionscreen serve: {taken}", file=sys.stderr)
            return 1
        with _bind(host, port, shared=True, listen=False):  # held: the port is this service's
            return _supervise(_Pool(target, host, port, access_log), count)


@contextlib.contextmanager
def _one_service(host: str, port: int) -> Iterator[str | None]:
    """Hold a name for ``host:port``, or yield why another process holds it.

    The name is a Linux abstract socket, which one process at a time can bind and which
    is released when the process ends. Two services started at once could both find
    the port free and then both claim it with SO_REUSEPORT; binding this name first is
    atomic.
    """
    if not sys.platform.startswith("linux"):
        yield None  # the port check and claim alone leave a moment for a race
        return
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as name:
        try:
            name.bind(f"\0sanctionscreen-serve-{host}:{port}")
        except OSError:
            yield f"cannot listen on {host}:{port}: another sanctionscreen serve has it"
            return
        yield None


class _Pool:
    """How to start one process of the service, and which have started serving."""

    def __init__(self, target: str, host: str, port: int, access_log: bool) -> None:
        self.context = multiprocessing.get_context("spawn")
        self.ready = self.context.Queue()
        self.options = (target, host, port, access_log)
        self.serving: set[int] = set()

    def start(self, *, replacement: bool = False) -> Any:
        process = self.context.Process(
            target=_worker, args=(*self.options, self.ready, os.getpid(), replacement)
        )
        process.start()
        return process

    def note_ready(self) -> None:
        with contextlib.suppress(queue.Empty):
            while True:
                self.serving.add(self.ready.get_nowait())


def _supervise(pool: _Pool, count: int) -> int:
    stopping: list[int] = []
    previous = {sig: signal.signal(sig, lambda s, _f: stopping.append(s)) for sig in _SIGNALS}
    processes = [pool.start() for _ in range(count)]
    started, retry_at = False, 0.0
    try:
        while not stopping:
            wait([p.sentinel for p in processes], timeout=0.5)
            pool.note_ready()
            if not started and all(p.pid in pool.serving for p in processes):
                started = True
                _say(f"{count} workers on http://{pool.options[1]}:{pool.options[2]} "
                     "(Ctrl+C to stop)")  # fmt: skip
            for number, process in enumerate(processes):
                if process.is_alive() or stopping or time.monotonic() < retry_at:
                    continue
                if process.pid not in pool.serving:  # it never served: its lists do not load
                    if not started:
                        _say("a worker failed to start; stopping")
                        return 1
                    _say(f"a worker failed to start; others serve; again in {_RETRY_EVERY:.0f} s")
                    retry_at = time.monotonic() + _RETRY_EVERY
                else:
                    _say(f"worker {process.pid} stopped; starting another")
                processes[number] = pool.start(replacement=True)
        return 0
    finally:
        _stop(processes)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _say(message: str) -> None:
    print(f"sanctionscreen serve: {message}", file=sys.stderr, flush=True)


def _stop(processes: list[Any]) -> None:
    for process in processes:
        if process.is_alive():
            process.terminate()  # uvicorn finishes the requests in flight, then exits
    for process in processes:
        process.join(_STOP_WAIT)
        if process.is_alive():
            process.kill()
            process.join()


def _worker(
    target: str,
    host: str,
    port: int,
    access_log: bool,
    ready: Any,
    parent: int,
    replacement: bool,
) -> None:
    """One process: build the service, then bind its own socket and serve until told to stop."""
    import uvicorn
    from uvicorn.importer import import_from_string

    threading.Thread(target=_stop_with, args=(parent,), daemon=True).start()
    if replacement:
        os.environ[REPLACEMENT_ENV] = "1"
    try:  # the lists and the index, before the socket takes any connection
        app = import_from_string(target)()
    except Exception as exc:  # said in one line; the parent decides what follows
        _say(f"worker {os.getpid()}: {exc}")
        sys.exit(3)
    listener = _bind(host, port, shared=True)
    ready.put(os.getpid())
    config = uvicorn.Config(app, host=host, port=port, access_log=access_log)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C reaches every process: not an error
        uvicorn.Server(config).run(sockets=[listener])


def _stop_with(parent: int) -> None:
    """Stop this process (gracefully) once its parent is gone, killed or not."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os.kill(os.getpid(), signal.SIGTERM)


def _bind(host: str, port: int, *, shared: bool, listen: bool = True) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if shared:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    listener.bind((host, port))
    if shared and listen:
        listener.listen(2048)
    return listener
