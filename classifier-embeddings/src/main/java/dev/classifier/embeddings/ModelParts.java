package dev.classifier.embeddings;

import dev.classifier.api.Category;
import dev.classifier.api.Taxonomy;
import dev.classifier.embeddings.EmbeddingClassifier.Method;
import dev.classifier.local.NgramVectors;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** How the parts of an {@link EmbeddingModelFile} are written and read: big-endian, strings as UTF-8. */
final class ModelParts {

    private ModelParts() {
    }

    static void writeTaxonomy(DataOutputStream out, Taxonomy taxonomy) throws IOException {
        out.writeInt(taxonomy.categories().size());
        for (Category category : taxonomy.categories()) {
            writeString(out, category.label());
            writeString(out, category.description());
        }
        writeString(out, taxonomy.fallback());
    }

    static Taxonomy readTaxonomy(ByteBuffer in) {
        int categories = count(in, "categories");
        Taxonomy.Builder builder = Taxonomy.builder();
        for (int i = 0; i < categories; i++) {
            builder.category(readString(in), readString(in));
        }
        return builder.fallback(readString(in)).build();
    }

    static void writeSummary(DataOutputStream out, TrainingSummary summary) throws IOException {
        writeString(out, summary.method().name());
        out.writeInt(summary.examples());
        writeCounts(out, summary.examplesPerLabel());
        writeCounts(out, summary.dropped());
        Map<Method, Double> heldOut = new EnumMap<>(Method.class);
        heldOut.putAll(summary.heldOutAccuracy());
        out.writeInt(heldOut.size());
        for (Map.Entry<Method, Double> e : heldOut.entrySet()) {
            writeString(out, e.getKey().name());
            out.writeDouble(e.getValue());
        }
        out.writeDouble(summary.l2());
        out.writeDouble(summary.temperature());
        out.writeDouble(summary.companionWeight());
    }

    static TrainingSummary readSummary(ByteBuffer in) {
        Method method = Method.valueOf(readString(in));
        int examples = in.getInt();
        Map<String, Integer> perLabel = readCounts(in);
        Map<String, Integer> dropped = readCounts(in);
        int methods = count(in, "held-out accuracies");
        Map<Method, Double> heldOut = new EnumMap<>(Method.class);
        for (int i = 0; i < methods; i++) {
            heldOut.put(Method.valueOf(readString(in)), in.getDouble());
        }
        return new TrainingSummary(method, examples, perLabel, dropped, heldOut, in.getDouble(), in.getDouble(),
                in.getDouble());
    }

    static void writeSettings(DataOutputStream out, TrainingSettings settings) throws IOException {
        out.writeDouble(settings.priorWeight());
        writeString(out, settings.method().name());
        out.writeDouble(settings.l2());
        out.writeDouble(settings.temperature());
        writeString(out, settings.pool().name());
        out.writeInt(settings.pseudoLabelled());
        out.writeDouble(settings.companionWeight());
        out.writeDouble(settings.combinedTemperature());
        out.writeInt(settings.searchedAt());
        out.writeBoolean(settings.reused());
        out.writeDouble(settings.spreadWeight()); // from format version 3 on
        out.writeDouble(settings.wordingWeight()); // from format version 5 on
    }

    /**
     * @param version the file's format version: before 3 the settings end without the spreading weight (0), before 5
     *                without the wording's share (0)
     */
    static TrainingSettings readSettings(ByteBuffer in, int version) {
        double priorWeight = in.getDouble();
        Method method = Method.valueOf(readString(in));
        double l2 = in.getDouble();
        double temperature = in.getDouble();
        TrainingSettings.PoolUse pool = TrainingSettings.PoolUse.valueOf(readString(in));
        int pseudoLabelled = in.getInt();
        double companionWeight = in.getDouble();
        double combinedTemperature = in.getDouble();
        int searchedAt = in.getInt();
        boolean reused = in.get() != 0;
        double spreadWeight = version >= 3 ? in.getDouble() : 0;
        double wordingWeight = version >= 5 ? in.getDouble() : 0;
        return new TrainingSettings(priorWeight, method, l2, temperature, pool, pseudoLabelled, companionWeight,
                combinedTemperature, spreadWeight, wordingWeight, searchedAt, reused);
    }

    /** The byte that ends a {@code label-spreading} part blended geometrically (format 4 on). */
    static final byte GEOMETRIC_BLEND = 1;

    /**
     * Weight, classes, dimension, rows, then the rows' unit vectors (floats) and spread scores (doubles), then (from
     * format version 4 on) a byte 1 for the geometric blend. A linear part has no such byte: it is written as
     * format 3 wrote it, so a model loaded from a format-3 file keeps its model version.
     */
    static void writeSpreading(DataOutputStream out, SpreadScores spreading) throws IOException {
        out.writeDouble(spreading.weight());
        out.writeInt(spreading.labels().size());
        for (String label : spreading.labels()) {
            writeString(out, label);
        }
        out.writeInt(spreading.dimension());
        out.writeInt(spreading.rows());
        ByteBuffer vectors = ByteBuffer.allocate(spreading.vectors().length * Float.BYTES);
        vectors.asFloatBuffer().put(spreading.vectors());
        out.write(vectors.array());
        ByteBuffer scores = ByteBuffer.allocate(spreading.rows() * spreading.labels().size() * Double.BYTES);
        for (double[] row : spreading.scores()) {
            scores.asDoubleBuffer().put(row);
            scores.position(scores.position() + row.length * Double.BYTES);
        }
        out.write(scores.array());
        if (spreading.blend() == SpreadScores.Blend.GEOMETRIC) {
            out.writeByte(GEOMETRIC_BLEND);
        }
    }

    /**
     * @param version the file's format version: before 4 the part ends with the scores (the linear blend); from 4 on
     *                it may end with the geometric blend's byte
     */
    static SpreadScores readSpreading(ByteBuffer in, int version) {
        double weight = in.getDouble();
        int classes = count(in, "classes");
        List<String> labels = new ArrayList<>(classes);
        for (int k = 0; k < classes; k++) {
            labels.add(readString(in));
        }
        int dimension = in.getInt();
        int rows = count(in, "graph rows");
        long needed = (long) rows * dimension * Float.BYTES + (long) rows * classes * Double.BYTES;
        boolean blendByte = version >= 4 && in.remaining() == needed + 1;
        if (dimension < 1 || (needed != in.remaining() && !blendByte)) {
            throw new IllegalArgumentException("its part '" + EmbeddingModelFile.SPREADING + "' should hold " + rows
                    + " graph rows of " + dimension + " dimensions and " + classes + " classes, " + needed
                    + " bytes, but holds " + in.remaining());
        }
        float[] vectors = new float[rows * dimension];
        in.asFloatBuffer().get(vectors);
        in.position(in.position() + vectors.length * Float.BYTES);
        double[][] scores = new double[rows][classes];
        for (double[] row : scores) {
            in.asDoubleBuffer().get(row);
            in.position(in.position() + classes * Double.BYTES);
        }
        SpreadScores.Blend blend = SpreadScores.Blend.LINEAR;
        if (blendByte) {
            byte kind = in.get();
            if (kind != GEOMETRIC_BLEND) {
                throw new IllegalArgumentException("its part '" + EmbeddingModelFile.SPREADING + "' ends with blend "
                        + kind + ", not " + GEOMETRIC_BLEND + " (geometric)");
            }
            blend = SpreadScores.Blend.GEOMETRIC;
        }
        return new SpreadScores(labels, dimension, vectors, scores, weight, blend);
    }

    /** The wording's share of the graph's similarity, then its n-gram vectors ({@code NgramVectors.toBytes}). */
    static void writeWording(DataOutputStream out, Wording wording) throws IOException {
        out.writeDouble(wording.weight());
        out.write(wording.vectors().toBytes());
    }

    static Wording readWording(ByteBuffer in) {
        double weight = in.getDouble();
        return inWordingPart(() -> new Wording(NgramVectors.fromBytes(in.slice()), weight));
    }

    /** The spread scores with the wording read beside them (a row per graph row, as {@link SpreadScores} checks). */
    static SpreadScores withWording(SpreadScores spreading, Wording wording) {
        return inWordingPart(() -> new SpreadScores(spreading.labels(), spreading.dimension(), spreading.vectors(),
                spreading.scores(), spreading.weight(), spreading.blend(), Optional.of(wording)));
    }

    /** What {@code read} makes, a refusal named by the wording's part. */
    private static <T> T inWordingPart(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its part '" + EmbeddingModelFile.SPREADING_WORDING + "': "
                    + e.getMessage(), e);
        }
    }

    static void writeLinear(DataOutputStream out, LinearModel linear) throws IOException {
        out.writeInt(linear.labels().size());
        for (String label : linear.labels()) {
            writeString(out, label);
        }
        int dimension = linear.weights().length == 0 ? 0 : linear.weights()[0].length;
        out.writeInt(dimension);
        for (double[] row : linear.weights()) {
            for (double w : row) {
                out.writeDouble(w);
            }
        }
        for (double b : linear.bias()) {
            out.writeDouble(b);
        }
        out.writeDouble(linear.temperature());
    }

    static LinearModel readLinear(ByteBuffer in) {
        int classes = count(in, "classes");
        List<String> labels = new ArrayList<>(classes);
        for (int k = 0; k < classes; k++) {
            labels.add(readString(in));
        }
        int dimension = count(in, "dimensions");
        if ((long) classes * (dimension + 1) * Double.BYTES + Double.BYTES != in.remaining()) {
            throw new IllegalArgumentException(classes + " classes of " + dimension + " dimensions need "
                    + ((long) classes * (dimension + 1) * Double.BYTES + Double.BYTES) + " bytes of weights, the"
                    + " part has " + in.remaining());
        }
        double[][] weights = new double[classes][dimension];
        for (double[] row : weights) {
            in.asDoubleBuffer().get(row);
            in.position(in.position() + dimension * Double.BYTES);
        }
        double[] bias = new double[classes];
        in.asDoubleBuffer().get(bias);
        in.position(in.position() + classes * Double.BYTES);
        return new LinearModel(labels, weights, bias, in.getDouble());
    }

    /** Writes to memory, which cannot fail. */
    interface Writing {
        void to(DataOutputStream out) throws IOException;
    }

    static byte[] bytesOf(Writing writing) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writing.to(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }

    static int count(ByteBuffer in, String what) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("impossible number of " + what + ": " + n);
        }
        return n;
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static String readString(ByteBuffer in) {
        byte[] bytes = new byte[count(in, "string bytes")];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Sorted by key, so that equal models have equal bytes. */
    static void writeCounts(DataOutputStream out, Map<String, Integer> counts) throws IOException {
        Map<String, Integer> sorted = new TreeMap<>(counts);
        out.writeInt(sorted.size());
        for (Map.Entry<String, Integer> e : sorted.entrySet()) {
            writeString(out, e.getKey());
            out.writeInt(e.getValue());
        }
    }

    static Map<String, Integer> readCounts(ByteBuffer in) {
        int n = count(in, "counts");
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            counts.put(readString(in), in.getInt());
        }
        return counts;
    }
}
