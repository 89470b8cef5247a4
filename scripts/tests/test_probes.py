"""Tests of probes: Eureka's registry, Redis, and what nothing listening looks like."""
from __future__ import annotations

import http.server
import json
import socket
import threading
import unittest

from mcpm_launcher import probes

from .helpers import free_port


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

    def test_eureka_look_up_sends_the_basic_header_and_an_anonymous_one_gets_nothing(self):
        seen: list[str | None] = []

        class Registry(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                seen.append(self.headers.get("Authorization"))
                if self.headers.get("Authorization") != "Basic ZDpw":
                    self.send_response(401)
                    self.end_headers()
                    return
                body = json.dumps({"applications": {"application": {"name": "GATEWAY",
                                                                    "instance": {"status": "UP"}}}}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        server = http.server.HTTPServer(("127.0.0.1", 0), Registry)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        try:
            port = server.server_address[1]
            self.assertEqual(probes.eureka_up_apps(port), set())
            self.assertEqual(probes.eureka_up_apps(port, {"Authorization": "Basic ZDpw"}), {"gateway"})
            self.assertEqual(seen, [None, "Basic ZDpw"])
        finally:
            server.shutdown()
            server.server_close()

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
        port = free_port()
        self.assertFalse(probes.port_in_use(port))
        self.assertFalse(probes.kafka_answers(port))
        self.assertIsNone(probes.postgres_query(port, "postgres", "postgres", "SELECT 1"))
