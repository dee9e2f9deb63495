"""What every response must carry, as one function both crawling tests use."""

from __future__ import annotations


def csp_directive(policy: str, name: str) -> str | None:
    for part in policy.split(";"):
        tokens = part.strip().split()
        if tokens and tokens[0].lower() == name:
            return " ".join(tokens[1:])
    return None


def missing_headers(response) -> list[str]:
    """Names of the required security headers this response lacks (empty list = compliant)."""
    missing = []
    if "max-age=" not in response.headers.get("Strict-Transport-Security", ""):
        missing.append("Strict-Transport-Security")
    policy = response.headers.get("Content-Security-Policy", "")
    if not policy:
        missing.append("Content-Security-Policy")
    else:
        if csp_directive(policy, "frame-ancestors") is None:
            missing.append("CSP frame-ancestors")
        scripts = csp_directive(policy, "script-src")
        if scripts is None:
            scripts = csp_directive(policy, "default-src")
        if scripts is None or "'unsafe-inline'" in scripts or "*" in scripts.split():
            missing.append("CSP script-src without 'unsafe-inline'")
    if response.headers.get("X-Content-Type-Options", "").lower() != "nosniff":
        missing.append("X-Content-Type-Options")
    if not response.headers.get("Referrer-Policy"):
        missing.append("Referrer-Policy")
    return missing
