"""Several service processes on one port, each with its own listening socket.

uvicorn's ``--workers`` shares one listening socket among the processes, and whichever
wakes first accepts every connection waiting: 64 keep-alive clients connecting at once
can all land on one process while the other idles, halving throughput for as long as
they stay connected. Here each process binds the port itself with ``SO_REUSEPORT``,
and the kernel spreads new connections across the processes by their addresses. A
process binds only once its lists and index are built, so no connection waits on a
loading one.

The parent only starts, watches and stops the processes: it checks the port is free
first, stops everything when a process fails before serving (a list that does not
load), starts a process again when one dies later, and passes SIGTERM and SIGINT on.
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
from multiprocessing.connection import wait
from typing import Any

__all__ = ["BALANCED", "run_workers"]

BALANCED = hasattr(socket, "SO_REUSEPORT")
"""Whether each process can have a socket of its own on the shared port."""

_STOP_WAIT = 30.0
"""Seconds a process gets to finish its requests in flight after SIGTERM."""


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
    try:
        _bind(host, port, shared=False).close()  # taken, also by a server sharing it
    except OSError as exc:
        print(f"sanctionscreen serve: cannot listen on {host}:{port}: {exc}", file=sys.stderr)
        return 1
    context = multiprocessing.get_context("spawn")
    ready = context.Queue()
    stopping: list[int] = []
    previous = {sig: signal.signal(sig, lambda s, _f: stopping.append(s)) for sig in _SIGNALS}
    processes = [_start(context, target, host, port, access_log, ready) for _ in range(count)]
    serving: set[int] = set()
    try:
        while not stopping:
            wait([p.sentinel for p in processes], timeout=0.5)
            with contextlib.suppress(queue.Empty):
                while True:
                    serving.add(ready.get_nowait())
                    if len(serving) == count:
                        print(f"sanctionscreen serve: {count} workers on http://{host}:{port} "
                              "(Ctrl+C to stop)", file=sys.stderr)  # fmt: skip
            for number, process in enumerate(processes):
                if process.is_alive() or stopping:
                    continue
                if process.pid not in serving:  # it never served: its lists do not load
                    print("sanctionscreen serve: a worker failed to start", file=sys.stderr)
                    return 1
                print(f"sanctionscreen serve: worker {process.pid} died; starting another",
                      file=sys.stderr)  # fmt: skip
                processes[number] = _start(context, target, host, port, access_log, ready)
        return 0
    finally:
        _stop(processes)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _start(context: Any, target: str, host: str, port: int, access_log: bool, ready: Any) -> Any:
    process = context.Process(target=_worker, args=(target, host, port, access_log, ready))
    process.start()
    return process


def _stop(processes: list[Any]) -> None:
    for process in processes:
        if process.is_alive():
            process.terminate()  # uvicorn finishes the requests in flight, then exits
    for process in processes:
        process.join(_STOP_WAIT)
        if process.is_alive():
            process.kill()
            process.join()


def _worker(target: str, host: str, port: int, access_log: bool, ready: Any) -> None:
    """One process: build the service, then bind its own socket and serve until told to stop."""
    import uvicorn

    config = uvicorn.Config(target, factory=True, host=host, port=port, access_log=access_log)
    config.load()  # the lists and the index, before the socket takes any connection
    listener = _bind(host, port, shared=True)
    ready.put(os.getpid())
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl+C reaches every process: not an error
        uvicorn.Server(config).run(sockets=[listener])


def _bind(host: str, port: int, *, shared: bool) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if shared:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    listener.bind((host, port))
    if shared:
        listener.listen(2048)
    return listener
