package dev.classifier.loop.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A person's judgements of a random sample of the audit's own flags on an unflipped training split
 * ({@code own-issues-<set>.tsv} beside this class, drawn by {@link OwnIssuesSample}): the share of them whose given
 * label is wrong, strictly (judged wrong) and at most (judged wrong or ambiguous).
 *
 * @param wrong     judged wrong: a label other than the given one is right
 * @param ambiguous either label defensible
 * @param right     the given label is right
 */
record OwnIssueJudgements(int wrong, int ambiguous, int right) {

    int sampled() {
        return wrong + ambiguous + right;
    }

    double wrongShare() {
        return (double) wrong / sampled();
    }

    double wrongOrAmbiguousShare() {
        return (double) (wrong + ambiguous) / sampled();
    }

    /**
     * Reads a set's judgements; only the rows still among today's own flags count (a sample of a larger flag set,
     * restricted to a subset of it, is a random sample of that subset).
     *
     * @throws IllegalStateException if the file is missing, or a line is malformed (named by its number)
     */
    static OwnIssueJudgements read(String dataset, Set<String> ownFlags) {
        String name = "own-issues-" + dataset + ".tsv";
        try (InputStream in = OwnIssueJudgements.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no judgements " + name + " beside " + OwnIssueJudgements.class);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            Map<String, Integer> counts = new HashMap<>();
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] cells = line.split("\t");
                if (cells.length != 4) {
                    throw new IllegalStateException(name + " line " + number + ": expected 4 tab-separated cells"
                            + " (id, given, likely, judgement), found " + cells.length);
                }
                if (!ownFlags.contains(cells[0])) {
                    continue;
                }
                String verdict = cells[3].equals("given is right") ? "right" : cells[3].equals("ambiguous")
                        ? "ambiguous" : "wrong";
                if (verdict.equals("wrong") && cells[3].equals(cells[1])) {
                    throw new IllegalStateException(name + " line " + number + ": the judged label is the given"
                            + " one; write 'given is right'");
                }
                counts.merge(verdict, 1, Integer::sum);
            }
            return new OwnIssueJudgements(counts.getOrDefault("wrong", 0), counts.getOrDefault("ambiguous", 0),
                    counts.getOrDefault("right", 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
