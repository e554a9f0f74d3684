"""The query workers' starter: one process that has already imported what a worker needs and forks
a worker when the pool asks, so a replacement is ready in tens of milliseconds.

    python -m kg.store.zygote      (started by kg.store.pool.QueryPool, never by hand)

A worker started as a fresh interpreter spends 0.2 s of CPU importing pyoxigraph, rdflib and kg
before it opens the store, and 0.5-1.5 s of wall time when the cores are busy, which is when
workers are replaced (a query was just stopped at its deadline). A fork of this process only opens
the store. The process stays single-threaded and never opens a store, so forking it is safe.

The channel is a Unix socket on stdin; each message is one length-prefixed pickle:

    ("fork", store_dir, nice) + two file descriptors   -> ("forked", pid) + a pidfd of the child,
                                                          or ("error", why) when it cannot fork
        the child reads its requests from the first and writes its answers to the second
        (kg.store.worker.serve), at priority `nice` from its first instruction
    ("kill", pid)                                      -> ("killed", pid)
        only where the system has no pidfds: SIGKILL and reap, signalling only a child not yet
        reaped, so a pid is never reused under the pool's feet

The pool kills a worker through its pidfd (opened here before the child can have been reaped,
so it names that process and no other) and waits on it for the end, without a round trip here:
a worker at nice 19 can take a while to die on busy cores, and forks must not wait behind it.
Children that have ended are reaped here.

When the pool goes away (the socket closes) every child is killed, so a query never outlives the
server that started it.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import select
import signal
import socket
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

from kg.errors import StoreError
from kg.store.worker import _HEADER
from kg.store.worker import serve as serve_queries

LOWEST_PRIORITY = 19
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_MAX_FDS = 2


def send(sock: socket.socket, message: Any, fds: tuple[int, ...] = ()) -> None:
    """Send one length-prefixed pickle, with `fds` attached to its first byte."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    data = _HEADER.pack(len(data)) + data
    sent = socket.send_fds(sock, [data], list(fds)) if fds else sock.send(data)
    if sent < len(data):
        sock.sendall(data[sent:])


def receive(sock: socket.socket) -> tuple[Any, list[int]]:
    """One message and the file descriptors that came with it; EOFError when the other side has gone."""
    head, fds, _, _ = socket.recv_fds(sock, _HEADER.size, _MAX_FDS)
    while 0 < len(head) < _HEADER.size:
        more = sock.recv(_HEADER.size - len(head))
        if not more:
            break
        head += more
    if len(head) < _HEADER.size:
        for fd in fds:
            os.close(fd)
        raise EOFError("channel closed")
    (n,) = _HEADER.unpack(head)
    data = b""
    while len(data) < n:
        more = sock.recv(n - len(data))
        if not more:
            raise EOFError("channel closed mid-message")
        data += more
    return pickle.loads(data), fds


def _child(path: str, nice: int, fds: list[int], ctl: socket.socket) -> None:
    # in the forked child: never return into the zygote's loop, whatever happens
    code = 1
    try:
        ctl.close()
        if nice:
            os.nice(nice)
        with os.fdopen(fds[0], "rb") as inp, os.fdopen(fds[1], "wb") as out:
            code = serve_queries(path, inp, out)
    except BaseException:  # noqa: BLE001 - reported on stderr, then the child ends
        import traceback

        traceback.print_exc()
    finally:
        os._exit(code)


def _reap(children: set[int]) -> None:
    while children:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            children.clear()
            return
        if not pid:
            return
        children.discard(pid)


def main() -> int:
    """Fork workers on request until the pool closes the channel, then kill them."""
    ctl = socket.socket(fileno=os.dup(0))
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)  # children inherit a harmless stdin
    os.close(devnull)
    os.dup2(2, 1)  # a stray print goes to stderr
    # what a worker imports, once, before any fork
    import kg.store.oxigraph  # noqa: F401
    import kg.store.protocol  # noqa: F401

    children: set[int] = set()
    send(ctl, ("ready", os.getpid()))
    try:
        while True:
            _reap(children)
            if not select.select([ctl], [], [], 1.0)[0]:
                continue
            try:
                message, fds = receive(ctl)
            except (EOFError, OSError):
                return 0
            if message[0] == "fork":
                _, path, nice = message
                try:
                    pid = os.fork()
                except OSError as exc:  # out of processes or memory: say so, keep the others
                    pid = -1
                    send(ctl, ("error", f"cannot fork a query worker: {exc}"))
                if pid == 0:
                    _child(path, nice, fds, ctl)
                for fd in fds:
                    os.close(fd)
                if pid < 0:
                    continue
                children.add(pid)
                pidfd = None
                with contextlib.suppress(OSError, AttributeError):  # no pidfds: the pool kills through here
                    pidfd = os.pidfd_open(pid)
                send(ctl, ("forked", pid), () if pidfd is None else (pidfd,))
                if pidfd is not None:
                    os.close(pidfd)
            elif message[0] == "kill":
                pid = message[1]
                if pid in children:
                    with contextlib.suppress(OSError):
                        os.kill(pid, signal.SIGKILL)
                    with contextlib.suppress(ChildProcessError):
                        os.waitpid(pid, 0)
                    children.discard(pid)
                send(ctl, ("killed", pid))
    finally:
        for pid in children:
            with contextlib.suppress(OSError):
                os.kill(pid, signal.SIGKILL)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


class Zygote:
    """The pool's side: starts `python -m kg.store.zygote` and asks it for workers (thread-safe)."""

    def __init__(self) -> None:
        import kg

        env = dict(os.environ)
        # the zygote must import this very kg, wherever the parent found it
        root = str(Path(kg.__file__).resolve().parents[1])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "kg.store.zygote"], stdin=theirs, stdout=subprocess.DEVNULL, env=env
            )
        finally:
            theirs.close()
        self._sock = ours
        self._lock = threading.Lock()
        self._ready = False

    def _call(self, message: tuple, fds: tuple[int, ...] = ()) -> tuple[tuple, list[int]]:
        with self._lock:
            try:
                if not self._ready:  # its imports take a moment: the first call waits for them
                    receive(self._sock)
                    self._ready = True
                send(self._sock, message, fds)
                return receive(self._sock)
            except (EOFError, OSError) as exc:
                raise StoreError(f"The query workers' starter exited ({exc})") from exc

    def fork(self, path: str, nice: int, fds: tuple[int, int]) -> tuple[int, int | None]:
        """A new worker on the store at `path`, reading from fds[0] and answering on fds[1]: its pid
        and a pidfd for it (None where the system has none)."""
        reply, pidfd = self._call(("fork", path, nice), fds)
        if reply[0] != "forked":
            raise StoreError(f"The query workers' starter {reply[1]}")
        return reply[1], (pidfd[0] if pidfd else None)

    def kill(self, pid: int) -> None:
        """Kill a worker and wait for it to end (where there are no pidfds)."""
        self._call(("kill", pid))

    def close(self) -> None:
        """End the zygote, which kills the workers still alive."""
        with contextlib.suppress(OSError):
            self._sock.shutdown(socket.SHUT_RDWR)
        self._sock.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


class Worker:
    """The pool's handle on one worker: its pid and its two pipes."""

    def __init__(self, *, lowered: bool = False) -> None:
        self.pid = 0
        self.lowered = lowered  # at the lowest priority, from birth or since its query ran long
        self.queries = 0
        self.cpu = 0.0  # its CPU seconds when it last answered (the last item of every answer)
        self.stdin: Any = None
        self.stdout: Any = None
        self._zygote: Zygote | None = None
        self._pidfd: int | None = None
        self._killing = threading.Lock()

    def start(self, zygote: Zygote, path: str) -> None:
        """Have `zygote` fork this worker (at the lowest priority if it is born lowered)."""
        to_child, from_parent = os.pipe()
        from_child, to_parent = os.pipe()
        try:
            self.pid, self._pidfd = zygote.fork(
                path, LOWEST_PRIORITY if self.lowered else 0, (to_child, to_parent)
            )
        except BaseException:
            os.close(from_parent)
            os.close(from_child)
            raise
        finally:
            os.close(to_child)
            os.close(to_parent)
        self._zygote = zygote
        self.stdin = os.fdopen(from_parent, "wb")
        self.stdout = os.fdopen(from_child, "rb")

    def send(self, message: dict) -> None:
        data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
        self.stdin.write(_HEADER.pack(len(data)) + data)
        self.stdin.flush()

    def wait(self, seconds: float | None) -> bool:
        """True once an answer is waiting to be read (or the worker died), False after `seconds`."""
        if seconds is not None and seconds <= 0:
            seconds = 0
        ready, _, _ = select.select([self.stdout], [], [], seconds)
        return bool(ready)

    def receive(self) -> Any:
        head = self.stdout.read(_HEADER.size)
        if len(head) < _HEADER.size:
            raise EOFError("the query worker exited")
        (n,) = _HEADER.unpack(head)
        data = self.stdout.read(n)
        if len(data) < n:
            raise EOFError("the query worker exited mid-answer")
        message = pickle.loads(data)
        self.cpu = message[-1]
        return message

    def cpu_since_answer(self) -> float | None:
        """CPU seconds it has used since its last answer (None where /proc cannot tell)."""
        try:
            with open(f"/proc/{self.pid}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
        except (OSError, IndexError):
            return None
        return (int(fields[11]) + int(fields[12])) / _TICKS - self.cpu

    def kill(self) -> None:
        """SIGKILL, and wait (up to 10 s) for the process to end; a second call does nothing."""
        with self._killing:
            pidfd, self._pidfd = self._pidfd, None
            zygote, self._zygote = self._zygote, None
        if pidfd is not None:
            with contextlib.suppress(OSError):
                signal.pidfd_send_signal(pidfd, signal.SIGKILL)
                select.select([pidfd], [], [], 10)  # readable once the process has ended
            os.close(pidfd)
        elif zygote is not None and self.pid:
            with contextlib.suppress(StoreError):  # a zygote that has gone took its children with it
                zygote.kill(self.pid)
        for pipe in (self.stdin, self.stdout):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()


if __name__ == "__main__":
    sys.exit(main())
