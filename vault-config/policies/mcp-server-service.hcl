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

# Read the key's versions, create it if the bootstrap has not and rotate it. The rewrap job
# (service kit, secrets.rotation) sets the auto-rotation period and raises the minimum decryption
# version once no stored ciphertext needs the older versions; those two settings are all it may
# change (never exportable, deletion_allowed or plaintext backup). Export, backup and deletion are
# never granted.
path "transit/keys/mcp-server-service" {
  capabilities = ["create", "read", "update"]
}
path "transit/keys/mcp-server-service/rotate" {
  capabilities = ["update"]
}
path "transit/keys/mcp-server-service/config" {
  capabilities = ["update"]
  # An exact path wins over the mcp-server-* glob below, so the per-server keys' deletion grant never
  # reaches this key: deletion_allowed is not among the parameters allowed here.
  allowed_parameters = {
    "min_decryption_version" = []
    "auto_rotate_period"     = []
  }
}

# The caller-assertion key (kit assertion package): an ed25519 key, created on first use, that signs
# the proof of owner, server and link sent with every credential call; integration-service and
# git-connection-service may only verify with it. Exact rules: they win over the mcp-server-* glob
# below, so this key has no delete.
path "transit/keys/mcp-server-service-assertions" {
  capabilities = ["create", "read", "update"]
}
path "transit/sign/mcp-server-service-assertions" {
  capabilities = ["update"]
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
