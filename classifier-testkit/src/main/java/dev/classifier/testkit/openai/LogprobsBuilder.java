package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code logprobs} of a choice: one entry per token of the answer. Tokens are near certain, except the first
 * token of the label, whose probability is the reply's confidence; its alternatives are the first tokens of the
 * other allowed labels, sharing what is left, so a caller that reads label scores from {@code top_logprobs}
 * can be tested.
 */
final class LogprobsBuilder {

    private static final int SAFE_TOKEN_RANGE = 100_000;

    private final TokenCounter tokens;

    LogprobsBuilder(TokenCounter tokens) {
        this.tokens = tokens;
    }

    ObjectNode build(String text, boolean refusal, int top, Optional<ReplyRenderer.LabelChoice> label) {
        List<TokenCounter.Piece> pieces = tokens.pieces(text);
        byte[] textBytes = text.getBytes(StandardCharsets.UTF_8);
        int labelByte = label.map(l -> labelByteOffset(text, l.label())).orElse(-1);
        ArrayNode entries = Json.array();
        int offset = 0;
        for (TokenCounter.Piece piece : pieces) {
            int end = offset + piece.bytes().length;
            Map<Integer, Double> alternatives = new LinkedHashMap<>();
            double logprob = -1e-6 * (1 + Math.floorMod(piece.id(), 997));
            if (labelByte >= offset && labelByte < end) {
                ReplyRenderer.LabelChoice choice = label.get();
                logprob = Math.log(choice.confidence());
                String before = new String(textBytes, offset, labelByte - offset, StandardCharsets.UTF_8);
                alternatives.putAll(labelAlternatives(before, choice, piece.id()));
            }
            ObjectNode entry = token(piece.id(), piece.bytes(), logprob);
            entry.set("top_logprobs", topLogprobs(piece, logprob, alternatives, top));
            entries.add(entry);
            offset = end;
        }
        ObjectNode logprobs = Json.object();
        if (refusal) {
            logprobs.putNull("content");
            logprobs.set("refusal", entries);
        } else {
            logprobs.set("content", entries);
            logprobs.putNull("refusal");
        }
        return logprobs;
    }

    /** The token itself, then the alternatives, then unlikely neighbours, up to {@code top} entries. */
    private ArrayNode topLogprobs(TokenCounter.Piece piece, double logprob, Map<Integer, Double> alternatives,
                                  int top) {
        ArrayNode entries = Json.array();
        if (top == 0) {
            return entries;
        }
        entries.add(token(piece.id(), piece.bytes(), logprob));
        for (Map.Entry<Integer, Double> alt : alternatives.entrySet()) {
            if (entries.size() < top) {
                entries.add(token(alt.getKey(), tokens.bytesOf(alt.getKey()), alt.getValue()));
            }
        }
        for (int j = 1; entries.size() < top; j++) {
            int neighbour = Math.floorMod(piece.id() + j, SAFE_TOKEN_RANGE);
            if (neighbour != piece.id() && !alternatives.containsKey(neighbour)) {
                entries.add(token(neighbour, tokens.bytesOf(neighbour), logprob - 9.0 - j));
            }
        }
        return entries;
    }

    /** The UTF-8 byte offset where the quoted label starts in the content, or -1. */
    private static int labelByteOffset(String text, String label) {
        int at = text.indexOf("\"" + label + "\"");
        return at < 0 ? -1 : text.substring(0, at + 1).getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * For each other allowed label, the token the model would have written here instead (the part of the token
     * before the label, then that label), with an equal share of the probability the chosen label leaves.
     */
    private Map<Integer, Double> labelAlternatives(String tokenTextBeforeLabel, ReplyRenderer.LabelChoice choice,
                                                   int chosen) {
        List<String> others = new ArrayList<>(choice.allowed());
        others.remove(choice.label());
        Map<Integer, Double> alternatives = new LinkedHashMap<>();
        if (others.isEmpty()) {
            return alternatives;
        }
        double share = Math.max(1e-9, (1.0 - choice.confidence()) / others.size());
        for (String other : others) {
            int[] encoded = tokens.encode(tokenTextBeforeLabel + other);
            if (encoded.length > 0 && encoded[0] != chosen) {
                alternatives.merge(encoded[0], Math.log(share), (a, b) -> Math.log(Math.exp(a) + Math.exp(b)));
            }
        }
        return alternatives;
    }

    private static ObjectNode token(int id, byte[] bytes, double logprob) {
        ObjectNode node = Json.object();
        node.put("token", new String(bytes, StandardCharsets.UTF_8));
        node.put("logprob", logprob);
        ArrayNode byteArray = node.putArray("bytes");
        for (byte b : bytes) {
            byteArray.add(b & 0xFF);
        }
        return node;
    }
}
