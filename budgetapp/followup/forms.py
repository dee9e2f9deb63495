"""Forms validate input only; the services decide whether the write is allowed."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from budgetapp.budget.models import PeriodKind
from budgetapp.core.money import parse_amount_input
from budgetapp.goals.models import AssessmentStatus

from .models import FollowUpRound


class AmountField(forms.CharField):
    """A Swedish amount as typed ("1 234", "-1,5", "1,5 mnkr"), cleaned to Decimal tkr."""

    def __init__(self, *args, required: bool = True, **kwargs) -> None:
        super().__init__(*args, required=required, max_length=40, **kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        try:
            return parse_amount_input(text)
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from exc


class LocalDecimalField(forms.DecimalField):
    """A decimal shown and typed the Swedish way: "1,5", also "1.5" and "1 000" (spaces are dropped).

    `localize=True` renders "1,5" in a text input (a number input cannot show a decimal comma) and
    accepts the active language's decimal mark; spaces as thousands separators are removed first
    because the project does not use a thousands separator in localised input.
    """

    def __init__(self, *args, **kwargs) -> None:
        kwargs["localize"] = True
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value):
        if isinstance(value, str):
            value = "".join(value.split()).replace("\u2212", "-")
        return super().to_python(value)


def _plain(value: Decimal | None) -> Decimal | None:
    """1.00 → 1 and 1.50 → 1.5 for display, without turning 500 into 5E+2."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()


class OpenRoundForm(forms.ModelForm):
    class Meta:
        model = FollowUpRound
        fields = ["year", "period", "month", "deadline", "threshold_percent", "threshold_tkr", "threshold_mode"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}
        field_classes = {"threshold_percent": LocalDecimalField, "threshold_tkr": LocalDecimalField}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("threshold_percent", "threshold_tkr"):
            self.initial[name] = _plain(self.initial.get(name, self.fields[name].initial))

    def clean(self):
        data = super().clean()
        if data.get("period") != PeriodKind.MONTH:
            data["month"] = 12  # replaced by the period's end month on save
        year, period = data.get("year"), data.get("period")
        if year and period:
            from budgetapp.budget.models import PERIOD_END_MONTH

            month = PERIOD_END_MONTH.get(period, data.get("month"))
            if FollowUpRound.objects.filter(year=year, period=period, month=month).exists():
                raise forms.ValidationError(_("Det finns redan en sådan omgång."))
        return data

    def validate_unique(self) -> None:  # checked in clean() after the month is normalised
        return None


class ForecastCellForm(forms.Form):
    amount = AmountField(label=_("Prognos (tkr)"), error_messages={"required": _("Ange ett belopp.")})
    version = forms.IntegerField(min_value=0)


class CommentCellForm(forms.Form):
    text = forms.CharField(label=_("Kommentar"), required=False, max_length=4000)
    version = forms.IntegerField(min_value=0)


class StatusActionForm(forms.Form):
    action = forms.ChoiceField(choices=[("submit", _("Skicka in")), ("approve", _("Godkänn")),
                                        ("return", _("Skicka tillbaka")), ("lock", _("Lås")),
                                        ("reopen", _("Öppna igen"))])
    node = forms.IntegerField(required=False)
    reason = forms.CharField(required=False, max_length=500)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Motivering"), max_length=500)


class ProjectForecastForm(forms.Form):
    project = forms.IntegerField()
    version = forms.IntegerField(min_value=0)
    year_forecast = AmountField(label=_("Prognos år (tkr)"), required=False)
    total_forecast = AmountField(label=_("Prognos totalt (tkr)"), required=False)
    end_year = forms.IntegerField(label=_("Slutår"), required=False, min_value=1990, max_value=2100)


class GoalAssessmentForm(forms.Form):
    goal = forms.IntegerField()
    version = forms.IntegerField(min_value=0)
    status = forms.ChoiceField(label=_("Bedömning"), choices=AssessmentStatus.choices)
    analysis = forms.CharField(label=_("Analys"), required=False, max_length=8000, widget=forms.Textarea)


class IndicatorValueForm(forms.Form):
    indicator = forms.IntegerField()
    raw = forms.CharField(label=_("Nytt värde"), required=False, max_length=200)


class ExcelUploadForm(forms.Form):
    file = forms.FileField(label=_("Excelfil (.xlsx)"))

    def clean_file(self):
        f = self.cleaned_data["file"]
        if not f.name.lower().endswith(".xlsx"):
            raise forms.ValidationError(_("Ladda upp en .xlsx-fil."))
        if f.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("Filen är för stor (max 5 MB)."))
        return f


ZERO = Decimal(0)
