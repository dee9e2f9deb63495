"""The cheap cell save: a constant number of queries whatever the sheet's size, and the same answer
(cell, avvikelse, sum rows) as the grid computes for the whole sheet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from budgetapp.accounts.models import Role
from budgetapp.budget.models import Figure, FigureChange, Measure, PeriodKind, Scenario
from budgetapp.core.money import format_tkr
from budgetapp.followup import cells, selectors, selectors_cell, services
from budgetapp.followup.models import DeviationComment, FollowUpRound, NodeRoundStatus, NodeStatus
from budgetapp.organisation.models import NodeKind, OrgNode
from tests.factories import NodeAssignmentFactory, OrgNodeFactory, SourceDocumentFactory, UserFactory

pytestmark = pytest.mark.django_db


def kommun(units: int, year: int) -> dict:
    """nämnd → förvaltning → 3 områden → `units` enheter with budget, utfall and a forecast each (bulk)."""
    ks = OrgNodeFactory(year=year, name=f"Nämnd {year}", kind=NodeKind.COMMITTEE)
    forv = OrgNodeFactory(year=year, name=f"Förvaltning {year}", kind=NodeKind.ADMINISTRATION, parent=ks)
    areas = [OrgNodeFactory(year=year, name=f"Område {i}", kind=NodeKind.OPERATIONAL_AREA, parent=forv)
             for i in range(3)]
    OrgNode.objects.bulk_create([OrgNode(year=year, name=f"Enhet {i}", kind=NodeKind.UNIT, parent=areas[i % 3])
                                 for i in range(units)])
    unit_ids = list(OrgNode.objects.filter(year=year, kind=NodeKind.UNIT).order_by("id").values_list("id", flat=True))
    rnd = FollowUpRound.objects.create(year=year, period=PeriodKind.TERTIAL_1, deadline=dt.date(year, 5, 1))
    figures = []
    for i, uid in enumerate(unit_ids):
        common = {"node_id": uid, "year": year, "basis_year": year, "measure": Measure.NET_COST}
        figures += [Figure(scenario=Scenario.BUDGET, period=PeriodKind.FULL_YEAR, month=12,
                           amount=Decimal(1000 + i), **common),
                    Figure(scenario=Scenario.ACTUAL, period=PeriodKind.MONTH, month=4, amount=Decimal(300 + i),
                           **common),
                    Figure(scenario=Scenario.FORECAST, period=rnd.period, month=rnd.month,
                           amount=Decimal(1010 + i), **common)]
    Figure.objects.bulk_create(figures)
    ctrl = UserFactory(username=f"ctrl{year}", role=Role.CONTROLLER)
    NodeAssignmentFactory(user=ctrl, node_id=unit_ids[0])
    return {"forv": forv, "rnd": rnd, "ctrl": ctrl, "unit": OrgNode.objects.get(pk=unit_ids[0]),
            "area": areas[0]}


def save_once(client, k: dict, amount: str) -> tuple[int, bytes]:
    url = reverse("followup:forecast_cell", args=[k["rnd"].pk, k["forv"].pk, k["unit"].pk])
    client.force_login(k["ctrl"])
    version = Figure.objects.get(node=k["unit"], scenario=Scenario.FORECAST).version
    with CaptureQueriesContext(connection) as ctx:
        resp = client.post(url, {"amount": amount, "version": version}, HTTP_HX_REQUEST="true")
    assert resp.status_code == 200, resp.content
    return len(ctx.captured_queries), resp.content


def test_cell_save_queries_do_not_grow_with_the_sheet(client):
    """10 and 300 units: the same small number of queries (the sheet is never read row by row)."""
    small, large = kommun(10, 2040), kommun(300, 2041)
    first = [save_once(client, k, "1 500")[0] for k in (small, large)]
    # The node's first write in the round creates its status row through the general path (on
    # PostgreSQL after the one-statement attempt found no status row to lock).
    in_place = connection.vendor == "postgresql"
    assert first[0] == first[1] == (13 if in_place else 12), first
    n_small, body_small = save_once(client, small, "2 000")
    n_large, body_large = save_once(client, large, "2 000")
    # session, user, the round with the node's path (and the controller's assignment above it),
    # the write, the sum rows' figures. The write is one statement on PostgreSQL (status share lock,
    # figure update, history insert, comment); elsewhere savepoint, status lock, read, update,
    # history, release.
    assert n_small == n_large == (5 if in_place else 10), (n_small, n_large)
    # the sums above the unit are right on the large sheet: område 0 has units 0, 3, 6, … (1010 + i)
    area_units = range(0, 300, 3)
    expected_area = sum(Decimal(1010 + i) for i in area_units) - 1010 + 2000  # unit 0 saved as 2 000
    assert f'id="fc-{large["area"].pk}"' in body_large.decode()
    assert format_tkr(expected_area) in body_large.decode()
    assert len(body_large) - len(body_small) < 200  # one cell and its sum rows, never the sheet


def test_cell_save_still_writes_history_and_refuses_stale_and_submitted(client):
    k = kommun(10, 2042)
    client.force_login(k["ctrl"])
    url = reverse("followup:forecast_cell", args=[k["rnd"].pk, k["forv"].pk, k["unit"].pk])
    resp = client.post(url, {"amount": "1 234,5", "version": 1}, HTTP_HX_REQUEST="true")
    assert resp.status_code == 200
    change = FigureChange.objects.get(node=k["unit"])
    assert (change.old_amount, change.new_amount, change.changed_by, change.via) == (
        Decimal("1010"), Decimal("1234.5"), k["ctrl"], "htmx_cell")
    stale = client.post(url, {"amount": "9", "version": 1}, HTTP_HX_REQUEST="true")
    assert stale.status_code == 409 and "Konflikt" in stale.content.decode()
    bad = client.post(url, {"amount": "tolv", "version": 2}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 422 and 'value="tolv"' in bad.content.decode()
    admin = UserFactory(username="adm", role=Role.ADMIN)
    services.save_comment(rnd=k["rnd"], node=k["unit"], user=admin, text="Orsak", expected_version=0)
    services.change_status(rnd=k["rnd"], node=k["unit"], user=admin, action="submit")
    locked = client.post(url, {"amount": "5", "version": 2}, HTTP_HX_REQUEST="true")
    assert locked.status_code == 422
    assert Figure.objects.get(node=k["unit"], scenario=Scenario.FORECAST).amount == Decimal("1234.5")
    other = OrgNode.objects.filter(year=2042, kind=NodeKind.UNIT).exclude(pk=k["unit"].pk).first()
    url_other = reverse("followup:forecast_cell", args=[k["rnd"].pk, k["forv"].pk, other.pk])
    assert client.post(url_other, {"amount": "5", "version": 1}, HTTP_HX_REQUEST="true").status_code == 403


@pytest.fixture
def mixed():
    """A förvaltning mixing conventions: a revenue-funded unit, a revenue-funded area with net-cost units
    (two flips), budgets from a current and a superseded document, units without forecast, a cost
    forecast beside the net one, and a sum row with a stored budget of its own."""
    year = 2043
    forv = OrgNodeFactory(year=year, name="Förvaltningen", kind=NodeKind.ADMINISTRATION)
    area = OrgNodeFactory(year=year, name="Område netto", kind=NodeKind.OPERATIONAL_AREA, parent=forv)
    rev_area = OrgNodeFactory(year=year, name="Område intäkt", kind=NodeKind.OPERATIONAL_AREA, parent=forv,
                              financing="revenue")
    units = {
        "a": OrgNodeFactory(year=year, name="A", kind=NodeKind.UNIT, parent=area),
        "b": OrgNodeFactory(year=year, name="B", kind=NodeKind.UNIT, parent=area, financing="revenue"),
        "c": OrgNodeFactory(year=year, name="C", kind=NodeKind.UNIT, parent=area),
        "d": OrgNodeFactory(year=year, name="D", kind=NodeKind.UNIT, parent=rev_area),
        "e": OrgNodeFactory(year=year, name="E", kind=NodeKind.UNIT, parent=rev_area, financing="revenue"),
    }
    rnd = FollowUpRound.objects.create(year=year, period=PeriodKind.TERTIAL_1, deadline=dt.date(year, 5, 1),
                                       threshold_tkr=Decimal("50"))
    old_doc = SourceDocumentFactory(year=year, is_current=False)
    new_doc = SourceDocumentFactory(year=year)

    def fig(node, amount, scenario=Scenario.BUDGET, measure=Measure.NET_COST, **kw):
        kw.setdefault("period", rnd.period if scenario == Scenario.FORECAST else PeriodKind.FULL_YEAR)
        kw.setdefault("month", rnd.month if scenario == Scenario.FORECAST else 12)
        Figure.objects.create(node=node, year=year, basis_year=year, scenario=scenario, measure=measure,
                              amount=Decimal(amount), **kw)

    fig(units["a"], "1000", source_document=old_doc)
    fig(units["a"], "1200", source_document=new_doc)
    fig(units["b"], "300", measure=Measure.RESULT)
    fig(units["c"], "500")
    fig(units["d"], "700")
    fig(units["e"], "-100", measure=Measure.NET_COST)  # stored as net cost, shown as result
    fig(area, "9999")  # a sum row's own stored budget: never added into the sums
    fig(units["a"], "1150", Scenario.FORECAST)
    fig(units["a"], "50", Scenario.FORECAST, measure=Measure.COST)  # not the net forecast: ignored
    fig(units["b"], "260", Scenario.FORECAST, measure=Measure.RESULT)
    fig(units["d"], "820.5", Scenario.FORECAST)
    fig(units["e"], "120", Scenario.FORECAST, measure=Measure.RESULT)
    fig(units["c"], "400", Scenario.ACTUAL, period=PeriodKind.MONTH, month=4)  # utfall: not in the sums
    admin = UserFactory(username="mixed-admin", role=Role.ADMIN)
    return {"forv": forv, "rnd": rnd, "units": units, "admin": admin}


FIELDS = ("forecast", "forecast_version", "variance", "variance_percent", "needs_comment", "entries_total",
          "entries_with_forecast", "is_entry", "editable", "status", "comment_text", "ancestors")


@pytest.mark.parametrize("key", ["a", "b", "c", "d", "e"])
def test_cell_rows_agree_with_the_grid(mixed, key):
    """The cell answer's rows equal the whole grid's rows for the unit and every sum row above it,
    and so does the HTML they render."""
    rnd, forv, admin, node = mixed["rnd"], mixed["forv"], mixed["admin"], mixed["units"][key]
    services.save_comment(rnd=rnd, node=node, user=admin, text="Orsak", expected_version=0)
    grid = selectors.round_grid(rnd, forv, admin)
    path = selectors_cell.node_path(node.pk, admin)
    row, ancestors = selectors_cell.cell_rows(rnd, path, admin)
    expected = [grid.row(n.pk) for n in path]
    for got, want in zip([*ancestors, row], expected, strict=True):
        for name in FIELDS if got.is_entry else FIELDS[:8]:
            assert getattr(got, name) == getattr(want, name), (got.node.name, name)
    sheet = cells.Sheet.for_grid(rnd, forv, "t" * 32)
    answer = {"text": row.forecast_text, "version": row.forecast_version, "saved": True}
    assert (cells.forecast_response(sheet, row, ancestors, **answer)
            == cells.forecast_response(sheet, expected[-1], expected[:-1], **answer))


def test_cell_rows_of_a_sum_row_and_a_submitted_unit_agree_with_the_grid(mixed):
    rnd, forv, admin = mixed["rnd"], mixed["forv"], mixed["admin"]
    unit = mixed["units"]["c"]
    NodeRoundStatus.objects.create(round=rnd, node=unit, status=NodeStatus.SUBMITTED)
    grid = selectors.round_grid(rnd, forv, admin)
    for node in (unit, unit.parent):
        row, _ancestors = selectors_cell.cell_rows(rnd, selectors_cell.node_path(node.pk, admin), admin)
        want = grid.row(node.pk)
        assert (row.is_entry, row.editable, row.status, row.forecast, row.variance) == (
            want.is_entry, want.editable, want.status, want.forecast, want.variance)


@pytest.mark.django_db(transaction=True)
def test_one_statement_save_racing_comment_and_submit_saves_never_deadlock_or_slip_past_submit():
    """On PostgreSQL the common save is one statement with a share lock on the status row; racing a
    comment save (which locks that row for update) and a submit, nothing deadlocks, nothing is
    lost, and a save never lands after the node was submitted."""
    if connection.vendor != "postgresql":
        pytest.skip("row locks are only meaningful on PostgreSQL")
    import threading

    from django.core.exceptions import ValidationError
    from django.db import connections

    k = kommun(3, 2044)
    rnd, unit, ctrl = k["rnd"], k["unit"], k["ctrl"]
    admin = UserFactory(username="race-adm", role=Role.ADMIN)

    def race(*functions):
        barrier, results = threading.Barrier(len(functions)), [None] * len(functions)

        def run(i, fn):
            try:
                barrier.wait(timeout=10)
                results[i] = fn()
            except Exception as exc:  # collected and asserted on below
                results[i] = exc
            finally:
                connections.close_all()

        threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(functions)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=30)
        return results

    for i in range(15):
        version = Figure.objects.get(node=unit, scenario=Scenario.FORECAST).version
        found = DeviationComment.objects.filter(round=rnd, node=unit).first()
        saved, commented = race(
            lambda v=version, i=i: services.save_forecast(rnd=rnd, node=unit, user=ctrl, amount=Decimal(3000 + i),
                                                          expected_version=v),
            lambda c=found, i=i: services.save_comment(rnd=rnd, node=unit, user=ctrl, text=f"Orsak {i}",
                                                       expected_version=c.version if c else 0))
        assert isinstance(saved, Figure) and saved.version == version + 1, saved
        assert not isinstance(commented, Exception), commented
    version = Figure.objects.get(node=unit, scenario=Scenario.FORECAST).version
    saved, submitted = race(
        lambda: services.save_forecast(rnd=rnd, node=unit, user=ctrl, amount=Decimal("4444"),
                                       expected_version=version),
        lambda: services.change_status(rnd=rnd, node=unit, user=admin, action="submit"))
    assert not isinstance(submitted, Exception), submitted
    assert isinstance(saved, Figure | ValidationError), saved
    after = Figure.objects.get(node=unit, scenario=Scenario.FORECAST)
    event = NodeRoundStatus.objects.get(round=rnd, node=unit).events.get()
    if isinstance(saved, Figure):  # the save came first: submit saw (and kept) the new amount
        assert after.amount == Decimal("4444") and after.entered_at <= event.changed_at
    else:  # submit came first: the save was refused and nothing changed
        assert after.version == version and "inskickad" in str(saved)


def comment_once(client, k: dict, text: str, version: int) -> tuple[int, object]:
    url = reverse("followup:comment_cell", args=[k["rnd"].pk, k["forv"].pk, k["unit"].pk])
    client.force_login(k["ctrl"])
    with CaptureQueriesContext(connection) as ctx:
        resp = client.post(url, {"text": text, "version": version}, HTTP_HX_REQUEST="true")
    return len(ctx.captured_queries), resp


def test_comment_save_reads_the_node_path_not_the_sheet(client):
    """A comment cell answers from the node's path (one query) and its own row: the same number of
    queries for 10 and 300 units, the text and the new version in the answer, history on conflict."""
    small, large = kommun(10, 2042), kommun(300, 2043)
    counts = []
    for k in (small, large):
        n, resp = comment_once(client, k, "Vakanser under våren.", 0)
        assert resp.status_code == 200, resp.content
        assert "Vakanser under våren." in resp.content.decode()
        counts.append(n)
    assert counts[0] == counts[1], counts
    n, stale = comment_once(client, large, "Ett annat svar", 0)  # version 0 is stale now
    assert stale.status_code == 409
    assert "Ett annat svar" in stale.content.decode()  # the typed text is kept
