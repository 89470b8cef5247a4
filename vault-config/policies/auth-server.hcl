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

# Read the key's versions, create it if the bootstrap has not, rotate it and raise the minimum
# decryption version after a re-wrap. Export, backup and deletion are never granted.
path "transit/keys/auth-server" {
  capabilities = ["create", "read", "update"]
}
path "transit/keys/auth-server/rotate" {
  capabilities = ["update"]
}
path "transit/keys/auth-server/config" {
  capabilities = ["update"]
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
