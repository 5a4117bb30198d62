"""A pool of query processes that can be killed: how a time limit really stops a query.

pyoxigraph has no cancellation, and a query blocked in one step (a big cartesian product under
COUNT, an ORDER BY) cannot be interrupted from inside; a thread running it could only be
abandoned while it kept a core busy. Each query therefore runs in a separate process holding its
own read-only snapshot (``Snapshot``): when the limit passes, the process is killed, the client
gets a 503 with a message, and a fresh process takes its place. Other requests go to the other
processes, so one slow query never stops the server answering.

Processes are started with ``spawn`` (forking a process that runs an event loop and threads is
unsafe) and talk over a pipe: the parent sends ``(function, args)``, the child answers
``("ok", value)``, ``("http", (status, message, headers))`` or ``("error", text)``. A process
whose answer was not read (timeout, cancelled request) is always replaced, never reused, so a
late answer can never reach the next caller.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing as mp
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from multiprocessing.sharedctypes import Synchronized
from pathlib import Path
from typing import Any

from allegiance.serve.errors import HttpError
from allegiance.serve.snapshot import Snapshot

START_TIMEOUT_S = 120.0


def _worker_main(conn: Connection, path: str, refresh_s: float,
                 generation: Synchronized) -> None:
    snapshot = Snapshot(Path(path), refresh_s, generation)
    try:
        snapshot.store()
    except Exception as error:
        conn.send(("failed", str(error)))
        return
    conn.send(("ready", None))
    while True:
        try:
            message = conn.recv()
        except (EOFError, OSError):
            break
        if message is None:
            break
        function, args = message
        try:
            conn.send(("ok", function(snapshot, *args)))
        except HttpError as error:
            conn.send(("http", (error.status, error.message, error.headers)))
        except Exception as error:
            detail = "".join(traceback.format_exception_only(type(error), error)).strip()
            conn.send(("error", detail))
    snapshot.close()


@dataclass
class _Worker:
    process: BaseProcess
    conn: Connection


class QueryPool:
    """``await pool.call(function, *args, timeout_s=...)`` runs ``function(snapshot, *args)``."""

    def __init__(self, store: Path, size: int, refresh_s: float) -> None:
        self._context = mp.get_context("spawn")
        self.store = store
        self.size = size
        self.refresh_s = refresh_s
        self._generation: Synchronized = self._context.Value("q", 0)
        self._idle: asyncio.Queue[_Worker] = asyncio.Queue()
        self._starting: set[asyncio.Task[None]] = set()
        self._closed = False

    def _start_worker(self) -> _Worker:
        parent, child = self._context.Pipe(duplex=True)
        process = self._context.Process(
            target=_worker_main, name="allegiance-query",
            args=(child, str(self.store), self.refresh_s, self._generation), daemon=True)
        process.start()
        child.close()
        if not parent.poll(START_TIMEOUT_S):
            process.kill()
            raise RuntimeError(f"a query process did not start within {START_TIMEOUT_S:g} s")
        kind, detail = parent.recv()
        if kind != "ready":
            process.join()
            raise RuntimeError(str(detail))
        return _Worker(process, parent)

    async def start(self) -> None:
        workers = await asyncio.gather(
            *(asyncio.to_thread(self._start_worker) for _ in range(self.size)))
        for worker in workers:
            self._idle.put_nowait(worker)

    def bump(self) -> None:
        """The server wrote to the store: every process reopens before its next task."""
        with self._generation.get_lock():
            self._generation.value += 1

    async def _respawn(self) -> None:
        worker = await asyncio.to_thread(self._start_worker)
        if self._closed:
            self._stop(worker)
        else:
            self._idle.put_nowait(worker)

    def _replace(self, worker: _Worker) -> None:
        self._stop(worker)
        if not self._closed:
            task = asyncio.get_running_loop().create_task(self._respawn())
            self._starting.add(task)
            task.add_done_callback(self._starting.discard)

    @staticmethod
    def _stop(worker: _Worker) -> None:
        if worker.process.is_alive():
            worker.process.kill()
        worker.process.join(5)
        worker.conn.close()

    async def call(self, function: Callable[..., Any], *args: Any, timeout_s: float) -> Any:
        try:
            worker = await asyncio.wait_for(self._idle.get(), timeout=timeout_s)
        except TimeoutError:
            raise HttpError(503, f"server busy: all {self.size} query processes stayed busy "
                                 f"for {timeout_s:g} s; try again later") from None
        answered = False
        try:
            worker.conn.send((function, args))
            ready = await asyncio.to_thread(worker.conn.poll, timeout_s)
            if not ready:
                raise HttpError(503, f"query stopped: it ran longer than the time limit of "
                                     f"{timeout_s:g} s")
            kind, value = await asyncio.to_thread(worker.conn.recv)
            answered = True
        except (EOFError, OSError) as error:
            raise HttpError(500, f"the query process failed ({error or 'it exited'}); "
                                 "the query may have exhausted its memory") from None
        finally:
            if answered:
                self._idle.put_nowait(worker)
            else:
                self._replace(worker)
        if kind == "http":
            status, message, headers = value
            raise HttpError(status, message, headers)
        if kind == "error":
            raise HttpError(500, f"query failed: {value}")
        return value

    async def close(self) -> None:
        self._closed = True
        for task in list(self._starting):
            await task
        while not self._idle.empty():
            worker = self._idle.get_nowait()
            with contextlib.suppress(OSError):
                worker.conn.send(None)
            self._stop(worker)
