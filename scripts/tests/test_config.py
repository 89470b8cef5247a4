"""Tests of config: the app table, each app's environment and JVM options, the stack's secrets."""
from __future__ import annotations

import os
import tempfile
import unittest
from pathlib import Path

from mcpm_launcher import config


SECRETS = config.StackSecrets(
    vault_token="token-1", service_client_secret="client-secret-1", oauth_state_key="state-key-1",
    dev_password="pw-1", dev_password_source="test", discovery_password="discovery-pw-1",
    kafka_passwords={"admin": "kafka-admin-pw", **{p: f"kafka-{p}-pw" for p in config.kafka_principals()}},
)


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


class PortsFileTests(unittest.TestCase):
    def test_properties_lines_are_read_and_comments_skipped(self):
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "ports.properties"
            path.write_text("# infrastructure\n! also a comment\n\npostgres=15432\n  auth-server.management = 9100  \n")
            self.assertEqual(config.read_ports(path), {"postgres": 15432, "auth-server.management": 9100})

    def test_a_line_that_is_not_a_port_is_refused_with_its_place(self):
        with tempfile.TemporaryDirectory() as directory:
            path = Path(directory) / "ports.properties"
            path.write_text("postgres=15432\nkafka: 19092\n")
            with self.assertRaisesRegex(config.LauncherError, r"ports.properties:2: expected <name>=<port>"):
                config.read_ports(path)

    def test_a_missing_port_names_the_file(self):
        with self.assertRaisesRegex(config.LauncherError, r"local-stack/ports.properties has no port zookeeper"):
            config.port_of("zookeeper")

    def test_every_port_in_the_file_belongs_to_a_component(self):
        infrastructure = {"postgres", "kafka", "kafka.controller", "openbao", "redis", "prometheus"}
        apps = {key for app in config.APPS for key in (app.name, f"{app.name}.management")}
        self.assertEqual(set(config.PORTS), infrastructure | apps)


class AppEnvironmentTests(unittest.TestCase):
    def test_service_gets_its_database_and_the_stack_connections(self):
        env = config.app_environment(config.app_named("git-connection-service"), {}, SECRETS, True)
        self.assertEqual(env["DB_URL"], "jdbc:postgresql://127.0.0.1:15432/git_connection")
        self.assertEqual(env["DB_USERNAME"], "git_connection")
        self.assertEqual(env["DB_PASSWORD"], "")
        self.assertEqual(env["SPRING_PROFILES_ACTIVE"], "local")
        self.assertEqual(env["MCPM_DISCOVERY_ADDRESS"], "127.0.0.1:8761")
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

    def test_every_app_and_discovery_itself_get_the_stack_s_eureka_account(self):
        for app in config.APPS:
            env = config.app_environment(app, {"MCPM_DISCOVERY_PASSWORD": "from-the-user"}, SECRETS, True)
            self.assertEqual(env["MCPM_DISCOVERY_USERNAME"], "discovery", app.name)
            self.assertEqual(env["MCPM_DISCOVERY_PASSWORD"], "discovery-pw-1", app.name)
            self.assertEqual(env["MCPM_DISCOVERY_ADDRESS"], "127.0.0.1:8761", app.name)
            self.assertNotIn("EUREKA_URL", env, "the credential-free URL is gone: clients build it from the account")

    def test_every_app_but_discovery_is_its_own_kafka_principal_over_sasl_scram(self):
        for app in config.APPS:
            env = config.app_environment(app, {}, SECRETS, True)
            if app.name == "discovery":
                self.assertNotIn("KAFKA_USERNAME", env)
                continue
            self.assertEqual(env["KAFKA_SECURITY_PROTOCOL"], "SASL_PLAINTEXT", app.name)
            self.assertEqual(env["KAFKA_SASL_MECHANISM"], "SCRAM-SHA-512", app.name)
            self.assertEqual(env["KAFKA_USERNAME"], app.name)
            self.assertEqual(env["KAFKA_PASSWORD"], f"kafka-{app.name}-pw")
            self.assertNotIn("kafka-admin-pw", env.values(), "the super user is the bootstrap's alone")

    def test_launcher_looks_eureka_up_with_http_basic(self):
        self.assertEqual(config.discovery_authorization(SECRETS),
                         {"Authorization": "Basic ZGlzY292ZXJ5OmRpc2NvdmVyeS1wdy0x"})  # discovery:discovery-pw-1

    def test_auth_server_allows_the_whole_local_stack_to_log_in_from_one_address(self):
        env = config.app_environment(config.app_named("auth-server"), {}, SECRETS, True)
        self.assertEqual(env["MCPM_AUTH_RATELIMIT_LOGIN_CAPACITY"], "600")
        self.assertEqual(env["MCPM_AUTH_RATELIMIT_DEVICEAUTHORIZATION_CAPACITY"], "600")

    def test_user_environment_passes_through_but_stack_settings_win(self):
        base = {"INTEGRATION_PROVIDERS_NOTION_BASE_URL": "http://127.0.0.1:1/notion", "VAULT_ADDR": "http://x:1"}
        env = config.app_environment(config.app_named("integration-service"), base, SECRETS, True)
        self.assertEqual(env["INTEGRATION_PROVIDERS_NOTION_BASE_URL"], "http://127.0.0.1:1/notion")
        self.assertEqual(env["VAULT_ADDR"], "http://127.0.0.1:8200")
        self.assertEqual(base["VAULT_ADDR"], "http://x:1", "the caller's mapping is not changed")

    def test_every_service_migrates_as_the_owner_role_and_runs_as_a_role_that_owns_nothing(self):
        for app in (a for a in config.APPS if a.database):
            env = config.app_environment(app, {"DB_USERNAME": "postgres"}, SECRETS, True)
            self.assertEqual(env["DB_USERNAME"], app.database, app.name)
            self.assertEqual(env["DB_OWNER_USERNAME"], app.database + "_owner", app.name)
            self.assertNotEqual(env["DB_OWNER_USERNAME"], env["DB_USERNAME"])
            self.assertNotIn(config.POSTGRES_USER, (env["DB_USERNAME"], env["DB_OWNER_USERNAME"]))
            self.assertEqual((env["DB_PASSWORD"], env["DB_OWNER_PASSWORD"]), ("", ""), "trust on loopback")

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

    def test_service_clients_go_to_mcp_server_service_and_the_gateway_only(self):
        mcp = config.app_environment(config.app_named("mcp-server-service"), {}, SECRETS, True)
        audit = config.app_environment(config.app_named("audit-service"), {}, SECRETS, True)
        gateway = config.app_environment(config.app_named("gateway"), {}, SECRETS, True)
        self.assertEqual(mcp["MCPM_CLIENT_ID"], "mcp-server-service")
        self.assertEqual(mcp["MCPM_CLIENT_SECRET"], "client-secret-1")
        self.assertEqual(mcp["MCPM_OUTBOUND_ALLOW_HTTP"], "true")
        self.assertEqual(mcp["MCPM_OUTBOUND_ALLOW_LOOPBACK"], "true")
        self.assertNotIn("MCPM_OUTBOUND_ALLOW_LOOPBACK", audit)
        # The gateway's client (id "gateway" by default) resolves personal access tokens.
        self.assertEqual(gateway["MCPM_CLIENT_SECRET"], "client-secret-1")
        self.assertEqual(gateway["MALLOC_ARENA_MAX"], "2")
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

    def test_discovery_password_is_random_per_stack_private_and_reused(self):
        with tempfile.TemporaryDirectory() as one, tempfile.TemporaryDirectory() as other:
            first = config.load_or_create_secrets(config.Layout(Path(one)), {})
            again = config.load_or_create_secrets(config.Layout(Path(one)), {})
            elsewhere = config.load_or_create_secrets(config.Layout(Path(other)), {})
            self.assertEqual(first.discovery_password, again.discovery_password)
            self.assertNotEqual(first.discovery_password, elsewhere.discovery_password)
            self.assertGreaterEqual(len(first.discovery_password), 16, "discovery refuses a shorter one")
            self.assertNotIn(first.discovery_password, (first.service_client_secret, first.oauth_state_key))
            path = config.Layout(Path(one)).secret_file(config.DISCOVERY_PASSWORD_FILE)
            self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
            self.assertEqual(path.read_text().strip(), first.discovery_password)

    def test_kafka_passwords_are_one_private_file_per_principal_and_reused(self):
        with tempfile.TemporaryDirectory() as directory:
            layout = config.Layout(Path(directory))
            first = config.load_or_create_secrets(layout, {})
            again = config.load_or_create_secrets(layout, {})
            self.assertEqual(set(first.kafka_passwords), {"admin", *config.kafka_principals()})
            self.assertNotIn("discovery", first.kafka_passwords)
            self.assertEqual(first.kafka_passwords, again.kafka_passwords)
            self.assertEqual(len(set(first.kafka_passwords.values())), len(first.kafka_passwords))
            path = config.kafka_credential_file(layout, "audit-service")
            self.assertEqual(os.stat(path).st_mode & 0o777, 0o600)
            self.assertEqual(path.read_text().strip(), first.kafka_passwords["audit-service"])
            # Written into JAAS strings and the storage tool's --add-scram [name=...,password=...] argument.
            for password in first.kafka_passwords.values():
                self.assertRegex(password, r"^[A-Za-z0-9_-]{24,}$")

    def test_user_dev_password_wins_and_is_not_stored(self):
        with tempfile.TemporaryDirectory() as directory:
            layout = config.Layout(Path(directory))
            chosen = config.load_or_create_secrets(layout, {"MCPM_DEV_PASSWORD": "mine"})
            self.assertEqual((chosen.dev_password, chosen.dev_password_source), ("mine", "MCPM_DEV_PASSWORD"))
            self.assertFalse(layout.secret_file(config.DEV_PASSWORD_FILE).exists())
