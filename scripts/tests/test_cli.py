"""Tests of cli: arguments, status, stop and down --purge."""
from __future__ import annotations

import os
import signal
import tempfile
import time
import unittest
from pathlib import Path

from mcpm_launcher import config
from mcpm_launcher.cli import all_up, argument_parser, stop_group
from mcpm_launcher.processes import start_detached
from mcpm_launcher.stack import Component, Stack


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
