"""Probes of the services the app needs: database, cache and Celery broker.

Each probe is bounded in time so a load balancer's health check cannot hang on a dead dependency.
Errors are reported by exception class only: messages can carry host names and credentials.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection

BROKER_TIMEOUT_SECONDS = 2.0


@dataclass(frozen=True)
class ProbeResult:
    name: str
    ok: bool
    ms: float
    error: str = ""

    def as_dict(self) -> dict[str, object]:
        data: dict[str, object] = {"ok": self.ok, "ms": round(self.ms, 1)}
        if self.error:
            data["error"] = self.error
        return data


def probe_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        if cursor.fetchone() != (1,):
            raise RuntimeError("unexpected answer")


def probe_cache() -> None:
    key = f"ops:health:{uuid.uuid4().hex}"
    token = uuid.uuid4().hex
    cache.set(key, token, timeout=10)
    try:
        if cache.get(key) != token:
            raise RuntimeError("cache did not return the value written")
    finally:
        cache.delete(key)


def probe_broker() -> None:
    from budgetapp.celery import app

    with app.connection_for_write(connect_timeout=BROKER_TIMEOUT_SECONDS) as conn:
        conn.ensure_connection(max_retries=0, timeout=BROKER_TIMEOUT_SECONDS)


PROBES: dict[str, Callable[[], None]] = {
    "database": probe_database,
    "cache": probe_cache,
    "broker": probe_broker,
}


def run_probes() -> list[ProbeResult]:
    """Run every probe; a failing probe never raises, it reports."""
    results = []
    for name, probe in PROBES.items():
        started = time.perf_counter()
        try:
            probe()
        except Exception as exc:  # a health check reports any failure
            results.append(ProbeResult(name, False, (time.perf_counter() - started) * 1000,
                                       exc.__class__.__name__))
        else:
            results.append(ProbeResult(name, True, (time.perf_counter() - started) * 1000))
    return results
