"""The Permanent Bureau's console (public schema): States and their hosts, read-only here.

States are onboarded and offboarded with the management commands, which create or destroy a
State's schema and keys together; the console shows them and never edits them.
"""

from django.contrib import admin

from tenants.models import Domain, State


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0
    can_delete = False
    readonly_fields = ["domain", "is_primary"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(State)
class StateAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "status", "time_zone", "created_at", "purged_at"]
    list_filter = ["kind", "status"]
    search_fields = ["name", "code", "authority_name"]
    readonly_fields = [
        "name",
        "code",
        "authority_name",
        "kind",
        "status",
        "schema_name",
        "time_zone",
        "languages",
        "created_at",
        "offboarded_at",
        "purged_at",
    ]
    fields = readonly_fields
    inlines = [DomainInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
