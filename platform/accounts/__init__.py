"""Accounts. The same tables exist in every schema: the Permanent Bureau's staff live in the
public schema, each State's users in the State's own schema, so an account, its session and its
permissions exist in one place only and cannot be granted into another State."""
