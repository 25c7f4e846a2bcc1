package dev.classifier.dataset;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStoreException;
import dev.classifier.testkit.SampleNews;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** What a caller of the JSONL store sees when something is wrong: plain words, the remedy, and its own frame. */
class JsonlFeedbackStoreErrorsTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("feedback.jsonl");
    }

    private static Feedback feedback(String id) {
        return new Feedback(id, new Article("a-" + id, "股市大涨 " + id, "沪指收涨百分之二。", Map.of()), "经济",
                Optional.empty(), "", Optional.empty(), Instant.parse("2026-01-02T03:04:05Z"));
    }

    private static String line(Feedback f) {
        return new String(FeedbackLineCodec.encode(new FeedbackLine.Added(f)), StandardCharsets.UTF_8);
    }

    /** A store file whose second line was cut short in the middle of the body and then ended by a newline. */
    private void writeWithACutLine() throws IOException {
        String whole = line(feedback("b"));
        String cut = whole.substring(0, whole.indexOf("沪指") + 2) + "\n";
        Files.writeString(file(), line(feedback("a")) + cut + line(feedback("c")));
    }

    private static boolean hasFrameOf(Throwable t, String method) {
        return Arrays.stream(t.getStackTrace()).anyMatch(frame -> frame.getMethodName().equals(method)
                && frame.getClassName().equals(JsonlFeedbackStoreErrorsTest.class.getName()));
    }

    @Test
    void aLineCutShortReadsAsCutShortInPlainWordsNotAsJacksonsJargon() throws IOException {
        writeWithACutLine();

        FeedbackLineException e = catchThrowableOfType(FeedbackLineException.class,
                () -> JsonlFeedbackStore.open(file()));

        assertThat(e.lineNumber()).isEqualTo(2);
        assertThat(e.problem()).startsWith("the record is cut short (truncated JSON)")
                .doesNotContain("CTRL-CHAR").doesNotContain("Illegal unquoted character");
        assertThat(e.getMessage()).startsWith(file() + " line 2: the record is cut short")
                .contains("JsonlFeedbackStore.builder(file).tolerant(true)").contains("problems()")
                .doesNotContain("沪指");
        assertThat(e).isInstanceOf(FeedbackStoreException.class);
    }

    @Test
    void theSameMessageAsALabelledSetGivesForTheSameCut() throws IOException {
        writeWithACutLine();
        Path labelled = dir.resolve("set.jsonl");
        Files.writeString(labelled, "{\"id\":\"x\",\"text\":\"沪指收涨\",\"label\":\"经济\"}\n{\"id\":\"y\",\"text\":\"沪指\n");

        String store = catchThrowableOfType(FeedbackLineException.class, () -> JsonlFeedbackStore.open(file()))
                .problem();
        String set = catchThrowableOfType(JsonlException.class, () -> LabeledSets.read(labelled)).problem().message();

        assertThat(store).startsWith("the record is cut short (truncated JSON): ");
        assertThat(set).startsWith("the record is cut short (truncated JSON): ");
    }

    @Test
    void aBadLineFoundOnTheWritersThreadIsThrownWithTheCallersFrameAndTheOriginalAsCause() throws IOException {
        writeWithACutLine();

        FeedbackLineException e = catchThrowableOfType(FeedbackLineException.class,
                () -> JsonlFeedbackStore.open(file()));

        assertThat(hasFrameOf(e, "aBadLineFoundOnTheWritersThreadIsThrownWithTheCallersFrameAndTheOriginalAsCause"))
                .as("the caller's frame in the stack trace").isTrue();
        assertThat(e.getCause()).isInstanceOf(FeedbackLineException.class).hasMessage(e.getMessage());
        assertThat(Arrays.stream(e.getCause().getStackTrace()))
                .anyMatch(frame -> frame.getClassName().equals(JsonlFeedbackStoreIndexer.class.getName()));
    }

    @Test
    void aFailedWriteIsAFeedbackStoreExceptionWithTheCallersFrame() {
        JsonlFeedbackStore.Syncer broken = channel -> {
            throw new IOException("No space left on device");
        };
        try (JsonlFeedbackStore store = JsonlFeedbackStore.builder(file()).syncer(broken).open()) {
            FeedbackStoreException e = catchThrowableOfType(FeedbackStoreException.class,
                    () -> store.add(feedback("a")));

            assertThat(e).hasMessageContaining(file().toString()).hasMessageContaining("No space left on device")
                    .hasRootCauseInstanceOf(IOException.class);
            assertThat(hasFrameOf(e, "aFailedWriteIsAFeedbackStoreExceptionWithTheCallersFrame")).isTrue();
            assertThat(store.size()).isZero();
        }
    }

    @Test
    void aFileThatCannotBeOpenedIsAFeedbackStoreException() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("a-folder"));

        assertThatThrownBy(() -> JsonlFeedbackStore.open(folder)).isInstanceOf(FeedbackStoreException.class)
                .hasMessageContaining(folder.toString());
    }

    @Test
    void theShippedSampleFeedbackIsNotAStoreAndTheMessageSaysHowToImportIt() throws IOException {
        Path sample = dir.resolve("sample-feedback.jsonl");
        try (InputStream in = SampleNews.open(SampleNews.FEEDBACK)) {
            Files.copy(in, sample);
        }
        byte[] before = Files.readAllBytes(sample);

        for (boolean tolerant : new boolean[] {false, true}) {
            FeedbackLineException e = catchThrowableOfType(FeedbackLineException.class,
                    () -> JsonlFeedbackStore.builder(sample).tolerant(tolerant).open());

            assertThat(e.lineNumber()).isEqualTo(1);
            assertThat(e.problem()).contains("missing field \"v\"").contains("labelled row");
            assertThat(e.getMessage()).contains("This is not a feedback store file")
                    .contains("FeedbackImport.builder(taxonomy).build().importJsonl(sample-feedback.jsonl, store)")
                    .doesNotContain("tolerant(true)");
        }
        assertThat(Files.readAllBytes(sample)).as("the file is left as it was").isEqualTo(before);
    }
}
