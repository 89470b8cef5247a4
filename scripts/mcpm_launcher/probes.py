"""Health checks that speak each server's own protocol (stdlib only, loopback only)."""
from __future__ import annotations

import json
import socket
import struct
import urllib.error
import urllib.request
from typing import Any, Mapping

from .config import HOST

# Never send loopback checks through an http_proxy from the user's environment.
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def port_in_use(port: int, timeout: float = 0.5) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout):
            return True
    except OSError:
        return False


def _receive_exactly(sock: socket.socket, size: int) -> bytes:
    chunks = bytearray()
    while len(chunks) < size:
        chunk = sock.recv(size - len(chunks))
        if not chunk:
            raise ConnectionError("connection closed")
        chunks.extend(chunk)
    return bytes(chunks)


def postgres_query(port: int, database: str, user: str, sql: str, timeout: float = 1.0) -> str | None:
    """Protocol 3.0 with trust auth: the first column of the first row of a simple query, or None on any failure."""
    params = f"user\0{user}\0database\0{database}\0\0".encode()
    startup = struct.pack("!ii", 8 + len(params), 196608) + params
    query = sql.encode() + b"\0"
    value = None
    try:
        with socket.create_connection((HOST, port), timeout) as sock:
            sock.settimeout(timeout)
            sock.sendall(startup)
            while True:
                header = _receive_exactly(sock, 5)
                kind, length = header[:1], struct.unpack("!i", header[1:])[0]
                body = _receive_exactly(sock, length - 4)
                if kind == b"E":  # e.g. "the database system is starting up"
                    return None
                if kind == b"R" and struct.unpack("!i", body[:4])[0] != 0:  # asks for a password
                    return None
                if kind == b"D" and value is None:  # DataRow: int16 columns, then int32 length + bytes
                    size = struct.unpack("!i", body[2:6])[0]
                    value = body[6:6 + size].decode() if size >= 0 else ""
                if kind == b"Z":  # ReadyForQuery: after startup, then after the query
                    if query:
                        sock.sendall(b"Q" + struct.pack("!i", 4 + len(query)) + query)
                        query = b""
                    else:
                        sock.sendall(b"X" + struct.pack("!i", 4))
                        return value
    except (OSError, struct.error):
        return None


def postgres_has_databases(port: int, user: str, databases: list[str]) -> bool:
    names = ",".join(f"'{name}'" for name in databases if name.replace("_", "").isalnum())
    # Ready once LocalPostgres gave each database to its owner role (its last step for a database).
    sql = (f"SELECT count(*) FROM pg_database WHERE datname IN ({names})"
           " AND pg_get_userbyid(datdba) = datname || '_owner'")
    return postgres_query(port, "postgres", user, sql) == str(len(databases))


_KAFKA_API_VERSIONS = 18
_KAFKA_UNSUPPORTED_VERSION = 35


def kafka_answers(port: int, timeout: float = 1.0) -> bool:
    """An ApiVersions request answered with the same correlation id: the broker serves clients."""
    client_id = b"mcpm"
    correlation_id = 0x6D63
    header = struct.pack("!hhih", _KAFKA_API_VERSIONS, 0, correlation_id, len(client_id)) + client_id
    try:
        with socket.create_connection((HOST, port), timeout) as sock:
            sock.settimeout(timeout)
            sock.sendall(struct.pack("!i", len(header)) + header)
            size = struct.unpack("!i", _receive_exactly(sock, 4))[0]
            answered_id, error_code = struct.unpack("!ih", _receive_exactly(sock, min(size, 6)))
            return answered_id == correlation_id and error_code in (0, _KAFKA_UNSUPPORTED_VERSION)
    except (OSError, struct.error):
        return False


def redis_answers_ping(port: int, timeout: float = 1.0) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout) as sock:
            sock.settimeout(timeout)
            sock.sendall(b"PING\r\n")
            return sock.recv(64).startswith(b"+PONG")
    except OSError:
        return False


def http_json(
    url: str, method: str = "GET", headers: dict[str, str] | None = None, body: Any = None, timeout: float = 2.0
) -> tuple[int, Any]:
    """(status, parsed JSON or None); status 0 when nothing answered."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={"Accept": "application/json", **(headers or {})})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            status, raw = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, raw = error.code, error.read()
    except (OSError, ValueError):
        return 0, None
    try:
        return status, json.loads(raw) if raw else None
    except ValueError:
        return status, None


def vault_health(address: str) -> str:
    """'active', 'sealed', 'uninitialized', 'standby' or 'unreachable' (from /v1/sys/health's status codes)."""
    status, _ = http_json(f"{address}/v1/sys/health")
    return {200: "active", 429: "standby", 501: "uninitialized", 503: "sealed"}.get(status, "unreachable")


def vault_initialise(address: str) -> tuple[str, str]:
    """Initialises a new server with a single unseal key; returns (unseal key, root token)."""
    status, answer = http_json(f"{address}/v1/sys/init", "PUT", body={"secret_shares": 1, "secret_threshold": 1},
                               timeout=60)
    if status != 200 or not isinstance(answer, dict):
        raise RuntimeError(f"OpenBao answered {status} to initialisation")
    return answer["keys_base64"][0], answer["root_token"]


def vault_unseal(address: str, unseal_key: str) -> None:
    status, answer = http_json(f"{address}/v1/sys/unseal", "PUT", body={"key": unseal_key}, timeout=10)
    if status != 200:
        # The body may echo request details; the key itself is never printed.
        raise RuntimeError(f"OpenBao answered {status} to unsealing: {(answer or {}).get('errors')}")


# What the services expect mounted (dev mode used to provide secret/ on its own).
VAULT_ENGINES = {"transit/": {"type": "transit"}, "secret/": {"type": "kv", "options": {"version": "2"}}}


def enable_vault_engines(address: str, token: str) -> list[str]:
    """Mounts Transit at transit/ and KV v2 at secret/ unless there; returns what was mounted now."""
    headers = {"X-Vault-Token": token}
    status, mounts = http_json(f"{address}/v1/sys/mounts", headers=headers)
    if status != 200 or not isinstance(mounts, dict):
        raise RuntimeError(f"OpenBao answered {status} to GET /v1/sys/mounts")
    present = mounts.get("data") or mounts
    mounted = []
    for path, body in VAULT_ENGINES.items():
        if path in present:
            continue
        status, answer = http_json(f"{address}/v1/sys/mounts/{path.rstrip('/')}", "POST", headers, body)
        if status not in (200, 204):
            raise RuntimeError(f"OpenBao answered {status} to mounting {path}: {answer}")
        mounted.append(path)
    return mounted


# Each app that uses Vault logs in with its own AppRole, whose tokens carry only its shipped policy
# (vault-config/policies/<app>.hcl); the root token only bootstraps. A secret-id is minted for every
# start of the app: it lives a week and allows ten logins (Spring Vault logs in again once the token
# reaches its 24 h maximum), and it and its tokens are accepted only from 127.0.0.1.
VAULT_APPROLE_SETTINGS = {
    "token_ttl": "1h",
    "token_max_ttl": "24h",
    "token_bound_cidrs": ["127.0.0.1/32"],
    "secret_id_ttl": "168h",
    "secret_id_num_uses": 10,
    "secret_id_bound_cidrs": ["127.0.0.1/32"],
}


def vault_approle_body(service: str) -> dict[str, Any]:
    """The body of auth/approle/role/<service>: the service's policy only, plus VAULT_APPROLE_SETTINGS."""
    return {"token_policies": [service], **VAULT_APPROLE_SETTINGS}


def _vault(address: str, token: str, method: str, path: str, body: Any = None) -> Any:
    status, answer = http_json(f"{address}/v1/{path}", method, {"X-Vault-Token": token}, body, timeout=10)
    if status // 100 != 2:
        # Vault's error bodies name the path and the problem, never a secret.
        raise RuntimeError(f"OpenBao answered {status} to {method} /v1/{path}: {(answer or {}).get('errors')}")
    return answer


def configure_vault_approles(address: str, token: str, policies: Mapping[str, str]) -> list[str]:
    """Enables AppRole auth, writes each service's policy (name -> HCL text) and its role, and creates its
    derived Transit key as vault-config/bootstrap.sh does; returns what was new. Idempotent."""
    new = []
    auths = _vault(address, token, "GET", "sys/auth") or {}
    if "approle/" not in (auths.get("data") or auths):
        _vault(address, token, "POST", "sys/auth/approle", {"type": "approle"})
        new.append("approle auth")
    for service, policy in policies.items():
        _vault(address, token, "PUT", f"sys/policies/acl/{service}", {"policy": policy})
        _vault(address, token, "POST", f"auth/approle/role/{service}", vault_approle_body(service))
        status, _ = http_json(f"{address}/v1/transit/keys/{service}", headers={"X-Vault-Token": token})
        if status == 404:
            _vault(address, token, "POST", f"transit/keys/{service}",
                   {"type": "aes256-gcm96", "derived": True, "exportable": False})
            new.append(f"key {service}")
    return new


def vault_approle_login(address: str, token: str, service: str) -> tuple[str, str]:
    """(role id, a fresh secret-id) of the service's AppRole."""
    role_id = _vault(address, token, "GET", f"auth/approle/role/{service}/role-id")["data"]["role_id"]
    secret_id = _vault(address, token, "POST", f"auth/approle/role/{service}/secret-id", {})["data"]["secret_id"]
    return role_id, secret_id


def actuator_status(management_port: int) -> str | None:
    """'UP', 'DOWN', ... from /actuator/health, or None when nothing answers."""
    _, health = http_json(f"http://{HOST}:{management_port}/actuator/health")
    if isinstance(health, dict) and isinstance(health.get("status"), str):
        return health["status"]
    return None


def eureka_up_apps(eureka_port: int, headers: dict[str, str] | None = None) -> set[str]:
    """Lower-case names of the apps with at least one instance UP in Eureka (headers: its HTTP basic)."""
    status, registry = http_json(f"http://{HOST}:{eureka_port}/eureka/apps", headers=headers)
    if status != 200 or not isinstance(registry, dict):
        return set()
    return names_up_in_eureka(registry)


def names_up_in_eureka(registry: dict) -> set[str]:
    applications = (registry.get("applications") or {}).get("application") or []
    if isinstance(applications, dict):  # Eureka writes a lone element as an object
        applications = [applications]
    up = set()
    for application in applications:
        instances = application.get("instance") or []
        if isinstance(instances, dict):
            instances = [instances]
        if any(instance.get("status") == "UP" for instance in instances):
            up.add(str(application.get("name", "")).lower())
    return up
