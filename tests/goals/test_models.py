"""Goals keep printed indicator values beside parsed ones, and one assessment per goal and period."""

from decimal import Decimal as D

import pytest
from django.db import IntegrityError

from budgetapp.goals.models import (
    AssessmentStatus,
    Goal,
    GoalArea,
    GoalAssessment,
    Indicator,
    IndicatorValue,
    MunicipalGoal,
    ValueState,
)
from tests.factories import OrgNodeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def goal():
    area = GoalArea.objects.create(name="Samhälle")
    municipal = MunicipalGoal.objects.create(goal_area=area, name="Ett attraktivt och tryggt Linköping",
                                             valid_from=2020, valid_to=2023)
    return Goal.objects.create(node=OrgNodeFactory(year=2020), year=2020, goal_area=area, municipal_goal=municipal,
                               name="God trygghet och säkerhet")


def test_breakdown_rows_and_no_data_values(goal):
    # 004:721-724: "Andel (%) … trygg kvälls- och nattetid" with Gator/torg 64 66 63, target 70
    parent = Indicator.objects.create(goal=goal, name="Andel (%) av medborgarna som upplever den offentliga miljön "
                                                   "som trygg kvälls- och nattetid")
    street = Indicator.objects.create(goal=goal, parent=parent, name="Gator/torg")
    IndicatorValue.objects.create(indicator=street, year=2020, raw="63", value=D("63"))
    IndicatorValue.objects.create(indicator=street, year=2020, is_target=True, raw="70", value=D("70"))
    home = Indicator.objects.create(goal=goal, parent=parent, name="Egna bostadsområdet")
    IndicatorValue.objects.create(indicator=home, year=2020, raw="I.U.", state=ValueState.NO_DATA)
    assert list(parent.breakdowns.values_list("name", flat=True)) == ["Gator/torg", "Egna bostadsområdet"]
    assert home.values.get().value is None and home.values.get().raw == "I.U."
    with pytest.raises(IntegrityError):
        IndicatorValue.objects.create(indicator=street, year=2020, raw="64", value=D("64"))


def test_one_assessment_per_goal_year_and_period(goal):
    GoalAssessment.objects.create(goal=goal, year=2020, status=AssessmentStatus.PARTLY_FULFILLED,
                                  status_text="bedöms nämndmålet som delvis uppnått")
    GoalAssessment.objects.create(goal=goal, year=2020, period="interim", status=AssessmentStatus.FULFILLED)
    with pytest.raises(IntegrityError):
        GoalAssessment.objects.create(goal=goal, year=2020, status=AssessmentStatus.FULFILLED)
