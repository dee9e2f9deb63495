"""In-process cost of one forecast cell save versus the CSRF-protected no-op POST.

The same database, settings and users as `bench/forecast_save.py` (production settings, PostgreSQL,
a 300-unit kommun, an open oktober round, controllers signed in by a session), but no server and no
concurrency: the Django test client sends one request at a time, so the figures are the request's
own cost (Python + its SQL round trips), not queueing. Alternates an htmx cell save of the
controller's own unit and a no-op POST, `--requests` of each after a few warm-up rounds, and
prints one JSON line: median and p90 wall ms, median CPU ms, SQL queries per request (counted on
a separate request, so counting does not slow the timed ones), the answer's size and the ratio
save/no-op. `--pause` puts an idle gap before each timed request: back to back (the default) every
cache and the database backend stay warm; after a gap of a few tens of ms both requests are slower
(on this VM the no-op proportionally more), which is closer to a server's traffic.

Usage: BENCH_DATABASE_URL=postgres://…/helper_save .venv/bin/python bench/cell_save.py
       [--requests 40] [--pause 0.02] [--skip-setup]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from forecast_save import setup_users
from pages import HOST, log, prepare_database, production_env


def measure(requests: int, plan: dict, pause: float = 0.0) -> dict:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    profile = plan["controllers"][0]
    token = "a" * 32
    client = Client(enforce_csrf_checks=True, HTTP_HOST=HOST, HTTP_X_FORWARDED_PROTO="https",
                    HTTP_ORIGIN=f"https://{HOST}")
    client.cookies[plan["session_cookie"]] = profile["session"]
    client.cookies[plan["csrf_cookie"]] = token
    headers = {"HTTP_X_CSRFTOKEN": token, "HTTP_HX_REQUEST": "true"}
    version = [profile["version"]]
    amount = [1000]

    def save():
        amount[0] += 1
        response = client.post(profile["save"], {"amount": str(amount[0]), "version": version[0]}, **headers)
        assert response.status_code == 200, (response.status_code, response.content[:500])
        version[0] += 1
        return response

    def noop():
        response = client.post(plan["noop"], {}, **headers)
        assert response.status_code == 204, response.status_code
        return response

    def timed(call) -> tuple[float, float]:
        time.sleep(pause)  # an idle gap before the request, as between real users' requests
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000

    for _ in range(5):  # warm-up: imports, caches, prepared plans
        save()
        noop()
    samples: dict[str, list[tuple[float, float]]] = {"save": [], "noop": []}
    for _ in range(requests):
        samples["save"].append(timed(save))
        samples["noop"].append(timed(noop))
    counts, size = {}, 0
    for name, call in (("save", save), ("noop", noop)):
        with CaptureQueriesContext(connection) as ctx:
            response = call()
        counts[name] = len(ctx.captured_queries)
        if name == "save":
            size = len(response.content)
            queries = [q["sql"][:160] for q in ctx.captured_queries]

    def summary(name: str) -> dict:
        wall = [w for w, _ in samples[name]]
        cpu = [c for _, c in samples[name]]
        ordered = sorted(wall)
        return {"p50_ms": round(statistics.median(wall), 2), "p90_ms": round(ordered[int(0.9 * (len(wall) - 1))], 2),
                "cpu_p50_ms": round(statistics.median(cpu), 2), "queries": counts[name]}

    save_s, noop_s = summary("save"), summary("noop")
    return {"requests": requests, "pause_s": pause, "save": save_s, "noop": noop_s, "save_bytes": size,
            "save_to_noop_p50": round(save_s["p50_ms"] / noop_s["p50_ms"], 2), "save_queries": queries}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40, help="timed saves (and as many no-op POSTs)")
    parser.add_argument("--pause", type=float, default=0.0,
                        help="idle seconds before each timed request (0: back to back, all caches warm)")
    parser.add_argument("--skip-setup", action="store_true")
    parser.add_argument("--show-queries", action="store_true", help="also print the SQL of one save")
    args = parser.parse_args()
    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/budgetapp_bench")
    env = production_env(database_url)
    if not args.skip_setup:
        prepare_database(env, int(os.environ.get("BENCH_UNITS", 300)), int(os.environ.get("BENCH_YEARS", 3)))
    plan = setup_users(env, 1, 0)  # also runs django.setup() with the production environment
    log(f"in-process: {args.requests} cell saves and no-op POSTs, one at a time")
    result = measure(args.requests, plan, args.pause)
    queries = result.pop("save_queries")
    print(json.dumps(result, ensure_ascii=False), flush=True)
    if args.show_queries:
        for sql in queries:
            print("  ", sql, file=sys.stderr)


if __name__ == "__main__":
    main()
