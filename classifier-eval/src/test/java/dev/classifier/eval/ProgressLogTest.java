package dev.classifier.eval;

import dev.classifier.api.Taxonomy;
import dev.classifier.testkit.logging.LogCapture;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress is logged by default on a long run, never on a short one, and not when turned off. */
class ProgressLogTest {

    private static final Taxonomy TAXONOMY = Taxonomy.builder().category("体育", "sports").category("科技", "tech")
            .build();

    /** Five articles, six seconds each on the ticker. */
    private static Evaluation.Builder slowRun(ManualTicker ticker, Duration each) {
        FakeClassifier.Builder fake = FakeClassifier.builder(TAXONOMY, "fake-v1");
        for (int i = 1; i <= 5; i++) {
            fake.answer("a" + i, "体育", 0.9).latency(ticker, "a" + i, each);
        }
        return Evaluation.builder().name("slow").classifier(fake.build()).batchSize(1).ticker(ticker);
    }

    private static List<String> progressLines(Evaluation evaluation) {
        return LogCapture.linesOf(() -> evaluation.run(Rows.withGold("体育", "体育", "科技", "体育", "体育")))
                .stream().filter(line -> line.startsWith("INFO") && line.contains("articles classified")).toList();
    }

    @Test
    void aLongRunLogsAtMostEveryTenSecondsAndWhenItEnds() {
        List<String> lines = progressLines(slowRun(new ManualTicker(), Duration.ofSeconds(6)).build());
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("INFO").contains("slow: 2 of 5 articles classified (40%), 0 failed, 12 s");
        assertThat(lines.get(1)).contains("slow: 4 of 5 articles classified (80%), 0 failed, 24 s");
        assertThat(lines.get(2)).contains("slow: 5 of 5 articles classified (100%), 0 failed, 30 s, done");
    }

    @Test
    void aShortRunLogsNothing() {
        assertThat(progressLines(slowRun(new ManualTicker(), Duration.ofSeconds(1)).build())).isEmpty();
    }

    @Test
    void theLogCanBeTurnedOffAndTheListenerStillHearsEveryChunk() {
        List<String> heard = new java.util.ArrayList<>();
        Evaluation evaluation = slowRun(new ManualTicker(), Duration.ofSeconds(6)).progressLog(false)
                .listener((done, total, failures) -> heard.add(done + "/" + total)).build();
        assertThat(progressLines(evaluation)).isEmpty();
        assertThat(heard).containsExactly("1/5", "2/5", "3/5", "4/5", "5/5");
    }
}
