package dev.classifier.testkit;

import java.io.InputStream;

/**
 * The project's own sample news, in English and Chinese, for examples and tests: {@value #TAXONOMY} (eight
 * categories with descriptions, {@code Uncategorized} among them), {@value #FEEDBACK} (228 labelled items, 96 of
 * them corrections with the person's reason) and {@value #ARTICLES} (88 further labelled items). Each file is
 * JSONL; the feedback and article lines have {@code id}, {@code title}, {@code body} and {@code label}, and feedback
 * lines also {@code predicted} (for a correction) and {@code reason}.
 */
public final class SampleNews {

    public static final String TAXONOMY = "taxonomy.jsonl";
    public static final String FEEDBACK = "feedback.jsonl";
    public static final String ARTICLES = "articles.jsonl";

    private SampleNews() {
    }

    /** Opens one of the sample files; the caller closes it. */
    public static InputStream open(String fileName) {
        InputStream in = SampleNews.class.getResourceAsStream("samples/" + fileName);
        if (in == null) {
            throw new IllegalArgumentException("no sample file '" + fileName + "' (there are " + TAXONOMY + ", "
                    + FEEDBACK + " and " + ARTICLES + ")");
        }
        return in;
    }

    /** How errors and reports name a sample file. */
    public static String nameOf(String fileName) {
        return "samples/" + fileName;
    }
}
