package dev.classifier.local;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.dataset.JsonlFeedbackStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Issue 17: a saved model gets the permissions any new file gets under the process's umask, as the feedback store's
 * file does (it was owner-only, 0600, because it was written through a temporary file).
 */
class ModelFilePermissionsTest {

    @Test
    void aSavedModelHasThePermissionsOfTheFeedbackStoreAndOfAnyNewFile(@TempDir Path dir) throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).as("a POSIX file system").contains("posix");
        Path storeFile = dir.resolve("feedback.jsonl");
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(storeFile)) {
            store.add(Feedback.of(Article.of("a", "国足晋级决赛", ""), "Sports", ""));
        }
        Path plain = Files.writeString(dir.resolve("plain.txt"), "umask");
        Path model = dir.resolve("models/local.bin");

        LocalTrainer.builder().seed(3).parallelism(1).build().train(MiniCorpus.rows(), MiniCorpus.TAXONOMY).save(model);

        Set<PosixFilePermission> modelPermissions = Files.getPosixFilePermissions(model);
        assertThat(modelPermissions).isEqualTo(Files.getPosixFilePermissions(plain))
                .isEqualTo(Files.getPosixFilePermissions(storeFile));
        assertThat(modelPermissions).as("the owner reads and writes it").contains(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE);
        try (var files = Files.list(model.getParent())) {
            assertThat(files).as("no temporary file is left").containsExactly(model);
        }
    }
}
