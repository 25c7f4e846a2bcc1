package dev.classifier.openai;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Says once per model id, at WARN, that a model's calls cannot be priced: a cost is never silently reported as $0. */
final class CostWarnings {

    private static final Logger LOG = LoggerFactory.getLogger(CostWarnings.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private CostWarnings() {
    }

    static void costUnknown(String modelId) {
        if (WARNED.add(modelId)) {
            LOG.warn("cost unknown: the model catalog has no prices for '{}', so its calls are reported with an"
                    + " unknown cost (Usage.costKnown() false), never as $0; give its prices with"
                    + " ModelCatalog.builder().prices(\"{}\", PriceTable.perMillion(...))", modelId, modelId);
        }
    }
}
