package dev.classifier.local;

import dev.classifier.api.Taxonomy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The versioned file a {@link LocalClassifier} is saved in:
 * <pre>
 *   8 bytes  magic "CLFLOCAL"
 *   int      format version (3)
 *   long     payload length
 *   12 bytes the model's fingerprint: the first 12 hex digits (ASCII) of the payload's SHA-256
 *   payload  strategy, feature spec, taxonomy, classes, calibration, summary, then the arrays: feature tags,
 *            per feature its IDF and IDF-scaled class weights, class biases
 *   int      CRC-32 of the fingerprint and the payload
 * </pre>
 * Big-endian throughout. The model's version is a hash of the payload, so a saved and loaded model keeps it. Format 3
 * stores that hash, so loading checks a CRC-32 (which the JVM computes with one instruction per word) instead of
 * hashing a model of tens of MB with SHA-256 on every start of the command-line tool; format 2 (the same, without
 * the stored fingerprint) is still read, and its fingerprint computed.
 */
final class ModelFile {

    /** v2: features weighed per chunk ({@link ChunkWeighting}); v1 weighed them over the whole text. */
    static final String STRATEGY = "local-ngram-v2";
    static final int FORMAT_VERSION = 3;
    private static final int FINGERPRINT_BYTES = 12;
    private static final byte[] MAGIC = "CLFLOCAL".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = MAGIC.length + 4 + 8;

    private ModelFile() {
    }

    /** What a model file holds. */
    record Contents(LinearModel model, Taxonomy taxonomy, int[] outputs, TrainingSummary summary) {
    }

    /** A model file read: its contents and its fingerprint ({@link #fingerprint}). */
    record Loaded(Contents contents, String fingerprint) {
    }

    /** The payload bytes of a model: what is saved, and what its version hashes. */
    static byte[] payload(Contents contents) {
        LinearModel model = contents.model();
        try {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(head);
            writeString(out, STRATEGY);
            model.spec().writeTo(out);
            Taxonomy taxonomy = contents.taxonomy();
            out.writeInt(taxonomy.categories().size());
            for (var category : taxonomy.categories()) {
                writeString(out, category.label());
                writeString(out, category.description());
            }
            writeString(out, taxonomy.fallback());
            List<String> classes = model.classes();
            out.writeInt(classes.size());
            for (int c = 0; c < classes.size(); c++) {
                writeString(out, classes.get(c));
                out.writeInt(contents.outputs()[c]);
            }
            out.writeDouble(model.beta());
            for (double prior : model.priors()) {
                out.writeDouble(prior);
            }
            TrainingSummary summary = contents.summary();
            out.writeInt(summary.rows());
            writeCounts(out, summary.rowsPerLabel());
            writeCounts(out, summary.dropped());
            out.writeDouble(summary.temperature());
            out.writeDouble(summary.crossValidatedAccuracy().orElse(Double.NaN));
            out.writeDouble(summary.crossValidatedEce().orElse(Double.NaN));
            int features = model.vocabulary().size();
            out.writeInt(features);
            out.flush();

            int c = classes.size();
            long size = head.size() + arrayBytes(features, c);
            if (size > Integer.MAX_VALUE - 64) {
                throw new IllegalStateException("a model of " + features + " features and " + c
                        + " classes is too large for one file");
            }
            ByteBuffer bulk = ByteBuffer.allocate((int) size);
            bulk.put(head.toByteArray());
            bulk.asLongBuffer().put(model.vocabulary().keysByIndex());
            bulk.position(bulk.position() + features * 8);
            bulk.asFloatBuffer().put(model.rows());
            bulk.position(bulk.position() + model.rows().length * 4);
            bulk.asFloatBuffer().put(model.bias());
            return bulk.array();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }

    /** The first 12 hex digits of the payload's SHA-256. */
    static String fingerprint(byte[] payload) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload);
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /**
     * Writes the file next to its final place and moves it there, so a crash never leaves half a model. The file
     * is created as any new file is (under the process's umask, like the feedback store's file), not owner-only as
     * {@link Files#createTempFile} would make it.
     */
    static void write(Path file, byte[] payload) throws IOException {
        byte[] fingerprint = fingerprint(payload).getBytes(StandardCharsets.US_ASCII);
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES + FINGERPRINT_BYTES);
        header.put(MAGIC).putInt(FORMAT_VERSION).putLong(payload.length).put(fingerprint);
        CRC32 crc = new CRC32();
        crc.update(fingerprint);
        crc.update(payload);
        ByteBuffer trailer = ByteBuffer.allocate(4).putInt((int) crc.getValue());
        Path absolute = file.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path temp = absolute.resolveSibling(absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (var channel = Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                header.flip();
                trailer.flip();
                for (ByteBuffer part : new ByteBuffer[] {header, ByteBuffer.wrap(payload), trailer}) {
                    while (part.hasRemaining()) {
                        channel.write(part);
                    }
                }
            }
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Reads and checks a model file; every problem is reported with the file's name. */
    static Loaded read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length < HEADER_BYTES || !java.util.Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new InvalidModelFileException(file, "not a local classifier model (it does not start with \"CLFLOCAL\")");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(MAGIC.length);
        int version = in.getInt();
        if (version == 1) {
            throw new InvalidModelFileException(file, "model file format version 1 was written by an earlier version"
                    + " of this library, which weighed features differently; train the model again");
        }
        if (version != 2 && version != FORMAT_VERSION) {
            throw new InvalidModelFileException(file, "model file format version " + version
                    + " is not supported; this library reads versions 2 and " + FORMAT_VERSION);
        }
        int stored = version == 2 ? 0 : FINGERPRINT_BYTES;   // format 2 has no fingerprint of its own
        long length = in.getLong();
        long expected = (long) HEADER_BYTES + stored + length + 4;
        if (length < 0 || expected != bytes.length) {
            throw new InvalidModelFileException(file, "model file is truncated or has trailing bytes: it is "
                    + bytes.length + " bytes long, its header promises " + expected);
        }
        CRC32 crc = new CRC32();
        crc.update(bytes, HEADER_BYTES, stored + (int) length);
        int checksum = ByteBuffer.wrap(bytes, HEADER_BYTES + stored + (int) length, 4).getInt();
        if (checksum != (int) crc.getValue()) {
            throw new InvalidModelFileException(file, "model file is corrupt: its checksum does not match its contents");
        }
        ByteBuffer payload = ByteBuffer.wrap(bytes, HEADER_BYTES + stored, (int) length).slice();
        String fingerprint = version == 2
                ? fingerprint(java.util.Arrays.copyOfRange(bytes, HEADER_BYTES, HEADER_BYTES + (int) length))
                : new String(bytes, HEADER_BYTES, FINGERPRINT_BYTES, StandardCharsets.US_ASCII);
        if (!isLowerHex(fingerprint)) {
            throw new InvalidModelFileException(file, "model file is corrupt: its fingerprint is not 12 hex digits");
        }
        try {
            return new Loaded(parse(file, payload), fingerprint);
        } catch (BufferUnderflowException | IllegalArgumentException e) {
            throw new InvalidModelFileException(file, "model file is corrupt: " + e.getMessage(), e);
        }
    }

    /** Checked without a regular expression: a process's first one costs a millisecond of the tool's start-up. */
    private static boolean isLowerHex(String fingerprint) {
        if (fingerprint.length() != FINGERPRINT_BYTES) {
            return false;
        }
        for (int i = 0; i < fingerprint.length(); i++) {
            char c = fingerprint.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    private static Contents parse(Path file, ByteBuffer in) throws InvalidModelFileException {
        String strategy = readString(in);
        if (!strategy.equals(STRATEGY)) {
            throw new InvalidModelFileException(file, "model is of strategy '" + strategy + "', not " + STRATEGY);
        }
        FeatureSpec spec = FeatureSpec.readFrom(in);
        int categories = count(in, "categories");
        Taxonomy.Builder taxonomyBuilder = Taxonomy.builder();
        for (int i = 0; i < categories; i++) {
            taxonomyBuilder.category(readString(in), readString(in));
        }
        Taxonomy taxonomy = taxonomyBuilder.fallback(readString(in)).build();
        int classCount = count(in, "classes");
        List<String> classes = new ArrayList<>(classCount);
        int[] outputs = new int[classCount];
        for (int c = 0; c < classCount; c++) {
            classes.add(readString(in));
            outputs[c] = in.getInt();
            if (outputs[c] < -1 || outputs[c] >= taxonomy.labels().size()) {
                throw new IllegalArgumentException("class '" + classes.get(c) + "' maps to label number "
                        + outputs[c] + " of " + taxonomy.labels().size());
            }
        }
        double beta = in.getDouble();
        double[] priors = new double[classCount];
        for (int c = 0; c < classCount; c++) {
            priors[c] = in.getDouble();
        }
        int rows = in.getInt();
        Map<String, Integer> perLabel = readCounts(in);
        Map<String, Integer> dropped = readCounts(in);
        double temperature = in.getDouble();
        double cvAccuracy = in.getDouble();
        double cvEce = in.getDouble();
        int features = count(in, "features");
        long needed = arrayBytes(features, classCount);
        if (needed != in.remaining()) {
            throw new IllegalArgumentException(features + " features and " + classCount + " classes need " + needed
                    + " bytes of arrays, the file has " + in.remaining());
        }
        long[] keys = new long[features];
        in.asLongBuffer().get(keys);
        in.position(in.position() + features * 8);
        float[] weightRows = new float[features * (classCount + 1)];
        in.asFloatBuffer().get(weightRows);
        in.position(in.position() + weightRows.length * 4);
        float[] bias = new float[classCount];
        in.asFloatBuffer().get(bias);
        LinearModel model = new LinearModel(spec, Vocabulary.of(keys), classes, weightRows, bias, beta, priors);
        TrainingSummary summary = new TrainingSummary(rows, perLabel, dropped, features, temperature,
                optional(cvAccuracy), optional(cvEce));
        return new Contents(model, taxonomy, outputs, summary);
    }

    /** Bytes of the tags, the rows (IDF and a weight per class) and the biases. */
    private static long arrayBytes(int features, int classes) {
        return (long) features * 8 + (long) features * (classes + 1) * 4 + classes * 4L;
    }

    private static OptionalDouble optional(double value) {
        return Double.isNaN(value) ? OptionalDouble.empty() : OptionalDouble.of(value);
    }

    private static int count(ByteBuffer in, String what) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("impossible number of " + what + ": " + n);
        }
        return n;
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(ByteBuffer in) {
        int n = count(in, "string bytes");
        byte[] bytes = new byte[n];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Sorted by key, so that equal models have equal bytes. */
    private static void writeCounts(DataOutputStream out, Map<String, Integer> counts) throws IOException {
        Map<String, Integer> sorted = new TreeMap<>(counts);
        out.writeInt(sorted.size());
        for (Map.Entry<String, Integer> e : sorted.entrySet()) {
            writeString(out, e.getKey());
            out.writeInt(e.getValue());
        }
    }

    private static Map<String, Integer> readCounts(ByteBuffer in) {
        int n = count(in, "counts");
        Map<String, Integer> counts = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            counts.put(readString(in), in.getInt());
        }
        return counts;
    }
}
