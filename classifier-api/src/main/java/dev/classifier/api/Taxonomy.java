package dev.classifier.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The categories a user defines, in their order, plus a fallback label for what fits none of them.
 * The fallback is always one of the labels: if no category carries it, it is added last.
 *
 * <pre>{@code
 * Taxonomy taxonomy = Taxonomy.builder()
 *         .category("Business", "Companies, markets and the economy")
 *         .category("Sports", "Matches, players, transfers")
 *         .build();   // labels: Business, Sports, Uncategorized
 * }</pre>
 *
 * <p>Immutable and safe to share. Two labels may not differ only in case, surrounding quotes or full-width forms,
 * since {@link #resolve} could not tell them apart.
 */
public final class Taxonomy {

    /** The fallback label a builder uses unless told otherwise. */
    public static final String DEFAULT_FALLBACK = "Uncategorized";
    static final String FALLBACK_DESCRIPTION = "None of the other categories fits.";

    private final List<Category> categories;
    private final List<String> labels;
    private final String fallback;
    private final Map<String, String> labelsByKey;
    /**
     * Computed on first use: classifying never needs it, and a process's first SHA-256 starts the security providers
     * (about 7 ms of the command-line tool's start-up). Racy single-check: every thread computes the same string.
     */
    private volatile String fingerprint;

    private Taxonomy(List<Category> categories, String fallback) {
        this.categories = List.copyOf(categories);
        this.labels = categories.stream().map(Category::label).toList();
        this.fallback = fallback;
        Map<String, String> byKey = new HashMap<>();
        for (String label : labels) {
            String previous = byKey.putIfAbsent(matchKey(label), label);
            if (previous != null) {
                throw new IllegalArgumentException("labels '" + previous + "' and '" + label
                        + "' differ only in case, quotes or full-width forms, so a model's answer could not tell them apart");
            }
        }
        this.labelsByKey = Collections.unmodifiableMap(byKey);
    }

    /**
     * Starts a taxonomy with the {@link #DEFAULT_FALLBACK} fallback.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A taxonomy of bare labels (no descriptions) and the default fallback.
     *
     * @param labels the labels, in order
     * @return the taxonomy, with {@link #DEFAULT_FALLBACK} added last
     * @throws IllegalArgumentException if a label is blank or given twice, or there is none besides the fallback
     */
    public static Taxonomy of(String... labels) {
        Builder builder = builder();
        for (String label : labels) {
            builder.category(label, "");
        }
        return builder.build();
    }

    /**
     * The categories with their descriptions.
     *
     * @return the categories in the user's order, the fallback included (last unless the user placed it)
     */
    public List<Category> categories() {
        return categories;
    }

    /**
     * The labels a prediction may carry.
     *
     * @return the categories' labels, in the same order as {@link #categories()}
     */
    public List<String> labels() {
        return labels;
    }

    /**
     * The label for what fits no category, given when a strategy cannot tell ({@link Prediction.Flag#FALLBACK}).
     *
     * @return the fallback label, one of {@link #labels()}
     */
    public String fallback() {
        return fallback;
    }

    /**
     * Whether a label is one of this taxonomy's, exactly (see {@link #resolve} for a forgiving match).
     *
     * @param label the label; null is not contained
     * @return true if {@link #labels()} holds it
     */
    public boolean contains(String label) {
        return label != null && labels.contains(label);
    }

    /**
     * The category of a label, for its description.
     *
     * @param label the exact label
     * @return the category, or empty if the label is not one of this taxonomy's
     */
    public Optional<Category> category(String label) {
        return categories.stream().filter(c -> c.label().equals(label)).findFirst();
    }

    /**
     * The canonical label for what a model (or a person) wrote: case, surrounding whitespace and quotes,
     * and full-width letters and spaces (as Chinese input methods produce) are ignored. Anything else is empty.
     *
     * @param raw what was written, e.g. {@code " \u201Csports\u201D"} or {@code "ＳＰＯＲＴＳ"}; may be null
     * @return the label it stands for, or empty if it stands for none
     */
    public Optional<String> resolve(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(labelsByKey.get(matchKey(raw)));
    }

    /**
     * A stable hash of the labels, their descriptions, their order and the fallback: the same rules give
     * the same fingerprint in every run and JVM, so feedback can record which rules it was given under.
     * It is the first 8 bytes, in hex, of SHA-256 over "taxonomy/v1", the fallback, then each label and its
     * description, every string UTF-8 encoded and prefixed by its byte length as a 4-byte big-endian integer.
     *
     * @return 16 lower-case hex digits
     */
    public String fingerprint() {
        String computed = fingerprint;
        if (computed == null) {
            computed = computeFingerprint();
            fingerprint = computed;
        }
        return computed;
    }

    private String computeFingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            update(sha, "taxonomy/v1");
            update(sha, fallback);
            for (Category category : categories) {
                update(sha, category.label());
                update(sha, category.description());
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static void update(MessageDigest sha, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        // Length-prefixed, so ("ab","c") and ("a","bc") hash differently.
        sha.update(new byte[] {(byte) (bytes.length >>> 24), (byte) (bytes.length >>> 16),
                (byte) (bytes.length >>> 8), (byte) bytes.length});
        sha.update(bytes);
    }

    private static final String QUOTES = "\"'`“”‘’「」『』《》«»";

    /** NFKC folds full-width forms; then whitespace and quotes around the text are peeled off, and case folded. */
    static String matchKey(String raw) {
        String s = TextForms.nfkc(raw).strip();
        boolean peeled = true;
        while (peeled && !s.isEmpty()) {
            peeled = false;
            if (QUOTES.indexOf(s.charAt(0)) >= 0) {
                s = s.substring(1).strip();
                peeled = true;
            }
            if (!s.isEmpty() && QUOTES.indexOf(s.charAt(s.length() - 1)) >= 0) {
                s = s.substring(0, s.length() - 1).strip();
                peeled = true;
            }
        }
        return s.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Taxonomy other && categories.equals(other.categories) && fallback.equals(other.fallback);
    }

    @Override
    public int hashCode() {
        return Objects.hash(categories, fallback);
    }

    @Override
    public String toString() {
        return "Taxonomy" + labels + " fallback=" + fallback + " fingerprint=" + fingerprint();
    }

    /** Collects categories in order; {@link #build()} fails fast on duplicates and blanks. */
    public static final class Builder {
        private final Map<String, Category> categories = new LinkedHashMap<>();
        private String fallback = DEFAULT_FALLBACK;

        private Builder() {
        }

        /**
         * Adds a category after those added before.
         *
         * @param label       the label, not blank, no surrounding whitespace
         * @param description when the category applies, in words a model can follow; may be empty
         * @return this builder
         * @throws IllegalArgumentException if the label is blank, has surrounding whitespace or was added already
         */
        public Builder category(String label, String description) {
            return category(new Category(label, description));
        }

        /**
         * Adds a category after those added before.
         *
         * @param category the category
         * @return this builder
         * @throws IllegalArgumentException if its label was added already
         */
        public Builder category(Category category) {
            if (categories.putIfAbsent(category.label(), category) != null) {
                throw new IllegalArgumentException("category '" + category.label() + "' is defined twice");
            }
            return this;
        }

        /**
         * Sets the label for what fits no category. A category may carry it (then it keeps its place and
         * description); otherwise it is added last with a generic description.
         *
         * @param label the fallback label, not blank; surrounding whitespace is stripped
         * @return this builder
         * @throws IllegalArgumentException if the label is blank
         */
        public Builder fallback(String label) {
            Objects.requireNonNull(label, "fallback");
            if (label.isBlank()) {
                throw new IllegalArgumentException("fallback label is blank");
            }
            this.fallback = label.strip();
            return this;
        }

        /**
         * The taxonomy collected so far.
         *
         * @return the taxonomy, with the fallback added last if no category carries it
         * @throws IllegalArgumentException if there is no category besides the fallback, or two labels differ only
         *                                  in case, quotes or full-width forms
         */
        public Taxonomy build() {
            List<Category> all = new ArrayList<>(categories.values());
            if (all.stream().noneMatch(c -> c.label().equals(fallback))) {
                all.add(new Category(fallback, FALLBACK_DESCRIPTION));
            }
            if (all.size() < 2) {
                throw new IllegalArgumentException("a taxonomy needs at least one category besides the fallback '"
                        + fallback + "'");
            }
            return new Taxonomy(all, fallback);
        }
    }
}
