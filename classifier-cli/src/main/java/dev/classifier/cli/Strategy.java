package dev.classifier.cli;

/** Which classifier a command uses. */
enum Strategy {
    /** The offline n-gram model of a saved file. */
    local,
    /** A saved embedding classifier (needs classifier-embeddings on the class path). */
    embeddings,
    /** An OpenAI (or compatible) chat model with a few-shot prompt. */
    prompt,
    /** The local model when sure, the prompt otherwise. */
    cascade
}
