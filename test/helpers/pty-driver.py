#!/usr/bin/env python3
"""Runs a program in a real pseudo-terminal and drives it like a person at the keyboard.

Input (JSON on stdin):
  {"argv": [...], "cwd": "...", "env": {...}, "timeout": 20, "columns": 120,
   "steps": [{"expect": "regex", "send": "text"}, ...]}
Each step waits until `expect` (a Python regex, matched against the output with ANSI escapes
removed, after the previous match) appears, then types `send`. After the last step the driver
reads until the program exits.

Output (JSON on stdout):
  {"exitCode": n, "output": "...plain text...", "raw": "...", "error": null | "why it stopped"}
exitCode is 128 + N when the program died of signal N, as a shell reports it.

Python's pty module is in the standard library, so the tests need nothing installed.
"""
import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>78]|\x07|\r")


def main():
    job = json.load(sys.stdin)
    timeout = job.get("timeout", 20)
    pid, fd = pty.fork()
    if pid == 0:
        os.chdir(job["cwd"])
        os.execvpe(job["argv"][0], job["argv"], job["env"])

    # A fixed window size keeps prompt layout the same on every machine.
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 40, job.get("columns", 120), 0, 0))
    raw = b""
    cursor = 0
    error = None
    deadline = time.monotonic() + timeout

    def read_some(wait):
        nonlocal raw
        ready, _, _ = select.select([fd], [], [], wait)
        if not ready:
            return True
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the program closed the terminal (it exited)
            return False
        if not chunk:
            return False
        raw += chunk
        return True

    def plain():
        return ANSI.sub("", raw.decode("utf-8", "replace"))

    alive = True
    for step in job["steps"]:
        pattern = re.compile(step["expect"])
        while True:
            match = pattern.search(plain(), cursor)
            if match:
                cursor = match.end()
                break
            if not alive or time.monotonic() > deadline:
                error = "timed out waiting for %r" % step["expect"] if alive else "exited before %r" % step["expect"]
                break
            alive = read_some(0.1)
        if error:
            break
        # Let the prompt finish drawing and attach its key handler before typing.
        time.sleep(step.get("delay", 0.15))
        for char in step["send"]:
            os.write(fd, char.encode("utf-8"))
            time.sleep(0.01)

    while alive and time.monotonic() < deadline:
        alive = read_some(0.1)
    if alive:
        os.kill(pid, signal.SIGKILL)
        error = error or "timed out waiting for the program to exit"

    _, status = os.waitpid(pid, 0)
    code = os.WEXITSTATUS(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)
    json.dump({"exitCode": code, "output": plain(), "raw": raw.decode("utf-8", "replace"), "error": error}, sys.stdout)


main()
