# Policy of auth-server: its own Transit key and its own KV v2 paths, nothing else.

# Encrypt, decrypt and re-wrap secrets with the service's derived key (one sub-key per owner).
path "transit/encrypt/auth-server" {
  capabilities = ["update"]
}
path "transit/decrypt/auth-server" {
  capabilities = ["update"]
}
path "transit/rewrap/auth-server" {
  capabilities = ["update"]
}

# Read the key's versions, create it if the bootstrap has not and rotate it. The rewrap job
# (service kit, secrets.rotation) sets the auto-rotation period and raises the minimum decryption
# version once no stored ciphertext needs the older versions; those two settings are all it may
# change (never exportable, deletion_allowed or plaintext backup). Export, backup and deletion are
# never granted.
path "transit/keys/auth-server" {
  capabilities = ["create", "read", "update"]
}
path "transit/keys/auth-server/rotate" {
  capabilities = ["update"]
}
path "transit/keys/auth-server/config" {
  capabilities = ["update"]
  allowed_parameters = {
    "min_decryption_version" = []
    "auto_rotate_period"     = []
  }
}

# Keyed hashes of personal access token secrets: HMAC-SHA256 with the non-exportable key
# auth-server-pat (version 1 pinned, so it is never rotated). Created by the service on first use;
# no encrypt, decrypt, rotate or export with it.
path "transit/hmac/auth-server-pat" {
  capabilities = ["update"]
}
path "transit/keys/auth-server-pat" {
  capabilities = ["create", "read", "update"]
}

# Configuration secrets of this service only (KV v2 at secret/).
path "secret/data/auth-server/*" {
  capabilities = ["read"]
}
path "secret/metadata/auth-server/*" {
  capabilities = ["read", "list"]
}

path "transit/export/*" {
  capabilities = ["deny"]
}
path "transit/backup/*" {
  capabilities = ["deny"]
}
