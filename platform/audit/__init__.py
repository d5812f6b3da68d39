"""The audit trail of a State: who created, changed, viewed or downloaded what, in a hash chain
kept in the State's own schema. Every State app (cases, accounts, the API) appends to it through
``audit.services.audit_record``; ``manage.py verify_audit_trail`` checks it."""
