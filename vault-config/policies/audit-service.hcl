# Policy of audit-service: its own Transit key and its own KV v2 paths, nothing else.

# Encrypt, decrypt and re-wrap secrets with the service's derived key (one sub-key per owner).
path "transit/encrypt/audit-service" {
  capabilities = ["update"]
}
path "transit/decrypt/audit-service" {
  capabilities = ["update"]
}
path "transit/rewrap/audit-service" {
  capabilities = ["update"]
}

# Read the key's versions, create it if the bootstrap has not and rotate it. The rewrap job
# (service kit, secrets.rotation) sets the auto-rotation period and raises the minimum decryption
# version once no stored ciphertext needs the older versions; those two settings are all it may
# change (never exportable, deletion_allowed or plaintext backup). Export, backup and deletion are
# never granted.
path "transit/keys/audit-service" {
  capabilities = ["create", "read", "update"]
}
path "transit/keys/audit-service/rotate" {
  capabilities = ["update"]
}
path "transit/keys/audit-service/config" {
  capabilities = ["update"]
  allowed_parameters = {
    "min_decryption_version" = []
    "auto_rotate_period"     = []
  }
}

# Configuration secrets of this service only (KV v2 at secret/).
path "secret/data/audit-service/*" {
  capabilities = ["read"]
}
path "secret/metadata/audit-service/*" {
  capabilities = ["read", "list"]
}

path "transit/export/*" {
  capabilities = ["deny"]
}
path "transit/backup/*" {
  capabilities = ["deny"]
}

# The ed25519 key that signs the audit chain's checkpoints: created non-exportable by the service on
# first use, read for its public keys, used through sign/verify only (export stays denied above).
path "transit/keys/audit-checkpoint" {
  capabilities = ["create", "read", "update"]
}
path "transit/sign/audit-checkpoint" {
  capabilities = ["update"]
}
path "transit/verify/audit-checkpoint" {
  capabilities = ["update"]
}
