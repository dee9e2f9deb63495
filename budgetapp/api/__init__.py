"""Read-only open data API (django-ninja) under /api/v1/."""
