package dev.classifier.dataset;

import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.Taxonomy;
import dev.classifier.testkit.logging.LogCapture;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** A long import tells its listener and logs its progress by default; a short one logs only its summary. */
class ImportProgressTest {

    private static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("体育", "比赛与运动员").category("经济", "公司、市场与经济").build();

    /** 2,500 rows, half Chinese: three durable writes of up to 1,000. */
    private static ByteArrayInputStream rows() {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 2_500; i++) {
            jsonl.append(i % 2 == 0
                    ? "{\"id\": \"r" + i + "\", \"title\": \"国足第" + i + "场比赛\", \"body\": \"国足在比赛最后时刻进球。\", \"label\": \"体育\"}\n"
                    : "{\"id\": \"r" + i + "\", \"title\": \"Markets day " + i + "\", \"body\": \"Shares rose.\", \"label\": \"经济\"}\n");
        }
        return new ByteArrayInputStream(jsonl.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> progressLines(List<String> lines) {
        return lines.stream().filter(line -> line.contains("rows stored")).toList();
    }

    @Test
    void aSlowImportTellsItsListenerAndLogsEveryTenSeconds() {
        AtomicLong clock = new AtomicLong();
        List<String> heard = new ArrayList<>();
        FeedbackImport importer = FeedbackImport.builder(TAXONOMY)
                .listener((stored, total) -> heard.add(stored + "/" + total))
                .nanos(() -> clock.getAndAdd(TimeUnit.SECONDS.toNanos(6))).build();
        try (InMemoryFeedbackStore store = new InMemoryFeedbackStore()) {
            List<String> lines = LogCapture.linesOf(() -> importer.importJsonl(rows(), "big.jsonl", store));

            assertThat(heard).containsExactly("1000/2500", "2000/2500", "2500/2500");
            // Read at 0 (start), 6, 12, 18 s: a line at 12 s; none at the end, which the summary line reports.
            assertThat(progressLines(lines)).containsExactly(
                    "INFO dev.classifier.dataset.FeedbackImport importing big.jsonl: 2000 of 2500 rows stored (80%)");
            assertThat(lines).anyMatch(line -> line.contains("imported big.jsonl: 2500 added"));
        }
    }

    @Test
    void theLogCanBeTurnedOffAndAQuickImportLogsNoProgress() {
        AtomicLong clock = new AtomicLong();
        try (InMemoryFeedbackStore store = new InMemoryFeedbackStore()) {
            assertThat(progressLines(LogCapture.linesOf(() -> FeedbackImport.builder(TAXONOMY).progressLog(false)
                    .nanos(() -> clock.getAndAdd(TimeUnit.SECONDS.toNanos(60))).build()
                    .importJsonl(rows(), "big.jsonl", store)))).isEmpty();
        }
        try (InMemoryFeedbackStore store = new InMemoryFeedbackStore()) {
            assertThat(progressLines(LogCapture.linesOf(() -> FeedbackImport.builder(TAXONOMY).build()
                    .importJsonl(rows(), "quick.jsonl", store)))).isEmpty();
        }
    }
}
