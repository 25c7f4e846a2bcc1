package dev.classifier.embeddings;

import dev.classifier.api.Taxonomy;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32C;

import static dev.classifier.embeddings.ModelParts.count;
import static dev.classifier.embeddings.ModelParts.readString;
import static dev.classifier.embeddings.ModelParts.readSummary;
import static dev.classifier.embeddings.ModelParts.readTaxonomy;
import static dev.classifier.embeddings.ModelParts.bytesOf;
import static dev.classifier.embeddings.ModelParts.writeLinear;
import static dev.classifier.embeddings.ModelParts.writeSettings;
import static dev.classifier.embeddings.ModelParts.writeString;
import static dev.classifier.embeddings.ModelParts.writeSummary;
import static dev.classifier.embeddings.ModelParts.writeTaxonomy;

/**
 * The versioned file an {@link EmbeddingClassifier} is saved in:
 * <pre>
 *   8 bytes  magic "CLFEMBED"
 *   int      format version (1 to 4)
 *   long     payload length
 *   payload  int part count, then per part: UTF-8 name, int length, that many bytes
 *   int      CRC-32C of the payload
 * </pre>
 * Big-endian; a string is an int byte count and UTF-8 bytes. The parts of version 1:
 * <ul>
 *   <li>{@code embedder}: the embedding model's id (name, a hash of its ONNX and tokenizer files, how it reads
 *       text), which loading compares with the embedder it is given;</li>
 *   <li>{@code taxonomy}: labels and descriptions, then the fallback;</li>
 *   <li>{@code summary}: the {@link TrainingSummary} (method, counts, held-out accuracies, penalty, temperature,
 *       companion weight);</li>
 *   <li>{@code linear} (absent when nothing was trained): labels, weight rows, biases, temperature, as doubles;</li>
 *   <li>{@code companion} and {@code companion-model} (absent without one): its kind ({@code local}), weight,
 *       blended temperature and model version, then the companion's own file ({@code LocalClassifier.save}).</li>
 * </ul>
 * Version 2 adds {@code settings} (absent when the classifier was not trained by an {@link EmbeddingTrainer}):
 * the {@link TrainingSettings} that training chose, so that {@code settings()} answers after loading too.
 * Version 3 adds label spreading's weight at the end of {@code settings}, and {@code label-spreading} (present only
 * when the held-out folds gave spreading a weight above 0): the weight, the classes, the dimension and the number
 * of graph articles, then their unit vectors (floats) and their spread scores per class (doubles), what a new
 * article is scored through ({@link SpreadScores}). A library of version 2 refuses such a file as written by a
 * newer version. Version 4 ends {@code label-spreading} with a byte 1 where the blend is geometric
 * ({@code p^(1 − w) · s^w} normalised, what training makes since session 9); a part without it is the linear blend
 * {@code (1 − w) · p + w · s} of version 3, written as version 3 wrote it (a model loaded from a version-3 file
 * answers and hashes as before). A library of version 3 refuses a version-4 file. Version 5 adds
 * {@code label-spreading-wording} (present only beside {@code label-spreading}, in models trained since session 10):
 * the wording's share of the graph's similarity, then the graph articles' n-gram vectors
 * ({@code NgramVectors.toBytes} of classifier-local), with which a new article's neighbours are found
 * ({@link Wording}); the settings end with that share. A spreading part without it finds them by the cosine alone,
 * as versions 3 and 4 did; a library of version 4 refuses a version-5 file.
 * <b>Adding a part</b> (say, description prototypes): give it a new name, a codec in {@link ModelParts}, write
 * it in {@link #payload}, read it
 * in {@link #read}, and raise {@link #FORMAT_VERSION}. A reader accepts every version up to its own and treats
 * a part an older file lacks as absent; a file of a newer version, or one holding a part the reader does not
 * know, is refused with a message that says so. The model version ({@link #fingerprint}) hashes every part but
 * {@code companion-model} (the companion's version stands for it) and {@code settings} (how training chose the
 * model says nothing about how it answers: two trainings that reach the same weights are one model version).
 */
final class EmbeddingModelFile {

    static final int FORMAT_VERSION = 5;
    private static final byte[] MAGIC = "CLFEMBED".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER_BYTES = MAGIC.length + 4 + 8;
    static final String EMBEDDER = "embedder";
    static final String TAXONOMY = "taxonomy";
    static final String SUMMARY = "summary";
    static final String LINEAR = "linear";
    static final String COMPANION = "companion";
    static final String COMPANION_MODEL = "companion-model";
    static final String SETTINGS = "settings";
    static final String SPREADING = "label-spreading";
    static final String SPREADING_WORDING = "label-spreading-wording";
    private static final List<String> KNOWN_PARTS = List.of(EMBEDDER, TAXONOMY, SUMMARY, LINEAR, COMPANION,
            COMPANION_MODEL, SETTINGS, SPREADING, SPREADING_WORDING);

    private EmbeddingModelFile() {
    }

    /** The companion as recorded: what it is, how it is blended, and its own model version. */
    record CompanionPart(String kind, double weight, double temperature, String version) {
    }

    /** Everything a saved classifier holds but the companion's own bytes. */
    record Contents(String embedderId, Taxonomy taxonomy, TrainingSummary summary, Optional<LinearModel> linear,
                    Optional<CompanionPart> companion, Optional<TrainingSettings> settings,
                    Optional<SpreadScores> spreading) {

        /** The same contents without the settings: what the model version hashes. */
        Contents answering() {
            return new Contents(embedderId, taxonomy, summary, linear, companion, Optional.empty(), spreading);
        }
    }

    /** The parts in file order; {@code companionModel} is the companion's own file, when saving. */
    static byte[] payload(Contents contents, Optional<byte[]> companionModel) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put(EMBEDDER, bytesOf(out -> writeString(out, contents.embedderId())));
        parts.put(TAXONOMY, bytesOf(out -> writeTaxonomy(out, contents.taxonomy())));
        parts.put(SUMMARY, bytesOf(out -> writeSummary(out, contents.summary())));
        contents.linear().ifPresent(linear -> parts.put(LINEAR, bytesOf(out -> writeLinear(out, linear))));
        contents.companion().ifPresent(c -> parts.put(COMPANION, bytesOf(out -> {
            writeString(out, c.kind());
            out.writeDouble(c.weight());
            out.writeDouble(c.temperature());
            writeString(out, c.version());
        })));
        companionModel.ifPresent(bytes -> parts.put(COMPANION_MODEL, bytes));
        contents.settings().ifPresent(settings -> parts.put(SETTINGS, bytesOf(out -> writeSettings(out, settings))));
        contents.spreading().ifPresent(spreading -> parts.put(SPREADING,
                bytesOf(out -> ModelParts.writeSpreading(out, spreading))));
        contents.spreading().flatMap(SpreadScores::wording).ifPresent(wording -> parts.put(SPREADING_WORDING,
                bytesOf(out -> ModelParts.writeWording(out, wording))));
        return bytesOf(out -> {
            out.writeInt(parts.size());
            for (Map.Entry<String, byte[]> part : parts.entrySet()) {
                writeString(out, part.getKey());
                out.writeInt(part.getValue().length);
                out.write(part.getValue());
            }
        });
    }

    /** The first 12 hex digits of the SHA-256 of the payload without the companion's bytes and the settings. */
    static String fingerprint(Contents contents) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(payload(contents.answering(), Optional.empty()));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Writes the file next to its final place and moves it there, so a crash never leaves half a model. */
    static void write(Path file, byte[] payload) throws IOException {
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putInt(FORMAT_VERSION).putLong(payload.length);
        CRC32C crc = new CRC32C();
        crc.update(payload);
        ByteBuffer trailer = ByteBuffer.allocate(4).putInt((int) crc.getValue());
        Path absolute = file.toAbsolutePath();
        if (absolute.getParent() != null) {
            Files.createDirectories(absolute.getParent());
        }
        Path temp = absolute.resolveSibling(absolute.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (var channel = Files.newByteChannel(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                for (ByteBuffer part : new ByteBuffer[] {header.flip(), ByteBuffer.wrap(payload), trailer.flip()}) {
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

    /** A checked file: its parts by name, each a buffer over its bytes. */
    record Parts(int version, Map<String, ByteBuffer> byName) {

        Optional<ByteBuffer> get(String name) {
            return Optional.ofNullable(byName.get(name)).map(ByteBuffer::duplicate);
        }
    }

    /** Reads and checks the envelope (magic, version, length, checksum) and splits the parts. */
    static Parts readParts(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        if (bytes.length == 0) {
            throw new InvalidEmbeddingModelFileException(file, "embedding model file is empty");
        }
        int compared = Math.min(bytes.length, MAGIC.length);
        if (!Arrays.equals(bytes, 0, compared, MAGIC, 0, compared)) {
            throw new InvalidEmbeddingModelFileException(file, "not an embedding classifier (it does not start with"
                    + " \"CLFEMBED\")");
        }
        if (bytes.length < HEADER_BYTES + 4) {
            throw new InvalidEmbeddingModelFileException(file, "embedding model file is truncated: it is "
                    + bytes.length + " bytes long, shorter than its header");
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        in.position(MAGIC.length);
        int version = in.getInt();
        if (version < 1 || version > FORMAT_VERSION) {
            throw new InvalidEmbeddingModelFileException(file, "embedding model file format version " + version
                    + " is not supported; this library reads versions 1 to " + FORMAT_VERSION
                    + (version > FORMAT_VERSION ? " (the file was written by a newer version of the library)" : ""));
        }
        long length = in.getLong();
        long expected = HEADER_BYTES + length + 4;
        if (length < 0 || expected != bytes.length) {
            throw new InvalidEmbeddingModelFileException(file, "embedding model file is truncated or has trailing"
                    + " bytes: it is " + bytes.length + " bytes long, its header promises " + expected);
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, HEADER_BYTES, (int) length);
        if (ByteBuffer.wrap(bytes, HEADER_BYTES + (int) length, 4).getInt() != (int) crc.getValue()) {
            throw new InvalidEmbeddingModelFileException(file, "embedding model file is corrupt: its checksum does"
                    + " not match its contents");
        }
        ByteBuffer payload = ByteBuffer.wrap(bytes, HEADER_BYTES, (int) length).slice();
        try {
            Map<String, ByteBuffer> parts = new LinkedHashMap<>();
            int count = count(payload, "parts");
            for (int i = 0; i < count; i++) {
                String name = readString(payload);
                int size = count(payload, "bytes of part '" + name + "'");
                ByteBuffer part = payload.slice(payload.position(), size);
                payload.position(payload.position() + size);
                if (parts.put(name, part) != null) {
                    throw new IllegalArgumentException("part '" + name + "' appears twice");
                }
            }
            if (payload.hasRemaining()) {
                throw new IllegalArgumentException(payload.remaining() + " bytes follow the last part");
            }
            return new Parts(version, parts);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new InvalidEmbeddingModelFileException(file, "embedding model file is corrupt: "
                    + (e.getMessage() == null ? "a part ends early" : e.getMessage()), e);
        }
    }

    /** The parts of a checked file, but the companion's own bytes (see {@link Parts#get}). */
    static Contents read(Path file, Parts parts) throws InvalidEmbeddingModelFileException {
        for (String name : parts.byName().keySet()) {
            if (!KNOWN_PARTS.contains(name)) {
                throw new InvalidEmbeddingModelFileException(file, "embedding model file holds a part '" + name
                        + "' this library does not know (written by a newer version?)");
            }
        }
        try {
            String embedderId = readString(required(file, parts, EMBEDDER));
            Taxonomy taxonomy = readTaxonomy(required(file, parts, TAXONOMY));
            TrainingSummary summary = readSummary(required(file, parts, SUMMARY));
            Optional<LinearModel> linear = parts.get(LINEAR).map(ModelParts::readLinear);
            Optional<CompanionPart> companion = parts.get(COMPANION)
                    .map(in -> new CompanionPart(readString(in), in.getDouble(), in.getDouble(), readString(in)));
            if (companion.isPresent() != parts.get(COMPANION_MODEL).isPresent()) {
                throw new IllegalArgumentException("the parts '" + COMPANION + "' and '" + COMPANION_MODEL
                        + "' come only together");
            }
            Optional<TrainingSettings> settings = parts.get(SETTINGS)
                    .map(in -> ModelParts.readSettings(in, parts.version()));
            Optional<SpreadScores> spreading = parts.get(SPREADING)
                    .map(in -> ModelParts.readSpreading(in, parts.version()));
            Optional<Wording> wording = parts.get(SPREADING_WORDING).map(ModelParts::readWording);
            if (wording.isPresent()) {
                if (parts.version() < 5) {
                    throw new IllegalArgumentException("its part '" + SPREADING_WORDING + "' came with format version"
                            + " 5, but the file says version " + parts.version());
                }
                if (spreading.isEmpty()) {
                    throw new IllegalArgumentException("its part '" + SPREADING_WORDING + "' comes only with '"
                            + SPREADING + "'");
                }
                spreading = Optional.of(ModelParts.withWording(spreading.get(), wording.get()));
            }
            return new Contents(embedderId, taxonomy, summary, linear, companion, settings, spreading);
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new InvalidEmbeddingModelFileException(file, "embedding model file is corrupt: "
                    + (e.getMessage() == null ? "a part ends early" : e.getMessage()), e);
        }
    }

    private static ByteBuffer required(Path file, Parts parts, String name) throws InvalidEmbeddingModelFileException {
        Optional<ByteBuffer> part = parts.get(name);
        if (part.isEmpty()) {
            throw new InvalidEmbeddingModelFileException(file, "embedding model file lacks its part '" + name + "'");
        }
        return part.get();
    }

}
