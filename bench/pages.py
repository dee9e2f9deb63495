"""Page benchmark: the four dashboards under gunicorn with production settings on PostgreSQL.

Creates (once) a bench database with `generate_kommun`, starts gunicorn with DEBUG=0, and for each
of översikt, driftsammandrag (whole kommun), investeringar and måluppfyllelse measures requests/s
and p50/p95 latency at 4 concurrent keep-alive clients on loopback, side by side in the same run
with the *same bytes* served as a static file by the same server (WhiteNoise). Pages that don't
exist yet (NoReverseMatch or 404) are reported as skipped. Each page is measured twice: as an
anonymous visitor ("mode": "cached", the public page cache) and as a signed-in viewer ("mode":
"uncached", rendered on every request). Prints one JSON line per page and mode:
{"page","mode","req_s","static_req_s","ratio","p50_ms","p95_ms","queries","bytes_gz"}.

Usage: .venv/bin/python bench/pages.py [--requests 400] [--seconds 15] [--clients 4] [--rounds 4]
       [--workers 2] [--threads 4] [--skip-setup]
Environment: BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/budgetapp_bench),
BENCH_UNITS (300), BENCH_YEARS (3). Loopback only; every run is bounded in requests and time.
"""

from __future__ import annotations

import argparse
import gzip
import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
PAGES = [
    ("översikt", "dashboards:overview"),
    ("driftsammandrag", "dashboards:operating_summary"),
    ("investeringar", "dashboards:investments"),
    ("måluppfyllelse", "dashboards:goals"),
]


def log(msg: str) -> None:
    print(f"# {msg}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------------------
# Environment, database, server
# ------------------------------------------------------------------------------------------------

def production_env(database_url: str) -> dict[str, str]:
    """Production settings as deployed; TLS is terminated by a proxy, emulated by X-Forwarded-Proto."""
    env = {k: v for k, v in os.environ.items() if k not in {"DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update({
        "DEBUG": "0", "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY", secrets.token_urlsafe(50)),
        "ALLOWED_HOSTS": f"{HOST},localhost", "DATABASE_URL": database_url, "LOG_LEVEL": "ERROR",
        "DJANGO_SETTINGS_MODULE": "budgetapp.settings",
    })
    env.pop("CELERY_BROKER_URL", None)
    return env


def manage(env: dict[str, str], *args: str) -> str:
    out = subprocess.run([sys.executable, str(BASE_DIR / "manage.py"), *args], env=env, cwd=BASE_DIR,
                         capture_output=True, text=True, check=True, timeout=900)
    return out.stdout.strip()


def prepare_database(env: dict[str, str], units: int, years: int) -> None:
    """Create the bench database if missing, migrate, build the synthetic kommun (idempotent)."""
    url = env["DATABASE_URL"]
    admin_url, _, name = url.rpartition("/")
    exists = subprocess.run(["psql", "-At", "-d", f"{admin_url}/postgres", "-c",
                             f"SELECT 1 FROM pg_database WHERE datname = '{name}'"],  # noqa: S608 - our own name
                            capture_output=True, text=True, check=True).stdout.strip()
    if not exists:
        subprocess.run(["psql", "-d", f"{admin_url}/postgres", "-c", f'CREATE DATABASE "{name}"'],
                       check=True, capture_output=True)
    manage(env, "migrate", "--noinput", "-v0")
    marker = f"{units}:{years}"
    probe = subprocess.run(["psql", "-At", "-d", url, "-c",
                            "SELECT note FROM core_fiscalyear WHERE note LIKE 'bench:%' LIMIT 1"],
                           capture_output=True, text=True, check=False).stdout.strip()
    if probe != f"bench:{marker}":
        log(manage(env, "generate_kommun", "--units", str(units), "--years", str(years)))
        subprocess.run(["psql", "-d", url, "-c", f"UPDATE core_fiscalyear SET note = 'bench:{marker}'"],  # noqa: S608
                       check=True, capture_output=True)
    # planner statistics, as autovacuum would have them on a running server: right after a bulk load the
    # planner sees one-row tables and picks nested loops (57 ms instead of 3 ms for the goal assessments)
    subprocess.run(["psql", "-d", url, "-c", "ANALYZE"], check=True, capture_output=True)
    manage(env, "collectstatic", "--noinput", "-v0")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


class Server:
    """gunicorn on loopback with gthread workers (keep-alive), as a context manager."""

    def __init__(self, env: dict[str, str], workers: int = 2, threads: int = 4) -> None:
        self.env, self.port = env, free_port()
        self.args = [str(VENV_BIN / "gunicorn"), "budgetapp.wsgi:application", "-b", f"{HOST}:{self.port}",
                     "-k", "gthread", "-w", str(workers), "--threads", str(threads), "--keep-alive", "30",
                     "--log-level", "warning", "--worker-connections", "2000"]
        self.proc: subprocess.Popen | None = None

    def __enter__(self) -> Server:
        self.proc = subprocess.Popen(self.args, env=self.env, cwd=BASE_DIR)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                status, _ = request("GET", self.port, "/health/")
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer /health/ within 30 s")

    def __exit__(self, *exc) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()


BASE_HEADERS = {"X-Forwarded-Proto": "https", "Host": HOST}


def request(method: str, port: int, path: str, headers: dict | None = None, body: bytes | None = None,
            conn: http.client.HTTPConnection | None = None) -> tuple[int, bytes]:
    own = conn is None
    conn = conn or http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request(method, path, body=body, headers={**BASE_HEADERS, **(headers or {})})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        if own:
            conn.close()


# ------------------------------------------------------------------------------------------------
# Load generator
# ------------------------------------------------------------------------------------------------

@dataclass
class LoadResult:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    statuses: dict[int, int] = field(default_factory=dict)
    seconds: float = 0.0

    @property
    def req_s(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def pct(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000


def load(port: int, path: str, *, clients: int, total: int, seconds: float, headers: dict | None = None) -> LoadResult:
    """`clients` threads with one keep-alive connection each; stop after `total` requests or `seconds`."""
    result = LoadResult()
    lock = threading.Lock()
    remaining = [total]
    deadline = time.monotonic() + seconds

    def worker() -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        while time.monotonic() < deadline:
            with lock:
                if remaining[0] <= 0:
                    break
                remaining[0] -= 1
            started = time.perf_counter()
            try:
                status, _ = request("GET", port, path, headers, conn=conn)
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=30)
                with lock:
                    result.errors += 1
                continue
            elapsed = time.perf_counter() - started
            with lock:
                result.statuses[status] = result.statuses.get(status, 0) + 1
                if status == 200:
                    result.latencies.append(elapsed)
                else:
                    result.errors += 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.perf_counter() - started
    return result


# ------------------------------------------------------------------------------------------------
# Page capture (in-process, same settings) and the run
# ------------------------------------------------------------------------------------------------

def signed_in_cookie() -> dict[str, str]:
    """A session cookie of a bench viewer (created once), for pages that are rendered every time."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.sessions.backends.db import SessionStore

    user, _ = get_user_model().objects.get_or_create(username="bench-viewer", defaults={"first_name": "Bench"})
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session.session_key}"}


def capture_pages(env: dict[str, str]) -> dict[str, tuple[str, bytes, int]]:
    """page → (path, body, queries) as an anonymous visitor; pages that don't exist are left out."""
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import NoReverseMatch, reverse

    client = Client(HTTP_X_FORWARDED_PROTO="https", HTTP_HOST=HOST, raise_request_exception=False)
    pages = {}
    for label, name in PAGES:
        try:
            path = reverse(name)
        except NoReverseMatch:
            log(f"{label}: {name} finns inte ännu – hoppar över")
            continue
        client.get(path)  # warm caches the way a running server would have them
        cache.clear()  # count the queries of a rendered page, not of a public page-cache hit
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        if response.status_code != 200:
            log(f"{label}: {path} svarade {response.status_code} – hoppar över")
            continue
        pages[label] = (path, response.content, len(queries))
    pages["__cookie__"] = signed_in_cookie()  # type: ignore[assignment]
    connection.close()
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=400, help="requests per measurement (bound)")
    parser.add_argument("--seconds", type=float, default=15.0, help="time per measurement (bound)")
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--skip-setup", action="store_true", help="reuse the bench database as it is")
    parser.add_argument("--rounds", type=int, default=4, help="alternating page/static slices per measurement")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (gthread)")
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/budgetapp_bench")
    env = production_env(database_url)
    if not args.skip_setup:
        prepare_database(env, int(os.environ.get("BENCH_UNITS", 300)), int(os.environ.get("BENCH_YEARS", 3)))
    pages = capture_pages(env)
    signed_in = pages.pop("__cookie__")
    static_root = BASE_DIR / "staticfiles"
    (static_root / "bench").mkdir(parents=True, exist_ok=True)
    for label, (_path, body, _q) in pages.items():
        (static_root / "bench" / f"{slug(label)}.html").write_bytes(body)  # WhiteNoise indexes files at start

    with Server(env, workers=args.workers, threads=args.threads) as server:
        for label, (path, body, queries) in pages.items():
            static_path = f"/static/bench/{slug(label)}.html"
            status, static_body = request("GET", server.port, static_path)
            if status != 200 or static_body != body:
                log(f"{label}: static copy not served identically ({status})")
            for mode, headers in (("cached", None), ("uncached", signed_in)):
                for p, h in ((path, headers), (static_path, None)):  # warm-up
                    load(server.port, p, clients=args.clients, total=20, seconds=5, headers=h)
                # page and static file alternate in `--rounds` slices, so a drift in the machine's speed
                # (other processes, CPU frequency) falls on both sides of the ratio alike
                dynamic, static = LoadResult(), LoadResult()
                for _ in range(args.rounds):
                    for into, p, h in ((dynamic, path, headers), (static, static_path, None)):
                        part = load(server.port, p, clients=args.clients, total=args.requests // args.rounds,
                                    seconds=args.seconds / args.rounds, headers=h)
                        into.latencies += part.latencies
                        into.errors += part.errors
                        into.seconds += part.seconds
                print(json.dumps({
                    "page": label,
                    "mode": mode,
                    "req_s": round(dynamic.req_s, 1),
                    "static_req_s": round(static.req_s, 1),
                    "ratio": round(static.req_s / dynamic.req_s, 2) if dynamic.req_s else None,
                    "p50_ms": round(dynamic.pct(50), 1),
                    "p95_ms": round(dynamic.pct(95), 1),
                    "queries": queries,
                    "bytes_gz": len(gzip.compress(body)),
                    "errors": dynamic.errors,
                    "clients": args.clients,
                }, ensure_ascii=False), flush=True)


def slug(label: str) -> str:
    return label.translate(str.maketrans("åäö", "aao"))


if __name__ == "__main__":
    main()
