#!/bin/sh
# Init container of the docker-compose stack: initialises Vault on first start, unseals it, runs
# bootstrap.sh with APPROLE_OUTPUT_DIR so each service finds its AppRole credentials on its own
# volume, then stays up and unseals Vault again whenever it restarts (a restarted Vault is sealed).
#
# LOCAL STACK ONLY: the single unseal key and the root token are kept on the vault-init volume so the
# stack can restart unattended. Production uses auto-unseal (cloud KMS or Transit) and revokes the
# root token; see vault-config/README.md.
#
# Env: VAULT_ADDR, VAULT_INIT_DIR (default /vault/init), APPROLE_OUTPUT_DIR, APPROLE_OUTPUT_OWNER,
#      VAULT_INIT_ONESHOT=true to exit after the bootstrap (tests), VAULT_BIN.
set -eu

: "${VAULT_ADDR:?VAULT_ADDR must be set}"
VAULT_INIT_DIR=${VAULT_INIT_DIR:-/vault/init}
SCRIPT_DIR=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
if [ -z "${VAULT_BIN:-}" ]; then
  if command -v vault >/dev/null 2>&1; then VAULT_BIN=vault; else VAULT_BIN=bao; fi
fi
export VAULT_BIN BAO_ADDR="${BAO_ADDR:-$VAULT_ADDR}"
unset VAULT_TOKEN BAO_TOKEN

v() { "$VAULT_BIN" "$@"; }
log() { echo "vault-init: $*"; }

# `status` exits 0 when unsealed, 2 when sealed, 1 when the server cannot be reached.
status() { rc=0; v status >/dev/null 2>&1 || rc=$?; echo "$rc"; }

until [ "$(status)" != 1 ]; do log "waiting for $VAULT_ADDR"; sleep 2; done

mkdir -p "$VAULT_INIT_DIR"
chmod 700 "$VAULT_INIT_DIR"
rm -f "$VAULT_INIT_DIR/ready"
init_rc=0
v operator init -status >/dev/null 2>&1 || init_rc=$?
if [ "$init_rc" = 2 ]; then
  log "initialising (1 key share: local stack only)"
  out=$(v operator init -key-shares=1 -key-threshold=1)
  (
    umask 077
    printf '%s\n' "$out" | sed -n 's/^Unseal Key 1: //p' > "$VAULT_INIT_DIR/unseal-key"
    printf '%s\n' "$out" | sed -n 's/^Initial Root Token: //p' > "$VAULT_INIT_DIR/root-token"
  )
elif [ "$init_rc" != 0 ]; then
  echo "vault-init: cannot read the initialisation status of $VAULT_ADDR" >&2
  exit 1
fi
[ -s "$VAULT_INIT_DIR/unseal-key" ] || {
  echo "vault-init: Vault is initialised but $VAULT_INIT_DIR/unseal-key is missing; unseal it by hand" >&2
  exit 1
}

unseal() {
  if [ "$(status)" = 2 ]; then
    v operator unseal "$(cat "$VAULT_INIT_DIR/unseal-key")" >/dev/null
    log "unsealed"
  fi
}

unseal
until [ "$(status)" = 0 ]; do sleep 1; done
VAULT_TOKEN=$(cat "$VAULT_INIT_DIR/root-token") VAULT_REQUIRE_AUDIT=true sh "$SCRIPT_DIR/bootstrap.sh"
touch "$VAULT_INIT_DIR/ready"
log "ready"

[ "${VAULT_INIT_ONESHOT:-false}" = true ] && exit 0
while true; do
  sleep 10
  unseal || log "unseal failed; retrying"
done
