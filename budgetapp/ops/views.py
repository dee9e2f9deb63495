"""Operational endpoints: health for the load balancer, a no-op POST for benchmarks, lockout page."""

from __future__ import annotations

from axes.helpers import get_cool_off
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from budgetapp.accounts.rules import is_budget_admin

from .health import run_probes


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """200 {"status": "ok"} or 503; only budget admins see which dependency failed and timings.

    Anonymous callers (the load balancer) learn nothing about the infrastructure behind the app.
    """
    results = run_probes()
    healthy = all(r.ok for r in results)
    body: dict[str, object] = {"status": "ok" if healthy else "unavailable"}
    if is_budget_admin(request.user):
        body["checks"] = {r.name: r.as_dict() for r in results}
    return JsonResponse(body, status=200 if healthy else 503)


@login_required
@require_POST
def noop(request: HttpRequest) -> HttpResponse:
    """Does nothing behind login + CSRF: the baseline a forecast cell save is compared with in bench/."""
    return HttpResponse(status=204)


def lockout(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """django-axes lockout: 429 with the Swedish page, whatever the client asked for.

    Replaces axes' XHR branch, which answers JSON with a wildcard CORS header and the username.
    """
    response = render(request, "registration/lockout.html", status=429)
    cool_off = get_cool_off(request)
    if cool_off:
        response["Retry-After"] = str(max(1, int(cool_off.total_seconds())))
    return response
