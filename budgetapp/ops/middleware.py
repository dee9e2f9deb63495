"""Security headers on every response, whatever produced it.

Django's SecurityMiddleware sends Strict-Transport-Security only on requests it sees as HTTPS. Behind
a TLS-terminating proxy that forgets X-Forwarded-Proto, or on the load balancer's plain-HTTP health
probe, the header would silently disappear; browsers ignore HSTS received over plain HTTP anyway, so
always sending it costs nothing and makes "every response carries HSTS" hold and testable. This
middleware sits outermost so it also covers WhiteNoise's static responses and error pages.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase


def hsts_value() -> str:
    """The Strict-Transport-Security value built from the SECURE_HSTS_* settings."""
    value = f"max-age={settings.SECURE_HSTS_SECONDS}"
    if settings.SECURE_HSTS_INCLUDE_SUBDOMAINS:
        value += "; includeSubDomains"
    if settings.SECURE_HSTS_PRELOAD:
        value += "; preload"
    return value


class SecurityHeadersMiddleware:
    """Adds HSTS, nosniff and Referrer-Policy where an inner layer did not."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if settings.SECURE_HSTS_SECONDS:
            response.headers.setdefault("Strict-Transport-Security", hsts_value())
        if settings.SECURE_CONTENT_TYPE_NOSNIFF:
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if settings.SECURE_REFERRER_POLICY:
            response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        return response
