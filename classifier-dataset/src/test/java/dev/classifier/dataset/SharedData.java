package dev.classifier.dataset;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The benchmark sets in ../shared/data, where the project has them; tests using them skip elsewhere. */
final class SharedData {

    private SharedData() {
    }

    /** The file under ../shared/data, or a skipped test if it is not there. */
    static Path file(String relative) {
        String shared = System.getProperty("classifier.sharedDir", "../shared");
        Path file = Path.of(shared, "data").resolve(relative);
        assumeTrue(Files.isRegularFile(file), () -> file + " is not here: skipped");
        return file;
    }
}
