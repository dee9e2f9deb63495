from django.contrib import admin

from .models import FiscalYear, SourceDocument


@admin.register(FiscalYear)
class FiscalYearAdmin(admin.ModelAdmin):
    list_display = ["year", "is_published", "note"]
    list_editable = ["is_published"]


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "organisation_name", "year", "is_current", "imported_by", "imported_at"]
    list_filter = ["kind", "year", "is_current"]
    search_fields = ["title", "organisation_name", "file_name"]
    readonly_fields = ["sha256", "imported_at"]
