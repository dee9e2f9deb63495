"""Celery application. Without CELERY_BROKER_URL tasks run in-process (settings decide)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "budgetapp.settings")

app = Celery("budgetapp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
