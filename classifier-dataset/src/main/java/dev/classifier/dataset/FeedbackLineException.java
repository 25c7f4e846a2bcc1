package dev.classifier.dataset;

import dev.classifier.api.FeedbackStoreException;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A line of a feedback store file that cannot be read: says which file, which line, what is wrong, and what to do
 * about it (repair the line, or open the store tolerantly; or, for a file that is not a store at all, import it).
 */
public final class FeedbackLineException extends FeedbackStoreException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long lineNumber;
    private final String problem;
    private final boolean otherFile;

    /**
     * A bad line of a store file.
     *
     * @param file       the store file
     * @param lineNumber the 1-based line
     * @param problem    what is wrong with the line, in plain words
     */
    public FeedbackLineException(Path file, long lineNumber, String problem) {
        this(file, lineNumber, problem, false, null);
    }

    FeedbackLineException(Path file, long lineNumber, String problem, boolean otherFile, Throwable cause) {
        super(file + " line " + lineNumber + ": " + problem + ". " + remedy(file, otherFile), cause);
        this.file = Objects.requireNonNull(file, "file");
        this.lineNumber = lineNumber;
        this.problem = Objects.requireNonNull(problem, "problem");
        this.otherFile = otherFile;
    }

    private static String remedy(Path file, boolean otherFile) {
        if (otherFile) {
            return "This is not a feedback store file: to put its rows into a store, import them with"
                    + " FeedbackImport.builder(taxonomy).build().importJsonl(" + file.getFileName() + ", store)";
        }
        return "Repair or remove the line, or open the store with JsonlFeedbackStore.builder(file).tolerant(true),"
                + " which skips bad lines and lists each in problems()";
    }

    /** The same exception made in the calling thread (so that its stack trace shows the caller), caused by this. */
    FeedbackLineException rethrownHere() {
        return new FeedbackLineException(file, lineNumber, problem, otherFile, this);
    }

    /** @return the store file */
    public Path file() {
        return file;
    }

    /** @return the 1-based line number */
    public long lineNumber() {
        return lineNumber;
    }

    /** @return what is wrong with the line, without the file, the line number and the remedy */
    public String problem() {
        return problem;
    }
}
