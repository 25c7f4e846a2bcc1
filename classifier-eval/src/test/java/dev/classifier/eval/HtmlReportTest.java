package dev.classifier.eval;

import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.classifier.eval.ReportFixtures.IMG_ID;
import static dev.classifier.eval.ReportFixtures.LINK_MESSAGE;
import static dev.classifier.eval.ReportFixtures.QUOTES_LABEL;
import static dev.classifier.eval.ReportFixtures.SCRIPT_LABEL;
import static dev.classifier.eval.ReportFixtures.SPORTS;
import static org.assertj.core.api.Assertions.assertThat;

class HtmlReportTest {

    private final EvaluationReport report = ReportFixtures.fullReport();
    private final String html = HtmlReport.render(report);
    private final Document doc = Jsoup.parse(html);

    @Test
    void isSelfContainedWithNoScriptAndNoUrl() {
        assertThat(doc.select("script, link, img, iframe, object, embed, base")).isEmpty();
        assertThat(doc.select("[src], [href], [srcset], [action]")).isEmpty();
        for (Element element : doc.getAllElements()) {
            for (Attribute attribute : element.attributes()) {
                assertThat(attribute.getValue().toLowerCase(Locale.ROOT))
                        .as("attribute %s of <%s>", attribute.getKey(), element.tagName())
                        .doesNotContain("http").doesNotContain("url(");
                assertThat(attribute.getKey()).as("no event handler attributes").doesNotStartWith("on");
            }
        }
        String css = doc.select("style").html();
        assertThat(css).doesNotContain("url(").doesNotContain("@import").doesNotContain("http");
        assertThat(doc.select("meta[charset]").attr("charset")).isEqualToIgnoringCase("utf-8");
    }

    @Test
    void userDataIsEscapedAndShownAsText() {
        assertThat(html).doesNotContain(SCRIPT_LABEL).doesNotContain("<img").doesNotContain("<b>").doesNotContain("<a href");
        assertThat(doc.title()).isEqualTo("Report <title> & 报告");

        Element labels = doc.select("section.result").get(0).selectFirst("table.labels");
        assertThat(labels.select("tbody th").eachText()).containsExactly(SCRIPT_LABEL, QUOTES_LABEL, SPORTS, "科技", "Uncategorized");
        assertThat(doc.select("section.result h2").eachText()).containsExactly("local <b>", "prompt & co");

        Element failures = doc.selectFirst("table.failures");
        assertThat(failures.select("tbody tr")).hasSize(1);
        assertThat(failures.select("tbody td").eachText()).containsExactly(IMG_ID, "UnavailableException", LINK_MESSAGE);
        assertThat(failures.select("td.error").attr("title")).isEqualTo("dev.classifier.api.UnavailableException");

        // A label inside an attribute (the heat-map cell's title) stays whole, quotes included.
        Element confusion = doc.selectFirst("table.confusion");
        assertThat(confusion.select("td.cell").eachAttr("title")).anyMatch(t -> t.contains("gold " + QUOTES_LABEL + ", predicted"));
    }

    @Test
    void confusionHeatMapHasACellPerPairWithTheCounts() {
        EvaluationResult cheap = report.results().get(0);
        ConfusionMatrix matrix = cheap.confusion();
        Element table = doc.select("section.result").get(0).selectFirst("table.confusion");

        assertThat(table.select("thead th").eachText().subList(1, matrix.size() + 1)).containsExactlyElementsOf(matrix.labels());
        assertThat(table.select("thead th.failed")).as("the cheap one failed once").hasSize(1);
        Elements rows = table.select("tbody tr");
        assertThat(rows).hasSize(matrix.size());
        for (int g = 0; g < matrix.size(); g++) {
            Elements cells = rows.get(g).select("td.cell:not(.failed)");
            assertThat(cells).hasSize(matrix.size());
            for (int p = 0; p < matrix.size(); p++) {
                assertThat(Integer.parseInt(cells.get(p).text())).as("cell %d,%d", g, p).isEqualTo(matrix.count(g, p));
                assertThat(cells.get(p).hasClass("diag")).isEqualTo(g == p);
            }
            assertThat(rows.get(g).selectFirst("td.failed").text()).isEqualTo(Integer.toString(matrix.failed(g)));
            assertThat(rows.get(g).selectFirst("td.total").text()).isEqualTo(Integer.toString(matrix.rowTotal(g)));
        }

        // Sports: one of two right -> half the row; Tech: one right, one failed -> half the row, in red for the failure.
        int sports = matrix.indexOf(SPORTS);
        Elements sportsCells = rows.get(sports).select("td.cell");
        assertThat(alpha(sportsCells.get(sports))).isCloseTo(0.12 + 0.88 * 0.5, org.assertj.core.api.Assertions.within(0.001));
        assertThat(sportsCells.get(0).attr("style")).as("an empty cell is not coloured").isEmpty();
        int tech = matrix.indexOf("科技");
        assertThat(rows.get(tech).selectFirst("td.failed").attr("style")).contains("220, 38, 38");
        // The paid one never failed: no failed column.
        assertThat(doc.select("section.result").get(1).select("table.confusion th.failed")).isEmpty();
    }

    @Test
    void comparisonSweepAndPerResultTablesArePresent() {
        Element comparison = doc.selectFirst("table.comparison");
        assertThat(comparison.select("tbody tr")).hasSize(2);
        assertThat(comparison.select("tbody th").eachText()).containsExactly("local <b>", "prompt & co");
        assertThat(comparison.select("tbody tr").get(1).select("td").get(1).text()).isEqualTo("83.3%");
        assertThat(comparison.select("tbody tr").get(1).select("td").get(1).hasClass("best")).isTrue();
        assertThat(doc.select("table.f1-by-label tbody tr")).hasSize(5);

        Element sweep = doc.selectFirst("table.sweep");
        assertThat(sweep.select("tbody tr")).hasSize(11);
        assertThat(sweep.select("tbody th").eachText()).startsWith("0.00", "0.10").endsWith("1.00");
        assertThat(doc.select("svg.sweep-chart polyline")).hasSize(2);
        assertThat(doc.select("svg.sweep-chart circle")).hasSize(22);

        assertThat(doc.select("section.result")).hasSize(2);
        assertThat(doc.select("section.result table.calibration")).hasSize(2);
        assertThat(doc.select("section.result table.calibration").get(0).select("tbody tr")).hasSize(10);
        Element summary = doc.selectFirst("section.result dl.summary");
        assertThat(summary.select("dt").eachText()).contains("accuracy", "macro-F1", "calibration error", "cost / 1,000",
                "time per article", "failed").doesNotContain("latency p50", "latency p95");
        assertThat(summary.select("dd").get(0).text()).startsWith("50.0%");
    }

    @Test
    void aSingleResultHasNoComparisonAndNoSweep() {
        Document single = Jsoup.parse(HtmlReport.render(EvaluationReport.of("one", ReportFixtures.paid())));
        assertThat(single.select("table.comparison, table.sweep, svg")).isEmpty();
        assertThat(single.select("table.failures")).isEmpty();
        assertThat(single.select("table.confusion")).hasSize(1);
    }

    @Test
    void listsTheMisclassifiedArticlesWithTitlesAsText() {
        Element table = doc.select("section.result").get(0).selectFirst("table.misclassified");
        assertThat(table.select("thead th").eachText()).containsExactly("article", "title", "gold", "predicted", "confidence");
        Elements rows = table.select("tbody tr");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).select("td").eachText())
                .containsExactly("r2", ReportFixtures.MARKUP_TITLE, QUOTES_LABEL, SPORTS, "0.400");
        assertThat(rows.get(1).select("td").eachText()).containsExactly("r4", "马拉松", SPORTS, "科技", "0.550");
        assertThat(html).doesNotContain("<b>leak</b>");
        assertThat(doc.select("section.result").get(0).select("h3").eachText()).contains("Misclassified (2)");
        assertThat(doc.select("section.result").get(1).selectFirst("table.misclassified tbody").select("tr"))
                .as("the paid one got r4 wrong").hasSize(1);
    }

    @Test
    void theMisclassifiedListIsBoundedAndSaysHowManyMore() {
        Taxonomy taxonomy = Taxonomy.of("A", "B");
        List<LabeledArticle> rows = new ArrayList<>();
        FakeClassifier.Builder fake = FakeClassifier.builder(taxonomy, "m");
        for (int i = 0; i < HtmlReport.MAX_MISCLASSIFIED_SHOWN + 5; i++) {
            rows.add(Rows.row("w" + i, "标题 " + i, "A"));
            fake.answer("w" + i, "B", 0.7);
        }
        EvaluationResult result = Evaluation.builder().name("wrong").classifier(fake.build()).build().run(rows);
        Document page = Jsoup.parse(HtmlReport.render(EvaluationReport.of("many", result)));
        assertThat(page.select("table.misclassified tbody tr")).hasSize(HtmlReport.MAX_MISCLASSIFIED_SHOWN);
        assertThat(page.select("p.note").eachText()).contains("… and 5 more.");
    }

    @Test
    void errorCellsOfTheHeatMapHaveTheirOwnColour() {
        Element table = doc.select("section.result").get(0).selectFirst("table.confusion");
        for (Element cell : table.select("td.cell:not(.failed)")) {
            if (cell.text().equals("0")) {
                continue;
            }
            assertThat(cell.attr("style")).as("cell %s", cell.attr("title"))
                    .contains(cell.hasClass("diag") ? "37, 99, 235" : "234, 88, 12");
            assertThat(cell.hasClass("error")).isEqualTo(!cell.hasClass("diag"));
        }
        assertThat(table.select("td.cell.error:not([style=''])")).as("the cheap one got two wrong").isNotEmpty();
        assertThat(doc.select("div.scale").first().text()).contains("correct").contains("misclassified");
    }

    @Test
    void saysWhenItWasGenerated() {
        Document dated = Jsoup.parse(HtmlReport.render(report, Instant.parse("2026-11-01T08:05:09Z")));
        assertThat(dated.selectFirst("header p.meta").text()).contains("generated 2026-11-01 08:05 UTC");
        assertThat(doc.selectFirst("header p.meta").text()).containsPattern("generated \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");
    }

    @Test
    void tokensPer1000AgreeWithTheConsoleAndSayWhichAreCounted() {
        Element paid = doc.select("section.result").get(1).selectFirst("dl.summary");
        Element tokens = paid.select("div").stream().filter(d -> d.selectFirst("dt").text().equals("tokens / 1,000"))
                .findFirst().orElseThrow();
        assertThat(tokens.selectFirst("dd").text())
                .isEqualTo("105,000 prompt + completion (100,000 prompt, 0 cached; 5,000 completion)");
        assertThat(ConsoleReport.summary(report.results().get(1))).contains(tokens.selectFirst("dd").text());
    }

    @Test
    void writesUtf8ToAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/report.html");
        Instant at = Instant.parse("2026-11-01T08:00:00Z");
        HtmlReport.write(report, file, at);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(HtmlReport.render(report, at)).contains("报告");
    }

    private static double alpha(Element cell) {
        Matcher m = Pattern.compile("rgba\\([^)]*, ([0-9.]+)\\)").matcher(cell.attr("style"));
        assertThat(m.find()).as("style %s", cell.attr("style")).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
