package dev.classifier.embeddings;

import dev.classifier.api.Category;
import dev.classifier.api.Taxonomy;
import dev.classifier.embeddings.EmbeddingClassifier.Method;

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
    }

    static TrainingSettings readSettings(ByteBuffer in) {
        return new TrainingSettings(in.getDouble(), Method.valueOf(readString(in)), in.getDouble(), in.getDouble(),
                TrainingSettings.PoolUse.valueOf(readString(in)), in.getInt(), in.getDouble(), in.getDouble(),
                in.getInt(), in.get() != 0);
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
