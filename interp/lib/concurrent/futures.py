"""Futures and a thread pool, written for twinpy (CPython's API)."""

import threading
from time import monotonic as _time

FIRST_COMPLETED = "FIRST_COMPLETED"
FIRST_EXCEPTION = "FIRST_EXCEPTION"
ALL_COMPLETED = "ALL_COMPLETED"

_PENDING = "PENDING"
_RUNNING = "RUNNING"
_CANCELLED = "CANCELLED"
_FINISHED = "FINISHED"

TimeoutError = TimeoutError


class CancelledError(Exception):
    """The Future was cancelled."""


class InvalidStateError(Exception):
    """The Future is not in a state that allows the operation."""


class BrokenExecutor(RuntimeError):
    """The executor cannot take work any more."""


class Future:
    """The result of a call that runs elsewhere."""

    def __init__(self):
        self._condition = threading.Condition()
        self._state = _PENDING
        self._result = None
        self._exception = None
        self._callbacks = []
        self._waiters = []

    def __repr__(self):
        with self._condition:
            if self._state == _FINISHED:
                if self._exception is not None:
                    return "<Future state=finished raised " + type(self._exception).__name__ + ">"
                return "<Future state=finished returned " + type(self._result).__name__ + ">"
            return "<Future state=" + self._state.lower() + ">"

    def cancel(self):
        with self._condition:
            if self._state in (_RUNNING, _FINISHED):
                return False
            if self._state == _CANCELLED:
                return True
            self._state = _CANCELLED
            self._condition.notify_all()
            self._notify_waiters()
        self._run_callbacks()
        return True

    def cancelled(self):
        with self._condition:
            return self._state == _CANCELLED

    def running(self):
        with self._condition:
            return self._state == _RUNNING

    def done(self):
        with self._condition:
            return self._state in (_CANCELLED, _FINISHED)

    def _outcome(self):
        if self._state == _CANCELLED:
            raise CancelledError()
        if self._exception is not None:
            raise self._exception
        return self._result

    def result(self, timeout=None):
        with self._condition:
            if self._state in (_CANCELLED, _FINISHED):
                return self._outcome()
            self._condition.wait(timeout)
            if self._state in (_CANCELLED, _FINISHED):
                return self._outcome()
            raise TimeoutError()

    def exception(self, timeout=None):
        with self._condition:
            if self._state not in (_CANCELLED, _FINISHED):
                self._condition.wait(timeout)
            if self._state == _CANCELLED:
                raise CancelledError()
            if self._state == _FINISHED:
                return self._exception
            raise TimeoutError()

    def add_done_callback(self, fn):
        with self._condition:
            if self._state not in (_CANCELLED, _FINISHED):
                self._callbacks.append(fn)
                return
        try:
            fn(self)
        except Exception as e:
            print("exception calling callback for", repr(self), ":", repr(e))

    def set_running_or_notify_cancel(self):
        with self._condition:
            if self._state == _CANCELLED:
                return False
            if self._state == _PENDING:
                self._state = _RUNNING
                return True
            raise RuntimeError("Future in unexpected state")

    def set_result(self, result):
        with self._condition:
            if self._state in (_CANCELLED, _FINISHED):
                raise InvalidStateError("Future already done")
            self._result = result
            self._state = _FINISHED
            self._condition.notify_all()
            self._notify_waiters()
        self._run_callbacks()

    def set_exception(self, exception):
        with self._condition:
            if self._state in (_CANCELLED, _FINISHED):
                raise InvalidStateError("Future already done")
            self._exception = exception
            self._state = _FINISHED
            self._condition.notify_all()
            self._notify_waiters()
        self._run_callbacks()

    def _notify_waiters(self):
        for waiter in self._waiters:
            waiter.add(self)

    def _run_callbacks(self):
        callbacks = self._callbacks
        self._callbacks = []
        for fn in callbacks:
            try:
                fn(self)
            except Exception as e:
                print("exception calling callback for", repr(self), ":", repr(e))


class _Waiter:
    """Collects futures as they finish, for wait() and as_completed()."""

    def __init__(self):
        self.event = threading.Event()
        self.lock = threading.Lock()
        self.finished = []

    def add(self, future):
        with self.lock:
            self.finished.append(future)
        self.event.set()


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
        else:
            self.future.set_result(result)


class Executor:
    """The interface of executors: submit, map, shutdown, with."""

    def submit(self, fn, /, *args, **kwargs):
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        end = None if timeout is None else _time() + timeout
        futures = [self.submit(fn, *args) for args in zip(*iterables)]

        def results():
            try:
                futures.reverse()
                while futures:
                    f = futures.pop()
                    if end is None:
                        yield f.result()
                    else:
                        yield f.result(end - _time())
            finally:
                for f in futures:
                    f.cancel()

        return results()

    def shutdown(self, wait=True, *, cancel_futures=False):
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


def _worker(executor_queue):
    while True:
        item = executor_queue.get()
        if item is None:
            executor_queue.put(None)  # wake the next worker to exit too
            return
        item.run()
        item = None


class ThreadPoolExecutor(Executor):
    """Runs calls on a pool of at most max_workers threads."""

    _counter = 0

    def __init__(self, max_workers=None, thread_name_prefix="", initializer=None,
                 initargs=()):
        import queue
        if max_workers is None:
            try:
                import os
                cpus = os.cpu_count() or 1
            except ImportError:
                cpus = 1
            max_workers = min(32, cpus + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")
        ThreadPoolExecutor._counter += 1
        self._max_workers = max_workers
        self._work_queue = queue.SimpleQueue()
        self._threads = []
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        self._prefix = thread_name_prefix or ("ThreadPoolExecutor-" + str(ThreadPoolExecutor._counter - 1))
        self._initializer = initializer
        self._initargs = initargs
        self._pending = 0

    def submit(self, fn, /, *args, **kwargs):
        with self._shutdown_lock:
            if self._shutdown:
                raise RuntimeError("cannot schedule new futures after shutdown")
            f = Future()
            self._work_queue.put(_WorkItem(f, fn, args, kwargs))
            self._adjust_thread_count()
            return f

    def _adjust_thread_count(self):
        if len(self._threads) < self._max_workers:
            name = self._prefix + "_" + str(len(self._threads))
            t = threading.Thread(name=name, target=self._run_worker)
            t.daemon = True
            t.start()
            self._threads.append(t)

    def _run_worker(self):
        if self._initializer is not None:
            self._initializer(*self._initargs)
        _worker(self._work_queue)

    def shutdown(self, wait=True, *, cancel_futures=False):
        with self._shutdown_lock:
            self._shutdown = True
            if cancel_futures:
                while True:
                    try:
                        item = self._work_queue.get_nowait()
                    except Exception:
                        break
                    if item is not None:
                        item.future.cancel()
            self._work_queue.put(None)
        if wait:
            for t in self._threads:
                t.join()


class DoneAndNotDoneFutures:
    """wait()'s result: (done, not_done) that also has those attributes."""

    def __init__(self, done, not_done):
        self.done = done
        self.not_done = not_done

    def __iter__(self):
        return iter((self.done, self.not_done))

    def __getitem__(self, i):
        return (self.done, self.not_done)[i]

    def __len__(self):
        return 2

    def __repr__(self):
        return "DoneAndNotDoneFutures(done=" + repr(self.done) + ", not_done=" + repr(self.not_done) + ")"


def _is_done(f):
    return f._state in (_CANCELLED, _FINISHED)


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    fs = set(fs)
    end = None if timeout is None else _time() + timeout
    waiter = _Waiter()
    for f in fs:
        with f._condition:
            f._waiters.append(waiter)
    try:
        while True:
            done = set(f for f in fs if _is_done(f))
            not_done = fs - done
            if not not_done:
                break
            if return_when == FIRST_COMPLETED and done:
                break
            if return_when == FIRST_EXCEPTION and any(
                    not f.cancelled() and f._exception is not None for f in done):
                break
            remaining = None if end is None else end - _time()
            if remaining is not None and remaining <= 0:
                break
            waiter.event.clear()
            if not any(not _is_done(f) for f in fs):
                continue
            waiter.event.wait(remaining)
    finally:
        for f in fs:
            with f._condition:
                if waiter in f._waiters:
                    f._waiters.remove(waiter)
    return DoneAndNotDoneFutures(done, not_done)


def as_completed(fs, timeout=None):
    """Yields futures as they finish (those already done first)."""
    fs = list(dict.fromkeys(fs))
    end = None if timeout is None else _time() + timeout
    waiter = _Waiter()
    pending = []
    for f in fs:
        with f._condition:
            if _is_done(f):
                yield_now = True
            else:
                f._waiters.append(waiter)
                yield_now = False
        if yield_now:
            yield f
        else:
            pending.append(f)
    try:
        while pending:
            remaining = None if end is None else end - _time()
            if remaining is not None and remaining <= 0:
                raise TimeoutError(str(len(pending)) + " (of " + str(len(fs)) +
                                   ") futures unfinished")
            waiter.event.wait(remaining)
            with waiter.lock:
                finished = waiter.finished
                waiter.finished = []
                waiter.event.clear()
            for f in finished:
                if f in pending:
                    pending.remove(f)
                    yield f
    finally:
        for f in fs:
            with f._condition:
                if waiter in f._waiters:
                    f._waiters.remove(waiter)
