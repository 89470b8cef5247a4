# The same server for OpenBao. OpenBao does not create audit devices through the API: they are
# declared here. Use with `bao server -config=openbao.hcl`.
ui            = false
disable_mlock = true

storage "raft" {
  path    = "/vault/file"
  node_id = "openbao-1"
}

listener "tcp" {
  address         = "0.0.0.0:8200"
  cluster_address = "0.0.0.0:8201"
  tls_disable     = true
  telemetry {
    unauthenticated_metrics_access = true
  }
}

api_addr     = "http://openbao:8200"
cluster_addr = "http://openbao:8201"

audit "file" "file" {
  description = "every request and response, secrets HMAC-ed"
  options {
    file_path = "/vault/logs/audit.log"
  }
}

telemetry {
  prometheus_retention_time = "30s"
  disable_hostname          = true
}
