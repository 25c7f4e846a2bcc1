package dev.classifier.embeddings;

/** How a model's per-token vectors become one sentence vector. */
public enum Pooling {
    /** The vector of the first token ([CLS]); what the BGE models were trained for. */
    CLS,
    /** The mean of the token vectors under the attention mask (MiniLM, e5). */
    MEAN
}
