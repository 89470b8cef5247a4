# HashiCorp Vault server configuration used by docker-compose (not dev mode).
# Integrated storage (Raft) on the vault-data volume; the audit device is enabled by bootstrap.sh
# (HashiCorp Vault creates audit devices through the API). Kubernetes uses the Vault Helm chart
# with the equivalent values (see k8s/README.md), with TLS on the listener.
ui            = false
disable_mlock = true   # recommended with integrated storage; memory is not swapped in containers

storage "raft" {
  path    = "/vault/file"
  node_id = "vault-1"
}

listener "tcp" {
  address         = "0.0.0.0:8200"
  cluster_address = "0.0.0.0:8201"
  # Compose network only: nothing outside the stack's network reaches it. TLS is on in Kubernetes.
  tls_disable = true
  telemetry {
    unauthenticated_metrics_access = true
  }
}

api_addr     = "http://vault:8200"
cluster_addr = "http://vault:8201"

telemetry {
  prometheus_retention_time = "30s"
  disable_hostname          = true
}
