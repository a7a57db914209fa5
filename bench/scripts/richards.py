# richards: Martin Richards' operating-system kernel simulation (an idle task,
# a worker, two packet handlers and two devices passing packets under a
# priority scheduler), written for twinpy with one class per task kind.
# Measures method calls, attribute reads/writes, linked lists and branches.
# category: cpu
# usage: richards.py [threads=1] [runs=20]
import sys
import time
from _harness import agreed, parse_args, run_workers

IDLE = 1
WORKER = 2
HANDLER_A = 3
HANDLER_B = 4
DEVICE_A = 5
DEVICE_B = 6

KIND_DEVICE = 0
KIND_WORK = 1

DATA_SIZE = 4
IDLE_COUNT = 10000
EXPECTED_QUEUED = 23246  # packets queued in one run of IDLE_COUNT rounds
EXPECTED_HOLDS = 9297    # times a task held itself in that run


class Packet:
    def __init__(self, link, dest, kind):
        self.link = link
        self.dest = dest
        self.kind = kind
        self.count = 0
        self.data = [0] * DATA_SIZE

    def append_to(self, queue):
        """Returns queue with this packet added at its end."""
        self.link = None
        if queue is None:
            return self
        last = queue
        while last.link is not None:
            last = last.link
        last.link = self
        return queue


class Task:
    """A task control block. A task runs when it is not held and either is
    not waiting or has a packet waiting for it."""

    def __init__(self, kernel, ident, priority, queue, waiting):
        self.kernel = kernel
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.packet_pending = queue is not None
        self.waiting = waiting
        self.held = False
        self.link = kernel.tasks
        kernel.tasks = self
        kernel.table[ident] = self

    def runnable(self):
        if self.held:
            return False
        return self.packet_pending or not self.waiting

    def run(self):
        packet = None
        if self.waiting and self.packet_pending:
            packet = self.queue
            self.queue = packet.link
            self.packet_pending = self.queue is not None
            self.waiting = False
        return self.step(packet)

    def accept(self, packet, sender):
        """Queues a packet sent by sender; returns the task to run next."""
        if self.queue is None:
            self.queue = packet
            self.packet_pending = True
            if self.priority > sender.priority:
                return self
        else:
            packet.append_to(self.queue)
        return sender


class IdleTask(Task):
    def __init__(self, kernel, ident, priority, queue, count):
        Task.__init__(self, kernel, ident, priority, queue, False)
        self.seed = 1
        self.count = count

    def step(self, packet):
        self.count -= 1
        if self.count == 0:
            return self.kernel.hold_self()
        if self.seed & 1 == 0:
            self.seed = self.seed >> 1
            return self.kernel.release(DEVICE_A)
        self.seed = (self.seed >> 1) ^ 0xD008
        return self.kernel.release(DEVICE_B)


class WorkerTask(Task):
    def __init__(self, kernel, ident, priority, queue):
        super().__init__(kernel, ident, priority, queue, True)
        self.destination = HANDLER_A
        self.letter = 0

    def step(self, packet):
        if packet is None:
            return self.kernel.wait()
        if self.destination == HANDLER_A:
            self.destination = HANDLER_B
        else:
            self.destination = HANDLER_A
        packet.dest = self.destination
        packet.count = 0
        data = packet.data
        for i in range(DATA_SIZE):
            self.letter += 1
            if self.letter > 26:
                self.letter = 1
            data[i] = self.letter
        return self.kernel.send(packet)


class HandlerTask(Task):
    def __init__(self, kernel, ident, priority, queue):
        super().__init__(kernel, ident, priority, queue, True)
        self.work_queue = None
        self.device_queue = None

    def step(self, packet):
        if packet is not None:
            if packet.kind == KIND_WORK:
                self.work_queue = packet.append_to(self.work_queue)
            else:
                self.device_queue = packet.append_to(self.device_queue)
        work = self.work_queue
        if work is not None:
            index = work.count
            if index >= DATA_SIZE:
                self.work_queue = work.link
                return self.kernel.send(work)
            device = self.device_queue
            if device is not None:
                self.device_queue = device.link
                device.count = work.data[index]
                work.count = index + 1
                return self.kernel.send(device)
        return self.kernel.wait()


class DeviceTask(Task):
    def __init__(self, kernel, ident, priority):
        Task.__init__(self, kernel, ident, priority, None, True)
        self.pending = None
        self.output = 0

    def step(self, packet):
        if packet is None:
            packet = self.pending
            if packet is None:
                return self.kernel.wait()
            self.pending = None
            return self.kernel.send(packet)
        self.pending = packet
        self.output = (self.output * 7 + packet.count) % 65521
        return self.kernel.hold_self()


class Kernel:
    def __init__(self):
        self.tasks = None
        self.table = [None] * 7
        self.current = None
        self.queued = 0
        self.holds = 0

    def wait(self):
        self.current.waiting = True
        return self.current

    def hold_self(self):
        self.holds += 1
        self.current.held = True
        return self.current.link

    def release(self, ident):
        task = self.table[ident]
        task.held = False
        if task.priority > self.current.priority:
            return task
        return self.current

    def send(self, packet):
        target = self.table[packet.dest]
        self.queued += 1
        packet.link = None
        packet.dest = self.current.ident
        return target.accept(packet, self.current)

    def schedule(self):
        task = self.tasks
        while task is not None:
            if task.runnable():
                self.current = task
                task = task.run()
            else:
                task = task.link


def one_run():
    kernel = Kernel()
    IdleTask(kernel, IDLE, 0, None, IDLE_COUNT)
    queue = Packet(None, 0, KIND_WORK)
    queue = Packet(queue, 0, KIND_WORK)
    WorkerTask(kernel, WORKER, 1000, queue)
    queue = Packet(None, DEVICE_A, KIND_DEVICE)
    queue = Packet(queue, DEVICE_A, KIND_DEVICE)
    queue = Packet(queue, DEVICE_A, KIND_DEVICE)
    HandlerTask(kernel, HANDLER_A, 2000, queue)
    queue = Packet(None, DEVICE_B, KIND_DEVICE)
    queue = Packet(queue, DEVICE_B, KIND_DEVICE)
    queue = Packet(queue, DEVICE_B, KIND_DEVICE)
    HandlerTask(kernel, HANDLER_B, 3000, queue)
    DeviceTask(kernel, DEVICE_A, 4000)
    DeviceTask(kernel, DEVICE_B, 5000)
    kernel.schedule()
    output = kernel.table[DEVICE_A].output * 65536 + kernel.table[DEVICE_B].output
    return kernel.queued, kernel.holds, output


def work(runs):
    ok = 0
    last = None
    for _ in range(runs):
        last = one_run()
        if last[0] == EXPECTED_QUEUED and last[1] == EXPECTED_HOLDS:
            ok += 1
    return ok, last


def main():
    threads, runs = parse_args(20)
    results, elapsed = run_workers(threads, work, (runs,))
    ok, (queued, holds, output) = agreed(results)
    print("richards runs", runs, "correct", ok)
    print("queued", queued, "holds", holds, "device output", output)
    print("elapsed %.6f" % elapsed)


main()
