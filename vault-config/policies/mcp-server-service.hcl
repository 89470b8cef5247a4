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
# configured (min versions) and trimmed by the service; signing and verification happen inside
# Vault. The keys are created non-exportable and the export path above stays denied.
path "transit/keys/mcp-server-*" {
  capabilities = ["create", "read", "update"]
}
path "transit/sign/mcp-server-*" {
  capabilities = ["update"]
}
path "transit/verify/mcp-server-*" {
  capabilities = ["update"]
}
