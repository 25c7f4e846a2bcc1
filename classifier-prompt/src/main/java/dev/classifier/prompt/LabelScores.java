package dev.classifier.prompt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.api.Taxonomy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Label probabilities read from the logprobs of the answer's tokens.
 *
 * <p>How: the answer is JSON, so the label's value starts right after {@code "label":"}. Working in UTF-8 bytes
 * (a token may hold part of a character), the token where the value starts and the tokens after it are read
 * until the written prefix of the value names one label only (a label counts with its closing quote, so
 * {@code Tech} and {@code Technology} are told apart). Along that path, each alternative in a token's
 * {@code top_logprobs} is matched to the labels whose value starts with the decided prefix plus that
 * alternative (an alternative that also writes the characters before the value must write them the same);
 * an alternative that names exactly one label gives that label the probability of the path so far times its
 * own; one that fits several labels, or none, is left out. The written label gets the probability of its whole
 * path. The masses found are normalised over the labels found, so {@code scores} sums to 1 and {@code
 * confidence} is the written label's share. Nothing is returned when the answer holds no {@code "label"} value,
 * when the written value is not exactly a label (a resolved near miss), or when the tokens lack logprobs.
 */
final class LabelScores {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL_VALUE = Pattern.compile("\"label\"\\s*:\\s*\"");

    /** One token of the answer: its bytes, its log probability and its most likely alternatives. */
    record Token(byte[] bytes, double logprob, List<Alternative> alternatives) {
        Token {
            Objects.requireNonNull(bytes, "bytes");
            alternatives = List.copyOf(alternatives);
        }
    }

    /** An alternative the model weighed at a token's place. */
    record Alternative(byte[] bytes, double logprob) {
        Alternative {
            Objects.requireNonNull(bytes, "bytes");
        }
    }

    /** The written label's share, and every label's share, of the probability found. */
    record Result(double confidence, Map<String, Double> scores) {
    }

    private LabelScores() {
    }

    /** The bytes each label's value is written with, in the taxonomy's order: made once per taxonomy. */
    static final class LabelKeys {
        private final Map<String, byte[]> keys = new LinkedHashMap<>();

        LabelKeys(Taxonomy taxonomy) {
            for (String label : taxonomy.labels()) {
                keys.put(label, valueKey(label));
            }
        }
    }

    static Optional<Result> read(List<Token> tokens, String writtenLabel, Taxonomy taxonomy) {
        return read(tokens, writtenLabel, new LabelKeys(taxonomy));
    }

    /** {@link #read(List, String, Taxonomy)} with the taxonomy's label keys made before. */
    static Optional<Result> read(List<Token> tokens, String writtenLabel, LabelKeys labelKeys) {
        Map<String, byte[]> keys = labelKeys.keys;
        if (tokens.isEmpty() || !keys.containsKey(writtenLabel)) {
            return Optional.empty();
        }
        byte[] content = concat(tokens);
        String text = new String(content, StandardCharsets.UTF_8);
        Matcher m = LABEL_VALUE.matcher(text);
        if (!m.find()) {
            return Optional.empty();
        }
        int valueStart = text.substring(0, m.end()).getBytes(StandardCharsets.UTF_8).length;
        if (!startsWith(content, valueStart, keys.get(writtenLabel))) {
            return Optional.empty();
        }
        Map<String, Double> mass = new LinkedHashMap<>();
        double before = 1.0; // probability of the written tokens before the current one
        int offset = 0;
        for (Token token : tokens) {
            int end = offset + token.bytes().length;
            if (end <= valueStart) {
                offset = end;
                continue;
            }
            // Bytes of this token before the value (in the token where the value starts only), and the value's
            // bytes that earlier tokens wrote.
            byte[] opening = Arrays.copyOfRange(token.bytes(), 0, Math.max(0, valueStart - offset));
            byte[] decided = Arrays.copyOfRange(content, valueStart, Math.max(valueStart, offset));
            for (Alternative alternative : token.alternatives()) {
                byte[] alt = alternative.bytes();
                if (Arrays.equals(alt, token.bytes()) || !startsWith(alt, 0, opening)) {
                    continue; // the written token itself, or one that does not open the value the same way
                }
                byte[] written = concat(decided, Arrays.copyOfRange(alt, opening.length, alt.length));
                double p = before * Math.exp(alternative.logprob());
                soleLabel(written, keys).ifPresent(label -> mass.merge(label, p, Double::sum));
            }
            before *= Math.exp(token.logprob());
            boolean decidedNow = soleLabel(Arrays.copyOfRange(content, valueStart, end), keys).isPresent();
            if (decidedNow || end >= content.length) {
                break;
            }
            offset = end;
        }
        mass.merge(writtenLabel, before, Double::sum);
        double sum = 0;
        for (double share : mass.values()) {
            sum += share;
        }
        double total = sum;
        if (!(total > 0) || Double.isInfinite(total)) {
            return Optional.empty();
        }
        Map<String, Double> scores = new LinkedHashMap<>();
        mass.forEach((label, share) -> scores.put(label, Math.min(1.0, share / total)));
        return Optional.of(new Result(scores.get(writtenLabel), scores));
    }

    /** The one label whose value (with its closing quote) fits these bytes, if exactly one does. */
    private static Optional<String> soleLabel(byte[] written, Map<String, byte[]> keys) {
        String found = null;
        for (Map.Entry<String, byte[]> key : keys.entrySet()) {
            byte[] k = key.getValue();
            boolean fits = written.length <= k.length ? startsWith(k, 0, written) : startsWith(written, 0, k);
            if (fits) {
                if (found != null) {
                    return Optional.empty();
                }
                found = key.getKey();
            }
        }
        return Optional.ofNullable(found);
    }

    /** The label as it appears inside a JSON string, followed by the closing quote. */
    private static byte[] valueKey(String label) {
        try {
            String quoted = JSON.writeValueAsString(label);
            return quoted.substring(1).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a label as JSON", e);
        }
    }

    private static boolean startsWith(byte[] bytes, int from, byte[] prefix) {
        if (bytes.length - from < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[from + i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] concat(List<Token> tokens) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Token token : tokens) {
            out.writeBytes(token.bytes());
        }
        return out.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
