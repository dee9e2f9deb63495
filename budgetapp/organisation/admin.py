from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import KeyFigure, OrgLineage, OrgNode
from .services import OrgServiceError, copy_year


class LineageInline(admin.TabularInline):
    model = OrgLineage
    fk_name = "successor"
    extra = 0
    autocomplete_fields = ["predecessor"]
    verbose_name = _("föregångare")
    verbose_name_plural = _("föregångare (tidigare år)")


@admin.register(OrgNode)
class OrgNodeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "year", "parent", "financing", "code"]
    list_filter = ["year", "kind", "financing"]
    search_fields = ["name", "short_name", "code"]
    autocomplete_fields = ["parent"]
    inlines = [LineageInline]
    actions = ["copy_to_next_year"]

    @admin.action(description=_("Kopiera valda års organisation till nästa år"))
    def copy_to_next_year(self, request, queryset):
        for year in sorted(set(queryset.values_list("year", flat=True))):
            try:
                created = copy_year(year)
            except OrgServiceError as exc:
                self.message_user(request, str(exc), messages.ERROR)
            else:
                self.message_user(request, _("%(n)d noder kopierades från %(y)d till %(y2)d.")
                                  % {"n": created, "y": year, "y2": year + 1})


@admin.register(OrgLineage)
class OrgLineageAdmin(admin.ModelAdmin):
    list_display = ["predecessor", "successor", "kind", "note"]
    list_filter = ["kind"]
    autocomplete_fields = ["predecessor", "successor"]


@admin.register(KeyFigure)
class KeyFigureAdmin(admin.ModelAdmin):
    list_display = ["label", "node", "year", "kind", "raw_value", "unit"]
    list_filter = ["year", "kind"]
    search_fields = ["label"]
