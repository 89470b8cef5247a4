"""What the local stack is: ports (from local-stack/ports.properties), the app table, runtime files under .mcpm/,
secrets, app environment."""
from __future__ import annotations

import base64
import os
import secrets
import shlex
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping


class LauncherError(Exception):
    """A failure with a message that tells the user what to do; printed without a traceback."""


# The one file that holds every port of the local stack; the bench and the system tests read it too.
PORTS_FILE = Path(__file__).resolve().parents[2] / "local-stack" / "ports.properties"


def read_ports(path: Path) -> dict[str, int]:
    """The key=port lines of a java.util.Properties file (comments start with # or !)."""
    ports = {}
    for number, line in enumerate(path.read_text().splitlines(), 1):
        line = line.strip()
        if not line or line[0] in "#!":
            continue
        key, separator, value = line.partition("=")
        if not separator or not value.strip().isdigit():
            raise LauncherError(f"{path}:{number}: expected <name>=<port>, not {line!r}")
        ports[key.strip()] = int(value)
    return ports


PORTS = read_ports(PORTS_FILE)


def port_of(name: str) -> int:
    try:
        return PORTS[name]
    except KeyError:
        raise LauncherError(f"{PORTS_FILE} has no port {name}") from None


HOST = "127.0.0.1"
POSTGRES_PORT = port_of("postgres")
POSTGRES_USER = "postgres"
# Each database is owned by <database>_owner and used by the role <database> (local-stack LocalPostgres).
DATABASE_OWNER_SUFFIX = "_owner"
KAFKA_PORT = port_of("kafka")
KAFKA_CONTROLLER_PORT = port_of("kafka.controller")
VAULT_PORT = port_of("openbao")
REDIS_PORT = port_of("redis")
PROMETHEUS_PORT = port_of("prometheus")

VAULT_ADDR = f"http://{HOST}:{VAULT_PORT}"
KAFKA_BOOTSTRAP_SERVERS = f"{HOST}:{KAFKA_PORT}"
REDIS_URL = f"redis://{HOST}:{REDIS_PORT}"
PROMETHEUS_URL = f"http://{HOST}:{PROMETHEUS_PORT}"
PROMETHEUS_CONFIG = "observability/prometheus-local.yml"

# Debian 12's Prometheus (2.42) drops a whole scrape when a histogram's _count carries an exemplar (accepted
# from 2.43 on), so the local stack's apps expose no exemplars; compose and Kubernetes run a newer Prometheus.
NO_EXEMPLARS = "org.springframework.boot.micrometer.tracing.autoconfigure.prometheus.PrometheusExemplarsAutoConfiguration"

# Start-up first: C1 only (TieredStopAtLevel=1) starts an app fastest and keeps it small.
DEFAULT_JAVA_OPTS = "-XX:TieredStopAtLevel=1 -Xss512k -XX:+UseSerialGC -Xmx256m -XX:+ExitOnOutOfMemoryError"
# The gateway, on every request's path, also gets C2 (full tiered compilation): C1-only code ran its steady state
# (Reactor, Netty, security) at 2.4 times the CPU per request. C2's code and profiles take ~50-70 MB more, paid for
# by a heap sized to what it keeps live (~60 MB after a GC under load) and by giving the C2 compiler's freed scratch
# memory back to the OS (trimmed every 5 s, few malloc arenas), so it stays under 400 MB resident.
# integration-service gained as much per request from C2 but then grew to ~490 MB under the credential-read
# load even with a 160 MB heap: it keeps C1, with a heap sized to its live data (also ~60 MB).
HOT_PATH_JAVA_OPTS = ("-XX:TieredStopAtLevel=4", "-XX:TrimNativeHeapInterval=5000")
HOT_PATH_ENVIRONMENT = (("MALLOC_ARENA_MAX", "2"),)
DEFAULT_UP_TIMEOUT_SECONDS = 300
DEFAULT_STOP_GRACE_SECONDS = 30


@dataclass(frozen=True)
class App:
    """One Spring Boot app: module folder = artifactId = spring.application.name = Eureka id."""

    name: str
    database: str | None = None
    after: tuple[str, ...] = ()
    # Settings of this app alone; values may name a stack secret as {service_client_secret}.
    environment: tuple[tuple[str, str], ...] = ()
    # JVM options of this app alone, after MCPM_JAVA_OPTS (or the defaults), so they win.
    java_options: tuple[str, ...] = ()

    @property
    def port(self) -> int:
        return port_of(self.name)

    @property
    def management_port(self) -> int:
        return port_of(f"{self.name}.management")

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.port}"

    @property
    def health_url(self) -> str:
        return f"http://{HOST}:{self.management_port}/actuator/health"

    @property
    def registers_in_eureka(self) -> bool:
        return self.name != "discovery"


# The apps, in start order. Adding an app is one line here, plus its two ports in PORTS_FILE. `after`: apps that
# must be healthy first (every app also waits for the infrastructure).
APPS: tuple[App, ...] = (
    App("discovery"),
    # Everyone using the local stack, and every system test, logs in from 127.0.0.1: one address, so the
    # per-address limits of login and device authorization are raised here (the defaults hold elsewhere).
    App("auth-server", database="auth", after=("discovery",), environment=(
        ("MCPM_AUTH_RATELIMIT_LOGIN_CAPACITY", "600"),
        ("MCPM_AUTH_RATELIMIT_DEVICEAUTHORIZATION_CAPACITY", "600"),
    )),
    # Likewise the load and fault-injection runs validate thousands of tokens an hour per user: the
    # per-user cap of validation calls (300 an hour by default) is raised for the local stack.
    App("integration-service", database="integration", after=("auth-server",),
        java_options=("-Xmx192m",), environment=(
            ("INTEGRATION_VALIDATION_MAXATTEMPTSPERHOUR", "1000000"),
        )),
    App("git-connection-service", database="git_connection", after=("auth-server",)),
    App("mcp-server-service", database="mcp_server", after=("auth-server",), environment=(
        # MCP servers of the local stack run on loopback over http; the outbound guard refuses both elsewhere.
        ("MCPM_OUTBOUND_ALLOW_HTTP", "true"),
        ("MCPM_OUTBOUND_ALLOW_LOOPBACK", "true"),
        ("MCPM_CLIENT_ID", "mcp-server-service"),
        ("MCPM_CLIENT_SECRET", "{service_client_secret}"),
        ("MCPM_CLIENT_SCOPES", "integrations.broker,git.broker"),
    )),
    App("audit-service", database="audit", after=("auth-server",)),
    # The gateway's own client at auth-server resolves personal access tokens (scope pats.resolve).
    App("gateway", after=("auth-server",), environment=(
        *HOT_PATH_ENVIRONMENT,
        ("MCPM_CLIENT_SECRET", "{service_client_secret}"),
    ), java_options=(*HOT_PATH_JAVA_OPTS, "-Xmx128m")),
)


def app_named(name: str) -> App:
    for app in APPS:
        if app.name == name:
            return app
    raise KeyError(name)


def databases() -> list[str]:
    return [app.database for app in APPS if app.database]


def jdbc_url(database: str) -> str:
    return f"jdbc:postgresql://{HOST}:{POSTGRES_PORT}/{database}"


# Eureka requires HTTP basic: every app (and discovery itself) gets this account, the password
# generated once per stack into .mcpm/discovery-password.
DISCOVERY_ADDRESS = f"{HOST}:{app_named('discovery').port}"
DISCOVERY_USERNAME = "discovery"
AUTH_ISSUER_URI = f"http://{HOST}:{app_named('auth-server').port}"
GATEWAY_URL = app_named("gateway").url


@dataclass(frozen=True)
class Layout:
    """Runtime files, all under <repository>/.mcpm/ (git-ignored)."""

    root: Path

    @property
    def state(self) -> Path:
        return self.root / ".mcpm"

    @property
    def run_dir(self) -> Path:
        return self.state / "run"

    @property
    def logs_dir(self) -> Path:
        return self.state / "logs"

    @property
    def data_dir(self) -> Path:
        return self.state / "data"

    @property
    def lib_dir(self) -> Path:
        return self.state / "lib"

    @property
    def conf_dir(self) -> Path:
        return self.state / "conf"

    @property
    def cache_dir(self) -> Path:
        return self.state / "cache"

    @property
    def tmp_dir(self) -> Path:
        return self.state / "tmp"

    @property
    def tools_dir(self) -> Path:
        return self.state / "tools"

    def pid_file(self, component: str) -> Path:
        return self.run_dir / f"{component}.pid"

    def log_file(self, component: str) -> Path:
        return self.logs_dir / f"{component}.log"

    def secret_file(self, name: str) -> Path:
        return self.state / name

    def create_directories(self) -> None:
        self.state.mkdir(mode=0o700, exist_ok=True)
        for directory in (self.run_dir, self.logs_dir, self.data_dir, self.conf_dir, self.cache_dir, self.tmp_dir):
            directory.mkdir(parents=True, exist_ok=True)


VAULT_TOKEN_FILE = "vault-token"
VAULT_UNSEAL_KEY_FILE = "openbao-unseal-key"
VAULT_AUDIT_LOG = "vault-audit.log"  # in .mcpm/logs: OpenBao's file audit device
DEV_PASSWORD_FILE = "dev-password"
SERVICE_CLIENT_SECRET_FILE = "service-client-secret"
OAUTH_STATE_KEY_FILE = "oauth-state-key"
DISCOVERY_PASSWORD_FILE = "discovery-password"
# One SCRAM-SHA-512 password per Kafka principal (file name = principal), generated once per stack; `admin` is the
# broker's super user (inter-broker traffic and the ACL bootstrap, never an app).
KAFKA_CREDENTIALS_DIR = "kafka-credentials"
KAFKA_ADMIN = "admin"
KAFKA_SASL_MECHANISM = "SCRAM-SHA-512"


def kafka_principals() -> list[str]:
    """Every app but discovery talks to Kafka as itself (User:<app>); the ACLs are in local-stack's KafkaAccess."""
    return [app.name for app in APPS if app.name != "discovery"]


@dataclass(frozen=True)
class StackSecrets:
    vault_token: str  # written when OpenBao is initialised; empty before
    service_client_secret: str
    oauth_state_key: str
    dev_password: str
    dev_password_source: str  # "MCPM_DEV_PASSWORD" or the file it was read from
    discovery_password: str = ""  # Eureka's HTTP basic password, generated once per stack
    kafka_passwords: Mapping[str, str] = field(default_factory=dict)  # principal -> SCRAM password, admin included


def read_secret(path: Path) -> str | None:
    try:
        value = path.read_text().strip()
    except FileNotFoundError:
        return None
    return value or None


def read_or_create_secret(path: Path, nbytes: int = 24) -> str:
    """Generated once per stack, kept with mode 0600, never printed into the repository."""
    value = read_secret(path)
    if value:
        return value
    value = secrets.token_urlsafe(nbytes)
    write_secret(path, value)
    return value


def write_secret(path: Path, value: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(value + "\n")


def load_or_create_secrets(layout: Layout, environ: Mapping[str, str]) -> StackSecrets:
    if environ.get("MCPM_DEV_PASSWORD"):
        dev_password, source = environ["MCPM_DEV_PASSWORD"], "MCPM_DEV_PASSWORD"
    else:
        path = layout.secret_file(DEV_PASSWORD_FILE)
        dev_password, source = read_or_create_secret(path, 12), str(path)
    return StackSecrets(
        vault_token=read_secret(layout.secret_file(VAULT_TOKEN_FILE)) or "",
        service_client_secret=read_or_create_secret(layout.secret_file(SERVICE_CLIENT_SECRET_FILE)),
        oauth_state_key=read_or_create_secret(layout.secret_file(OAUTH_STATE_KEY_FILE), 32),
        dev_password=dev_password,
        dev_password_source=source,
        discovery_password=read_or_create_secret(layout.secret_file(DISCOVERY_PASSWORD_FILE)),
        kafka_passwords={principal: read_or_create_secret(kafka_credential_file(layout, principal))
                         for principal in (KAFKA_ADMIN, *kafka_principals())},
    )


def kafka_credential_file(layout: Layout, principal: str) -> Path:
    return layout.secret_file(KAFKA_CREDENTIALS_DIR) / principal


def kafka_client_environment(principal: str, stack_secrets: StackSecrets) -> dict[str, str]:
    """How an app authenticates to the stack's broker (read by the kit's PlatformDefaults and the gateway)."""
    return {
        "KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT",
        "KAFKA_SASL_MECHANISM": KAFKA_SASL_MECHANISM,
        "KAFKA_USERNAME": principal,
        "KAFKA_PASSWORD": stack_secrets.kafka_passwords[principal],
    }


def discovery_authorization(stack_secrets: StackSecrets) -> dict[str, str]:
    """The HTTP basic header for Eureka's REST API (the launcher's own look-ups)."""
    pair = f"{DISCOVERY_USERNAME}:{stack_secrets.discovery_password}".encode()
    return {"Authorization": "Basic " + base64.b64encode(pair).decode()}


def rate_limit_store(redis_available: bool) -> str:
    return "redis" if redis_available else "memory"


def app_environment(
    app: App, base: Mapping[str, str], stack_secrets: StackSecrets, redis_available: bool
) -> dict[str, str]:
    """The user's environment (so any Spring property can be set through relaxed binding) plus the stack's."""
    env = dict(base)
    env.update(
        {
            "SPRING_PROFILES_ACTIVE": "local",
            "SERVER_PORT": str(app.port),
            "MANAGEMENT_SERVER_PORT": str(app.management_port),
            "MCPM_DISCOVERY_ADDRESS": DISCOVERY_ADDRESS,
            "MCPM_DISCOVERY_USERNAME": DISCOVERY_USERNAME,
            "MCPM_DISCOVERY_PASSWORD": stack_secrets.discovery_password,
            "KAFKA_BOOTSTRAP_SERVERS": KAFKA_BOOTSTRAP_SERVERS,
            "VAULT_ADDR": VAULT_ADDR,
            "VAULT_TOKEN": stack_secrets.vault_token,
            "REDIS_HOST": HOST,
            "REDIS_PORT": str(REDIS_PORT),
            "MCPM_RATE_LIMIT_STORE": rate_limit_store(redis_available),
            "AUTH_ISSUER_URI": AUTH_ISSUER_URI,
            "MCPM_DEV_PASSWORD": stack_secrets.dev_password,
            "MCPM_SERVICE_CLIENT_SECRET": stack_secrets.service_client_secret,
            "MCPM_OAUTH_STATE_KEY": stack_secrets.oauth_state_key,
            "SPRING_AUTOCONFIGURE_EXCLUDE": NO_EXEMPLARS,
        }
    )
    env.update({name: value.format(service_client_secret=stack_secrets.service_client_secret)
                for name, value in app.environment})
    if app.name in stack_secrets.kafka_passwords:
        env.update(kafka_client_environment(app.name, stack_secrets))
    if app.database:
        env.update(database_environment(app.database))
    return env


def database_environment(database: str) -> dict[str, str]:
    """Flyway migrates as the owner role, the app runs as the runtime role, which owns nothing (both created
    by LocalPostgres; trust authentication on 127.0.0.1, so no passwords)."""
    return {
        "DB_URL": jdbc_url(database),
        "DB_USERNAME": database,
        "DB_PASSWORD": "",
        "DB_OWNER_USERNAME": database + DATABASE_OWNER_SUFFIX,
        "DB_OWNER_PASSWORD": "",
    }


def java_options(environ: Mapping[str, str], app: App | None = None) -> list[str]:
    shared = shlex.split(environ.get("MCPM_JAVA_OPTS") or DEFAULT_JAVA_OPTS)
    return shared + list(app.java_options if app else ())


def seconds_from_env(environ: Mapping[str, str], name: str, default: float) -> float:
    value = environ.get(name)
    if not value:
        return default
    try:
        seconds = float(value)
    except ValueError:
        raise ValueError(f"{name} must be a number of seconds, not {value!r}") from None
    if seconds <= 0:
        raise ValueError(f"{name} must be positive, not {value!r}")
    return seconds
