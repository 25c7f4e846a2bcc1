package dev.classifier.local;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The models a {@link RefreshingClassifier} keeps in memory, oldest first: the answering one, and the latest
 * others up to a limit (so that one can be pinned or rolled back to). Not thread-safe: its owner guards it.
 */
final class ModelHistory {

    /** A kept model: what is known of it, its handle, and the held-out slice it was trained without. */
    static final class Entry {
        ModelVersion info;
        final ModelHandle handle;
        final double slice;

        Entry(ModelVersion info, ModelHandle handle, double slice) {
            this.info = info;
            this.handle = handle;
            this.slice = slice;
        }
    }

    private final int keep;
    private final List<Entry> entries = new ArrayList<>();

    ModelHistory(int keep) {
        this.keep = keep;
    }

    /** Adds a model; a new answering one sends the previous one to stand by. Drops the oldest beyond the limit. */
    void add(Entry entry) {
        if (entry.info.state() == ModelVersion.State.ANSWERING) {
            answering().ifPresent(old -> old.info = old.info.in(ModelVersion.State.STANDBY));
        }
        entries.add(entry);
        trim();
    }

    /** Makes a kept model the answering one (a pin or a rollback). */
    void answerWith(Entry entry) {
        answering().ifPresent(old -> old.info = old.info.in(ModelVersion.State.STANDBY));
        entry.info = entry.info.in(ModelVersion.State.ANSWERING);
    }

    Optional<Entry> answering() {
        return entries.stream().filter(e -> e.info.state() == ModelVersion.State.ANSWERING).findFirst();
    }

    Optional<Entry> find(String version) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).info.version().equals(version)) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    /** The newest model before the answering one that answered before it (not a refused one). */
    Optional<Entry> beforeAnswering() {
        int at = entries.indexOf(answering().orElse(null));
        for (int i = (at < 0 ? entries.size() : at) - 1; i >= 0; i--) {
            if (entries.get(i).info.state() == ModelVersion.State.STANDBY) {
                return Optional.of(entries.get(i));
            }
        }
        return Optional.empty();
    }

    List<ModelVersion> versions() {
        return entries.stream().map(e -> e.info).toList();
    }

    /** The answering model always stays; the oldest others go (and are closed once no classification uses them). */
    private void trim() {
        for (int i = 0; entries.size() > keep && i < entries.size(); ) {
            Entry oldest = entries.get(i);
            if (oldest.info.state() == ModelVersion.State.ANSWERING) {
                i++;
                continue;
            }
            entries.remove(i);
            oldest.handle.release();
        }
    }

    /** Lets go of every kept model: each closes once its last classification is done. */
    void releaseAll() {
        entries.forEach(e -> e.handle.release());
        entries.clear();
    }
}
