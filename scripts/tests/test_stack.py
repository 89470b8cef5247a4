"""Tests of stack: Kafka's settings, and OpenBao's life cycle against the real server."""
from __future__ import annotations

import base64
import shutil
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

from mcpm_launcher import config, probes
from mcpm_launcher.stack import (
    find_or_install_bao, new_kafka_cluster_id, openbao_config, vault_policies,
)

from .helpers import free_port


class KafkaSettingsTests(unittest.TestCase):
    # The broker's properties and ACLs are local-stack's LocalKafka (Java), tested on a real broker there.
    def test_cluster_id_looks_like_a_kafka_uuid(self):
        for _ in range(200):
            cluster_id = new_kafka_cluster_id()
            self.assertEqual(len(cluster_id), 22)
            self.assertFalse(cluster_id.startswith("-"))
            self.assertNotIn("=", cluster_id)


class VaultAccessSettingsTests(unittest.TestCase):
    def test_each_approle_carries_only_its_policy_and_short_loopback_bound_secret_ids(self):
        body = probes.vault_approle_body("mcp-server-service")
        self.assertEqual(body["token_policies"], ["mcp-server-service"])
        self.assertEqual(body["secret_id_ttl"], "168h")
        self.assertEqual(body["secret_id_num_uses"], 10)
        self.assertEqual(body["secret_id_bound_cidrs"], ["127.0.0.1/32"])
        self.assertEqual(body["token_bound_cidrs"], ["127.0.0.1/32"])
        self.assertEqual(body["token_max_ttl"], "24h")

    def test_the_shipped_policies_of_the_apps_that_use_vault(self):
        root = Path(__file__).resolve().parents[2]
        policies = vault_policies(root)
        self.assertEqual(set(policies), {"auth-server", "integration-service", "git-connection-service",
                                         "mcp-server-service", "audit-service"})
        self.assertIn('path "transit/encrypt/mcp-server-service"', policies["mcp-server-service"])

    def test_the_server_configuration_declares_a_file_audit_device_under_the_logs(self):
        text = openbao_config(Path("/s/data"), "127.0.0.1", 8200, Path("/s/.mcpm/logs/vault-audit.log"))
        self.assertIn('audit "file" "file"', text)
        self.assertIn('file_path = "/s/.mcpm/logs/vault-audit.log"', text)
        self.assertNotIn("audit", openbao_config(Path("/s/data"), "127.0.0.1", 8200))


class OpenBaoTests(unittest.TestCase):
    """The launcher's OpenBao life cycle against the real server (./mcpm test puts `bao` on PATH)."""

    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.root = Path(self.directory.name)
        self.binary = shutil.which("bao") or find_or_install_bao(config.Layout(self.root))
        self.port = free_port()
        self.address = f"http://127.0.0.1:{self.port}"
        self.config_file = self.root / "openbao.hcl"
        self.audit_log = self.root / "logs" / config.VAULT_AUDIT_LOG
        self.audit_log.parent.mkdir()
        self.config_file.write_text(openbao_config(self.root / "data", "127.0.0.1", self.port, self.audit_log))
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

    def call(self, token, method, path, body=None):
        return probes.http_json(f"{self.address}/v1/{path}", method, {"X-Vault-Token": token}, body, timeout=10)

    def test_each_service_logs_in_with_its_own_approle_and_policy_and_every_request_is_audited(self):
        self.start()
        unseal_key, root = probes.vault_initialise(self.address)
        probes.vault_unseal(self.address, unseal_key)
        self.wait_for(lambda: probes.vault_health(self.address) == "active", "active after unsealing")
        probes.enable_vault_engines(self.address, root)
        policies = {name: f'path "transit/encrypt/{name}" {{ capabilities = ["update"] }}' for name in ("svc-a", "svc-b")}
        self.assertEqual(probes.configure_vault_approles(self.address, root, policies),
                         ["approle auth", "key svc-a", "key svc-b"])
        self.assertEqual(probes.configure_vault_approles(self.address, root, policies), [], "idempotent")

        role_id, secret_id = probes.vault_approle_login(self.address, root, "svc-a")
        status, lookup = self.call(root, "POST", "auth/approle/role/svc-a/secret-id/lookup", {"secret_id": secret_id})
        self.assertEqual(status, 200, lookup)
        self.assertEqual(lookup["data"]["secret_id_num_uses"], 10)
        self.assertEqual(lookup["data"]["secret_id_ttl"], 168 * 3600)
        status, role = self.call(root, "GET", "auth/approle/role/svc-a")
        self.assertEqual(role["data"]["secret_id_bound_cidrs"], ["127.0.0.1/32"], "the role binds every secret-id")
        self.assertEqual(role["data"]["token_bound_cidrs"], ["127.0.0.1"], "a /32 reads back as the address")

        status, login = self.call("", "POST", "auth/approle/login", {"role_id": role_id, "secret_id": secret_id})
        self.assertEqual(status, 200, login)
        token = login["auth"]["client_token"]
        self.assertEqual(login["auth"]["token_policies"], ["default", "svc-a"])
        encrypt = {"plaintext": base64.b64encode(b"x").decode(), "context": base64.b64encode(b"u").decode()}
        self.assertEqual(self.call(token, "POST", "transit/encrypt/svc-a", encrypt)[0], 200)
        self.assertEqual(self.call(token, "POST", "transit/encrypt/svc-b", encrypt)[0], 403, "another service's key")
        self.assertEqual(self.call(token, "GET", "sys/mounts")[0], 403)

        audit = self.audit_log.read_text()
        self.assertIn("auth/approle/login", audit)
        self.assertNotIn(secret_id, audit, "secrets are HMAC-ed in the audit log")
        self.assertNotIn(token, audit)
