package dev.classifier.embeddings;

/** An embedder that can tell whether it reads only the head of a text. */
interface TruncationAware {

    boolean truncates(String text);
}
