"""Import jobs are read-only in the admin: they are created and run through the import pages."""

from django.contrib import admin

from .models import ImportJob, LedgerMapping


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ["file_name", "kind", "status", "progress", "created_by", "created_at", "source_document"]
    list_filter = ["kind", "status"]
    search_fields = ["file_name", "sha256"]
    exclude = ["content", "extraction", "preview"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(LedgerMapping)
class LedgerMappingAdmin(admin.ModelAdmin):
    list_display = ["name", "org_code_column", "line_kind_column", "period_column", "amount_column", "amount_unit",
                    "updated_by", "updated_at"]
    search_fields = ["name"]
