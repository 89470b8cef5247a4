# Policy of mcp-server-service: its own Transit key and its own KV v2 paths, nothing else.

# Encrypt, decrypt and re-wrap secrets with the service's derived key (one sub-key per owner).
path "transit/encrypt/mcp-server-service" {
  capabilities = ["update"]
}
path "transit/decrypt/mcp-server-service" {
  capabilities = ["update"]
}
path "transit/rewrap/mcp-server-service" {
  capabilities = ["update"]
}

# Read the key's versions, create it if the bootstrap has not, rotate it and raise the minimum
# decryption version after a re-wrap. Export, backup and deletion are never granted.
path "transit/keys/mcp-server-service" {
  capabilities = ["create", "read", "update"]
}
path "transit/keys/mcp-server-service/rotate" {
  capabilities = ["update"]
}
path "transit/keys/mcp-server-service/config" {
  capabilities = ["update"]
  # The encryption key is never made deletable (the glob below would otherwise allow it; an exact
  # path wins over a glob, so this rule and the one above are what apply to this key).
  denied_parameters = {
    "deletion_allowed" = []
  }
}

# Configuration secrets of this service only (KV v2 at secret/).
path "secret/data/mcp-server-service/*" {
  capabilities = ["read"]
}
path "secret/metadata/mcp-server-service/*" {
  capabilities = ["read", "list"]
}

path "transit/export/*" {
  capabilities = ["deny"]
}
path "transit/backup/*" {
  capabilities = ["deny"]
}

# Per-server ed25519 manager keys (mcp-server-<uuid>): created, read (public keys), rotated,
# configured (min versions, deletion_allowed) and trimmed by the service; signing and verification
# happen inside Vault. The keys are created non-exportable and the export path above stays denied.
#
# Deleting a server deletes its key (config deletion_allowed=true, then DELETE), so no version of
# it can sign again. Deletion rather than retiring in place: Transit cannot make a key refuse to
# sign while it exists (min_encryption_version can't pass the newest version, trimming keeps the
# newest), and a deleted key's material is gone, which is what removing a server promises. The
# grant is limited to the per-server prefix: the service's own encryption key
# (transit/keys/mcp-server-service, an exact rule above that wins over this glob) has no delete,
# and no other service's key matches.
path "transit/keys/mcp-server-*" {
  capabilities = ["create", "read", "update", "delete"]
}
path "transit/sign/mcp-server-*" {
  capabilities = ["update"]
}
path "transit/verify/mcp-server-*" {
  capabilities = ["update"]
}
