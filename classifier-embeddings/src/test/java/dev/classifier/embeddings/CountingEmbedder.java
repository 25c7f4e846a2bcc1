package dev.classifier.embeddings;

import dev.classifier.api.TextEmbedder;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** Passes texts to a real embedder and counts them. */
final class CountingEmbedder implements TextEmbedder {

    final AtomicInteger embedded = new AtomicInteger();
    private final TextEmbedder delegate;

    CountingEmbedder(TextEmbedder delegate) {
        this.delegate = delegate;
    }

    @Override
    public float[] embed(String text) {
        embedded.incrementAndGet();
        return delegate.embed(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        embedded.addAndGet(texts.size());
        return delegate.embedAll(texts);
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }
}
