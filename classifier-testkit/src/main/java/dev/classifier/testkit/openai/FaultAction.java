package dev.classifier.testkit.openai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the fault plan does to one request. Every part is optional; {@link #orElse} merges the actions of several
 * rules (the first rule to set a part wins it).
 *
 * @param error           answer with this error instead of handling the request
 * @param headers         extra response headers (Retry-After, x-ratelimit-*, ...)
 * @param latency         wait this long (wall clock) before answering
 * @param stall           send the headers and half the body, then stall this long (wall clock) before the rest
 * @param dropConnection  close the connection without an answer
 * @param malformedJson   send a body cut in half, so that it is not valid JSON
 * @param refusal         (chat) the model refuses with this message
 * @param finishLength    (chat) the answer is cut off: {@code finish_reason: length}
 * @param labelOutside    (chat) the answer names this label, whatever the allowed labels are
 */
record FaultAction(Optional<ApiException> error, Map<String, String> headers, Optional<Duration> latency,
                   Optional<Duration> stall, boolean dropConnection, boolean malformedJson,
                   Optional<String> refusal, boolean finishLength, Optional<String> labelOutside) {

    static final FaultAction NONE = new FaultAction(Optional.empty(), Map.of(), Optional.empty(), Optional.empty(),
            false, false, Optional.empty(), false, Optional.empty());

    FaultAction {
        headers = Map.copyOf(headers);
    }

    boolean isNone() {
        return this.equals(NONE);
    }

    FaultAction withError(ApiException e) {
        return new FaultAction(Optional.of(e), headers, latency, stall, dropConnection, malformedJson, refusal,
                finishLength, labelOutside);
    }

    FaultAction withHeader(String name, String value) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put(name, value);
        return new FaultAction(error, all, latency, stall, dropConnection, malformedJson, refusal, finishLength,
                labelOutside);
    }

    FaultAction withLatency(Duration d) {
        return new FaultAction(error, headers, Optional.of(d), stall, dropConnection, malformedJson, refusal,
                finishLength, labelOutside);
    }

    FaultAction withStall(Duration d) {
        return new FaultAction(error, headers, latency, Optional.of(d), dropConnection, malformedJson, refusal,
                finishLength, labelOutside);
    }

    FaultAction withDropConnection() {
        return new FaultAction(error, headers, latency, stall, true, malformedJson, refusal, finishLength,
                labelOutside);
    }

    FaultAction withMalformedJson() {
        return new FaultAction(error, headers, latency, stall, dropConnection, true, refusal, finishLength,
                labelOutside);
    }

    FaultAction withRefusal(String message) {
        return new FaultAction(error, headers, latency, stall, dropConnection, malformedJson, Optional.of(message),
                finishLength, labelOutside);
    }

    FaultAction withFinishLength() {
        return new FaultAction(error, headers, latency, stall, dropConnection, malformedJson, refusal, true,
                labelOutside);
    }

    FaultAction withLabelOutside(String label) {
        return new FaultAction(error, headers, latency, stall, dropConnection, malformedJson, refusal, finishLength,
                Optional.of(label));
    }

    /** This action, with the parts it leaves unset taken from {@code other}. */
    FaultAction orElse(FaultAction other) {
        Map<String, String> mergedHeaders = new LinkedHashMap<>(other.headers);
        mergedHeaders.putAll(headers);
        return new FaultAction(error.or(other::error), mergedHeaders, latency.or(other::latency),
                stall.or(other::stall), dropConnection || other.dropConnection, malformedJson || other.malformedJson,
                refusal.or(other::refusal), finishLength || other.finishLength, labelOutside.or(other::labelOutside));
    }

    /** A short description for the journal, such as {@code "status 429, latency PT0.05S"}; empty for none. */
    String describe() {
        List<String> parts = new ArrayList<>();
        error.ifPresent(e -> parts.add("status " + e.status()));
        latency.ifPresent(d -> parts.add("latency " + d));
        stall.ifPresent(d -> parts.add("stalled body " + d));
        if (dropConnection) {
            parts.add("dropped connection");
        }
        if (malformedJson) {
            parts.add("malformed JSON");
        }
        refusal.ifPresent(r -> parts.add("refusal"));
        if (finishLength) {
            parts.add("finish_reason length");
        }
        labelOutside.ifPresent(l -> parts.add("label outside the enum: " + l));
        return String.join(", ", parts);
    }
}
