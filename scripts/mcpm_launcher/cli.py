"""./mcpm up | status | logs | down | test — the commands, and the start-up schedule that waits for health."""
from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from . import build, config, token
from .config import LauncherError
from .jdk import JdkNotFound
from .probes import port_in_use
from .processes import last_lines, pid_alive, start_detached, stop_processes
from .stack import Component, Stack, find_or_install_bao, stack_components

REPOSITORY_ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str]) -> int:
    args = argument_parser().parse_args(argv)
    stack = Stack(REPOSITORY_ROOT, os.environ)
    try:
        return args.command(stack, args)
    except (LauncherError, JdkNotFound, ValueError) as error:
        print(f"mcpm: error: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. ./mcpm status | head
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("\nmcpm: interrupted. What was started keeps running: ./mcpm status, ./mcpm down", file=sys.stderr)
        return 130


def argument_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mcpm",
        description="Run the MCP Manager platform locally without Docker: real PostgreSQL, Kafka, OpenBao (Vault) "
        "and Redis, then every app. Runtime files live in .mcpm/.",
    )
    commands = parser.add_subparsers(required=True, metavar="command")
    up = commands.add_parser("up", help="build what is missing and start everything that is not running")
    up.add_argument("--infra-only", action="store_true", help="start only PostgreSQL, Kafka, OpenBao and Redis")
    up.add_argument("--with-observability", action="store_true",
                    help="also start Prometheus (needs prometheus on PATH) with the suite's scrape config and alerts")
    up.set_defaults(command=command_up)
    status = commands.add_parser("status", help="what runs where, health and connection details (exit 1 unless all UP)")
    status.add_argument("--json", action="store_true", help="print JSON")
    status.set_defaults(command=command_status)
    logs = commands.add_parser("logs", help="show a component's log")
    logs.add_argument("component")
    logs.add_argument("-f", "--follow", action="store_true", help="keep printing what is appended")
    logs.add_argument("-n", "--lines", type=int, default=100, help="lines to show first (default 100)")
    logs.set_defaults(command=command_logs)
    down = commands.add_parser("down", help="stop everything (apps first), keep data")
    down.add_argument("--purge", action="store_true", help="also delete .mcpm/data and the logs")
    down.set_defaults(command=command_down)
    stop = commands.add_parser("stop", help="stop some components, keep data (./mcpm up starts them again)")
    stop.add_argument("components", nargs="+", metavar="component", help="e.g. kafka postgres openbao audit-service")
    stop.add_argument("--kill", action="store_true", help="SIGKILL at once, as a crash would (kill -9)")
    stop.set_defaults(command=command_stop)
    token = commands.add_parser("token", help="print an access token for a local-stack user (alice, bob, admin)")
    token.add_argument("user")
    token.add_argument("--otp", metavar="CODE", help="the second factor: a code from the authenticator app or a recovery code")
    token.set_defaults(command=command_token)
    test = commands.add_parser("test", help="run every test: the launcher's Python tests, then ./mvnw verify")
    test.add_argument("maven_args", nargs=argparse.REMAINDER, help="extra Maven arguments, e.g. -pl audit-service -am")
    test.set_defaults(command=command_test)
    return parser


# ---------------------------------------------------------------- token

def command_token(stack: Stack, args: argparse.Namespace) -> int:
    issuer = stack.environ.get("AUTH_ISSUER_URI", config.AUTH_ISSUER_URI)
    try:
        print(token.access_token(issuer, args.user, stack.secrets.dev_password, args.otp))
    except token.TokenError as error:
        print(f"mcpm: {error}", file=sys.stderr)
        return 1
    return 0


# ---------------------------------------------------------------- test

def command_test(stack: Stack, args: argparse.Namespace) -> int:
    """The README's test command: finds a JDK 21+, makes sure OpenBao is there, runs all tests."""
    bao = find_or_install_bao(stack.layout)
    environment = {**build.maven_environment(stack.jdk.home),
                   "PATH": f"{bao.parent}{os.pathsep}{stack.environ.get('PATH', '')}"}
    python_tests = subprocess.run([sys.executable, "-m", "unittest", "discover", "-s", "scripts", "-q"],
                                  cwd=stack.root, env=environment, stdin=subprocess.DEVNULL)
    if python_tests.returncode != 0:
        print("mcpm: the launcher's Python tests failed", file=sys.stderr)
        return python_tests.returncode
    maven = ["./mvnw", "-B", "--no-transfer-progress", "-Dstyle.color=never", "verify", *args.maven_args]
    print(f"mcpm: {' '.join(maven)}  (JAVA_HOME={stack.jdk.home})", flush=True)
    return subprocess.run(maven, cwd=stack.root, env=environment, stdin=subprocess.DEVNULL).returncode


# ---------------------------------------------------------------- up

@contextlib.contextmanager
def exclusive_lock(stack: Stack):
    """One `up` or `down` at a time per checkout."""
    stack.layout.run_dir.mkdir(parents=True, exist_ok=True)
    with open(stack.layout.run_dir / "mcpm.lock", "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise LauncherError("another ./mcpm up or ./mcpm down is running in this checkout") from None
        yield


def command_up(stack: Stack, args: argparse.Namespace) -> int:
    stack.layout.create_directories()
    with exclusive_lock(stack):
        return bring_up(stack, include_apps=not args.infra_only, observability=args.with_observability)


def bring_up(stack: Stack, include_apps: bool, observability: bool = False) -> int:
    components = stack_components(stack, include_apps, observability=observability)
    build_what_is_missing(stack, components, include_apps)
    if not stack.redis_available:
        print("mcpm: redis-server is not installed: the gateway uses an in-memory rate limiter "
              "(MCPM_RATE_LIMIT_STORE=memory)")
    timeout = config.seconds_from_env(stack.environ, "MCPM_UP_TIMEOUT", config.DEFAULT_UP_TIMEOUT_SECONDS)
    healthy = start_and_wait(stack, components, timeout)
    print()
    print_component_table(component_rows(components))
    if not healthy:
        return 1
    if include_apps:
        print(f"\nThe seeded local users alice, bob and admin have the password: {stack.secrets.dev_password}"
              f"\n  (from {stack.secrets.dev_password_source}; set MCPM_DEV_PASSWORD to choose it)")
    if any(c.name == "prometheus" for c in components):
        print(f"\nPrometheus: {config.PROMETHEUS_URL}  (check every dashboard and alert query: "
              "observability/check-queries.sh)")
    print("\nConnection details: ./mcpm status   Logs: ./mcpm logs <component> -f   Stop: ./mcpm down")
    return 0


def build_what_is_missing(stack: Stack, components: list[Component], include_apps: bool) -> None:
    running = {c.name for c in components if c.running_pid()}
    if build.infra_lib_is_stale(stack.root, stack.layout.lib_dir):
        users = sorted(running & {"postgres", "kafka"})
        if users:
            print(f"mcpm: warning: local-stack changed but {', '.join(users)} run from the current .mcpm/lib; "
                  "not rebuilding it under them (./mcpm down, then ./mcpm up, to use the change)")
        else:
            build.build_infra_lib(stack.root, stack.jdk.home, stack.layout.lib_dir)
    if not include_apps:
        return
    modules = [app.name for app in config.APPS]
    stale = build.stale_apps(stack.root, modules)
    stale_running = [m for m in stale if m in running]
    if stale_running:
        print(f"mcpm: warning: sources changed since the jar of {', '.join(stale_running)} was built, but a jar is "
              "never rebuilt under a running app (./mcpm down, then ./mcpm up, to restart with the change)")
    to_build = [m for m in stale if m not in running]
    if to_build:
        try:
            build.build_apps(stack.root, stack.jdk.home, to_build, modules)
        except LauncherError as error:
            raise LauncherError(f"{error}\n  To start only the infrastructure meanwhile: ./mcpm up --infra-only") from None


def start_and_wait(stack: Stack, components: list[Component], timeout: float) -> bool:
    """Start each component once its `after` components are healthy; apps at most MCPM_PARALLEL_STARTS at a time."""
    ready: set[str] = set()
    starting: dict[str, tuple[Component, object]] = {}  # name -> (component, Popen or None if started earlier)
    pending: list[Component] = []
    for component in components:
        pid = component.running_pid()
        if pid is None:
            pending.append(component)
        elif component.is_healthy():
            ready.add(component.name)
            note = run_when_ready(component)
            print(f"  {component.name:<24} already running (pid {pid}){note}")
        else:
            starting[component.name] = (component, None)
            print(f"  {component.name:<24} running (pid {pid}), waiting until it is healthy")
    if not pending and not starting:
        print(f"mcpm: all {len(components)} components are already running; nothing to do")
        return True

    parallel_apps = int(stack.environ.get("MCPM_PARALLEL_STARTS") or os.cpu_count() or 2)
    started_at = time.monotonic()
    while pending or starting:
        for component in list(pending):
            if not all(name in ready for name in component.after):
                continue
            apps_starting = sum(1 for c, _ in starting.values() if c.kind == "app")
            if component.kind == "app" and apps_starting >= parallel_apps:
                continue
            component.prepare()  # may clean up what an earlier run left behind, so before the port check
            if port_in_use(component.port):
                raise LauncherError(f"port {component.port} for {component.name} is taken by a process that ./mcpm "
                                    "did not start; stop it and run ./mcpm up again")
            process = start_detached(component.command(), component.environment(), stack.root,
                                     component.log_file, component.pid_file)
            print(f"  {component.name:<24} starting (pid {process.pid})", flush=True)
            pending.remove(component)
            starting[component.name] = (component, process)

        for name, (component, process) in list(starting.items()):
            exit_code = process.poll() if process is not None else (None if component.running_pid() else "?")
            if exit_code is not None:
                component.pid_file.unlink(missing_ok=True)
                report_failure(component, f"exited (code {exit_code}) before it became healthy")
                return False
            if component.is_healthy():
                del starting[name]
                ready.add(name)
                note = run_when_ready(component)
                print(f"  {name:<24} ready after {time.monotonic() - started_at:5.1f} s{note}", flush=True)

        if pending or starting:
            if time.monotonic() - started_at > timeout:
                report_timeout(timeout, starting, pending)
                return False
            time.sleep(0.5)
    print(f"mcpm: everything is healthy after {time.monotonic() - started_at:.1f} s")
    return True


def run_when_ready(component: Component) -> str:
    try:
        note = component.when_ready()
    except RuntimeError as error:
        raise LauncherError(f"{component.name}: {error}") from None
    return f" ({note})" if note else ""


def report_failure(component: Component, reason: str) -> None:
    sys.stdout.flush()
    print(f"\nmcpm: {component.name} {reason}. Last 30 lines of {component.log_file}:", file=sys.stderr)
    for line in last_lines(component.log_file, 30):
        print(f"    {line.rstrip()}", file=sys.stderr)


def report_timeout(timeout: float, starting: dict, pending: list[Component]) -> None:
    sys.stdout.flush()
    print(f"\nmcpm: not healthy after {timeout:.0f} s (MCPM_UP_TIMEOUT): "
          f"{', '.join(list(starting) + [c.name for c in pending])}", file=sys.stderr)
    for component, _ in starting.values():
        report_failure(component, f"is not healthy ({component.health()})")
    for component in pending:
        print(f"mcpm: {component.name} was not started: it waits for {', '.join(component.after)}", file=sys.stderr)


# ---------------------------------------------------------------- status

def component_rows(components: list[Component]) -> list[dict]:
    rows = []
    for component in components:
        pid = component.running_pid()
        if pid:
            health = component.health()
        elif component.name == "redis" and not component.stack.redis_available:
            health = "not installed"
        else:
            health = "not running"
        rows.append({"name": component.name, "kind": component.kind, "url": component.url, "pid": pid,
                     "health": health})
    return rows


def print_component_table(rows: list[dict]) -> None:
    print(f"{'COMPONENT':<24} {'URL':<34} {'PID':>7}  HEALTH")
    for row in rows:
        print(f"{row['name']:<24} {row['url']:<34} {row['pid'] or '-':>7}  {row['health']}")


def connection_details(stack: Stack) -> dict:
    return {
        "postgres": {
            "jdbc_url": config.jdbc_url("<database>"),
            "databases": {app.name: config.jdbc_url(app.database) for app in config.APPS if app.database},
            "user": config.POSTGRES_USER,
            "password": "",
        },
        "kafka": {"bootstrap_servers": config.KAFKA_BOOTSTRAP_SERVERS, "security_protocol": "SASL_PLAINTEXT",
                  "sasl_mechanism": config.KAFKA_SASL_MECHANISM,
                  "credentials": str(stack.layout.secret_file(config.KAFKA_CREDENTIALS_DIR))},
        "vault": {"address": config.VAULT_ADDR,
                  "token": config.read_secret(stack.layout.secret_file(config.VAULT_TOKEN_FILE))},
        "redis": {"url": config.REDIS_URL} if stack.redis_available else None,
        "rate_limit_store": config.rate_limit_store(stack.redis_available),
        "eureka": {"url": f"http://{config.HOST}:{config.app_named('discovery').port}"},
        "gateway": {"url": config.GATEWAY_URL},
        "auth_server": {"issuer": config.AUTH_ISSUER_URI},
        "prometheus": {"url": config.PROMETHEUS_URL},
    }


def all_up(rows: list[dict]) -> bool:
    return all(row["health"] == "UP" or row["health"] == "not installed" for row in rows)


def command_status(stack: Stack, args: argparse.Namespace) -> int:
    rows = component_rows(stack_components(stack, include_apps=True, include_missing_redis=True))
    details = connection_details(stack)
    healthy = all_up(rows)
    if args.json:
        print(json.dumps({"all_up": healthy, "components": rows, "connections": details}, indent=2))
        return 0 if healthy else 1
    print_component_table(rows)
    postgres, vault = details["postgres"], details["vault"]
    print()
    print(f"PostgreSQL   {postgres['jdbc_url']}  user {postgres['user']}, no password; "
          f"databases {', '.join(app.database for app in config.APPS if app.database)}")
    print(f"Kafka        bootstrap servers {details['kafka']['bootstrap_servers']} (SASL/SCRAM-SHA-512; one password "
          f"per app in {details['kafka']['credentials']})")
    print(f"Vault        VAULT_ADDR={vault['address']}  VAULT_TOKEN={vault['token'] or '(created by ./mcpm up)'}")
    print(f"Redis        {details['redis']['url'] if details['redis'] else 'not installed: in-memory rate limiter'}")
    print(f"Eureka       {details['eureka']['url']}")
    print(f"Gateway      {details['gateway']['url']}")
    print(f"Auth issuer  {details['auth_server']['issuer']}")
    return 0 if healthy else 1


# ---------------------------------------------------------------- logs

def command_logs(stack: Stack, args: argparse.Namespace) -> int:
    names = [c.name for c in stack_components(stack, include_apps=True, include_missing_redis=True)]
    if args.component not in names:
        raise LauncherError(f"unknown component {args.component!r}; one of: {', '.join(names)}")
    log_file = stack.layout.log_file(args.component)
    if not log_file.exists():
        raise LauncherError(f"{args.component} has no log yet ({log_file})")
    command = ["tail", "-n", str(args.lines)] + (["-F"] if args.follow else []) + [str(log_file)]
    sys.stdout.flush()
    os.execvp("tail", command)
    return 0  # not reached


# ---------------------------------------------------------------- down

def command_down(stack: Stack, args: argparse.Namespace) -> int:
    if not stack.layout.state.exists():
        print("mcpm: nothing was running")
        return 0
    with exclusive_lock(stack):
        return take_down(stack, args.purge)


def command_stop(stack: Stack, args: argparse.Namespace) -> int:
    """Stops the named components only: for trying faults and for restarting one app with a change."""
    known = {c.name: c for c in stack_components(stack, include_apps=True, include_missing_redis=True,
                                                 observability=True)}
    unknown = [name for name in args.components if name not in known]
    if unknown:
        raise LauncherError(f"no component named {', '.join(unknown)}; the components are {', '.join(known)}")
    chosen = [known[name] for name in dict.fromkeys(args.components)]
    grace = 0.0 if args.kill else config.seconds_from_env(
        stack.environ, "MCPM_STOP_GRACE", config.DEFAULT_STOP_GRACE_SECONDS)
    with exclusive_lock(stack):
        if not stop_group(chosen, grace, signal.SIGKILL if args.kill else signal.SIGTERM):
            print(f"mcpm: {', '.join(c.name for c in chosen)}: not running")
    return 0


def take_down(stack: Stack, purge: bool) -> int:
    components = stack_components(stack, include_apps=True, include_missing_redis=True)
    grace = config.seconds_from_env(stack.environ, "MCPM_STOP_GRACE", config.DEFAULT_STOP_GRACE_SECONDS)
    observers = [c for c in components if c.kind == "observability"]
    apps = [c for c in components if c.kind == "app"]
    infrastructure = [c for c in components if c.kind == "infrastructure"]
    stopped_any = False
    for group in (observers, apps, infrastructure):
        stopped_any |= stop_group(group, grace)
    if not stopped_any:
        print("mcpm: nothing was running")
    leftovers = processes_mentioning(str(stack.layout.state))
    if leftovers:
        print("mcpm: warning: these processes still mention .mcpm/:", file=sys.stderr)
        for pid, command in leftovers:
            print(f"    {pid} {command[:160]}", file=sys.stderr)
    if purge:
        for directory in (stack.layout.data_dir, stack.layout.logs_dir, stack.layout.tmp_dir):
            shutil.rmtree(directory, ignore_errors=True)
        # They open OpenBao's storage, which is gone: the next start initialises a new one.
        for name in (config.VAULT_UNSEAL_KEY_FILE, config.VAULT_TOKEN_FILE):
            stack.layout.secret_file(name).unlink(missing_ok=True)
        print(f"mcpm: purged {stack.layout.data_dir} and {stack.layout.logs_dir}")
    return 1 if leftovers else 0


def stop_group(components: list[Component], grace: float, signum: int = signal.SIGTERM) -> bool:
    pids = {}
    for component in components:
        pid = component.running_pid()
        if pid:
            pids[component.name] = pid
        else:
            component.pid_file.unlink(missing_ok=True)  # stale: that process is gone or is not ours
    if pids:
        print(f"mcpm: stopping {', '.join(pids)}", flush=True)
        started = time.monotonic()
        killed = stop_processes(pids, grace, signum)
        for name in killed if signum != signal.SIGKILL else ():
            print(f"  {name} did not stop within {grace:.0f} s (MCPM_STOP_GRACE): killed")
        print(f"  stopped in {time.monotonic() - started:.1f} s")
    for component in components:
        pid = pids.get(component.name)
        if pid is None or not pid_alive(pid):
            component.pid_file.unlink(missing_ok=True)
        note = component.after_stop(grace)
        if note:
            print(f"  {component.name}: {note}")
    return bool(pids)


def processes_mentioning(text: str, programs: tuple[str, ...] = ("java", "postgres")) -> list[tuple[int, str]]:
    """JVMs and postmasters whose command line contains text (Linux /proc; empty elsewhere).
    Other programs (a `tail -F` on a log, an editor) do not count."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            arguments = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        command = b" ".join(arguments).decode(errors="replace").strip()
        if text in command and os.path.basename(arguments[0].decode(errors="replace")) in programs:
            found.append((int(entry.name), command))
    return found
