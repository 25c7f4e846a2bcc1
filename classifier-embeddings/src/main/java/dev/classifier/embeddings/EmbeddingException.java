package dev.classifier.embeddings;

/** A model could not be loaded or could not embed a text. Never carries the text itself. */
public class EmbeddingException extends RuntimeException {

    public EmbeddingException(String message) {
        super(message);
    }

    public EmbeddingException(String message, Throwable cause) {
        super(message, cause);
    }
}
