"""Import pages: admin-only, upload keeps input on failure, progress polling, preview, confirm, history."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budgetapp.budget.models import Figure
from budgetapp.imports.models import ImportJob
from tests.factories import UserFactory, small_municipality

from .test_cli import SNIPPET

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(username="admin", role="admin"))
    return client


@pytest.mark.parametrize("name", ["job_list", "upload"])
def test_only_admins_reach_the_pages(client, name):
    url = reverse(f"imports:{name}")
    assert client.get(url).status_code == 302  # anonymous → login
    client.force_login(UserFactory(username="viewer", role="viewer"))
    assert client.get(url).status_code == 403
    client.force_login(UserFactory(username="controller", role="controller"))
    assert client.get(url).status_code == 403


def test_rejected_upload_keeps_what_was_typed(admin_client):
    response = admin_client.post(reverse("imports:upload"), {
        "file": SimpleUploadedFile("bild.docx", b"\x89PNG\r\n\x1a\n" + b"x" * 100), "kind": "ledger",
        "mapping_name": "Min mappning", "org_code_column": "Kst"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "bild.docx: filen är en PNG-bild" in html
    assert 'value="Min mappning"' in html and 'value="Kst"' in html
    assert 'aria-invalid="true"' in html
    assert not ImportJob.objects.exists()


def test_upload_preview_confirm_and_history(admin_client, django_capture_on_commit_callbacks):
    small_municipality(2021)
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("imports:upload"), {
            "file": SimpleUploadedFile("vss2021.txt", SNIPPET.encode()), "kind": "document"})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("imports:job_detail", args=[job.pk])
    assert job.status == "parsed", job.error
    page = admin_client.get(response["Location"]).content.decode()
    assert "Det här kommer att ändras" in page and "Driftsammandrag" in page
    assert "<script>" not in page and "style=" not in page
    assert job.preview["documents"][0]["figures"]["new"] > 0
    assert not Figure.objects.exists()  # nothing written before confirmation
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("imports:confirm", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == "imported" and job.progress == 100
    assert Figure.objects.filter(source_document=job.source_document).exists()
    history = admin_client.get(reverse("imports:job_list")).content.decode()
    assert "vss2021.txt" in history and "admin" in history and "nya" in history


def test_progress_partial_polls_while_running(admin_client):
    job = ImportJob.objects.create(file_name="a.txt", content=b"x", sha256="0" * 64, status="parsing", progress=40)
    url = reverse("imports:job_detail", args=[job.pk])
    html = admin_client.get(url).content.decode()
    assert 'hx-trigger="every 1s"' in html and "<progress" in html and 'value="40"' in html
    assert "htmx-2.min.js" in html
    partial = admin_client.get(url, HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and "HX-Refresh" not in partial
    ImportJob.objects.filter(pk=job.pk).update(status="parsed", progress=100)
    done = admin_client.get(url, HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true" and "every 1s" not in done.content.decode()


def test_confirm_requires_post_and_admin(client):
    job = ImportJob.objects.create(file_name="a.txt", content=b"x", sha256="0" * 64, status="parsed")
    client.force_login(UserFactory(username="viewer2", role="viewer"))
    assert client.post(reverse("imports:confirm", args=[job.pk])).status_code == 403
