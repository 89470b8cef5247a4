#!/bin/sh
# Idempotent bootstrap of Vault (or OpenBao) for the MCP Manager suite. Safe to run any number of times.
#
# Enables the Transit and KV v2 engines, an audit device, the AppRole and Kubernetes auth methods;
# writes one least-privilege policy per service (policies/<service>.hcl), creates each service's
# Transit key and its AppRole and Kubernetes roles.
#
# Works with either CLI: `vault` (HashiCorp) or `bao` (OpenBao); POSIX sh, no jq, so it also runs in
# the hashicorp/vault image.
#
# Required:  VAULT_ADDR, VAULT_TOKEN (a token allowed to manage mounts, auth methods and policies)
# Optional:
#   VAULT_BIN                 vault or bao (default: whichever is on PATH, vault first)
#   SERVICES                  services to configure (default: the five services that use Vault)
#   VAULT_AUDIT_FILE_PATH     file the audit device writes to (default /vault/logs/audit.log)
#   VAULT_REQUIRE_AUDIT       true: fail when no audit device can be enabled (default false: warn)
#   K8S_HOST                  Kubernetes API address; when set, configures auth/kubernetes/config
#   K8S_CA_CERT_FILE          CA certificate of that API (PEM); required when Vault runs outside
#                             the cluster (without it Vault reads its own service account's CA)
#   K8S_NAMESPACE             namespace of the service accounts (default mcp-manager)
#   APPROLE_OUTPUT_DIR        when set, writes <dir>/<service>/mcpm.vault.app-role.role-id and
#                             .secret-id (a fresh secret-id each run; the previous one is destroyed)
#   APPROLE_OUTPUT_OWNER      uid:gid owning those files (default: unchanged)
#   SECRET_ID_TTL             lifetime of a secret-id (default 168h); a service logs in again with it
#                             when its token reaches token_max_ttl (24h), so keep it above that
#   SECRET_ID_NUM_USES        logins a secret-id allows (default 10)
#   SECRET_ID_BOUND_CIDRS     comma-separated CIDRs a secret-id (and its tokens) may be used from,
#                             e.g. the compose network or 127.0.0.1/32 (default: unbound)
set -eu

: "${VAULT_ADDR:?VAULT_ADDR must be set, e.g. http://127.0.0.1:8200}"
: "${VAULT_TOKEN:?VAULT_TOKEN must be set (a token allowed to manage mounts, auth methods and policies)}"

SCRIPT_DIR=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
POLICY_DIR=${POLICY_DIR:-$SCRIPT_DIR/policies}
SERVICES=${SERVICES:-"auth-server integration-service git-connection-service mcp-server-service audit-service"}
VAULT_AUDIT_FILE_PATH=${VAULT_AUDIT_FILE_PATH:-/vault/logs/audit.log}
VAULT_REQUIRE_AUDIT=${VAULT_REQUIRE_AUDIT:-false}
K8S_NAMESPACE=${K8S_NAMESPACE:-mcp-manager}
SECRET_ID_TTL=${SECRET_ID_TTL:-168h}
SECRET_ID_NUM_USES=${SECRET_ID_NUM_USES:-10}
SECRET_ID_BOUND_CIDRS=${SECRET_ID_BOUND_CIDRS:-}

if [ -z "${VAULT_BIN:-}" ]; then
  if command -v vault >/dev/null 2>&1; then VAULT_BIN=vault
  elif command -v bao >/dev/null 2>&1; then VAULT_BIN=bao
  else echo "bootstrap: neither vault nor bao is on PATH" >&2; exit 1
  fi
fi
# The bao CLI reads BAO_*; keep both families in step so either binary talks to the same server.
export BAO_ADDR="${BAO_ADDR:-$VAULT_ADDR}" BAO_TOKEN="${BAO_TOKEN:-$VAULT_TOKEN}"
if [ -n "${VAULT_CACERT:-}" ]; then export BAO_CACERT="${BAO_CACERT:-$VAULT_CACERT}"; fi

v() { "$VAULT_BIN" "$@"; }
log() { echo "bootstrap: $*"; }

# First column of a `<cli> ... list` table, e.g. "transit/".
listed() { awk 'NR > 2 { print $1 }'; }

ensure_secrets_engine() { # path type [args...]
  path=$1; type=$2; shift 2
  if v secrets list | listed | grep -qx "$path/"; then
    log "secrets engine $path/ already enabled"
  else
    v secrets enable -path="$path" "$@" "$type" >/dev/null
    log "enabled $type secrets engine at $path/"
  fi
}

ensure_auth_method() { # path type
  if v auth list | listed | grep -qx "$1/"; then
    log "auth method $1/ already enabled"
  else
    v auth enable -path="$1" "$2" >/dev/null
    log "enabled $2 auth method at $1/"
  fi
}

ensure_audit_device() {
  if v audit list 2>/dev/null | listed | grep -q .; then
    log "audit device already enabled"
    return 0
  fi
  if out=$(v audit enable -path=file file file_path="$VAULT_AUDIT_FILE_PATH" 2>&1); then
    log "enabled file audit device ($VAULT_AUDIT_FILE_PATH)"
    return 0
  fi
  case $out in
    *declarative*)
      # OpenBao refuses API-created audit devices: they are declared in the server configuration
      # (see openbao.hcl); a dev server started without it has none.
      msg="the server only accepts audit devices declared in its configuration (see vault-config/openbao.hcl)";;
    *) msg="could not enable the audit device: $out";;
  esac
  if [ "$VAULT_REQUIRE_AUDIT" = true ]; then
    echo "bootstrap: $msg" >&2
    exit 1
  fi
  log "WARNING: $msg"
}

ensure_transit_key() { # name
  if v read transit/keys/"$1" >/dev/null 2>&1; then
    log "transit key $1 exists"
  else
    # Derived: one sub-key per owner (context = owner id). Never exportable.
    v write -f transit/keys/"$1" type=aes256-gcm96 derived=true exportable=false >/dev/null
    log "created transit key $1"
  fi
}

write_approle_credentials() { # service
  dir="$APPROLE_OUTPUT_DIR/$1"
  mkdir -p "$dir"
  role_id_file="$dir/mcpm.vault.app-role.role-id"
  secret_id_file="$dir/mcpm.vault.app-role.secret-id"
  if [ -s "$secret_id_file" ]; then
    # The previous secret-id goes (through stdin: secrets never on a command line). Tokens already
    # issued with it stay valid until they expire.
    v write auth/approle/role/"$1"/secret-id/destroy secret_id=- < "$secret_id_file" >/dev/null \
      || log "WARNING: could not destroy the previous secret-id of $1"
  fi
  role_id=$(v read -field=role_id auth/approle/role/"$1"/role-id)
  secret_id=$(v write -f -field=secret_id auth/approle/role/"$1"/secret-id)
  (
    umask 077
    printf '%s' "$role_id" > "$role_id_file.tmp"
    printf '%s' "$secret_id" > "$secret_id_file.tmp"
  )
  mv "$role_id_file.tmp" "$role_id_file"
  mv "$secret_id_file.tmp" "$secret_id_file"
  if [ -n "${APPROLE_OUTPUT_OWNER:-}" ]; then chown -R "$APPROLE_OUTPUT_OWNER" "$dir"; fi
  log "wrote AppRole credentials of $1 to $dir"
}

log "configuring $VAULT_ADDR with $VAULT_BIN"

ensure_secrets_engine transit transit
ensure_secrets_engine secret kv -version=2
if ! v secrets list -detailed | awk '$1 == "secret/"' | grep -q 'version:2'; then
  v kv enable-versioning secret >/dev/null
  log "upgraded secret/ to KV version 2"
fi
ensure_audit_device
ensure_auth_method approle approle
ensure_auth_method kubernetes kubernetes

if [ -n "${K8S_HOST:-}" ]; then
  if [ -n "${K8S_CA_CERT_FILE:-}" ]; then
    # Vault outside the cluster: the API's CA is given; the reviewer is each client's own JWT.
    v write auth/kubernetes/config kubernetes_host="$K8S_HOST" kubernetes_ca_cert=@"$K8S_CA_CERT_FILE" \
      disable_local_ca_jwt=true >/dev/null
  else
    # Vault inside the cluster (Helm chart): CA and reviewer token come from its own service account.
    v write auth/kubernetes/config kubernetes_host="$K8S_HOST" >/dev/null
  fi
  log "configured kubernetes auth for $K8S_HOST"
fi

for service in $SERVICES; do
  policy="$POLICY_DIR/$service.hcl"
  [ -f "$policy" ] || { echo "bootstrap: no policy file $policy" >&2; exit 1; }
  v policy write "$service" "$policy" >/dev/null
  ensure_transit_key "$service"
  # Tokens live an hour and are renewable up to a day (Spring Vault renews them, then logs in
  # again); a secret-id lives SECRET_ID_TTL for SECRET_ID_NUM_USES logins, from SECRET_ID_BOUND_CIDRS
  # only. Running this script with APPROLE_OUTPUT_DIR mints a fresh one and destroys the previous.
  if [ -n "$SECRET_ID_BOUND_CIDRS" ]; then
    set -- secret_id_bound_cidrs="$SECRET_ID_BOUND_CIDRS" token_bound_cidrs="$SECRET_ID_BOUND_CIDRS"
  else
    set --
  fi
  v write auth/approle/role/"$service" token_policies="$service" token_ttl=1h token_max_ttl=24h \
    secret_id_ttl="$SECRET_ID_TTL" secret_id_num_uses="$SECRET_ID_NUM_USES" "$@" >/dev/null
  v write auth/kubernetes/role/"$service" bound_service_account_names="$service" \
    bound_service_account_namespaces="$K8S_NAMESPACE" token_policies="$service" token_ttl=1h \
    token_max_ttl=24h >/dev/null
  if [ -n "${APPROLE_OUTPUT_DIR:-}" ]; then write_approle_credentials "$service"; fi
  log "configured $service"
done

log "done"
