package dev.classifier.embeddings;

import dev.classifier.api.TextEmbedder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Asks an {@link EmbeddingCache} first; embeds only the texts it lacks, in one call, and stores them. */
final class CachedTextEmbedder implements TextEmbedder, TruncationAware {

    private final TextEmbedder delegate;
    private final EmbeddingCache cache;

    CachedTextEmbedder(TextEmbedder delegate, EmbeddingCache cache) {
        this.delegate = delegate;
        this.cache = cache;
    }

    @Override
    public float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        String modelId = delegate.modelId();
        List<float[]> out = new ArrayList<>(texts.size());
        Map<String, List<Integer>> missing = new LinkedHashMap<>();
        for (int i = 0; i < texts.size(); i++) {
            Optional<float[]> cached = cache.get(modelId, texts.get(i));
            out.add(cached.orElse(null));
            if (cached.isEmpty()) {
                missing.computeIfAbsent(texts.get(i), t -> new ArrayList<>()).add(i);
            }
        }
        if (!missing.isEmpty()) {
            List<String> toEmbed = List.copyOf(missing.keySet());
            List<float[]> vectors = delegate.embedAll(toEmbed);
            cache.putAll(modelId, toEmbed, vectors);
            for (int j = 0; j < toEmbed.size(); j++) {
                for (int i : missing.get(toEmbed.get(j))) {
                    out.set(i, vectors.get(j));
                }
            }
        }
        return out;
    }

    @Override
    public boolean truncates(String text) {
        return delegate instanceof TruncationAware aware && aware.truncates(text);
    }

    @Override
    public String modelId() {
        return delegate.modelId();
    }

    @Override
    public String toString() {
        return "cached(" + delegate + " in " + cache.file() + ")";
    }
}
