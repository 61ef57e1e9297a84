"""Worker processes measuring chunks of a file, for :func:`.api.measure`.

Each worker is ``python -c`` running :func:`worker_main` for one task
function (``"module:function"``, by default :func:`.api.measure_chunk`; the
agreement of two files, :mod:`..compare.agreement`, uses its own): it reads
tasks (the function's arguments, pickled and length-prefixed) from stdin and writes
each result (a pickled DataFrame, or the exception raised) to stdout, in
order. Plain subprocesses, not :mod:`multiprocessing`, so the user's script
is never imported again by a child (no ``if __name__ == "__main__"`` needed,
in notebooks or scripts). A thread per worker drains its results, so a
worker never blocks on a full pipe while this process writes it a task.
"""

from __future__ import annotations

import contextlib
import importlib
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
    "worker_main(sys.argv[2])\n"
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


#: The task function of :func:`.api.measure`'s workers.
MEASURE_TARGET = "jupyterlab_chexmask.measure.api:measure_chunk"


def worker_main(target: str = MEASURE_TARGET) -> None:
    """Run ``target`` (``"module:function"``) on the tasks of stdin until it closes.

    In a worker process.
    """
    module, name = target.split(":")
    function = getattr(importlib.import_module(module), name)
    source, sink = sys.stdin.buffer, sys.stdout.buffer
    while True:
        try:
            task = _read(source)
        except EOFError:
            return
        try:
            result: object = function(*task)
        except Exception as error:  # handed to the parent
            result = error
        _write(sink, result)


class Worker:
    """One worker process and the thread draining its results."""

    def __init__(self, target: str = MEASURE_TARGET) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-c", _BOOT, _ROOT, target],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self._results: queue.Queue[object] = queue.Queue()
        self._thread = threading.Thread(target=self._drain, name="chexmask-worker", daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        assert self._process.stdout is not None
        while True:
            try:
                self._results.put(_read(self._process.stdout))
            except (EOFError, OSError, pickle.UnpicklingError) as error:
                self._results.put(EOFError(f"a worker process stopped ({error!r})"))
                return

    def submit(self, task: tuple[object, ...]) -> None:
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
        if self._process.stdout is not None:
            self._process.stdout.close()
