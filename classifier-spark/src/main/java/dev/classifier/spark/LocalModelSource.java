package dev.classifier.spark;

import dev.classifier.api.Classifier;
import dev.classifier.local.LocalClassifier;
import org.apache.spark.SparkFiles;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A saved {@link LocalClassifier} file. The driver hashes it, stages a copy named after the hash and adds that with
 * {@code SparkContext.addFile}, so each executor fetches the file once; executors load it from there (or from the
 * original path, when it is on a file system they share with the same content).
 */
final class LocalModelSource implements ModelSource {

    private static final long serialVersionUID = 1L;
    /** Files added per application, so a second job does not add (and Spark warn about) the same file again. */
    private static final Set<String> ADDED = ConcurrentHashMap.newKeySet();

    private final String driverPath;
    private final String contentHash;
    private final String shippedName;

    LocalModelSource(Path file) throws IOException {
        Path absolute = file.toAbsolutePath().normalize();
        if (!Files.isRegularFile(absolute)) {
            throw new IllegalArgumentException("the local model file " + absolute + " does not exist or is not a file");
        }
        this.driverPath = absolute.toString();
        this.contentHash = ContentHash.of(absolute);
        this.shippedName = contentHash.substring(0, 16) + "-" + absolute.getFileName();
    }

    @Override
    public String key() {
        return "local-file:" + contentHash;
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
            throw new IllegalStateException("cannot stage the local model file " + driverPath + " for the executors: "
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
    public Classifier open() throws IOException {
        Path original = Path.of(driverPath);
        if (Files.isRegularFile(original) && contentHash.equals(ContentHash.of(original))) {
            return LocalClassifier.load(original);
        }
        Path shipped = Path.of(SparkFiles.get(shippedName));
        requireSameContent(shipped);
        return LocalClassifier.load(shipped);
    }

    private void requireSameContent(Path file) throws IOException {
        String found = ContentHash.of(file);
        if (!contentHash.equals(found)) {
            throw new IllegalStateException("the local model file " + file + " has the content hash " + found
                    + ", not " + contentHash + " as " + driverPath + " had when the job was planned: was the file"
                    + " replaced while the job ran?");
        }
    }

    @Override
    public String describe() {
        return "the local model file " + driverPath + " (sha256 " + contentHash.substring(0, 16) + "…)";
    }
}
