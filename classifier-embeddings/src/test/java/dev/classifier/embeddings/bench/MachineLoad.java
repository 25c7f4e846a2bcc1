package dev.classifier.embeddings.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The share of the machine's CPU that other processes used during a measurement: /proc/stat's busy time minus
 * this JVM's CPU time. The machine is shared, so each timing is printed with it. Linux only; NaN elsewhere.
 */
public final class MachineLoad {

    private final long busyStart;
    private final long totalStart;
    private final long ownStart;

    private MachineLoad() {
        long[] stat = readStat();
        busyStart = stat[0];
        totalStart = stat[1];
        ownStart = ownCpuNanos();
    }

    /**
     * The load average over 1, 5 and 15 minutes, as /proc/loadavg gives it, printed beside each measurement.
     *
     * @return e.g. "1.17 1.63 2.64", or "unknown" where there is no /proc/loadavg
     */
    public static String loadAverage() {
        try {
            return String.join(" ", java.util.Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "),
                    3));
        } catch (IOException e) {
            return "unknown";
        }
    }

    static MachineLoad start() {
        return new MachineLoad();
    }

    /** Foreign CPU as a share of all cores over the interval, 0..1. */
    double foreignShare() {
        long[] stat = readStat();
        if (stat[1] <= totalStart) {
            return Double.NaN;
        }
        double ticksPerSecond = 100.0; // USER_HZ on Linux
        double busySeconds = (stat[0] - busyStart) / ticksPerSecond;
        double totalSeconds = (stat[1] - totalStart) / ticksPerSecond;
        double ownSeconds = (ownCpuNanos() - ownStart) / 1e9;
        return Math.max(0, (busySeconds - ownSeconds) / totalSeconds);
    }

    private static long ownCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** {busy, total} jiffies over all cores. */
    private static long[] readStat() {
        try {
            String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /** Resident memory now and at peak, in MB, from /proc/self/status. */
    static String residentMemory() {
        try {
            long rss = 0;
            long peak = 0;
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    rss = Long.parseLong(line.replaceAll("\\D", ""));
                } else if (line.startsWith("VmHWM:")) {
                    peak = Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
            return String.format("RSS %d MB (peak %d MB)", rss / 1024, peak / 1024);
        } catch (IOException e) {
            return "RSS unknown";
        }
    }
}
