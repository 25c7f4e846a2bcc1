package dev.classifier.loop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The rules learnt from the recent corrections, by term, immutable; the newest matching rule applies. */
final class RuleBook {

    static final RuleBook EMPTY = new RuleBook(List.of());

    private final List<Rule> rules;
    private final Map<Long, List<Rule>> byFirstTerm = new HashMap<>();

    RuleBook(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        for (Rule rule : this.rules) {
            byFirstTerm.computeIfAbsent(rule.terms()[0], t -> new ArrayList<>(1)).add(rule);
        }
    }

    /** The newest rule whose terms a text with these (sorted) terms holds. */
    Optional<Rule> newestMatch(long[] textTerms) {
        if (rules.isEmpty()) {
            return Optional.empty();
        }
        Rule best = null;
        for (long term : textTerms) {
            List<Rule> candidates = byFirstTerm.get(term);
            if (candidates == null) {
                continue;
            }
            for (Rule rule : candidates) {
                if ((best == null || rule.sequence() > best.sequence()) && rule.matches(textTerms)) {
                    best = rule;
                }
            }
        }
        return Optional.ofNullable(best);
    }

    /** The rules, for tests and logs. */
    List<Rule> rules() {
        return rules;
    }
}
