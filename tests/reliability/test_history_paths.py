"""History across every write path (issue 6): a forecast figure written through the web form, the htmx
cell, an Excel upload, the Django admin and the importer records who, when, old and new in
`budget.FigureChange`, with the path in `via` — 5/5 paths.

Each path is driven the way a user would: HTTP requests through the real views (forms, htmx header,
multipart upload, admin change form) and the import service with a corrected document.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from budgetapp.accounts.models import NodeAssignment, Role
from budgetapp.budget.models import ChangeSource, Figure, FigureChange, PeriodKind, Scenario
from budgetapp.followup import services as followup
from budgetapp.followup.models import FollowUpRound
from budgetapp.imports import services as imports
from budgetapp.imports.parsing.extraction import DocumentInfo, Extraction, Table, TableRow
from tests.factories import FigureFactory, UserFactory, small_municipality

pytestmark = pytest.mark.django_db

PATHS = [ChangeSource.WEB_FORM, ChangeSource.HTMX_CELL, ChangeSource.EXCEL, ChangeSource.ADMIN,
         ChangeSource.IMPORT]


@dataclass
class Written:
    """What a path wrote: the figure, by whom, and the amounts before and after."""

    figure: Figure
    user: object
    old: Decimal
    new: Decimal


@pytest.fixture
def world(db, settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    org = small_municipality(2024)
    FigureFactory(node=org["stab_a"], amount=Decimal("10000"))  # budget
    controller = UserFactory(username="ctl_hist", role=Role.CONTROLLER, first_name="Carl")
    NodeAssignment.objects.create(user=controller, node=org["stab_a"])
    admin = UserFactory(username="adm_hist", role=Role.ADMIN, is_staff=True, is_superuser=True)
    rnd = FollowUpRound.objects.create(year=2024, period=PeriodKind.INTERIM, deadline=dt.date(2024, 9, 13),
                                       opened_by=admin)
    # The forecast every round path edits: 10 100 tkr, version 1, entered earlier by the admin.
    figure = followup.save_forecast(rnd=rnd, node=org["stab_a"], user=admin, amount=Decimal("10100"),
                                    expected_version=0)
    return {"org": org, "rnd": rnd, "controller": controller, "admin": admin, "figure": figure}


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _cell_url(w) -> str:
    return reverse("followup:forecast_cell", args=[w["rnd"].pk, w["org"]["klf"].pk, w["org"]["stab_a"].pk])


def _current(w) -> tuple[Decimal, int]:
    """The round forecast's amount and version as the user's page would show them now."""
    w["figure"].refresh_from_db()
    return w["figure"].amount, w["figure"].version


def write_web_form(w) -> Written:
    """The grid's cell form submitted as a plain form (no HX-Request header, JavaScript off)."""
    old, version = _current(w)
    response = _client(w["controller"]).post(_cell_url(w), {"amount": "10 200", "version": version})
    assert response.status_code == 302, response.status_code
    return Written(w["figure"], w["controller"], old, Decimal("10200"))


def write_htmx_cell(w) -> Written:
    old, version = _current(w)
    response = _client(w["controller"]).post(_cell_url(w), {"amount": "10,3 mnkr", "version": version},
                                             HTTP_HX_REQUEST="true")
    assert response.status_code == 200, response.content.decode()[:500]
    return Written(w["figure"], w["controller"], old, Decimal("10300"))


def write_excel(w) -> Written:
    old, _version = _current(w)  # the downloaded sheet carries the version
    client = _client(w["controller"])
    rnd, klf, node = w["rnd"], w["org"]["klf"], w["org"]["stab_a"]
    sheet = client.get(reverse("followup:excel_download", args=[rnd.pk, klf.pk]))
    wb = openpyxl.load_workbook(io.BytesIO(sheet.content))
    ws = wb["Prognos"]
    header = [c.value for c in ws[3]]
    row = next(r for r in ws.iter_rows(min_row=4) if r[0].value == node.pk)
    row[header.index("Prognos helår (tkr)")].value = 10400
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "prognos.xlsx"
    response = client.post(reverse("followup:excel_upload", args=[rnd.pk, klf.pk]), {"file": out})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Written(w["figure"], w["controller"], old, Decimal("10400"))


def write_admin(w) -> Written:
    """FigureAdmin's change form, posted with every field as the page shows it and a new amount."""
    old, _version = _current(w)
    client = _client(w["admin"])
    url = reverse("admin:budget_figure_change", args=[w["figure"].pk])
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None or value is False:
            continue
        data[name] = value
    data["amount"] = "10500"
    data["_save"] = "Spara"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    return Written(w["figure"], w["admin"], old, Decimal("10500"))


def _forecast_document(amount: str) -> Extraction:
    """A delårsrapport whose driftsammandrag has a 'Prognos 2024' column (tkr)."""
    info = DocumentInfo(kind="interim_report", title="Delårsrapport 2024 – kommunstyrelsen",
                        organisation="Kommunstyrelsen", year=2024, first_line=1, last_line=100)
    table = Table(kind="operating_summary", title="Driftsammandrag", unit="tkr", page_or_line=10,
                  columns=["Budget 2024", "Prognos 2024"],
                  rows=[TableRow("Ekonomistaben", [Decimal("10000"), Decimal(amount)], line=12)])
    return Extraction(document=info, documents=[info], tables=[table], goals=[])


def write_importer(w) -> Written:
    """The import service: a document, then a corrected version of it with a new forecast."""
    imports.import_extraction(_forecast_document("10600"), file_name="delar.txt", sha256="a" * 64)
    outcome = imports.import_extraction(_forecast_document("10700"), file_name="delar-rattad.txt",
                                        sha256="b" * 64, user=w["admin"])
    assert outcome.status == "imported"
    figure = Figure.objects.get(node=w["org"]["stab_a"], scenario=Scenario.FORECAST, year=2024,
                                source_document=outcome.documents[0])
    return Written(figure, w["admin"], Decimal("10600"), Decimal("10700"))


WRITERS = {ChangeSource.WEB_FORM: write_web_form, ChangeSource.HTMX_CELL: write_htmx_cell,
           ChangeSource.EXCEL: write_excel, ChangeSource.ADMIN: write_admin, ChangeSource.IMPORT: write_importer}


def _check_history(written: Written, via: str, started: dt.datetime) -> None:
    written.figure.refresh_from_db()
    assert written.figure.scenario == Scenario.FORECAST
    assert written.figure.amount == written.new
    change = FigureChange.objects.filter(figure=written.figure).latest("id")
    assert change.via == via
    assert change.changed_by == written.user  # who
    assert started <= change.changed_at <= timezone.now()  # when
    assert (change.old_amount, change.new_amount) == (written.old, written.new)  # old → new
    assert change.node_id == written.figure.node_id


@pytest.mark.parametrize("via", PATHS)
def test_write_path_records_who_when_old_and_new(world, via):
    started = timezone.now()
    before = FigureChange.objects.count()
    written = WRITERS[via](world)
    _check_history(written, via, started)
    trail = list(FigureChange.objects.filter(figure=written.figure).order_by("id")
                 .values_list("old_amount", "new_amount"))
    if via == ChangeSource.IMPORT:  # the first import (None → 10 600), then the correction
        assert trail == [(None, Decimal("10600")), (Decimal("10600"), Decimal("10700"))]
        assert FigureChange.objects.count() - before == 3  # + the document's budget figure, imported once
    else:  # the fixture's first save (None → 10 100), then exactly one row for this write
        assert trail == [(None, Decimal("10100")), (Decimal("10100"), written.new)]
        assert FigureChange.objects.count() - before == 1


def test_all_five_paths_on_one_database(world):
    """The five paths one after another on one cell (the importer on its document's figure): every
    one of them leaves its own history row — 5/5."""
    started = timezone.now()
    for via in PATHS:
        _check_history(WRITERS[via](world), via, started)
    round_figure = world["figure"]
    trail = list(FigureChange.objects.filter(figure=round_figure, changed_at__gte=started).order_by("id")
                 .values_list("via", "old_amount", "new_amount"))
    assert trail == [
        (ChangeSource.WEB_FORM, Decimal("10100"), Decimal("10200")),
        (ChangeSource.HTMX_CELL, Decimal("10200"), Decimal("10300")),
        (ChangeSource.EXCEL, Decimal("10300"), Decimal("10400")),
        (ChangeSource.ADMIN, Decimal("10400"), Decimal("10500")),
    ]
    vias = set(FigureChange.objects.filter(changed_at__gte=started).values_list("via", flat=True))
    assert vias == set(PATHS), f"{len(vias)}/5 paths recorded history: {sorted(vias)}"
    # The round's history page shows the four round writes with who did them.
    page = _client(world["admin"]).get(reverse("followup:history", args=[world["rnd"].pk,
                                                                         world["org"]["stab_a"].pk]))
    html = page.content.decode()
    for label in ("Webbformulär", "Cell i tabell", "Excel-uppladdning", "Administration"):
        assert label in html, label
