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
from mcpm_launcher.stack import find_or_install_bao, kafka_properties, new_kafka_cluster_id, openbao_config

from .helpers import free_port


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


class OpenBaoTests(unittest.TestCase):
    """The launcher's OpenBao life cycle against the real server (./mcpm test puts `bao` on PATH)."""

    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.root = Path(self.directory.name)
        self.binary = shutil.which("bao") or find_or_install_bao(config.Layout(self.root))
        self.port = free_port()
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
