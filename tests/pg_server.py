"""A throwaway PostgreSQL cluster for the tests: initdb and pg_ctl on a temporary
directory, listening on a free loopback port, removed when the test session ends.

PostgreSQL refuses to run as root, so as root (as in CI) the server runs as the
unprivileged `nobody` user. Tests that need it take the `postgres_url` fixture (a fresh
empty database per test); without server binaries they skip, saying what to install.
"""

from __future__ import annotations

import atexit
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

import pytest

# The user the server runs as when the tests run as root.
UNPRIVILEGED_USER = "nobody"
# The superuser initdb creates (trust authentication on loopback only).
SUPERUSER = "stancetrace"
# Seconds pg_ctl waits for the server to accept connections.
START_TIMEOUT_S = 60
SERVER_SETTINGS = ("max_connections=40",)
# Durability is pointless for a test cluster; these make it start and write faster. A
# benchmark passes durable=True to measure what a real server would do.
FAST_SETTINGS = ("fsync=off", "synchronous_commit=off", "full_page_writes=off")

SKIP_REASON = (
    "PostgreSQL server binaries (initdb, pg_ctl) not found: install Debian's `postgresql` "
    "package (apt-get install postgresql) to run the PostgreSQL store tests"
)


def server_bin_dir() -> Path | None:
    """Where initdb and pg_ctl live: on PATH, or Debian's /usr/lib/postgresql/N/bin."""
    found = shutil.which("initdb")
    if found and shutil.which("pg_ctl"):
        return Path(os.path.realpath(found)).parent
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ThrowawayPostgres:
    """One cluster: `start()`, `create_database()` as often as needed, `stop()`."""

    def __init__(self, bin_dir: Path, durable: bool = False):
        self.bin_dir = bin_dir
        self.settings = SERVER_SETTINGS + (() if durable else FAST_SETTINGS)
        self.root = Path(tempfile.mkdtemp(prefix="stancetrace-pg-"))
        self.data = self.root / "data"
        self.port = free_port()
        self.user = pwd.getpwnam(UNPRIVILEGED_USER) if os.geteuid() == 0 else None
        self._names = itertools.count(1)

    def start(self) -> "ThrowawayPostgres":
        if self.user:
            os.chown(self.root, self.user.pw_uid, self.user.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8",
                  "--locale=C", "--no-sync")
        return self._start_server()

    def _start_server(self) -> "ThrowawayPostgres":
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 " + " ".join(
            f"-c {setting}" for setting in self.settings)
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-o", options,
                  "-w", "-t", str(START_TIMEOUT_S), "start")
        return self

    def stop(self) -> None:
        if (self.data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def create_database(self) -> str:
        """A new empty database; its URL."""
        import psycopg

        name = f"test_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        return self.url(name)

    def _run(self, program: str, *args: str, check: bool = True) -> None:
        kwargs = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []} if self.user else {}
        result = subprocess.run([str(self.bin_dir / program), *args], capture_output=True, text=True,
                                cwd=self.root, **kwargs)
        if check and result.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise RuntimeError(f"{program} failed ({result.returncode}): {result.stderr}\n{tail}")


_SERVER: list[ThrowawayPostgres] = []


def shared_server() -> ThrowawayPostgres:
    """The session's one cluster, started on first use and stopped at exit."""
    if not _SERVER:
        bin_dir = server_bin_dir()
        if bin_dir is None:
            pytest.skip(SKIP_REASON)
        server = ThrowawayPostgres(bin_dir)
        atexit.register(server.stop)
        _SERVER.append(server.start())
    return _SERVER[0]


@pytest.fixture
def postgres_url() -> str:
    """URL of a fresh, empty database on the throwaway cluster."""
    return shared_server().create_database()
