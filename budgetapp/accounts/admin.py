from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import NodeAssignment, User


class NodeAssignmentInline(admin.TabularInline):
    model = NodeAssignment
    extra = 0
    autocomplete_fields = ["node"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    fieldsets = (*BaseUserAdmin.fieldsets, (_("Budgetroll"), {"fields": ("role",)}))
    list_display = ["username", "first_name", "last_name", "role", "is_active"]
    list_filter = ["role", "is_active"]
    inlines = [NodeAssignmentInline]
