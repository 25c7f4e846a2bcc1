package dev.classifier.embeddings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Spares DJL a question that cannot be answered here. Before it picks its tokenizer's native library, DJL asks the
 * CUDA runtime how many GPUs there are; on a machine with the CUDA runtime installed but no NVIDIA driver the answer
 * is an error, which DJL logs as a WARN twice per run ("Failed to detect GPU count: CUDA driver version is
 * insufficient"). This module runs on the CPU whatever the answer, and without a driver no GPU can be used. So on
 * Linux, when no NVIDIA driver is loaded ({@code /proc/driver/nvidia} is absent), DJL's own switch
 * {@code ai.djl.util.cuda.fork} is set while its {@code CudaUtils} class initialises: it then loads no CUDA
 * library and counts 0 GPUs, quietly. The switch is cleared at once (left set, DJL would start a JVM to ask).
 * Where a driver is loaded, or elsewhere than Linux, or when the caller set the switch, DJL is left alone, and
 * its warnings (a broken driver, a JNA conflict) are logged as usual.
 */
final class GpuProbe {

    static final String DJL_CUDA_FORK = "ai.djl.util.cuda.fork";
    private static final String CUDA_UTILS = "ai.djl.util.cuda.CudaUtils";
    private static final Path NVIDIA_DRIVER = Path.of("/proc/driver/nvidia");
    private static final Logger LOG = LoggerFactory.getLogger(GpuProbe.class);

    private static boolean done;

    private GpuProbe() {
    }

    /** Before the first tokenizer is made: initialises DJL's CUDA probe with no CUDA library if no driver is loaded. */
    static synchronized void skipWithoutDriver() {
        if (done) {
            return;
        }
        done = true;
        String osName = System.getProperty("os.name", "");
        if (!shouldSkip(osName, Files.exists(NVIDIA_DRIVER), System.getProperty(DJL_CUDA_FORK))) {
            return;
        }
        System.setProperty(DJL_CUDA_FORK, "true");
        try {
            Class.forName(CUDA_UTILS, true, GpuProbe.class.getClassLoader());
            LOG.debug("no NVIDIA driver is loaded: DJL's GPU probe was initialised without the CUDA runtime");
        } catch (ClassNotFoundException | LinkageError e) {
            LOG.debug("DJL's GPU probe could not be initialised early; DJL will ask itself", e);
        } finally {
            System.clearProperty(DJL_CUDA_FORK);
        }
    }

    /**
     * Whether DJL's question is to be skipped.
     *
     * @param osName        the {@code os.name} property
     * @param driverLoaded  whether {@code /proc/driver/nvidia} exists
     * @param callerSetting the caller's value of {@value #DJL_CUDA_FORK}, or null
     * @return true on Linux with no driver loaded, when the caller left DJL's switch alone
     */
    static boolean shouldSkip(String osName, boolean driverLoaded, String callerSetting) {
        return osName.startsWith("Linux") && !driverLoaded && callerSetting == null;
    }
}
