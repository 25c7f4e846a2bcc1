package dev.classifier.finetune;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * A 64-bit fingerprint of text or of a JSON value, for finding repeated examples in one pass without keeping their
 * text: FNV-1a over UTF-16 units, then SplitMix64's finaliser to spread the bits. Not cryptographic: two different
 * inputs collide with a chance of about n²/2⁶⁵ for n of them, negligible for any training file.
 */
final class Fingerprint64 {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private Fingerprint64() {
    }

    static long of(CharSequence text) {
        return mix(chars(FNV_OFFSET, text) ^ text.length());
    }

    /**
     * The fingerprint of a JSON value as parsed: equal for values that serialise alike (same keys in the same
     * order, same texts and numbers), without serialising it.
     */
    static long of(JsonNode node) {
        return mix(node(FNV_OFFSET, node));
    }

    /** Combines two fingerprints in order. */
    static long combine(long first, long second) {
        return mix(first * 31 + second);
    }

    private static long node(long hash, JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                hash = step(hash, '{');
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    hash = step(chars(hash, field.getKey()), ':');
                    hash = step(node(hash, field.getValue()), ',');
                }
                return step(hash, '}');
            }
            case ARRAY -> {
                hash = step(hash, '[');
                for (JsonNode element : node) {
                    hash = step(node(hash, element), ',');
                }
                return step(hash, ']');
            }
            case STRING -> {
                String text = node.textValue();
                return step(chars(step(hash, '"'), text) ^ text.length(), '"');
            }
            default -> {
                return chars(step(hash, node.getNodeType().ordinal()), node.asText());
            }
        }
    }

    private static long chars(long hash, CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            hash = (hash ^ text.charAt(i)) * FNV_PRIME;
        }
        return hash;
    }

    private static long step(long hash, int marker) {
        return (hash ^ (0x10000 | marker)) * FNV_PRIME;
    }

    private static long mix(long value) {
        long z = value + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
