#!/usr/bin/env python3
"""Benchmark: how long an exam answer takes to be saved while a large import runs.

Starts `proctor take CLF-C02 --plain` on a database that holds the shipped banks, then starts
`proctor import` of a generated native bank of N questions (default 1,000,000) in another process,
and from the import's start until it ends (and one second more) gives an answer every 100 ms. Each
answer's latency is the time from writing it to the exam's standard input to the exam printing its
acknowledgement ("Saved B for question 7."), which it prints only once the answer is on disk (in the
database, or in the answer journal while another process holds the write lock).
An answer given while an earlier one still waits queues behind it, as a learner's key presses would.
Prints the import's wall time and the latency distribution (p50, p90, p99, max), and, for
comparison, the same number of answers with no import running. Not a test: run it by hand.

  tools/bench_answer_latency.py [N]          BUILD_DIR selects the build (default build)
"""
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time


def percentile(values, p):
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = max(0, min(len(ordered) - 1, int(round(p / 100.0 * len(ordered) + 0.5)) - 1))
    return ordered[k]


class Exam:
    def __init__(self, proctor, db, env):
        self.p = subprocess.Popen([proctor, "take", "CLF-C02", "--plain", "--seed", "1", "--db", db],
                                  stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        os.set_blocking(self.p.stdout.fileno(), False)
        self.buffer = b""
        self.acks = []  # (time, question)
        self.question = 1
        self.wait_for(b"Question 1 of 65", 60)

    def pump(self, timeout):
        ready, _, _ = select.select([self.p.stdout], [], [], timeout)
        if not ready:
            return
        chunk = self.p.stdout.read() or b""
        now = time.monotonic()
        for m in re.finditer(rb"Saved [A-Z]+ for question (\d+)", chunk):
            self.acks.append((now, int(m.group(1))))
        self.buffer += chunk

    def wait_for(self, needle, timeout):
        end = time.monotonic() + timeout
        while needle not in self.buffer:
            if time.monotonic() > end:
                raise SystemExit("bench_answer_latency: the exam did not show " + needle.decode())
            self.pump(0.05)

    def answer(self):
        """Sends one answer (B or C) and returns the time it was sent."""
        letter = b"b" if len(self.sent) % 2 == 0 else b"c"
        line = letter + b"\n"
        if self.question == 65:  # the last question: go back to the first one, then answer
            line = b"g 1\n" + line
            self.question = 1
        else:
            self.question += 1
        sent = time.monotonic()
        self.p.stdin.write(line)
        self.p.stdin.flush()
        self.sent.append(sent)
        return sent

    sent = []

    def latencies(self, timeout):
        end = time.monotonic() + timeout
        while len(self.acks) < len(self.sent) and time.monotonic() < end:
            self.pump(0.05)
        return [(ack[0] - sent) * 1000.0 for sent, ack in zip(self.sent, self.acks)]

    def close(self):
        self.p.stdin.write(b"quit\n")
        self.p.stdin.close()
        self.p.wait(60)


def run(proctor, db, env, import_argv):
    exam = Exam(proctor, db, env)
    Exam.sent = []
    exam.acks = []
    start = time.monotonic()
    importer = subprocess.Popen(import_argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env) if import_argv else None
    stop_at = None if importer else start + 20.0
    import_seconds = None
    next_answer = start
    while True:
        now = time.monotonic()
        if importer and import_seconds is None and importer.poll() is not None:
            import_seconds = now - start
            stop_at = now + 1.0
            if importer.returncode != 0:
                raise SystemExit("bench_answer_latency: the import failed: " + importer.stderr.read().decode())
        if stop_at is not None and now >= stop_at:
            break
        if now >= next_answer:
            exam.answer()
            next_answer += 0.1
        exam.pump(max(0.0, min(0.01, next_answer - time.monotonic())))
    lat = exam.latencies(300)
    exam.close()
    return lat, import_seconds


def describe(label, lat):
    return "%s: %d answers, p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, over 1 s: %d" % (
        label, len(lat), percentile(lat, 50), percentile(lat, 90), percentile(lat, 99), max(lat), sum(1 for x in lat if x > 1000))


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000000
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    build = os.path.join(root, os.environ.get("BUILD_DIR", "build"))
    subprocess.run(["cmake", "--build", build, "--target", "proctor", "proctor_gen_bank"], check=True, stdout=subprocess.DEVNULL)
    proctor = os.path.join(build, "proctor")
    work = tempfile.mkdtemp(prefix="bench-answer-latency-")
    try:
        env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "TZ": "UTC", "HOME": work, "XDG_DATA_HOME": work}
        bank = os.path.join(work, "bank.json")
        subprocess.run([os.path.join(build, "proctor_gen_bank"), str(n), bank, "CLF-C02"], check=True, stdout=subprocess.DEVNULL)
        base = os.path.join(work, "base.db")
        subprocess.run([proctor, "exams", "--db", base], check=True, stdout=subprocess.DEVNULL, env=env)
        head = subprocess.run(["git", "-C", root, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
        print("bench_answer_latency: an answer every 100 ms in 'proctor take --plain' while 'proctor import' of a "
              "%d-question native bank (%d MiB) runs in another process; latency = answer written -> 'Saved' printed"
              % (n, os.path.getsize(bank) // 1048576))
        print("source: %s, %s, %d cores" % (head, time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), os.cpu_count()))
        quiet_db = os.path.join(work, "quiet.db")
        shutil.copy(base, quiet_db)
        quiet, _ = run(proctor, quiet_db, env, None)
        print(describe("no import (20 s)", quiet))
        busy_db = os.path.join(work, "busy.db")
        shutil.copy(base, busy_db)
        busy, seconds = run(proctor, busy_db, env, [proctor, "import", "--db", busy_db, bank])
        print("import: %.1f s" % seconds)
        print(describe("during the import", busy))
        buckets = [10, 100, 1000, 5000, 10000, 30000, float("inf")]
        counts = []
        low = 0
        for b in buckets:
            counts.append(sum(1 for x in busy if low <= x < b))
            low = b
        print("distribution during the import: " + ", ".join(
            "%s: %d" % ("< %g ms" % b if b != float("inf") else ">= %g ms" % buckets[-2], c) for b, c in zip(buckets, counts)))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
