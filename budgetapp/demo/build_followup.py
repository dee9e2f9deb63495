"""Demo follow-up rounds 2024: a closed and locked tertial 1 and an open delår round.

The rounds are built through the followup services (open, comment, submit, approve, close), so the
demo carries the same status events and history a real round would, and a signed-in controller meets
a working round: delår is open, Planeringsstaben is still a draft they can enter forecasts in.

The forecasts themselves are the generated demo figures (`build_generated`): the services find them
as the rounds' forecasts, so nothing here writes a figure (a second demo run would otherwise put the
generated value back over a forecast saved here).

Idempotent: a round that already exists is left exactly as it is (users may have worked in it since),
so a second run writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.apps import apps

from budgetapp.budget.models import ChangeSource, PeriodKind
from budgetapp.followup import services as followup
from budgetapp.followup.models import FollowUpRound
from budgetapp.followup.selectors import round_grid

from .sync import SyncResult


@dataclass(frozen=True)
class NodePlan:
    """What happens to one KLF stab in a demo round: who works on it and how far it gets."""

    key: str
    controller: str
    #: "draft", "submitted" or "approved"
    reached: str
    comment: str = ""


@dataclass(frozen=True)
class RoundPlan:
    period: str
    deadline: date
    close: bool
    nodes: tuple[NodePlan, ...]


ROUNDS_2024 = (
    RoundPlan(PeriodKind.TERTIAL_1, date(2024, 5, 17), close=True, nodes=(
        NodePlan("planeringsstaben", "controller", "approved",
                 "Vakanta tjänster under våren; rekrytering pågår och beräknas vara klar till hösten."),
        NodePlan("ekonomistaben", "controller", "approved",
                 "Systemavgifter för nytt ekonomisystem har fakturerats tidigare än budgeterat."),
        NodePlan("hr", "controller2", "approved",
                 "Lägre kostnader för företagshälsovård än budgeterat."),
    )),
    RoundPlan(PeriodKind.INTERIM, date(2024, 9, 13), close=False, nodes=(
        NodePlan("hr", "controller2", "approved",
                 "Avvikelsen beror på lägre kostnader för företagshälsovård och en vakant tjänst som "
                 "HR-specialist under sommaren."),
        NodePlan("ekonomistaben", "controller", "submitted",
                 "Konsultkostnader för införandet av nytt ekonomisystem blir högre än budgeterat."),
        NodePlan("planeringsstaben", "controller", "draft",
                 "Utkast: vakanserna från våren kvarstår delvis; prognosen stäms av med staben."),
    )),
)


def _build_round(plan: RoundPlan, nodes: dict, users: dict) -> None:
    """Open one round and walk its nodes through the workflow, as the users would in the browser."""
    admin, approver = users["admin"], users["approver"]
    rnd = followup.open_round(user=admin, year=2024, period=plan.period, deadline=plan.deadline,
                              threshold_percent=Decimal("1"), threshold_tkr=Decimal("500"))
    for step in plan.nodes:
        node, controller = nodes[step.key], users[step.controller]
        row = round_grid(rnd, node, controller).row(node.pk)
        needs_comment = row is not None and row.needs_comment
        if step.comment and (needs_comment or step.reached == "draft"):
            followup.save_comment(rnd=rnd, node=node, user=controller, text=step.comment, expected_version=0,
                                  via=ChangeSource.WEB_FORM)
        if step.reached in ("submitted", "approved"):
            followup.change_status(rnd=rnd, node=node, user=controller, action="submit")
        if step.reached == "approved":
            followup.change_status(rnd=rnd, node=node, user=approver, action="approve")
    if plan.close:
        followup.close_round(rnd=rnd, user=admin)


def _row_count() -> int:
    return sum(model.objects.count() for model in apps.get_app_config("followup").get_models())


def load_followup_rounds(nodes: dict, users: dict) -> SyncResult:
    """Create the 2024 demo rounds that do not exist yet (tertial 1 before delår: delår shows its forecast
    as the previous one)."""
    existing = set(FollowUpRound.objects.filter(year=2024).values_list("period", flat=True))
    missing = [plan for plan in ROUNDS_2024 if plan.period not in existing]
    if not missing:
        return SyncResult()
    before = _row_count()
    for plan in missing:
        _build_round(plan, nodes[2024], users)
    return SyncResult(created=_row_count() - before)
