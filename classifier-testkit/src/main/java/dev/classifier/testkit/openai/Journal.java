package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Every request the server received, in the order it answered them, for assertions. Thread-safe. */
public final class Journal {

    private final List<JournalEntry> entries = new ArrayList<>();

    Journal() {
    }

    synchronized void record(JournalEntry entry) {
        entries.add(entry);
    }

    public synchronized List<JournalEntry> entries() {
        return List.copyOf(entries);
    }

    /** The requests to this path or route template. */
    public synchronized List<JournalEntry> entries(String pathOrTemplate) {
        return entries.stream().filter(e -> e.isTo(pathOrTemplate)).toList();
    }

    public synchronized int size() {
        return entries.size();
    }

    /** How many requests went to this path or route template. */
    public synchronized int count(String pathOrTemplate) {
        return (int) entries.stream().filter(e -> e.isTo(pathOrTemplate)).count();
    }

    public synchronized Optional<JournalEntry> last() {
        return entries.isEmpty() ? Optional.empty() : Optional.of(entries.get(entries.size() - 1));
    }

    /** The last request to this path or route template. */
    public synchronized Optional<JournalEntry> last(String pathOrTemplate) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).isTo(pathOrTemplate)) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    /** The JSON bodies of the requests to this path or route template. */
    public List<JsonNode> bodies(String pathOrTemplate) {
        List<JsonNode> bodies = new ArrayList<>();
        for (JournalEntry entry : entries(pathOrTemplate)) {
            bodies.add(entry.json());
        }
        return bodies;
    }

    public synchronized void clear() {
        entries.clear();
    }
}
