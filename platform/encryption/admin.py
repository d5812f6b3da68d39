"""Key records in the Permanent Bureau's console: which keys exist, never the keys."""

from django.contrib import admin

from encryption.models import StateKey


@admin.register(StateKey)
class StateKeyAdmin(admin.ModelAdmin):
    list_display = [
        "state",
        "purpose",
        "version",
        "provider",
        "created_at",
        "destroyed_at",
        "destroyed_by",
    ]
    list_filter = ["purpose", "provider"]
    fields = [
        "state",
        "purpose",
        "version",
        "provider",
        "provider_key_id",
        "created_at",
        "destroyed_at",
        "destroyed_by",
    ]
    readonly_fields = fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
