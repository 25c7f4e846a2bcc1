package dev.classifier.embeddings;

/** One loaded default model for all tests in the JVM: loading takes seconds, embedding a few texts milliseconds. */
final class SharedModel {

    private static OnnxTextEmbedder model;

    private SharedModel() {
    }

    static synchronized OnnxTextEmbedder get() {
        if (model == null) {
            model = OnnxTextEmbedder.builder().model(EmbeddingModel.bgeSmallZh()).threads(2).build();
        }
        return model;
    }
}
