"""Upload form: size and type are checked here (by content, via ``guards``) before a job exists."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from . import guards
from .models import JobKind, LedgerMapping

COLUMN_KEYS = ("org_code_column", "line_kind_column", "period_column", "amount_column", "debit_column",
               "credit_column")


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Fil"))
    kind = forms.ChoiceField(label=_("Typ av import"), choices=JobKind.choices, initial=JobKind.DOCUMENT,
                             widget=forms.RadioSelect)
    mapping_name = forms.CharField(label=_("Kolumnmappning (namn)"), max_length=100, required=False,
                                   help_text=_("Sparas och föreslås nästa gång. Endast för utfall."))
    org_code_column = forms.CharField(label=_("Kolumn för ansvarskod"), max_length=100, required=False)
    line_kind_column = forms.CharField(label=_("Kolumn för konto/slag"), max_length=100, required=False)
    period_column = forms.CharField(label=_("Kolumn för period"), max_length=100, required=False)
    amount_column = forms.CharField(label=_("Kolumn för belopp"), max_length=100, required=False)
    # "—" = as the file says (a unit in the header, "Belopp i tkr" above it), else kr. Debet/Kredit
    # columns are found by the suggestion; form fields for them wait for their catalogue entries.
    amount_unit = forms.ChoiceField(label=_("Beloppen är i"),
                                    choices=[("", "—"), ("kr", "kr"), ("tkr", "tkr"), ("mnkr", "mnkr")],
                                    initial="", required=False)
    year = forms.IntegerField(label=_("År (om perioden bara anger månad)"), min_value=2000, max_value=2100,
                              required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].widget.attrs["accept"] = ".txt,.docx,.pdf,.xlsx,.csv"
        limit_mb = settings.IMPORT_MAX_UPLOAD_BYTES // (1024 * 1024)
        self.fields["file"].help_text = _("Högst %(mb)s MB. Text, .docx eller .pdf för dokument; "
                                          ".xlsx eller .csv för utfall.") % {"mb": limit_mb}

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            guards.check_size(upload.size, upload.name)  # before reading anything into memory
        except guards.UploadRejected as exc:
            raise forms.ValidationError(exc.message) from exc
        data = upload.read()
        try:
            checked = guards.check_upload(data, upload.name)
        except guards.UploadRejected as exc:
            raise forms.ValidationError(exc.message) from exc
        self.cleaned_data["data"] = data
        self.cleaned_data["format"] = checked.format
        return upload

    def ledger_options(self) -> dict:
        """Saved mapping, then the typed columns; with neither, the columns the file's header suggests.

        A suggestion is marked (``suggested``) so the preview asks the admin to check it before the
        import is confirmed; saving it under a name makes it the mapping for the next file.
        """
        cd = self.cleaned_data
        mapping = LedgerMapping.objects.filter(name=cd.get("mapping_name")).first() if cd.get("mapping_name") else None
        options = mapping.as_options() if mapping else {}
        for key in (*COLUMN_KEYS, "amount_unit", "year"):
            if cd.get(key):
                options[key] = cd[key]
        if not any(options.get(key) for key in COLUMN_KEYS) and cd.get("data"):
            from .ledger import suggest_mapping

            suggestion = suggest_mapping(cd["data"], cd.get("format") or "text")
            if suggestion:
                options = {**suggestion, **{k: v for k, v in options.items() if v}, "suggested": True}
        if cd.get("mapping_name"):
            options["name"] = cd["mapping_name"]
        return options
