package dev.classifier.dataset;

import dev.classifier.api.FeedbackStore;
import dev.classifier.testkit.FeedbackStoreContract;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/** The durable store passes the store contract, reopening included (a second handle acts as another process). */
class JsonlFeedbackStoreContractTest extends FeedbackStoreContract {

    @TempDir
    Path dir;

    @Override
    protected FeedbackStore createStore() {
        return JsonlFeedbackStore.open(dir.resolve("feedback.jsonl"));
    }

    @Override
    protected Optional<FeedbackStore> reopenStore() {
        return Optional.of(JsonlFeedbackStore.open(dir.resolve("feedback.jsonl")));
    }

    /** The bytes of every file in the store's folder: the store file, set-aside tails, temporary files. */
    @Override
    protected Optional<String> storedText() throws IOException {
        StringBuilder text = new StringBuilder();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                text.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
            }
        }
        return Optional.of(text.toString());
    }
}
