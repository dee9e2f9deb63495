"""Import pages (admins only): history, upload, job page with progress and preview, confirm."""

from __future__ import annotations

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import selectors, services
from .models import ImportJob, JobKind, LedgerMapping
from .parsing.extraction import ImportParseError

PERM = "imports.import_documents"


def import_admin_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not request.user.has_perm(PERM):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _job_or_404(job_id: int) -> ImportJob:
    try:
        return selectors.job_for_page(job_id)
    except ImportJob.DoesNotExist as exc:
        raise Http404 from exc


def _crumbs(*items):
    from django.urls import reverse

    return [{"url": reverse("imports:job_list"), "label": _("Import")}, *items]


@require_GET
@import_admin_required
def job_list(request):
    jobs = selectors.job_history()[:200]
    return render(request, "imports/job_list.html", {"jobs": jobs, "breadcrumbs": _crumbs()[:1]})


@require_http_methods(["GET", "POST"])
@import_admin_required
def upload(request):
    from .forms import UploadForm

    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        cd = form.cleaned_data
        options = form.ledger_options() if cd["kind"] == JobKind.LEDGER else {}
        try:
            with transaction.atomic():
                mapping = None
                if cd["kind"] == JobKind.LEDGER and cd.get("mapping_name"):
                    # a column the file does not have is saved empty, not as the model's default name
                    fields = {k: options.get(k) or "" for k in ("org_code_column", "line_kind_column",
                                                                "period_column", "amount_column")}
                    fields.update({k: options[k] for k in ("amount_unit", "year") if options.get(k)})
                    mapping, _created = LedgerMapping.objects.update_or_create(
                        name=cd["mapping_name"], defaults={**fields, "updated_by": request.user})
                job = services.create_job(data=cd["data"], file_name=cd["file"].name, kind=cd["kind"],
                                          user=request.user, ledger_options=options, ledger_mapping=mapping)
        except ImportParseError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("imports:job_detail", job_id=job.pk)
    for name in form.errors:
        if name in form.fields:
            form.fields[name].widget.attrs["aria-invalid"] = "true"
    return render(request, "imports/upload.html", {
        "form": form, "mappings": selectors.mappings(),
        "breadcrumbs": _crumbs({"url": "", "label": _("Ladda upp")}),
    }, status=400 if form.errors else 200)


@require_GET
@import_admin_required
def job_detail(request, job_id: int):
    if request.htmx:
        job = selectors.job_progress(job_id) if ImportJob.objects.filter(pk=job_id).exists() else None
        if job is None:
            raise Http404
        response = render(request, "imports/_progress.html", {"job": job})
        if not job.is_running:
            response["HX-Refresh"] = "true"  # reload once to show the preview or the result
        return response
    job = _job_or_404(job_id)
    extraction = selectors.staged_extraction(job) if job.status in ("parsed", "importing", "imported") else None
    return render(request, "imports/job_detail.html", {
        "job": job, "extraction": extraction, "preview": job.preview or {},
        "breadcrumbs": _crumbs({"url": "", "label": job.file_name}),
    })


@require_POST
@import_admin_required
def confirm(request, job_id: int):
    job = _job_or_404(job_id)
    try:
        with transaction.atomic():
            services.confirm_job(job, request.user)
    except ImportParseError as exc:
        messages.error(request, exc.message)
        return redirect("imports:job_detail", job_id=job.pk)
    messages.success(request, _("Importen har startats."))
    return redirect("imports:job_detail", job_id=job.pk)
