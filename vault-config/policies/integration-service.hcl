# Policy of integration-service: its own Transit key and its own KV v2 paths, nothing else.

# Encrypt, decrypt and re-wrap secrets with the service's derived key (one sub-key per owner).
path "transit/encrypt/integration-service" {
  capabilities = ["update"]
}
path "transit/decrypt/integration-service" {
  capabilities = ["update"]
}
path "transit/rewrap/integration-service" {
  capabilities = ["update"]
}

# Read the key's versions, create it if the bootstrap has not and rotate it. The rewrap job
# (service kit, secrets.rotation) sets the auto-rotation period and raises the minimum decryption
# version once no stored ciphertext needs the older versions; those two settings are all it may
# change (never exportable, deletion_allowed or plaintext backup). Export, backup and deletion are
# never granted.
path "transit/keys/integration-service" {
  capabilities = ["create", "read", "update"]
}
path "transit/keys/integration-service/rotate" {
  capabilities = ["update"]
}
path "transit/keys/integration-service/config" {
  capabilities = ["update"]
  allowed_parameters = {
    "min_decryption_version" = []
    "auto_rotate_period"     = []
  }
}

# Configuration secrets of this service only (KV v2 at secret/).
path "secret/data/integration-service/*" {
  capabilities = ["read"]
}
path "secret/metadata/integration-service/*" {
  capabilities = ["read", "list"]
}

path "transit/export/*" {
  capabilities = ["deny"]
}
path "transit/backup/*" {
  capabilities = ["deny"]
}

# Verify (never sign with) mcp-server-service's caller-assertion key: the internal credential
# endpoints hand out a credential only with its signed proof of owner, server and link.
path "transit/verify/mcp-server-service-assertions" {
  capabilities = ["update"]
}
