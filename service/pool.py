"""The query processes of one server process: a fast lane, a slow lane, and fair admission.

pyoxigraph has no query timeout, so every query runs in a child process that can be killed. A query
takes an idle process of the fast lane (`size` of them). Once it has used `slow_after` seconds of
CPU (counted from QUICK_SECONDS after it was sent, when most answers are in) it moves to the slow
lane: its process gets the lowest CPU priority and stops counting against the fast lane, where a
replacement starts at once, before any query asks for it. So a runaway query
gives way to short ones by design, whoever sends it and from wherever. CPU time, not time waited, is
what counts: on a busy machine a short query waits longer but uses no more, and must not be demoted.
At most `slow_lane` queries run slow at once; the next ones are paused (SIGSTOP) until a slot frees,
so only the time limit stops a query. A client may have `per_client` queries in flight (429
beyond), and at most `max_waiting` queries wait for a process (503 beyond). A process is replaced by
a fresh one after `queries_per_process` queries, and once it has sat idle `idle_seconds` after answering,
so the memory queries grew it to is given back, under load and when the server falls quiet.
"""

from __future__ import annotations

import os
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter
from multiprocessing.connection import Connection
from pathlib import Path

from evkg.graph.layout import store_path
from evkg.service.exceptions import EngineError, QueryProcessDied, QueryTimeout, ServerBusy, TooManyQueries
from evkg.service.executor import Reply, Request

STARTUP_SECONDS = 60.0
LOWEST_PRIORITY = 19
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
POLL_SECONDS = 0.05  # how often a running query's CPU time is read
QUICK_SECONDS = 0.02  # a query still running after this has its CPU time counted from then on (slow_after)


class QueryProcess:
    """One child process serving one build's store, started as `python -m service.executor`.

    A plain subprocess rather than multiprocessing: no re-import of the caller's main module, no fork
    of a threaded server process. Its address space is capped at `memory_bytes`, so a query that
    would exhaust the machine's memory kills only its own process.
    """

    def __init__(self, build: Path, memory_bytes: int) -> None:
        self.build = build
        parent_end, child_end = socket.socketpair()
        # the same interpreter finds the same installed evkg (a wheel, or an editable install of the checkout)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "evkg.service.executor", str(child_end.fileno()), str(store_path(build))],
            pass_fds=[child_end.fileno()], stdin=subprocess.DEVNULL,
            preexec_fn=(lambda: _cap_memory(memory_bytes)) if memory_bytes else None,
        )
        child_end.close()
        self.connection = Connection(parent_end.detach())
        self.ready = False
        self.answered = 0  # queries answered so far
        self.idle_since = 0.0  # when it last became idle (time.monotonic)

    def wait_ready(self) -> None:
        """Block until the store is open (not counted in the query's time limit)."""
        if self.ready:
            return
        if not self.connection.poll(STARTUP_SECONDS):
            raise EngineError("the query process did not start")
        reply = self.receive()
        if reply.kind != "ready":
            raise EngineError(reply.message)
        self.ready = True

    def receive(self) -> Reply:
        try:
            return self.connection.recv()
        except (EOFError, OSError) as error:
            raise QueryProcessDied("the query process stopped while answering (out of memory, or a query too deep "
                                   "for the engine) and was replaced; simplify the query") from error

    def lower_priority(self) -> None:
        """Let every other process go first; a niceness once raised is never lowered, so it is retired after.

        Linux keeps a niceness per thread, and the query runs on a thread of its own (service.executor),
        so every thread of the process is lowered.
        """
        for task in Path(f"/proc/{self.process.pid}/task").glob("*"):
            try:
                os.setpriority(os.PRIO_PROCESS, int(task.name), LOWEST_PRIORITY)
            except OSError:  # the thread or the process is already gone: its answer is on its way
                pass

    def cpu_seconds(self) -> float:
        """User and system CPU time of the whole process so far (every thread), from /proc."""
        try:
            fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # already gone: its reply, or its end, is what the caller reads next
            return 0.0
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def pause(self) -> None:
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        self.connection.close()


def _cap_memory(limit: int) -> None:
    """In the child, before exec: allocations past the limit fail there instead of starving the machine."""
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


class QueryPool:
    """Runs requests on query processes of the current build; thread-safe, one per server process."""

    def __init__(self, size: int, slow_lane: int, slow_after: float, per_client: int, max_waiting: int,
                 memory_bytes: int, queries_per_process: int = 0, idle_seconds: float = 0.0) -> None:
        self.size, self.slow_lane, self.slow_after = size, slow_lane, slow_after
        self.per_client, self.max_waiting, self.memory_bytes = per_client, max_waiting, memory_bytes
        self.queries_per_process, self.idle_seconds = queries_per_process, idle_seconds
        self._idle: list[QueryProcess] = []
        self._busy: set[QueryProcess] = set()
        self._fast = 0  # processes of the fast lane, idle, busy or starting
        self._slow = 0  # queries running in the slow lane (not counting paused ones)
        self._waiting = 0
        self._clients: Counter[str] = Counter()
        self._closed = threading.Event()
        lock = threading.Lock()
        self._changed = threading.Condition(lock)  # the fast lane has room
        self._slow_lane_free = threading.Condition(lock)
        if idle_seconds:
            threading.Thread(target=self._retire_idle, daemon=True).start()

    @property
    def waiting(self) -> int:
        """Queries waiting for a process (the queue length)."""
        return self._waiting

    def run(self, build: Path, request: Request, timeout: float, client: str) -> Reply:
        """The reply to one request within `timeout` seconds of running; the errors above otherwise."""
        self._admit(client)
        try:
            process = self._acquire(build, deadline=time.monotonic() + timeout)
            return self._ask(process, request, timeout)
        finally:
            with self._changed:
                self._clients[client] -= 1
                if not self._clients[client]:
                    del self._clients[client]

    def warm(self, build: Path) -> None:
        """Start the fast lane's processes now, in the background: the first queries find them ready, and the
        server's memory at rest is already what it is under load."""
        with self._changed:
            places = self.size - self._fast
            self._fast += places
        for _ in range(places):
            threading.Thread(target=self._replace, args=(build,), daemon=True).start()

    def close(self) -> None:
        """Stop the idle processes (busy ones stop when their query ends); for tests and shutdown."""
        self._closed.set()
        with self._changed:
            for process in self._idle:
                process.stop()
            self._fast -= len(self._idle)
            self._idle.clear()

    def _admit(self, client: str) -> None:
        with self._changed:
            if self._clients[client] >= self.per_client:
                raise TooManyQueries(f"this client already has {self.per_client} queries running; wait for one "
                                     "to finish (max_queries_per_client)")
            self._clients[client] += 1

    def _acquire(self, build: Path, deadline: float) -> QueryProcess:
        """An idle process of this build, a new one when the fast lane has room, or the first to come free."""
        with self._changed:
            if self._waiting >= self.max_waiting and not self._idle and self._fast >= self.size:
                raise ServerBusy(f"{self.max_waiting} queries are already waiting for a query process; retry later")
            self._waiting += 1
            try:
                while True:
                    self._drop_stale(build)
                    if self._idle:
                        process = self._idle.pop()
                        break
                    if self._fast < self.size:
                        self._fast += 1
                        process = None
                        break
                    if not self._changed.wait(timeout=max(0.0, deadline - time.monotonic())):
                        raise ServerBusy("every query process stayed busy for the whole time limit; retry later")
            finally:
                self._waiting -= 1
        if process is None:
            process = self._start(build)
        with self._changed:
            self._busy.add(process)
        return process

    def _start(self, build: Path) -> QueryProcess:
        """A ready process for a place already counted in the fast lane (given back if it fails)."""
        try:
            process = QueryProcess(build, self.memory_bytes)
            process.wait_ready()
            return process
        except BaseException:
            self._leave_fast_lane()
            raise

    def _replace(self, build: Path) -> None:
        """Start a process for the place a query left in the fast lane and make it idle (in its own thread)."""
        try:
            process = self._start(build)
        except EngineError:  # the place was given back: the next query starts its own
            return
        with self._changed:
            if not self._closed.is_set():
                self._idle.append(process)
                self._changed.notify()
                return
        process.stop()

    def _ask(self, process: QueryProcess, request: Request, timeout: float) -> Reply:
        """Send, wait in the fast lane, move to the slow lane once it has used its CPU share, give back or stop."""
        deadline = time.monotonic() + timeout
        lane = "fast"
        try:
            process.connection.send(request)
            if not process.connection.poll(min(QUICK_SECONDS, timeout)):  # most answers are in by then, and need no
                started_cpu = process.cpu_seconds()  # read of /proc (a quarter of a millisecond a request)
                while not process.connection.poll(max(0.0, min(POLL_SECONDS, deadline - time.monotonic()))):
                    if time.monotonic() >= deadline:
                        raise QueryTimeout(f"the query ran longer than its time limit of {timeout:g} s and was stopped")
                    if lane == "fast" and process.cpu_seconds() - started_cpu >= self.slow_after:
                        self._leave_for_slow_lane(process)
                        lane = "paused"
                        self._enter_slow_lane(process, deadline, timeout)
                        lane = "slow"
            reply = process.receive()
        except BaseException:
            process.stop()
            self._leave(lane)
            raise
        finally:
            with self._changed:
                self._busy.discard(process)
        if lane == "fast":
            self._give_back(process)
        else:
            process.stop()
            self._leave(lane)
        return reply

    def _give_back(self, process: QueryProcess) -> None:
        """Make a fast process idle again, or, once it has answered `queries_per_process` queries, replace it: a
        process keeps the memory its largest answer needed (the soak's server grew 24-30 % over a minute)."""
        process.answered += 1
        if self.queries_per_process and process.answered >= self.queries_per_process:
            process.stop()
            threading.Thread(target=self._replace, args=(process.build,), daemon=True).start()
            return
        process.idle_since = time.monotonic()
        with self._changed:
            self._idle.append(process)
            self._changed.notify()

    def _retire_idle(self) -> None:
        """Replace the processes that answered and then stayed idle `idle_seconds`: the memory a query grew a process
        to stays with it (allocators keep what they took), and a fresh one answers about as fast (the store's pages
        are in the operating system's cache, not the process)."""
        while not self._closed.wait(self.idle_seconds / 4):
            now = time.monotonic()
            with self._changed:
                retired = [process for process in self._idle
                           if process.answered and now - process.idle_since >= self.idle_seconds]
                for process in retired:
                    self._idle.remove(process)
            for process in retired:
                process.stop()
                self._replace(process.build)

    def _leave_for_slow_lane(self, process: QueryProcess) -> None:
        """Lower the process's priority and start its replacement in the fast lane, which keeps its place."""
        process.lower_priority()
        threading.Thread(target=self._replace, args=(process.build,), daemon=True).start()

    def _enter_slow_lane(self, process: QueryProcess, deadline: float, timeout: float) -> None:
        """Take a slot of the slow lane, paused until one is free; the time limit runs on meanwhile."""
        with self._changed:
            if self._slow < self.slow_lane:
                self._slow += 1
                return
            process.pause()
            while self._slow >= self.slow_lane:
                if not self._slow_lane_free.wait(timeout=max(0.0, deadline - time.monotonic())):
                    raise QueryTimeout(f"the query ran longer than its time limit of {timeout:g} s (paused while "
                                       f"{self.slow_lane} other long queries ran) and was stopped")
            self._slow += 1
        process.resume()

    def _leave(self, lane: str) -> None:
        """Give back what the query held: a slot of the slow lane, or (still fast) its place in the fast lane."""
        if lane == "slow":
            with self._changed:
                self._slow -= 1
                self._slow_lane_free.notify()
        elif lane == "fast":
            self._leave_fast_lane()

    def _leave_fast_lane(self) -> None:
        with self._changed:
            self._fast -= 1
            self._changed.notify()

    def _drop_stale(self, build: Path) -> None:
        """Stop idle processes of an earlier build (called with the lock held)."""
        stale = [process for process in self._idle if process.build != build]
        for process in stale:
            self._idle.remove(process)
            process.stop()
        self._fast -= len(stale)
