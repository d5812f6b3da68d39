"""django-tenants calls this whenever a connection switches to a tenant
(EXTRA_SET_TENANT_METHOD_PATH): for every web request, every Celery task, every
tenant_context. The State row it receives was just read, so its keys_changed_at tells whether
the keys this process cached are still current.

Kept free of model imports at module level: the database backend imports it while loading."""


def drop_stale_keys(wrapper, tenant) -> None:
    keys_changed_at = getattr(tenant, "keys_changed_at", None)
    if keys_changed_at is None:  # the public tenant, or a schema name without its row
        return
    from encryption.keyring import forget_keys_changed_since_loaded

    forget_keys_changed_since_loaded(tenant.schema_name, keys_changed_at)
