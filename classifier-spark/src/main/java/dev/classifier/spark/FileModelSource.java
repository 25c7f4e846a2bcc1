package dev.classifier.spark;

import dev.classifier.api.Classifier;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A saved model file and the loader that reads it. The driver hashes the file, stages a copy named after the hash
 * and adds that with {@code SparkContext.addFile}, so each executor fetches the file once; executors load it from
 * there (or from the original path, when it is on a file system they share with the same content). The key is the
 * file's hash with the loader's (a file read with another embedder is another model).
 */
final class FileModelSource implements ModelSource {

    private static final long serialVersionUID = 1L;
    /** Files added per application, so a second job does not add (and Spark warn about) the same file again. */
    private static final Set<String> ADDED = ConcurrentHashMap.newKeySet();

    private final String driverPath;
    private final String contentHash;
    private final String shippedName;
    private final SavedModelLoader loader;
    private final String loaderHash;

    FileModelSource(Path file, SavedModelLoader loader) throws IOException {
        this.loader = Objects.requireNonNull(loader, "loader");
        this.loaderHash = ContentHash.of(Serialized.bytes(loader, "model loader"));
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new IllegalArgumentException("the model file " + absolute + " does not exist or is not a file");
        }
        this.driverPath = absolute.toString();
        this.contentHash = ContentHash.of(absolute);
        this.shippedName = contentHash.substring(0, 16) + "-" + absolute.getFileName();
    }

    @Override
    public String key() {
        return "file:" + contentHash + "/" + loaderHash.substring(0, 16);
    }

    @Override
    public void distribute(SparkSession spark) {
        String application = spark.sparkContext().applicationId();
        if (ADDED.contains(application + "/" + shippedName)) {
            return;
        }
        try {
            Path staged = stage();
            spark.sparkContext().addFile(staged.toString());
            ADDED.add(application + "/" + shippedName);
        } catch (IOException e) {
            throw new IllegalStateException("cannot stage the model file " + driverPath + " for the executors: "
                    + e.getMessage(), e);
        }
    }

    /** A copy under a name made of the hash: the same content is added under the same path in every job. */
    private Path stage() throws IOException {
        Path dir = Path.of(System.getProperty("java.io.tmpdir"), "classifier-spark-models");
        Files.createDirectories(dir);
        Path staged = dir.resolve(shippedName);
        if (Files.isRegularFile(staged) && contentHash.equals(ContentHash.of(staged))) {
            return staged;
        }
        Path partial = Files.createTempFile(dir, shippedName, ".part");
        Files.copy(Path.of(driverPath), partial, StandardCopyOption.REPLACE_EXISTING);
        requireSameContent(partial);
        return Files.move(partial, staged, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public Classifier open() throws Exception {
        Path original = Path.of(driverPath);
        if (Files.isRegularFile(original) && contentHash.equals(ContentHash.of(original))) {
            return loader.load(original);
        }
        Path shipped = Path.of(SparkFiles.get(shippedName));
        requireSameContent(shipped);
        return loader.load(shipped);
    }

    private void requireSameContent(Path file) throws IOException {
        String found = ContentHash.of(file);
        if (!contentHash.equals(found)) {
            throw new IllegalStateException("the model file " + file + " has the content hash " + found
                    + ", not " + contentHash + " as " + driverPath + " had when the job was planned: was the file"
                    + " replaced while the job ran?");
        }
    }

    @Override
    public String describe() {
        return "the model file " + driverPath + " (sha256 " + contentHash.substring(0, 16) + "…)";
    }
}
