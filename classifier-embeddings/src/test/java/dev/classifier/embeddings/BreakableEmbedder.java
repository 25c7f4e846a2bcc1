package dev.classifier.embeddings;

import dev.classifier.api.TextEmbedder;

import java.util.List;

/** Passes texts to a real embedder until {@link #breakDown()}; then fails as a crashed ONNX session would. */
final class BreakableEmbedder implements TextEmbedder {

    private final TextEmbedder delegate;
    private volatile boolean broken;

    BreakableEmbedder(TextEmbedder delegate) {
        this.delegate = delegate;
    }

    void breakDown() {
        broken = true;
    }

    @Override
    public float[] embed(String text) {
        failIfBroken();
        return delegate.embed(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        failIfBroken();
        return delegate.embedAll(texts);
    }

    private void failIfBroken() {
        if (broken) {
            throw new EmbeddingException("the ONNX session failed", new IllegalStateException("session closed"));
        }
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }
}
