"""Deadline-day benchmark: 50 controllers saving forecast cells while 450 viewers read.

Uses the bench database and gunicorn setup of `bench/pages.py` (production settings, PostgreSQL).
Creates 50 controllers (each assigned one unit) and 450 viewers, opens a follow-up round, signs them
all in by creating sessions directly (no 500 password hashes), then runs a bounded threaded load:
each controller alternately saves its cell through the htmx endpoint (`followup:forecast_cell`) and
sends a CSRF-protected no-op POST (`ops:noop`) — the baseline that isolates the cost of the save
itself from login, CSRF and session handling — with 1–3 s think time.

Viewers behave like people reading reports on a deadline day, not like a polling script: each
request picks a page by weight (VIEWER_MIX: mostly the dashboards, some the round overview and a
förvaltning's forecast grid) and then reads it for 15–45 s (uniform; mean 30 s) before the next.
Their first request is spread over one think time, so the run starts in a steady state instead of
450 simultaneous arrivals. A client whose keep-alive connection has been idle longer than the
server's keep-alive opens a new one first, as a browser does.

Prints one JSON line: p50/p95 of a cell save, of the no-op POST, their ratios, of viewer reads
(all, and per page), and errors (any non-2xx, including 409 conflicts, which should not occur on
one's own cell).

Usage: .venv/bin/python bench/forecast_save.py [--seconds 60] [--controllers 50] [--viewers 450]
       [--workers 2] [--threads 4] [--viewer-think 15 45] [--skip-setup]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import string
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pages import BASE_DIR, HOST, Server, log, prepare_database, production_env, request

#: What a viewer opens, by weight: people mostly follow the dashboards (översikt first), some look
#: at the round's progress per förvaltning and at one förvaltning's forecast grid.
VIEWER_DASHBOARDS = [
    ("översikt", "dashboards:overview"),
    ("driftsammandrag", "dashboards:operating_summary"),
    ("investeringar", "dashboards:investments"),
    ("måluppfyllelse", "dashboards:goals"),
]
VIEWER_MIX = {"översikt": 35, "driftsammandrag": 20, "investeringar": 10, "måluppfyllelse": 10,
              "uppföljning": 10, "prognostabell": 15}
KEEP_ALIVE = 30  # gunicorn --keep-alive (pages.Server); a client idle longer reconnects first


def setup_users(env: dict[str, str], controllers: int, viewers: int) -> dict:
    """Users, assignments, an open round and a session cookie per user; returns what the clients need."""
    os.environ.update(env)
    sys.path.insert(0, str(BASE_DIR))
    import django

    django.setup()
    from datetime import date, timedelta

    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from django.urls import NoReverseMatch, reverse

    from budgetapp.accounts.models import NodeAssignment, Role, User
    from budgetapp.budget.models import Figure, PeriodKind
    from budgetapp.followup import services
    from budgetapp.followup.models import FollowUpRound
    from budgetapp.followup.selectors import measure_for
    from budgetapp.organisation.models import NodeKind, OrgNode

    year = OrgNode.objects.filter(kind=NodeKind.MUNICIPALITY).order_by("-year").values_list("year", flat=True)[0]
    admin, _ = User.objects.get_or_create(username="bench-admin", defaults={"role": Role.ADMIN})
    rnd = FollowUpRound.objects.filter(year=year, period=PeriodKind.OCTOBER, is_open=True).first()
    if rnd is None:
        FollowUpRound.objects.filter(year=year, period=PeriodKind.OCTOBER).delete()
        rnd = services.open_round(user=admin, year=year, period=PeriodKind.OCTOBER,
                                  deadline=date.today() + timedelta(days=14))
    units = list(OrgNode.objects.filter(year=year, kind=NodeKind.UNIT).select_related("parent__parent")
                 .order_by("code")[:controllers])
    admins = list(OrgNode.objects.filter(year=year, kind=NodeKind.ADMINISTRATION).order_by("code"))
    dashboards = {}
    for label, name in VIEWER_DASHBOARDS:
        try:
            dashboards[label] = reverse(name)
        except NoReverseMatch:
            log(f"{label}: no such page yet, left out of the viewer mix")

    def session_for(user) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    ctl_clients, viewer_clients = [], []
    for i, unit in enumerate(units):
        user, _ = User.objects.get_or_create(username=f"bench-ctl-{i}", defaults={"role": Role.CONTROLLER})
        NodeAssignment.objects.get_or_create(user=user, node=unit)
        root = unit.parent.parent  # the förvaltning: the grid the controller works in
        ctl_clients.append({
            "session": session_for(user),
            "save": reverse("followup:forecast_cell", kwargs={"round_id": rnd.pk, "root_id": root.pk,
                                                              "node_id": unit.pk}),
        })
    for i in range(viewers):
        user, _ = User.objects.get_or_create(username=f"bench-viewer-{i}", defaults={"role": Role.VIEWER})
        root = admins[i % len(admins)]
        pages = {**dashboards,
                 "uppföljning": reverse("followup:round_detail", kwargs={"round_id": rnd.pk}),
                 "prognostabell": reverse("followup:grid", kwargs={"round_id": rnd.pk, "node_id": root.pk})}
        viewer_clients.append({"session": session_for(user), "pages": pages})
    # the version of exactly the figure the cell saves (net measure of the round's period and month)
    current = {(f.node_id, f.measure): f.version for f in Figure.objects.filter(
        node__in=units, year=year, basis_year=year, period=rnd.period, month=rnd.month, scenario="forecast",
        line_label="", source_document__isnull=True)}
    for unit, client in zip(units, ctl_clients, strict=True):
        client["version"] = current.get((unit.pk, measure_for(unit)), 0)
    connection.close()
    return {"controllers": ctl_clients, "viewers": viewer_clients, "noop": reverse("ops:noop"),
            "session_cookie": settings.SESSION_COOKIE_NAME, "csrf_cookie": settings.CSRF_COOKIE_NAME}


def percentile(values: list[float], p: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))] * 1000, 1)


def run(port: int, plan: dict, seconds: float, max_requests: int, viewer_think: tuple[float, float]) -> dict:
    lock = threading.Lock()
    samples: dict[str, list[float]] = {"save": [], "noop": [], "read": []}
    by_page: dict[str, list[float]] = {}
    errors: dict[str, int] = {}
    budget = [max_requests]
    deadline = time.monotonic() + seconds
    origin = f"https://{HOST}"  # the Host header the clients send (a TLS proxy in front, no port)

    def record(kind: str, status: int | str, elapsed: float, page: str = "") -> None:
        with lock:
            if isinstance(status, int) and 200 <= status < 300:
                samples[kind].append(elapsed)
                if page:
                    by_page.setdefault(page, []).append(elapsed)
            else:
                errors[f"{page or kind}:{status}"] = errors.get(f"{page or kind}:{status}", 0) + 1

    def take() -> bool:
        with lock:
            budget[0] -= 1
            return budget[0] >= 0 and time.monotonic() < deadline

    def pause(wanted: float) -> None:
        """Think time, cut short at the end of the run."""
        time.sleep(max(0.0, min(wanted, deadline - time.monotonic())))

    def client(profile: dict, role: str) -> None:
        rng = random.Random()
        token = "".join(rng.choices(string.ascii_letters + string.digits, k=32))
        cookies = f"{plan['session_cookie']}={profile['session']}; {plan['csrf_cookie']}={token}"
        headers = {"Cookie": cookies}
        post_headers = {**headers, "X-CSRFToken": token, "Origin": origin, "HX-Request": "true",
                        "Content-Type": "application/x-www-form-urlencoded"}
        conn = http.client.HTTPConnection(HOST, port, timeout=60)
        last_used = time.monotonic()
        if role == "controller":
            pause(rng.uniform(0, 2))  # controllers don't all arrive in the same millisecond
        else:
            pause(rng.uniform(0, viewer_think[1]))  # viewers already reading: a steady state
            pages = [p for p in VIEWER_MIX if p in profile["pages"]]
            weights = [VIEWER_MIX[p] for p in pages]
        while take():
            if time.monotonic() - last_used > KEEP_ALIVE - 2:  # the server has closed it: reconnect
                conn.close()
                conn = http.client.HTTPConnection(HOST, port, timeout=60)
            calls = ("save", "noop") if role == "controller" else ("read",)
            for kind in calls:
                page = rng.choices(pages, weights)[0] if kind == "read" else ""
                started = time.perf_counter()
                try:
                    if kind == "read":
                        status, _ = request("GET", port, profile["pages"][page], headers, conn=conn)
                    elif kind == "noop":
                        status, _ = request("POST", port, plan["noop"], post_headers, body=b"", conn=conn)
                    else:
                        amount = rng.randint(1000, 90000)
                        body = f"amount={amount}&version={profile['version']}".encode()
                        status, _ = request("POST", port, profile["save"], post_headers, body=body, conn=conn)
                        if status == 200:
                            profile["version"] += 1
                except (OSError, http.client.HTTPException) as exc:
                    conn.close()
                    conn = http.client.HTTPConnection(HOST, port, timeout=60)
                    status = type(exc).__name__
                record(kind, status, time.perf_counter() - started, page)
            last_used = time.monotonic()
            pause(rng.uniform(1.0, 3.0) if role == "controller" else rng.uniform(*viewer_think))
        conn.close()

    threads = [threading.Thread(target=client, args=(c, "controller")) for c in plan["controllers"]]
    threads += [threading.Thread(target=client, args=(v, "viewer")) for v in plan["viewers"]]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)
    save50, noop50 = percentile(samples["save"], 50), percentile(samples["noop"], 50)
    save95, noop95 = percentile(samples["save"], 95), percentile(samples["noop"], 95)
    return {
        "controllers": len(plan["controllers"]), "viewers": len(plan["viewers"]), "seconds": seconds,
        "viewer_think_s": list(viewer_think),
        "saves": len(samples["save"]), "save_p50_ms": save50, "save_p95_ms": save95,
        "noop_p50_ms": noop50, "noop_p95_ms": noop95,
        "save_to_noop_p50": round(save50 / noop50, 2) if save50 and noop50 else None,
        "save_to_noop_p95": round(save95 / noop95, 2) if save95 and noop95 else None,
        "reads": len(samples["read"]), "read_p50_ms": percentile(samples["read"], 50),
        "read_p95_ms": percentile(samples["read"], 95),
        "reads_by_page": {page: {"n": len(v), "p50_ms": percentile(v, 50), "p95_ms": percentile(v, 95)}
                          for page, v in sorted(by_page.items())},
        "errors": sum(errors.values()), "error_kinds": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="duration bound")
    parser.add_argument("--max-requests", type=int, default=20000, help="request bound")
    parser.add_argument("--controllers", type=int, default=50)
    parser.add_argument("--viewers", type=int, default=450)
    parser.add_argument("--viewer-think", type=float, nargs=2, default=(15.0, 45.0), metavar=("MIN", "MAX"),
                        help="seconds a viewer reads a page before the next (uniform)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn gthread worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per worker")
    parser.add_argument("--skip-setup", action="store_true")
    args = parser.parse_args()
    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/budgetapp_bench")
    env = production_env(database_url)
    if not args.skip_setup:
        prepare_database(env, int(os.environ.get("BENCH_UNITS", 300)), int(os.environ.get("BENCH_YEARS", 3)))
    plan = setup_users(env, args.controllers, args.viewers)
    log(f"{len(plan['controllers'])} controllers, {len(plan['viewers'])} viewers; running {args.seconds:.0f} s "
        f"on gunicorn {args.workers} workers × {args.threads} threads")
    with Server(env, workers=args.workers, threads=args.threads) as server:
        result = run(server.port, plan, args.seconds, args.max_requests, tuple(args.viewer_think))
        result["server"] = f"gthread {args.workers}×{args.threads}"
        print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
