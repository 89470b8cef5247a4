"""Detached processes with pid files in .mcpm/run and output in .mcpm/logs."""
from __future__ import annotations

import os
import signal
import subprocess
import time
from collections import deque
from datetime import datetime
from pathlib import Path
from typing import Mapping, Sequence

MAX_LOG_BYTES = 20 * 1024 * 1024


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    if stat.exists():
        try:
            return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
        except (OSError, IndexError):
            return False
    return True


def command_line(pid: int) -> str:
    """The process's command line ('' when it is gone); /proc on Linux, ps elsewhere."""
    proc = Path(f"/proc/{pid}/cmdline")
    try:
        if proc.parent.exists():
            return proc.read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        result = subprocess.run(["ps", "-o", "command=", "-p", str(pid)], capture_output=True, text=True)
        return result.stdout.strip()
    except OSError:
        return ""


def read_pid_file(path: Path) -> int | None:
    try:
        return int(path.read_text().strip())
    except (FileNotFoundError, ValueError):
        return None


def running_pid(pid_file: Path, marker: str) -> int | None:
    """The pid in the file if that process is alive and is still ours (its command line has the marker)."""
    pid = read_pid_file(pid_file)
    if pid is None or not pid_alive(pid):
        return None
    return pid if marker in command_line(pid) else None


def rotate_log(log_file: Path) -> None:
    if log_file.exists() and log_file.stat().st_size > MAX_LOG_BYTES:
        log_file.replace(log_file.with_suffix(".log.1"))


def start_detached(
    argv: Sequence[str], env: Mapping[str, str], cwd: Path, log_file: Path, pid_file: Path
) -> subprocess.Popen:
    """Start in a new session (survives this launcher; its process group is its pid)."""
    rotate_log(log_file)
    with open(log_file, "ab") as log:
        log.write(f"\n===== mcpm {datetime.now().isoformat(timespec='seconds')}: {' '.join(argv)}\n".encode())
        log.flush()
        process = subprocess.Popen(
            list(argv), cwd=cwd, env=dict(env), stdin=subprocess.DEVNULL, stdout=log,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
    pid_file.write_text(f"{process.pid}\n")
    return process


def signal_process_group(pid: int, signum: int) -> None:
    try:
        if os.getpgid(pid) == pid:
            os.killpg(pid, signum)
        else:
            os.kill(pid, signum)
    except ProcessLookupError:
        pass


def stop_processes(pids: Mapping[str, int], grace_seconds: float, signum: int = signal.SIGTERM) -> list[str]:
    """Signal all, wait up to the grace period, then SIGKILL what is left. Returns the names that were killed."""
    for pid in pids.values():
        signal_process_group(pid, signum)
    deadline = time.monotonic() + grace_seconds
    while time.monotonic() < deadline and any(pid_alive(pid) for pid in pids.values()):
        time.sleep(0.2)
    killed = [name for name, pid in pids.items() if pid_alive(pid)]
    for name in killed:
        signal_process_group(pids[name], signal.SIGKILL)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(pid_alive(pids[name]) for name in killed):
        time.sleep(0.1)
    return killed


def last_lines(path: Path, count: int = 30) -> list[str]:
    try:
        with open(path, errors="replace") as file:
            return list(deque(file, maxlen=count))
    except FileNotFoundError:
        return []


def resident_memory_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return None
