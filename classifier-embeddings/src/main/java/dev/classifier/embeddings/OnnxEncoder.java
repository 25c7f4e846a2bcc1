package dev.classifier.embeddings;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.Map;

/**
 * One ONNX Runtime session of a sentence-embedding model: a token sequence in (batch 1), its pooled, unit-length
 * vector out. Safe for concurrent calls (ONNX Runtime sessions are); the caller closes it after the last call.
 */
final class OnnxEncoder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxEncoder.class);

    private final EmbeddingModel model;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final boolean wantsTokenTypes;
    private final int dimension;

    OnnxEncoder(EmbeddingModel model, byte[] onnx, int intraOpThreads) {
        this.model = model;
        this.environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(onnx, options);
        } catch (OrtException e) {
            throw new EmbeddingException("ONNX Runtime cannot load model " + model.name() + " from "
                    + model.onnxResource() + ": " + e.getMessage(), e);
        }
        try {
            this.wantsTokenTypes = session.getInputNames().contains("token_type_ids");
            this.dimension = outputDimension();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    int dimension() {
        return dimension;
    }

    /** One model call on one token sequence of a single segment (no padding, type ids 0). */
    float[] infer(long[] ids, int textChars) {
        long[] mask = new long[ids.length];
        Arrays.fill(mask, 1);
        long[] shape = {1, ids.length};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor typeTensor = wantsTokenTypes
                     ? OnnxTensor.createTensor(environment, LongBuffer.wrap(new long[ids.length]), shape) : null) {
            Map<String, OnnxTensor> inputs = typeTensor == null
                    ? Map.of("input_ids", idTensor, "attention_mask", maskTensor)
                    : Map.of("input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor);
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                float[] vector = pool(hidden, ids.length);
                OnnxTextEmbedder.normalise(vector);
                return vector;
            }
        } catch (OrtException e) {
            throw new EmbeddingException("model " + model.name() + " failed on a text of " + textChars
                    + " chars: " + e.getMessage(), e);
        }
    }

    /** Token vectors [tokens x dimension] to one vector. */
    private float[] pool(FloatBuffer hidden, int tokens) {
        float[] vector = new float[dimension];
        if (model.pooling() == Pooling.CLS) {
            hidden.get(0, vector, 0, dimension);
            return vector;
        }
        for (int token = 0; token < tokens; token++) {
            int offset = token * dimension;
            for (int d = 0; d < dimension; d++) {
                vector[d] += hidden.get(offset + d);
            }
        }
        for (int d = 0; d < dimension; d++) {
            vector[d] /= Math.max(1, tokens);
        }
        return vector;
    }

    private int outputDimension() {
        try {
            NodeInfo first = session.getOutputInfo().values().iterator().next();
            long[] shape = ((TensorInfo) first.getInfo()).getShape();
            long last = shape[shape.length - 1];
            if (shape.length != 3 || last <= 0) {
                throw new EmbeddingException("model " + model.name() + " does not output token vectors "
                        + "[batch, tokens, dimension]; its first output has shape " + Arrays.toString(shape));
            }
            return (int) last;
        } catch (OrtException e) {
            throw new EmbeddingException("cannot read the outputs of model " + model.name(), e);
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.debug("closing the ONNX session of model {} failed", model.name(), e);
        }
    }
}
