package io.mcpmanager.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The machine a run measured: cores, memory, CPU, JDK, load. */
final class Machine {

  private Machine() {}

  static String loadAverage() {
    try {
      String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return parts[0] + " " + parts[1] + " " + parts[2];
    } catch (IOException e) {
      return "n/a";
    }
  }

  static Map<String, String> describe() {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("CPU", cpuModel());
    facts.put(
        "Cores (available processors)", String.valueOf(Runtime.getRuntime().availableProcessors()));
    facts.put(
        "Memory",
        meminfo("MemTotal") + " total, " + meminfo("MemAvailable") + " available at start");
    facts.put(
        "JDK (bench and apps)",
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"));
    facts.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    facts.put("Load average at start (1/5/15 min)", loadAverage());
    return facts;
  }

  private static String cpuModel() {
    try {
      return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("n/a");
    } catch (IOException e) {
      return "n/a";
    }
  }

  private static String meminfo(String key) {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream()
          .filter(l -> l.startsWith(key + ":"))
          .map(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024 + " MB")
          .findFirst()
          .orElse("n/a");
    } catch (IOException e) {
      return "n/a";
    }
  }
}
