package org.cloudcheckkit.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the figures were measured on, as the report states it. */
record Machine(int cores, String cpu, long memoryKilobytes, String jdk, String os, String moto, String loadAverage,
               String commit) {

    static Machine describe() {
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(), readMemoryKilobytes(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vm.vendor") + ")",
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                motoVersion(), firstLine(Path.of("/proc/loadavg")), readCommit());
    }

    String summary() {
        return String.format("%d cores (%s), %.1f GiB memory; %s; %s; moto %s", cores, cpu,
                memoryKilobytes / 1024.0 / 1024.0, jdk, os, moto);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).strip();
                }
            }
        } catch (IOException e) {
            // Not Linux: say so below.
        }
        return "unknown CPU";
    }

    private static long readMemoryKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"), StandardCharsets.UTF_8)) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            // Not Linux.
        }
        return 0;
    }

    private static String firstLine(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return lines.isEmpty() ? "" : lines.get(0).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String motoVersion() {
        String version = output(List.of("python3", "-c", "import moto; print(moto.__version__)"));
        return version.isEmpty() ? "unknown" : version;
    }

    /** The commit measured; read-only git plumbing (no index refresh, so it does not touch the work tree's index). */
    private static String readCommit() {
        String commit = output(List.of("git", "rev-parse", "--short=12", "HEAD"));
        return commit.isEmpty() ? "unknown" : commit;
    }

    private static String output(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0 ? text : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
