package dev.classifier.api;

import java.util.Locale;
import java.util.Objects;

/**
 * Where a piece of {@link Feedback} came from: a person (and who), an import (and which file), or a component of
 * this library acting on a person's explicit decision (and which component). The audit, a review page and reviewer
 * reliability read it.
 *
 * <p><b>Feedback is what people said.</b> Nothing the library infers by itself is ever stored as feedback, under
 * any kind: not a prediction, not a pseudo-label, not a label copied to a near-duplicate, not a label suggested by
 * a check of the data. A model that learnt from its own guesses would take them for the truth.
 *
 * <ul>
 *   <li>{@link Kind#PERSON}: a person gave the label, and {@code name} says who (a user name, an e-mail address,
 *       an employee number: whatever the application knows them by). A review page that records an editor's
 *       "accept" or "correct" records {@code PERSON} with the editor's name, not {@code LIBRARY}: the decision is
 *       the editor's, the page only carries it.</li>
 *   <li>{@link Kind#IMPORT}: the label came in a file of labelled rows (an export of another system, a labelled
 *       data set), and {@code name} is the file's name (its last path element, not the directory it was read
 *       from). {@code FeedbackImport} stamps it.</li>
 *   <li>{@link Kind#LIBRARY}: a component of this library recorded the label from a person's explicit decision
 *       made through that component, when the component has no way to know who the person is (a review page
 *       served without logins, say); {@code name} names the component ({@code "review-page"}). It is never for a
 *       label the component worked out itself.</li>
 *   <li>{@link Kind#UNKNOWN}: not recorded, with an empty name. Feedback written before the library kept
 *       provenance reads as unknown, and so does feedback made without saying where it came from.</li>
 * </ul>
 *
 * <p>A {@linkplain FeedbackChange#tombstone(Feedback) tombstone} keeps the kind and drops the name (see there).
 *
 * @param kind where the feedback came from
 * @param name who or what, in one line: the person, the file's name or the library component; empty for {@link
 *             Kind#UNKNOWN} and in a tombstone, not blank otherwise
 */
public record FeedbackSource(Kind kind, String name) {

    /** The source of feedback that does not say where it came from. */
    public static final FeedbackSource UNKNOWN = new FeedbackSource(Kind.UNKNOWN, "");

    /** The longest name kept, in chars: a name is a label for a report, not a document. */
    public static final int MAX_NAME_LENGTH = 200;

    /** Where feedback came from. */
    public enum Kind {
        /** A person gave it; the name says who. */
        PERSON,
        /** It came in a file of labelled rows; the name is the file's. */
        IMPORT,
        /** A library component recorded a person's explicit decision without knowing who; the name is the component's. */
        LIBRARY,
        /** Not recorded. */
        UNKNOWN
    }

    /**
     * Checks the source.
     *
     * @param kind where the feedback came from
     * @param name who or what; empty for {@link Kind#UNKNOWN} (and in a tombstone, for any kind); otherwise not
     *             blank, without control characters (line breaks, tabs) or surrounding spaces, and at most
     *             {@link #MAX_NAME_LENGTH} chars
     * @throws NullPointerException     if a part is null
     * @throws IllegalArgumentException if the name breaks one of these rules
     */
    public FeedbackSource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (kind == Kind.UNKNOWN && !name.isEmpty()) {
            throw new IllegalArgumentException("an unknown feedback source has no name, was given '" + name + "'");
        }
        if (!name.isEmpty()) {
            checkName(kind, name);
        }
    }

    private static void checkName(Kind kind, String name) {
        if (name.isBlank() || !name.equals(name.strip())) {
            throw new IllegalArgumentException("the name of a " + kind + " feedback source is blank or has spaces"
                    + " around it: '" + name + "'");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("the name of a " + kind + " feedback source has " + name.length()
                    + " chars, more than " + MAX_NAME_LENGTH);
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("the name of a " + kind + " feedback source has a control character"
                    + " (a line break or a tab, say)");
        }
    }

    /**
     * Feedback a person gave.
     *
     * @param who whoever the application knows the person by; not blank (spaces around it are dropped)
     * @return the source
     * @throws IllegalArgumentException if the name is blank or breaks the rules of the record
     */
    public static FeedbackSource person(String who) {
        return named(Kind.PERSON, who);
    }

    /**
     * Feedback that came in a file of labelled rows.
     *
     * @param fileName the file's name, without its directory; not blank (spaces around it are dropped)
     * @return the source
     * @throws IllegalArgumentException if the name is blank or breaks the rules of the record
     */
    public static FeedbackSource imported(String fileName) {
        return named(Kind.IMPORT, fileName);
    }

    /**
     * Feedback a component of this library recorded from a person's explicit decision, not knowing who the person
     * is (see the class comment: never a label the component inferred).
     *
     * @param component the component's name, such as {@code "review-page"}; not blank (spaces around it are dropped)
     * @return the source
     * @throws IllegalArgumentException if the name is blank or breaks the rules of the record
     */
    public static FeedbackSource library(String component) {
        return named(Kind.LIBRARY, component);
    }

    /**
     * Whether the source is recorded.
     *
     * @return true unless the kind is {@link Kind#UNKNOWN}
     */
    public boolean isKnown() {
        return kind != Kind.UNKNOWN;
    }

    /**
     * The same kind without the name: what a tombstone keeps.
     *
     * @return this source with an empty name
     */
    public FeedbackSource withoutName() {
        return name.isEmpty() ? this : new FeedbackSource(kind, "");
    }

    /**
     * For logs and reports.
     *
     * @return the kind in lower case, then {@code :} and the name if there is one ({@code person:alice},
     *         {@code import:labels.csv}, {@code unknown})
     */
    @Override
    public String toString() {
        String k = kind.name().toLowerCase(Locale.ROOT);
        return name.isEmpty() ? k : k + ":" + name;
    }

    private static FeedbackSource named(Kind kind, String name) {
        String stripped = Objects.requireNonNull(name, "name").strip();
        if (stripped.isEmpty()) {
            throw new IllegalArgumentException("the name of a " + kind + " feedback source is blank: say who or what");
        }
        return new FeedbackSource(kind, stripped);
    }
}
