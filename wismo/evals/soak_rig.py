"""What the soak test runs on: a private PostgreSQL cluster it may restart, and wismo instances it
may kill. Everything listens on 127.0.0.1 only.
"""

from __future__ import annotations

import glob
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .child import free_port, wait_until_up


def _tool(name: str) -> str:
    found = shutil.which(name) or next(iter(sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)), None)
    if not found:
        raise RuntimeError(f"{name} not found: install PostgreSQL's server tools, or give --database-url")
    return found


class PrivatePostgres:
    """A throwaway cluster (initdb) on a free loopback port, so the soak can stop and start it
    without touching any server someone else uses. As root, it runs as the `postgres` user."""

    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="wismo-soak-pg-"))
        self.data = self.dir / "data"
        self.port = free_port()
        self.as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.initdb, self.pg_ctl = _tool("initdb"), _tool("pg_ctl")

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *cmd: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run([*self.as_user, *cmd], check=check, capture_output=True, text=True, timeout=120)

    def create(self) -> PrivatePostgres:
        if self.as_user:
            shutil.chown(self.dir, "postgres", "postgres")
        self._run(self.initdb, "-D", str(self.data), "-A", "trust", "-U", "postgres", "-N", "-E", "UTF8")
        return self.start()

    def start(self) -> PrivatePostgres:
        opts = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.dir} -c max_connections=300 -c fsync=off"
            " -c shared_buffers=64MB"
        )
        self._run(self.pg_ctl, "-D", str(self.data), "-l", str(self.dir / "server.log"), "-o", opts, "-w", "start")
        return self

    def stop(self) -> None:
        self._run(self.pg_ctl, "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)

    def destroy(self) -> None:
        self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


class Instance:
    """One `wismo serve` process on a loopback port, with its own data dir (embedded Chroma)."""

    def __init__(self, name: str, env: dict[str, str], data_dir: Path) -> None:
        self.name = name
        self.port = free_port()
        self.env = env | {"WISMO_DATA_DIR": str(data_dir)}
        self.data_dir = data_dir
        self.proc: subprocess.Popen | None = None
        self.ready = False
        self.log = data_dir / f"{name}.log"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout_s: float = 300) -> Instance:
        cmd = [sys.executable, "-m", "wismo", "serve", "--no-seed", "--host", "127.0.0.1", "--port", str(self.port)]
        self.ready = False
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(cmd, stdout=log, stderr=log, env=self.env)
        if not wait_until_up(self.proc, f"{self.base}/readyz", timeout_s):
            # The work folder goes when the soak ends: the log's last lines go with the error.
            tail = self.log.read_text(errors="replace").splitlines()[-15:] if self.log.exists() else []
            lines = "\n  ".join(tail)
            raise RuntimeError(f"instance {self.name} did not become ready; the end of {self.log}:\n  {lines}")
        self.ready = True
        return self

    def kill9(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait()

    def stop(self, grace_s: float = 30) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=grace_s)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def rss_mb(self) -> float | None:
        if self.proc is None or self.proc.poll() is not None:
            return None
        try:
            with open(f"/proc/{self.proc.pid}/status") as fh:
                kb = next(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
        except (OSError, StopIteration, ValueError):
            return None
        return round(kb / 1024, 1)


def wait_for(check, timeout_s: float, pause_s: float = 0.5) -> bool:
    """Poll `check()` until it is true (True) or `timeout_s` passes (False)."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if check():
                return True
        except Exception:
            pass
        time.sleep(pause_s)
    return False
