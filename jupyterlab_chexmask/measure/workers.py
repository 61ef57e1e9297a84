"""Worker processes measuring chunks of a file, for :func:`.api.measure`.

Each worker is ``python -c`` running :func:`worker_main`: it reads tasks
(pickled ``(header, piece, dataset)``, length-prefixed) from stdin and writes
each result (a pickled DataFrame, or the exception raised) to stdout, in
order. Plain subprocesses, not :mod:`multiprocessing`, so the user's script
is never imported again by a child (no ``if __name__ == "__main__"`` needed,
in notebooks or scripts). A thread per worker drains its results, so a
worker never blocks on a full pipe while this process writes it a task.
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import struct
import subprocess
import sys
import threading
from typing import IO, Any

_SIZE = struct.Struct("<Q")
_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
_BOOT = (
    "import sys\n"
    "sys.path.insert(0, sys.argv[1])\n"
    "from jupyterlab_chexmask.measure.workers import worker_main\n"
    "worker_main()\n"
)


def _write(stream: IO[bytes], value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_SIZE.pack(len(data)))
    stream.write(data)
    stream.flush()


def _read(stream: IO[bytes]) -> Any:
    head = stream.read(_SIZE.size)
    if len(head) < _SIZE.size:
        raise EOFError
    (size,) = _SIZE.unpack(head)
    return pickle.loads(stream.read(size))


def worker_main() -> None:
    """Measure the tasks of stdin until it closes (in a worker process)."""
    from .api import measure_chunk

    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            header, piece, dataset = _read(source)
        except EOFError:
            return
        try:
            result: object = measure_chunk(header, piece, dataset)
        except Exception as error:  # handed to the parent
            result = error
        _write(sink, result)


class Worker:
    """One worker process and the thread draining its results."""

    def __init__(self) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", _BOOT, _ROOT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._results: queue.Queue[object] = queue.Queue()
        self._thread = threading.Thread(target=self._drain, name="chexmask-measure", daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        assert self._process.stdout is not None
        while True:
            try:
                self._results.put(_read(self._process.stdout))
            except (EOFError, OSError, pickle.UnpicklingError) as error:
                self._results.put(EOFError(f"a measure worker process stopped ({error!r})"))
                return

    def submit(self, task: tuple[bytes, object, str]) -> None:
        assert self._process.stdin is not None
        with contextlib.suppress(OSError):  # the worker is gone: result() reports it
            _write(self._process.stdin, task)

    def result(self) -> Any:
        """The next result, in the order the tasks were submitted; raises what the task raised."""
        value = self._results.get()
        if isinstance(value, BaseException):
            raise value
        return value

    def close(self) -> None:
        if self._process.stdin is not None:
            with contextlib.suppress(OSError):
                self._process.stdin.close()
        try:
            self._process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._thread.join(timeout=5)
