package dev.classifier.spark.bench;

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * The bytes Spark's task threads ("Executor task launch worker ...") have allocated: a measure of the work per row
 * that a busy machine does not blur, as it does CPU time. The threads outlive a job (Spark pools them); one started
 * during a run counts from zero.
 */
final class TaskThreads {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private TaskThreads() {
    }

    /** Each task thread's allocated bytes so far, by thread id. */
    static Map<Long, Long> allocatedBytes() {
        Map<Long, Long> bytes = new HashMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith("Executor task launch worker")) {
                bytes.put(thread.getId(), THREADS.getThreadAllocatedBytes(thread.getId()));
            }
        }
        return bytes;
    }

    /** What the task threads allocated since {@code before}. */
    static long allocatedSince(Map<Long, Long> before) {
        long total = 0;
        for (Map.Entry<Long, Long> now : allocatedBytes().entrySet()) {
            total += now.getValue() - before.getOrDefault(now.getKey(), 0L);
        }
        return total;
    }
}
