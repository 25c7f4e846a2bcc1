package dev.classifier.embeddings;

import dev.classifier.api.TextEmbedder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;

/**
 * Embeddings on disk, keyed by SHA-256 of (model id, text), so that a feedback store is embedded once and a
 * restart costs a file read, not a model run. One file may hold vectors of several models.
 *
 * <p><b>Format</b> (big-endian): the 12-byte header {@code "EMBCACHE"} + version 1, then records appended one
 * after another: {@code int length}, {@code length} bytes of payload (32-byte key, {@code int} dimension, the
 * floats), {@code int} CRC-32C of length and payload. Records are only ever appended, so a crash can leave at
 * most a torn last record: on open, a last record shorter than the length it declares (whatever its dimension:
 * one file may follow a 384-d record with a 512-d one), a last whole record that fails its checksum, and a short
 * or all-zero tail without a usable length are cut off with a warning. Any other bad record means the file was
 * damaged, and opening it fails with an error naming the file and the byte offset.
 *
 * <p>Only vectors' positions are held in memory (about 100 bytes a text); vectors are read from the file on
 * demand. One process at a time: the file is locked while open. Safe for concurrent use within the process.
 */
public final class EmbeddingCache implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddingCache.class);
    private static final byte[] MAGIC = "EMBCACHE".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;
    private static final int HEADER_BYTES = MAGIC.length + 4;
    private static final int KEY_BYTES = 32;
    /** Larger than any sentence-embedding model; bounds how far a damaged length field can mislead the reader. */
    static final int MAX_DIMENSION = 8192;

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;
    private final Map<Key, Slot> slots = new ConcurrentHashMap<>();
    private long end;
    private boolean closed;

    private EmbeddingCache(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /** Opens the cache file, creating it (and its folder) if absent, and reads its index. */
    public static EmbeddingCache open(Path file) {
        Objects.requireNonNull(file, "file");
        FileChannel channel = null;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel, file);
            EmbeddingCache cache = new EmbeddingCache(file, channel, lock);
            cache.load();
            return cache;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot open embedding cache " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    /** The vector stored for this text under this model, if any. */
    public Optional<float[]> get(String modelId, String text) {
        Slot slot = slots.get(Key.of(modelId, text));
        if (slot == null) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.allocate(slot.dimension() * Float.BYTES);
        try {
            readFully(buffer, slot.offset());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read embedding cache " + file + " at byte " + slot.offset(), e);
        }
        float[] vector = new float[slot.dimension()];
        buffer.flip().asFloatBuffer().get(vector);
        return Optional.of(vector);
    }

    public void put(String modelId, String text, float[] vector) {
        putAll(modelId, List.of(text), List.of(vector));
    }

    /** Appends the vectors of these texts in one write. Not forced to disk until {@link #flush()} or close. */
    public synchronized void putAll(String modelId, List<String> texts, List<float[]> vectors) {
        if (texts.size() != vectors.size()) {
            throw new IllegalArgumentException(texts.size() + " texts but " + vectors.size() + " vectors");
        }
        ensureOpen();
        int bytes = 0;
        for (float[] vector : vectors) {
            if (vector.length == 0 || vector.length > MAX_DIMENSION) {
                throw new IllegalArgumentException("vector dimension must be in [1, " + MAX_DIMENSION + "], was "
                        + vector.length);
            }
            bytes += recordBytes(vector.length);
        }
        ByteBuffer buffer = ByteBuffer.allocate(bytes);
        Key[] keys = new Key[texts.size()];
        long[] offsets = new long[texts.size()];
        for (int i = 0; i < texts.size(); i++) {
            keys[i] = Key.of(modelId, texts.get(i));
            offsets[i] = end + buffer.position() + 4 + KEY_BYTES + 4;
            writeRecord(buffer, keys[i], vectors.get(i));
        }
        buffer.flip();
        try {
            long position = end;
            while (buffer.hasRemaining()) {
                position += channel.write(buffer, position);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to embedding cache " + file + ": " + e.getMessage(), e);
        }
        end += bytes;
        for (int i = 0; i < keys.length; i++) {
            slots.put(keys[i], new Slot(offsets[i], vectors.get(i).length));
        }
    }

    /** How many texts (per model) have a vector here. */
    public int size() {
        return slots.size();
    }

    public Path file() {
        return file;
    }

    /** An embedder that asks this cache first and stores what the given embedder computes. */
    public TextEmbedder wrap(TextEmbedder embedder) {
        return new CachedTextEmbedder(embedder, this);
    }

    /** Forces appended vectors to the disk. */
    public synchronized void flush() {
        ensureOpen();
        try {
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot flush embedding cache " + file, e);
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            channel.force(false);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close embedding cache " + file, e);
        } finally {
            closed = true;
        }
    }

    @Override
    public String toString() {
        return "EmbeddingCache[" + file + ", " + slots.size() + " vectors]";
    }

    static int recordBytes(int dimension) {
        return 4 + KEY_BYTES + 4 + dimension * Float.BYTES + 4;
    }

    private static void writeRecord(ByteBuffer buffer, Key key, float[] vector) {
        int start = buffer.position();
        int payload = KEY_BYTES + 4 + vector.length * Float.BYTES;
        buffer.putInt(payload);
        key.writeTo(buffer);
        buffer.putInt(vector.length);
        for (float v : vector) {
            buffer.putFloat(v);
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), start, 4 + payload);
        buffer.putInt((int) crc.getValue());
    }

    /** Reads every record's key and position, checking checksums; cuts a torn tail, fails on damage. */
    private void load() throws IOException {
        long size = channel.size();
        if (size == 0) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).put(MAGIC).putInt(VERSION);
            channel.write(header.flip(), 0);
            end = HEADER_BYTES;
            return;
        }
        readHeader(size);
        long position = HEADER_BYTES;
        int largestDimension = 0;
        int record = 0;
        ByteBuffer lengthBuffer = ByteBuffer.allocate(4);
        while (position < size) {
            long remaining = size - position;
            // A crash can tear only the last append. What counts as "the last record" is measured against the
            // size the record itself declares (it may be of another model, larger than the records before it).
            boolean couldBeTorn;
            String bad = null;
            Slot slot = null;
            if (remaining < 4) {
                couldBeTorn = true;
                bad = "an incomplete record";
            } else {
                readFully(lengthBuffer.clear(), position);
                int payload = lengthBuffer.flip().getInt();
                int dimension = (payload - KEY_BYTES - 4) / Float.BYTES;
                if (payload < KEY_BYTES + 4 + Float.BYTES || dimension > MAX_DIMENSION
                        || (payload - KEY_BYTES - 4) % Float.BYTES != 0) {
                    // No usable length: a tail no longer than the largest record seen, or all zeros (a file
                    // system that extended the file before the bytes arrived), is a torn append.
                    couldBeTorn = remaining <= recordBytes(Math.max(1, largestDimension)) || zeros(position, remaining);
                    bad = "an impossible record length " + payload;
                } else if (remaining < 4L + payload + 4) {
                    // Shorter than the record it declares: nothing can follow it, so it is the torn last append.
                    couldBeTorn = true;
                    bad = "an incomplete record";
                } else {
                    // A whole record that fails its checksum is torn only if nothing follows it.
                    couldBeTorn = remaining == 4L + payload + 4;
                    ByteBuffer recordBuffer = ByteBuffer.allocate(4 + payload + 4);
                    readFully(recordBuffer, position);
                    CRC32C crc = new CRC32C();
                    crc.update(recordBuffer.array(), 0, 4 + payload);
                    recordBuffer.position(4 + payload);
                    int stored = recordBuffer.getInt();
                    recordBuffer.position(4);
                    Key key = Key.readFrom(recordBuffer);
                    int declared = recordBuffer.getInt();
                    if (stored != (int) crc.getValue()) {
                        bad = "a record whose checksum does not match";
                    } else if (declared != dimension) {
                        bad = "a record whose dimension " + declared + " disagrees with its length " + payload;
                    } else {
                        slot = new Slot(position + 4 + KEY_BYTES + 4, dimension);
                        slots.put(key, slot);
                    }
                }
            }
            if (bad != null) {
                if (!couldBeTorn) {
                    throw new EmbeddingCacheCorruptException(file, position, record + 1, bad);
                }
                LOG.warn("Embedding cache {}: cutting off a torn last record ({} bytes at byte {}: {}); its texts "
                        + "will be embedded again", file, remaining, position, bad);
                channel.truncate(position);
                break;
            }
            largestDimension = Math.max(largestDimension, slot.dimension());
            position = slot.offset() + slot.dimension() * (long) Float.BYTES + 4;
            record++;
        }
        end = Math.min(position, channel.size());
    }

    /** Whether the {@code length} bytes from {@code position} are all zero (read only for short tails). */
    private boolean zeros(long position, long length) throws IOException {
        if (length > recordBytes(MAX_DIMENSION)) {
            return false;
        }
        ByteBuffer tail = ByteBuffer.allocate((int) length);
        readFully(tail, position);
        for (byte b : tail.array()) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private void readHeader(long size) throws IOException {
        if (size < HEADER_BYTES) {
            throw new EmbeddingCacheCorruptException(file, 0, 0, "a header of only " + size + " bytes");
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        readFully(header, 0);
        header.flip();
        byte[] magic = new byte[MAGIC.length];
        header.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new EmbeddingCacheCorruptException(file, 0, 0, "no EMBCACHE header (not an embedding cache?)");
        }
        int version = header.getInt();
        if (version != VERSION) {
            throw new EmbeddingCacheCorruptException(file, MAGIC.length, 0,
                    "format version " + version + ", but this library reads version " + VERSION);
        }
    }

    private void readFully(ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, at);
            if (read < 0) {
                throw new IOException("unexpected end of " + file + " at byte " + at);
            }
            at += read;
        }
    }

    private static FileLock tryLock(FileChannel channel, Path file) throws IOException {
        try {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw new IllegalStateException("embedding cache " + file + " is in use by another process");
            }
            return lock;
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("embedding cache " + file + " is already open in this process", e);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("closing a cache file failed", e);
            }
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("embedding cache " + file + " is closed");
        }
    }

    /** Where a vector sits in the file. */
    private record Slot(long offset, int dimension) {
    }

    /** SHA-256 of the model id and the text, each length-prefixed, as four longs. */
    record Key(long a, long b, long c, long d) {

        static Key of(String modelId, String text) {
            Objects.requireNonNull(modelId, "modelId");
            Objects.requireNonNull(text, "text");
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                update(sha, modelId);
                update(sha, text);
                return readFrom(ByteBuffer.wrap(sha.digest()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is required of every JVM", e);
            }
        }

        private static void update(MessageDigest sha, String value) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
            sha.update(bytes);
        }

        static Key readFrom(ByteBuffer buffer) {
            return new Key(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
        }

        void writeTo(ByteBuffer buffer) {
            buffer.putLong(a).putLong(b).putLong(c).putLong(d);
        }
    }
}
