package dev.classifier.local.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One measurement as a JSON line on stdout, the format every peer of bench/local-vs-peers.sh prints, so that
 * bench/peers/report.py can put them in one table.
 */
final class ResultLine {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final ObjectNode node = MAPPER.createObjectNode();

    ResultLine(String tool, String config, String dataset, String split) {
        node.put("tool", tool).put("config", config).put("dataset", dataset).put("split", split);
    }

    ResultLine scores(List<Double> accuracy, List<Double> macroF1) {
        ArrayNode acc = node.putArray("acc");
        accuracy.forEach(acc::add);
        ArrayNode f1 = node.putArray("f1");
        macroF1.forEach(f1::add);
        return this;
    }

    ResultLine put(String key, double value) {
        node.put(key, value);
        return this;
    }

    ResultLine put(String key, String value) {
        node.put(key, value);
        return this;
    }

    void print() {
        System.out.println(node.toString());
        System.out.flush();
    }
}
