package dev.classifier.dataset;

import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackStoreException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * A purge of a JSONL store file: writes a new file beside it in which the add of each purged feedback is a
 * tombstone line (no text) at the same place, repeated adds and unreadable lines that name a purged article are left
 * out, and one {@code purge} line per purged feedback is appended; syncs it; renames it over the store file (atomic:
 * a reader sees the old file or the new one, whole); syncs the directory. The sequences of all other changes stay
 * as they were. Runs on the store's writer thread with the store lock held, so no other writer appends meanwhile; a
 * crash at any point leaves the old file or the new one complete, and a left-over temporary file is removed by the
 * next store that opens the file.
 */
final class JsonlFeedbackStorePurge {

    private static final Logger LOG = LoggerFactory.getLogger(JsonlFeedbackStorePurge.class);
    private static final int BUFFER = 1 << 20;
    static final String TEMP_INFIX = ".purge-";
    static final String TEMP_SUFFIX = ".tmp";

    /** What a purge did: the ids it purged, in file order, and whether the file was rewritten. */
    record Result(List<String> purged, boolean rewritten) {
    }

    private final JsonlFeedbackStoreFile file;
    private final Set<String> articleIds;
    private final List<byte[]> articleIdBytes = new ArrayList<>();
    private final List<String> purged = new ArrayList<>();
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
    private FileChannel out;
    private int dropped;

    private JsonlFeedbackStorePurge(JsonlFeedbackStoreFile file, Set<String> articleIds) {
        this.file = file;
        this.articleIds = articleIds;
        for (String id : articleIds) {
            articleIdBytes.add(id.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Purges the articles from the store file, which the index has read to its end; rewrites it only if needed. */
    static Result run(JsonlFeedbackStoreFile file, Set<String> articleIds, JsonlFeedbackStore.Syncer syncer,
                      LongAdder bytesRead) throws IOException {
        if (file.fileKey == null) {
            throw new FeedbackStoreException(file.path + ": cannot purge: the file system does not tell files apart"
                    + " (no file key), so other stores on this file could not notice the rewrite");
        }
        return new JsonlFeedbackStorePurge(file, articleIds).rewrite(syncer, bytesRead);
    }

    private Result rewrite(JsonlFeedbackStore.Syncer syncer, LongAdder bytesRead) throws IOException {
        Path temp = createTemp();
        boolean renamed = false;
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                out = channel;
                FeedbackLineScanner.scan(file.channel, 0, file.index.end(), 1, this::copy, bytesRead);
                if (purged.isEmpty() && dropped == 0) {
                    return new Result(List.of(), false);
                }
                Instant now = Instant.now();
                for (String id : purged) {
                    write(FeedbackLineCodec.encode(new FeedbackLine.Purged(id, now)));
                }
                flush();
                syncer.sync(channel);
            }
            Files.move(temp, file.path, StandardCopyOption.ATOMIC_MOVE);
            renamed = true;
        } finally {
            if (!renamed) {
                Files.deleteIfExists(temp);
            }
        }
        JsonlFeedbackStore.syncDirectory(file.path.toAbsolutePath().getParent());
        removeSideFilesNamingThem();
        LOG.info("{}: purged the text of {} feedback ({} more lines naming the articles left out)", file.path,
                purged.size(), dropped);
        return new Result(List.copyOf(purged), true);
    }

    /** A purge that died before its rename left its temporary file; no purge runs while the lock is held. */
    static void removeLeftOvers(Path path) throws IOException {
        String prefix = path.getFileName() + TEMP_INFIX;
        try (DirectoryStream<Path> left = Files.newDirectoryStream(path.toAbsolutePath().getParent(), entry ->
                entry.getFileName().toString().startsWith(prefix)
                        && entry.getFileName().toString().endsWith(TEMP_SUFFIX))) {
            for (Path temp : left) {
                Files.deleteIfExists(temp);
                LOG.info("{}: removed {}, left by a purge that did not finish", path, temp.getFileName());
            }
        }
    }

    /** The temporary file, with the store file's permissions from the start: it holds the same kind of data. */
    private Path createTemp() throws IOException {
        Path temp = file.path.resolveSibling(file.path.getFileName() + TEMP_INFIX + System.nanoTime() + TEMP_SUFFIX);
        PosixFileAttributeView posix = Files.getFileAttributeView(file.path, PosixFileAttributeView.class);
        if (posix == null) {
            return Files.createFile(temp);
        }
        Set<PosixFilePermission> permissions = posix.readAttributes().permissions();
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(permissions));
        Files.setPosixFilePermissions(temp, permissions); // the umask may have taken some away
        return temp;
    }

    private void copy(byte[] buf, int off, int len, long offset, long lineNumber) throws IOException {
        FeedbackLine line;
        try {
            line = FeedbackLineCodec.decode(buf, off, len);
        } catch (FeedbackLineCodec.BadLine e) {
            if (namesAnArticle(buf, off, len)) {
                dropped++;
                LOG.warn("{} line {}: a line the store cannot read names a purged article; it is left out",
                        file.path, lineNumber);
            } else {
                write(buf, off, len); // blank, or a bad line skipped in tolerant mode: kept as it was
            }
            return;
        }
        if (line instanceof FeedbackLine.Added added && articleIds.contains(added.feedback().article().id())) {
            if (isTheIndexedAdd(added.id(), offset)) {
                write(FeedbackLineCodec.encode(new FeedbackLine.Tombstone(FeedbackChange.tombstone(added.feedback()))));
                purged.add(added.id());
            } else {
                dropped++; // a repeated add, which the store never reads: its text goes too
            }
            return;
        }
        write(buf, off, len);
    }

    /** Whether the add at {@code offset} is the one the index counts for the id (later ones are repeats). */
    private boolean isTheIndexedAdd(String id, long offset) {
        for (int sequence : file.index.candidates(id)) {
            if (file.index.offsetOf(sequence) == offset) {
                return true;
            }
        }
        return false;
    }

    private boolean namesAnArticle(byte[] buf, int off, int len) {
        for (byte[] id : articleIdBytes) {
            if (indexOf(buf, off, len, id) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] buf, int off, int len, byte[] part) {
        outer:
        for (int i = off; i + part.length <= off + len; i++) {
            for (int j = 0; j < part.length; j++) {
                if (buf[i + j] != part[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Torn tails set aside earlier may hold the text of a purged article too; nobody was told they are stored. */
    private void removeSideFilesNamingThem() throws IOException {
        String prefix = file.path.getFileName() + ".torn-";
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(file.path.toAbsolutePath().getParent(),
                entry -> entry.getFileName().toString().startsWith(prefix))) {
            for (Path side : siblings) {
                byte[] bytes = Files.readAllBytes(side);
                if (namesAnArticle(bytes, 0, bytes.length)) {
                    Files.delete(side);
                    LOG.warn("{}: removed {}, a torn line set aside earlier that names a purged article", file.path,
                            side.getFileName());
                }
            }
        }
    }

    private void write(byte[] line) throws IOException {
        write(line, 0, line.length);
    }

    private void write(byte[] buf, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = Math.min(buffer.remaining(), len - done);
            buffer.put(buf, off + done, n);
            done += n;
            if (!buffer.hasRemaining()) {
                flush();
            }
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }
}
