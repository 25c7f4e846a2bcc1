package dev.classifier.dataset;

import dev.classifier.api.FeedbackChange;

import java.util.Arrays;
import java.util.BitSet;

/**
 * What a {@link JsonlFeedbackStore} knows of its file, in memory: where each change's line is, which ids exist and
 * which are retracted or purged. The feedback itself stays in the file and is read back on demand, so a million changes
 * cost about 40 MB here (offsets, lengths, a table of 32-bit id hashes), not the text of a million articles.
 *
 * <p>Sequences are 1-based positions in the list of changes, which is the file's order, so every process that
 * reads the same file numbers the changes alike. Only the store's writer thread changes the index; any thread
 * reads it. Two ids may share a hash: {@link #candidates} returns every sequence whose id may match, and the
 * store checks each against the file.
 */
final class JsonlFeedbackStoreIndex {

    private static final int MAX_CHANGES = Integer.MAX_VALUE - 16;

    /** By sequence - 1: where the change's line starts, its length, and the add it concerns. */
    private long[] offsets = new long[1024];
    private int[] lengths = new int[1024];
    /** For an add its own sequence; for a retraction or a purge the sequence of the add it concerns. */
    private int[] addSequences = new int[1024];
    private int count;

    /** Add sequences that have been retracted. */
    private final BitSet retracted = new BitSet();
    /** Add sequences whose feedback is purged: their line is a tombstone, and every change of theirs reads PURGED. */
    private final BitSet purged = new BitSet();
    /** Add sequences whose purge has its own change. */
    private final BitSet purgeRecorded = new BitSet();
    private int live;

    /**
     * Open addressing over a 32-bit hash of each id (its tag): the tag picks the slot, which holds the tag and the
     * add's sequence in one long (0 marks an empty slot), so that a probe touches one cache line and the table can
     * grow from what it holds. Ids with equal tags are told apart by the store reading them from the file.
     */
    private long[] idSlots = new long[1 << 12];
    private int ids;

    /** The offset just after the last whole line read, and how many lines that is (skipped ones too). */
    private long end;
    private long lines;

    /** Lines of changes, copied out of the index so that they can be read without holding it. */
    static final class Refs {
        final long[] sequences;
        final FeedbackChange.Kind[] kinds;
        final long[] offsets;
        final int[] lengths;
        int size;

        Refs(int capacity) {
            sequences = new long[capacity];
            kinds = new FeedbackChange.Kind[capacity];
            offsets = new long[capacity];
            lengths = new int[capacity];
        }

        void add(long sequence, FeedbackChange.Kind kind, long offset, int length) {
            sequences[size] = sequence;
            kinds[size] = kind;
            offsets[size] = offset;
            lengths[size] = length;
            size++;
        }
    }

    synchronized int count() {
        return count;
    }

    synchronized int live() {
        return live;
    }

    synchronized long end() {
        return end;
    }

    synchronized long lines() {
        return lines;
    }

    /** Everything up to {@code end} has been read: {@code lines} lines in all. */
    synchronized void advance(long newEnd, long newLines) {
        if (newEnd < end || newLines < lines) {
            throw new IllegalStateException("index would go back from " + end + " to " + newEnd);
        }
        end = newEnd;
        lines = newLines;
    }

    synchronized boolean isRetracted(int addSequence) {
        return retracted.get(addSequence);
    }

    synchronized boolean isPurged(int addSequence) {
        return purged.get(addSequence);
    }

    synchronized boolean isPurgeRecorded(int addSequence) {
        return purgeRecorded.get(addSequence);
    }

    /** Neither retracted nor purged. */
    synchronized boolean isLive(int addSequence) {
        return !retracted.get(addSequence) && !purged.get(addSequence);
    }

    /**
     * The sequence of the change that undid the add with {@code addSequence} (its retraction, or its purge if it was
     * purged while live), or 0 while it is live. Walks the changes after the add: only for feedback undone already
     * (every line of the file is read by then: the writer catches up before it plans changes).
     */
    synchronized int undoneAt(int addSequence) {
        if (isLive(addSequence)) {
            return 0;
        }
        for (int i = addSequence; i < count; i++) {
            if (addSequences[i] == addSequence) {
                return i + 1;
            }
        }
        throw new IllegalStateException("the add at sequence " + addSequence + " is undone, but no later change is");
    }

    synchronized long offsetOf(int sequence) {
        return offsets[sequence - 1];
    }

    synchronized int lengthOf(int sequence) {
        return lengths[sequence - 1];
    }

    private static final int[] NONE = new int[0];

    /** The add sequences whose id hashes like {@code id}'s; usually none or one. */
    synchronized int[] candidates(String id) {
        int tag = tag(id);
        int mask = idSlots.length - 1;
        int[] found = NONE;
        for (int slot = tag & mask; idSlots[slot] != 0; slot = (slot + 1) & mask) {
            if ((int) (idSlots[slot] >>> 32) == tag) {
                found = Arrays.copyOf(found, found.length + 1);
                found[found.length - 1] = (int) idSlots[slot];
            }
        }
        return found;
    }

    /** Records a new id's add line; returns its sequence. */
    synchronized int appendAdd(String id, long offset, int length) {
        return appendAdd(id, offset, length, false);
    }

    /** Records a new id's add line, or the tombstone a purge left in its place; returns its sequence. */
    synchronized int appendAdd(String id, long offset, int length, boolean tombstone) {
        int sequence = append(offset, length, count + 1);
        if (tombstone) {
            purged.set(sequence);
        } else {
            live++;
        }
        if ((ids + 1) * 2L > idSlots.length) {
            growIdTable();
        }
        putSlot(idSlots, ((long) tag(id) << 32) | sequence);
        ids++;
        return sequence;
    }

    /** Records the retraction of the add with {@code addSequence}, which must be live. */
    synchronized int appendRetract(int addSequence, long offset, int length) {
        if (retracted.get(addSequence) || addSequences[addSequence - 1] != addSequence) {
            throw new IllegalStateException("sequence " + addSequence + " is not a live add");
        }
        int sequence = append(offset, length, addSequence);
        if (!purged.get(addSequence)) {
            live--;
        }
        retracted.set(addSequence);
        return sequence;
    }

    /** Records the purge of the add with {@code addSequence}, whose purge has no change yet. */
    synchronized int appendPurge(int addSequence, long offset, int length) {
        if (purgeRecorded.get(addSequence) || addSequences[addSequence - 1] != addSequence) {
            throw new IllegalStateException("sequence " + addSequence + " is not an add waiting for its purge");
        }
        int sequence = append(offset, length, addSequence);
        if (!retracted.get(addSequence) && !purged.get(addSequence)) {
            live--;
        }
        purged.set(addSequence);
        purgeRecorded.set(addSequence);
        return sequence;
    }

    private int append(long offset, int length, int addSequence) {
        if (count == MAX_CHANGES) {
            throw new IllegalStateException("a feedback store file holds at most " + MAX_CHANGES + " changes");
        }
        if (count == offsets.length) {
            int capacity = (int) Math.min(MAX_CHANGES, offsets.length * 2L);
            offsets = Arrays.copyOf(offsets, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
            addSequences = Arrays.copyOf(addSequences, capacity);
        }
        offsets[count] = offset;
        lengths[count] = length;
        addSequences[count] = addSequence;
        return ++count;
    }

    /** The newest live adds, newest first, at most {@code limit}. */
    synchronized Refs newestLive(int limit) {
        Refs refs = new Refs(Math.min(limit, live));
        for (int i = count - 1; i >= 0 && refs.size < refs.sequences.length; i--) {
            int sequence = i + 1;
            if (addSequences[i] == sequence && !retracted.get(sequence) && !purged.get(sequence)) {
                refs.add(sequence, FeedbackChange.Kind.ADDED, offsets[i], lengths[i]);
            }
        }
        return refs;
    }

    /** The adds with a sequence above {@code after} that are still live, oldest first. */
    synchronized Refs liveAddsAfter(long after) {
        int from = (int) Math.max(0, Math.min(after, count));
        Refs refs = new Refs(Math.min(live, count - from));
        for (int i = from; i < count; i++) {
            int sequence = i + 1;
            if (addSequences[i] == sequence && !retracted.get(sequence) && !purged.get(sequence)) {
                refs.add(sequence, FeedbackChange.Kind.ADDED, offsets[i], lengths[i]);
            }
        }
        return refs;
    }

    /**
     * The changes with a sequence above {@code after}; for a retraction or a purge, the line of the add it
     * concerns. Every change of purged feedback is a purge, its line the tombstone.
     */
    synchronized Refs changesAfter(long after) {
        int from = (int) Math.max(0, Math.min(after, count));
        Refs refs = new Refs(count - from);
        for (int i = from; i < count; i++) {
            int addIndex = addSequences[i] - 1;
            FeedbackChange.Kind kind = purged.get(addIndex + 1) ? FeedbackChange.Kind.PURGED
                    : addIndex != i ? FeedbackChange.Kind.RETRACTED : FeedbackChange.Kind.ADDED;
            refs.add(i + 1, kind, offsets[addIndex], lengths[addIndex]);
        }
        return refs;
    }

    private static void putSlot(long[] slots, long entry) {
        int mask = slots.length - 1;
        int slot = (int) (entry >>> 32) & mask;
        while (slots[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        slots[slot] = entry;
    }

    private void growIdTable() {
        long[] old = idSlots;
        idSlots = new long[old.length * 2];
        for (long entry : old) {
            if (entry != 0) {
                putSlot(idSlots, entry);
            }
        }
    }

    /** 64-bit FNV-1a over the UTF-16 chars, then the MurmurHash3 finaliser; the high half is the tag. */
    static int tag(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h ^= id.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (int) (h >>> 32);
    }
}
