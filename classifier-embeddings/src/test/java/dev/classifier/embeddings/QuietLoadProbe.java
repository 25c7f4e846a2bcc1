package dev.classifier.embeddings;

/** Run in a child JVM by {@link GpuProbeLogTest}: loads the default model and embeds one text, logging to stderr. */
public final class QuietLoadProbe {

    private QuietLoadProbe() {
    }

    public static void main(String[] args) {
        try (OnnxTextEmbedder embedder = OnnxTextEmbedder.loadDefault()) {
            System.out.println("dimension=" + embedder.embed("央行宣布下调存款准备金率").length);
        }
    }
}
