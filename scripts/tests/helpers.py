"""What more than one test module needs."""
from __future__ import annotations

import socket


def free_port() -> int:
    """A loopback port that nothing listens on (the OS picked it a moment ago)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
