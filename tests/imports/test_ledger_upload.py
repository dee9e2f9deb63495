"""Upload page: a ledger file without a saved mapping gets the columns its header suggests, marked for checking."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from budgetapp.imports.models import ImportJob, LedgerMapping
from tests.factories import UserFactory, small_municipality

from . import ledger_exports as le

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    nodes = small_municipality(le.YEAR)
    for key, code in (("stab_a", "0123"), ("stab_b", "4100"), ("vss", "5200")):
        nodes[key].code = code
        nodes[key].save()
    client.force_login(UserFactory(username="ekonom", role="admin"))
    return client


def test_no_mapping_uses_the_suggestion_and_asks_to_check_it(admin_client, django_capture_on_commit_callbacks):
    export = le.visma_tab_debit_credit()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse("imports:upload"), {
            "file": SimpleUploadedFile(export.name, export.data), "kind": "ledger", "mapping_name": "Visma"})
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == "parsed", job.error
    assert job.ledger_options["suggested"] is True
    assert job.ledger_options["debit_column"] == "Debet" and job.ledger_options["org_code_column"] == "Kostnadsställe"
    assert any("föreslogs" in w["message"] for w in job.warnings)
    page = admin_client.get(reverse("imports:job_detail", args=[job.pk])).content.decode()
    assert "Kolumnerna föreslogs utifrån rubrikraden" in page
    saved = LedgerMapping.objects.get(name="Visma")
    assert (saved.org_code_column, saved.period_column, saved.amount_column) == (
        "Kostnadsställe", "Bokföringsperiod", "")


def test_a_typed_column_the_file_lacks_is_an_error_naming_it(admin_client, django_capture_on_commit_callbacks):
    export = le.agresso_cp1252()
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(reverse("imports:upload"), {
            "file": SimpleUploadedFile(export.name, export.data), "kind": "ledger", "amount_column": "Summa kr"})
    job = ImportJob.objects.get()
    assert job.status == "failed" and "Summa kr" in job.error and job.error_line == 6
