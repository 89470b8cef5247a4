# Policy of git-connection-service: its own Transit key and its own KV v2 paths, nothing else.

# Encrypt, decrypt and re-wrap secrets with the service's derived key (one sub-key per owner).
path "transit/encrypt/git-connection-service" {
  capabilities = ["update"]
}
path "transit/decrypt/git-connection-service" {
  capabilities = ["update"]
}
path "transit/rewrap/git-connection-service" {
  capabilities = ["update"]
}

# Read the key's versions, create it if the bootstrap has not, rotate it and raise the minimum
# decryption version after a re-wrap. Export, backup and deletion are never granted.
path "transit/keys/git-connection-service" {
  capabilities = ["create", "read", "update"]
}
path "transit/keys/git-connection-service/rotate" {
  capabilities = ["update"]
}
path "transit/keys/git-connection-service/config" {
  capabilities = ["update"]
}

# Configuration secrets of this service only (KV v2 at secret/).
path "secret/data/git-connection-service/*" {
  capabilities = ["read"]
}
path "secret/metadata/git-connection-service/*" {
  capabilities = ["read", "list"]
}

path "transit/export/*" {
  capabilities = ["deny"]
}
path "transit/backup/*" {
  capabilities = ["deny"]
}
