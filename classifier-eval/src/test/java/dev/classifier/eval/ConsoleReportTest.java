package dev.classifier.eval;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleReportTest {

    private final String text = ConsoleReport.render(ReportFixtures.fullReport());

    @Test
    void chineseCellsLineUpWithLatinOnes() {
        // Every table's last column is right-aligned, so aligned rows all end at the same display column.
        for (String table : List.of(ConsoleReport.perLabel(ReportFixtures.cheap()),
                ConsoleReport.confusion(ReportFixtures.cheap().confusion()),
                ConsoleReport.comparison(new Comparison(List.of(ReportFixtures.cheap(), ReportFixtures.paid()))))) {
            for (String block : table.split("\n\n")) {
                List<Integer> widths = Arrays.stream(block.split("\n")).map(DisplayWidth::of).distinct().toList();
                assertThat(widths).as("line widths of%n%s", block).hasSize(1);
            }
        }
        // The column after the label starts at the same display column in every row, Chinese or not.
        List<String> labels = ReportFixtures.cheap().confusion().labels();
        List<Integer> secondColumnStarts = ConsoleReport.perLabel(ReportFixtures.cheap()).lines().skip(2)
                .map(line -> {
                    String label = labels.stream().filter(line::startsWith).findFirst().orElseThrow();
                    String rest = line.substring(label.length());
                    return DisplayWidth.of(label) + (rest.length() - rest.stripLeading().length());
                })
                .distinct().toList();
        assertThat(secondColumnStarts).hasSize(1);
    }

    @Test
    void showsEverySection() {
        assertThat(text).startsWith("# Report <title> & 报告\n")
                .contains("Side by side (6 articles)")
                .contains("Cascade threshold sweep: local <b> first, else prompt & co")
                .contains("## local <b>  (local-ngram)")
                .contains("## prompt & co  (gpt-4o-mini)")
                .contains("Confusion (rows: gold, columns: predicted)")
                .contains("(failed)")
                .contains("Failures (1)")
                .contains(ReportFixtures.IMG_ID)
                .contains("83.3%");
        assertThat(text.lines().filter(l -> l.startsWith("0.") || l.startsWith("1.00"))).hasSizeGreaterThanOrEqualTo(11);
    }

    @Test
    void chunkTimedLatencyIsShownAsATimePerArticleNotAsPercentiles() {
        String summary = ConsoleReport.summary(ReportFixtures.cheap());
        String latency = summary.lines().filter(l -> l.startsWith("latency")).findFirst().orElseThrow();
        assertThat(latency).doesNotContain("p50").doesNotContain("p95")
                .contains("per article").contains("timed per chunk").contains("per-article percentiles unknown");
        assertThat(ConsoleReport.comparison(new Comparison(List.of(ReportFixtures.cheap(), ReportFixtures.paid()))))
                .contains("time/article");
    }

    @Test
    void saysWhichTokensItCountsPer1000() {
        String summary = ConsoleReport.summary(ReportFixtures.paid());
        String tokens = summary.lines().filter(l -> l.startsWith("tokens per 1,000")).findFirst().orElseThrow();
        // Six answers of 100 prompt and 5 completion tokens, over 6 articles.
        assertThat(tokens).contains("105,000 prompt + completion (100,000 prompt, 0 cached; 5,000 completion)");
    }

    @Test
    void controlCharactersCannotBreakARow() {
        TextTable table = TextTable.labelThenNumbers(List.of("label", "n"));
        table.row(List.of("two\nlines", "1"));
        assertThat(table.render().lines()).hasSize(3).contains("two?lines  1");
    }
}
