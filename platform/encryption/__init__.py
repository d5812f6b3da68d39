"""Per-State envelope encryption of personal data.

- `providers`: key-encryption keys (local master key, or AWS KMS) that wrap each State's keys.
- `keyring`: each State's data keys (AES-256-GCM, versioned) and index key, created, rotated and
  destroyed here, cached unwrapped in memory for a bounded time.
- `fields`: model fields that encrypt in the application, binding every ciphertext to its State,
  table, column and row; blind-index fields for exact search over encrypted values.
- `search`: that search: narrowed by the blind indexes, confirmed by decrypting only the searched
  columns (`search_values`, `EncryptedQuerySet.search`).
- `planning`: the rule that chooses each blind index's width from the population it indexes
  (CipherSweet's, for a whole table); `rebuild_blind_indexes` recomputes an index at a new width.
"""
