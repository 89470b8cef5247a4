"""Find a JDK 21.0.8+ without help: JAVA_HOME, then /usr/lib/jvm/* (and macOS locations), then `java` on PATH."""
from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

# The compiler's nullness check (NullAway in JSpecify mode through Error Prone) needs 21.0.8 on Java 21.
MINIMUM_VERSION = (21, 0, 8)
CANDIDATE_GLOBS = (
    "/usr/lib/jvm/*",
    "/usr/java/*",
    "/opt/java/*",
    "/Library/Java/JavaVirtualMachines/*/Contents/Home",
)


class JdkNotFound(Exception):
    pass


@dataclass(frozen=True)
class Jdk:
    home: Path
    major: int

    @property
    def java(self) -> str:
        return str(self.home / "bin" / "java")


def major_version(version: str) -> int | None:
    """'21.0.5' -> 21, '25' -> 25, '21-ea' -> 21, '1.8.0_292' -> 8."""
    match = re.match(r"(\d+)(?:\.(\d+))?", version.strip())
    if not match:
        return None
    first = int(match.group(1))
    if first == 1 and match.group(2):
        return int(match.group(2))
    return first


def version_tuple(version: str) -> tuple[int, int, int] | None:
    """'21.0.5' -> (21, 0, 5), '25' -> (25, 0, 0), '17.0.13+11' -> (17, 0, 13), '1.8.0_292' -> (8, 0, 0)."""
    major = major_version(version)
    if major is None:
        return None
    if version.strip().startswith("1."):
        return (major, 0, 0)
    parts = re.match(r"\d+(?:\.(\d+))?(?:\.(\d+))?", version.strip())
    return (major, int(parts.group(1) or 0), int(parts.group(2) or 0))


def version_from_release_file(text: str) -> str | None:
    match = re.search(r'^JAVA_VERSION="([^"]+)"', text, re.MULTILINE)
    return match.group(1) if match else None


def version_from_java_version_output(text: str) -> str | None:
    match = re.search(r'version "([^"]+)"', text)
    return match.group(1) if match else None


def jdk_version(home: Path) -> str | None:
    """Read the version from <home>/release, or else from `<home>/bin/java -version`."""
    release = home / "release"
    if release.is_file():
        version = version_from_release_file(release.read_text(errors="replace"))
        if version:
            return version
    java = home / "bin" / "java"
    if not java.is_file():
        return None
    try:
        result = subprocess.run([str(java), "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    version = version_from_java_version_output(result.stderr + result.stdout)
    return version


def is_jdk(home: Path) -> bool:
    """A JDK, not a JRE: Maven needs javac."""
    return (home / "bin" / "java").is_file() and (home / "bin" / "javac").is_file()


def home_of_java_on_path(which: Callable[[str], str | None] = shutil.which) -> Path | None:
    java = which("java")
    if not java:
        return None
    return Path(os.path.realpath(java)).parent.parent


def find_jdk(
    environ: Mapping[str, str],
    candidate_globs: Iterable[str] = CANDIDATE_GLOBS,
    which: Callable[[str], str | None] = shutil.which,
    minimum: tuple[int, int, int] = MINIMUM_VERSION,
) -> Jdk:
    rejected: list[str] = []

    def usable(home: Path, origin: str) -> Jdk | None:
        if not is_jdk(home):
            rejected.append(f"{origin} {home}: no bin/java and bin/javac")
            return None
        version = jdk_version(home)
        parsed = version_tuple(version) if version else None
        if parsed is None or parsed < minimum:
            rejected.append(f"{origin} {home}: Java {version or 'unknown'}")
            return None
        return Jdk(home, parsed[0])

    if environ.get("JAVA_HOME"):
        jdk = usable(Path(environ["JAVA_HOME"]), "JAVA_HOME")
        if jdk:
            return jdk

    candidates = []
    seen: set[str] = set()
    for pattern in candidate_globs:
        for path in sorted(glob.glob(pattern)):
            real = os.path.realpath(path)
            if real in seen or not os.path.isdir(real):
                continue
            seen.add(real)
            jdk = usable(Path(real), "candidate")
            if jdk:
                candidates.append(jdk)
    if candidates:
        return max(candidates, key=lambda jdk: (jdk.major, str(jdk.home)))

    path_home = home_of_java_on_path(which)
    if path_home:
        jdk = usable(path_home, "java on PATH")
        if jdk:
            return jdk

    tried = "\n  ".join(rejected) or "(no JAVA_HOME, no candidates, no java on PATH)"
    wanted = ".".join(map(str, minimum))
    raise JdkNotFound(
        f"no JDK {wanted}+ found. Tried:\n  {tried}\n"
        f"Install a JDK {wanted} or newer (e.g. Temurin) and/or set JAVA_HOME to it."
    )
