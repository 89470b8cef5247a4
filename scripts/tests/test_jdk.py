"""Tests of jdk: Java version strings and finding a JDK 21+."""
from __future__ import annotations

import tempfile
import unittest
from pathlib import Path

from mcpm_launcher import jdk


def fake_jdk(parent: Path, name: str, release_version: str | None, with_javac: bool = True) -> Path:
    home = parent / name
    (home / "bin").mkdir(parents=True)
    for tool in ["java"] + (["javac"] if with_javac else []):
        (home / "bin" / tool).write_text("#!/bin/sh\nexit 1\n")
        (home / "bin" / tool).chmod(0o755)
    if release_version:
        (home / "release").write_text(f'IMPLEMENTOR="Test"\nJAVA_VERSION="{release_version}"\nOS_NAME="Linux"\n')
    return home


class JavaVersionParsingTests(unittest.TestCase):
    def test_major_version_of_modern_and_legacy_strings(self):
        self.assertEqual(jdk.major_version("21.0.5"), 21)
        self.assertEqual(jdk.major_version("25"), 25)
        self.assertEqual(jdk.major_version("21-ea"), 21)
        self.assertEqual(jdk.major_version("1.8.0_292"), 8)
        self.assertEqual(jdk.major_version("17.0.13+11"), 17)
        self.assertIsNone(jdk.major_version("abc"))

    def test_version_from_release_file_reads_java_version_not_runtime_version(self):
        text = 'IMPLEMENTOR="Eclipse Adoptium"\nJAVA_RUNTIME_VERSION="25.0.3+9-LTS"\nJAVA_VERSION="25.0.3"\n'
        self.assertEqual(jdk.version_from_release_file(text), "25.0.3")
        self.assertIsNone(jdk.version_from_release_file('IMPLEMENTOR="x"\n'))

    def test_version_from_java_version_output(self):
        openjdk = 'openjdk version "17.0.13" 2024-10-15\nOpenJDK Runtime Environment (build 17.0.13+11-Debian-2)\n'
        self.assertEqual(jdk.version_from_java_version_output(openjdk), "17.0.13")
        self.assertEqual(jdk.version_from_java_version_output('java version "1.8.0_292"'), "1.8.0_292")
        self.assertIsNone(jdk.version_from_java_version_output("command not found"))


class JdkDiscoveryTests(unittest.TestCase):
    def setUp(self):
        self.directory = tempfile.TemporaryDirectory()
        self.jvm = Path(self.directory.name)

    def tearDown(self):
        self.directory.cleanup()

    def find(self, environ, which=lambda name: None):
        return jdk.find_jdk(environ, candidate_globs=[str(self.jvm / "*")], which=which)

    def test_java_home_wins_when_it_is_21_or_newer(self):
        home = fake_jdk(self.jvm / "elsewhere", "jdk-21", "21.0.8")
        fake_jdk(self.jvm, "jdk-25", "25.0.1")
        self.assertEqual(self.find({"JAVA_HOME": str(home)}), jdk.Jdk(home, 21))

    def test_a_21_older_than_21_0_8_is_not_enough_for_the_nullness_check(self):
        old = fake_jdk(self.jvm, "jdk-21", "21.0.5")
        with self.assertRaises(jdk.JdkNotFound) as failure:
            self.find({"JAVA_HOME": str(old)})
        self.assertIn("no JDK 21.0.8+ found", str(failure.exception))
        self.assertIn("Java 21.0.5", str(failure.exception))

    def test_version_tuples_compare_update_releases(self):
        self.assertEqual(jdk.version_tuple("21.0.8"), (21, 0, 8))
        self.assertEqual(jdk.version_tuple("25"), (25, 0, 0))
        self.assertEqual(jdk.version_tuple("17.0.13+11"), (17, 0, 13))
        self.assertEqual(jdk.version_tuple("1.8.0_292"), (8, 0, 0))
        self.assertLess(jdk.version_tuple("21.0.5"), jdk.MINIMUM_VERSION)

    def test_java_home_17_is_skipped_for_the_newest_candidate(self):
        old = fake_jdk(self.jvm / "elsewhere", "jdk-17", "17.0.13")
        fake_jdk(self.jvm, "jdk-21", "21.0.5")
        newest = fake_jdk(self.jvm, "jdk-25", "25.0.1")
        fake_jdk(self.jvm, "jdk-17", "17.0.13")
        self.assertEqual(self.find({"JAVA_HOME": str(old)}), jdk.Jdk(newest, 25))

    def test_a_jre_without_javac_is_not_enough(self):
        fake_jdk(self.jvm, "jre-25", "25.0.1", with_javac=False)
        with self.assertRaises(jdk.JdkNotFound) as failure:
            self.find({})
        self.assertIn("javac", str(failure.exception))

    def test_falls_back_to_java_on_path(self):
        home = fake_jdk(self.jvm / "path", "jdk-22", "22.0.2")
        found = jdk.find_jdk({}, candidate_globs=[], which=lambda name: str(home / "bin" / "java"))
        self.assertEqual(found, jdk.Jdk(home, 22))

    def test_clear_error_lists_what_was_tried(self):
        old = fake_jdk(self.jvm, "jdk-17", "17.0.13")
        with self.assertRaises(jdk.JdkNotFound) as failure:
            self.find({"JAVA_HOME": str(old)})
        message = str(failure.exception)
        self.assertIn("no JDK 21.0.8+ found", message)
        self.assertIn("Java 17", message)
        self.assertIn("JAVA_HOME", message)
