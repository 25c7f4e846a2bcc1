package dev.classifier.embeddings;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.classifier.api.TextEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
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
 * and on two cores it is not faster. {@link #embedAll} spreads texts over {@code threads} workers, one per core by
 * default. Vectors are L2-normalised. Texts longer than the model reads keep their head (see
 * {@link EmbeddingModel}), or, with {@link Builder#maxWindows} above 1, are read in windows whose vectors are
 * averaged.
 *
 * <p>Safe for concurrent use. Holds native memory (about 200 MB for the bundled models): close it.
 */
public final class OnnxTextEmbedder implements TextEmbedder, TruncationAware, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OnnxTextEmbedder.class);

    private final EmbeddingModel model;
    private final String modelId;
    private final OnnxEncoder encoder;
    private final HuggingFaceTokenizer tokenizer;
    /** Without truncation, for reading long text in windows; null when only the head is read. */
    private final HuggingFaceTokenizer wholeTokenizer;
    private final int maxWindows;
    private final int dimension;
    private final int threads;
    private final ExecutorService workers;
    /** Embedding takes the read lock, close the write lock: no call runs on freed native memory. */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    private OnnxTextEmbedder(Builder builder) {
        this.model = builder.model;
        this.threads = builder.threads;
        this.maxWindows = builder.maxWindows;
        OfflineMode.ensure();
        GpuProbe.skipWithoutDriver();
        long started = System.nanoTime();
        byte[] onnx = ModelResources.read(model.onnxResource());
        byte[] tokenizerJson = ModelResources.read(model.tokenizerResource());
        // The id names how text is read: vectors of long text read in windows differ from its head's.
        this.modelId = model.name() + "@" + ModelResources.contentHash(onnx, tokenizerJson) + "/max"
                + model.maxTokens() + (maxWindows > 1 ? "x" + maxWindows : "");
        this.encoder = new OnnxEncoder(model, onnx, builder.intraOpThreads);
        try {
            this.tokenizer = ModelResources.tokenizer(tokenizerJson, model, true);
            this.wholeTokenizer = maxWindows > 1 ? ModelResources.tokenizer(tokenizerJson, model, false) : null;
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
        this.dimension = encoder.dimension();
        this.workers = threads > 1 ? Executors.newFixedThreadPool(threads, daemonThreads()) : null;
        LOG.info("Loaded embedding model {} ({} dimensions) in {} ms", modelId, dimension,
                (System.nanoTime() - started) / 1_000_000);
    }

    /** Loads a model with the defaults: a worker per core for {@link #embedAll}, one ONNX thread each. */
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

    /** Whether some of this text is not read: it is longer than {@code maxWindows} windows of the model. */
    @Override
    public boolean truncates(String text) {
        // A word piece covers at least one character, so a text this short always fits.
        if (text.length() <= (long) maxWindows * (model.maxTokens() - 2)) {
            return false;
        }
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            String read = head(text, charCap());
            if (read.length() < text.length()) {
                return true;
            }
            return wholeTokenizer == null ? tokenizer.encode(read).exceedMaxLength()
                    : wordPieces(wholeTokenizer.encode(read).getIds()) > maxWindows * (model.maxTokens() - 2);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** How many windows of {@code maxTokens} a long text is read in at most (1: only its head). */
    public int maxWindows() {
        return maxWindows;
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
            if (wholeTokenizer != null) {
                wholeTokenizer.close();
            }
            encoder.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "OnnxTextEmbedder[" + modelId + ", " + dimension + "d, " + threads + " worker(s)]";
    }

    /**
     * Characters read per token the model can take: beyond this a text is cut before tokenising, so that a
     * megabyte of text costs no more than a long article (tokenising 1 MB of Chinese takes ~20 s). A token covers
     * at least one character, and prose averages under 6, so the cut never shortens what the model reads.
     */
    static final int CHARS_PER_TOKEN_CAP = 32;
    /** Windows read of a long text by default (see {@link Builder#maxWindows}). */
    public static final int DEFAULT_WINDOWS = 1;
    /** At most this many windows: 64 x 510 word pieces is a short book. */
    static final int MAX_WINDOWS = 64;

    private int charCap() {
        return maxWindows * model.maxTokens() * CHARS_PER_TOKEN_CAP;
    }

    private Embedding run(String fullText) {
        String text = head(fullText, charCap());
        boolean cut = text.length() < fullText.length();
        if (wholeTokenizer == null) {
            Encoding encoding = tokenizer.encode(text);
            return new Embedding(encoder.infer(encoding.getIds(), text.length()), encoding.getIds().length,
                    cut || encoding.exceedMaxLength());
        }
        // Long text in windows of maxTokens - 2 word pieces, each wrapped in the model's [CLS] and [SEP]; the
        // mean of their vectors, weighted by word pieces, is the text's vector.
        long[] ids = wholeTokenizer.encode(text).getIds();
        List<long[]> windows = TextWindows.split(ids, model.maxTokens() - 2, maxWindows);
        if (windows.size() == 1) {
            return new Embedding(encoder.infer(windows.get(0), text.length()), windows.get(0).length, cut);
        }
        float[] sum = new float[dimension];
        int read = 0;
        for (long[] window : windows) {
            float[] vector = encoder.infer(window, text.length());
            int pieces = wordPieces(window);
            for (int d = 0; d < dimension; d++) {
                sum[d] += pieces * vector[d];
            }
            read += window.length;
        }
        normalise(sum);
        return new Embedding(sum, read, cut || TextWindows.dropsSome(ids, model.maxTokens() - 2, maxWindows));
    }

    /** Word pieces of an encoding: its tokens without the [CLS] and [SEP] around them. */
    private static int wordPieces(long[] ids) {
        return Math.max(0, ids.length - 2);
    }

    /** The first {@code chars} characters, not splitting a surrogate pair. */
    static String head(String text, int chars) {
        if (text.length() <= chars) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(chars - 1)) ? chars - 1 : chars;
        return text.substring(0, end);
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
        private int threads = Runtime.getRuntime().availableProcessors();
        private int intraOpThreads = 1;
        private int maxWindows = DEFAULT_WINDOWS;

        private Builder() {
        }

        /** The model to load; default {@link EmbeddingModel#bgeSmallZh()}. */
        public Builder model(EmbeddingModel model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** Workers that {@link #embedAll} spreads texts over; default one per core. */
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

        /**
         * Windows of {@code maxTokens} a long text is read in at most; default {@value #DEFAULT_WINDOWS}. With 1
         * only the head is read (the first {@code maxTokens - 2} word pieces); with more, a longer text is split
         * into windows, each embedded, and their vectors averaged (weighted by word pieces). Text that fits one
         * window gives the same vector either way; a longer one costs a model call per window.
         */
        public Builder maxWindows(int maxWindows) {
            if (maxWindows < 1 || maxWindows > MAX_WINDOWS) {
                throw new IllegalArgumentException("maxWindows must be in [1, " + MAX_WINDOWS + "], was " + maxWindows);
            }
            this.maxWindows = maxWindows;
            return this;
        }

        public OnnxTextEmbedder build() {
            return new OnnxTextEmbedder(this);
        }
    }
}
