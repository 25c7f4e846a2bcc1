package dev.classifier.embeddings;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps DJL's tokenizer from reaching out. Unless told otherwise, DJL's {@code HuggingFaceTokenizer} "calls home"
 * on creation (it reads the EC2 metadata address and then a telemetry URL), and may download native libraries.
 * Both switches must be set before the first tokenizer is made.
 */
final class OfflineMode {

    static final String OPT_OUT_TRACKING = "OPT_OUT_TRACKING";
    static final String DJL_OFFLINE = "ai.djl.offline";

    private static final Logger LOG = LoggerFactory.getLogger(OfflineMode.class);

    private OfflineMode() {
    }

    /** Sets both switches to true, unless the caller set a property already (then it is left, with a warning). */
    static synchronized void ensure() {
        ensure(OPT_OUT_TRACKING);
        ensure(DJL_OFFLINE);
    }

    private static void ensure(String key) {
        String current = System.getProperty(key);
        if (current == null) {
            System.setProperty(key, "true");
        } else if (!Boolean.parseBoolean(current)) {
            LOG.warn("System property {}={} was set by the caller; DJL may then contact the network", key, current);
        }
    }
}
