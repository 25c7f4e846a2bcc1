package dev.classifier.eval;

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
                "latency p50", "latency p95", "failed");
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
    void writesUtf8ToAFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("nested/report.html");
        HtmlReport.write(report, file);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(html).contains("报告");
    }

    private static double alpha(Element cell) {
        Matcher m = Pattern.compile("rgba\\([^)]*, ([0-9.]+)\\)").matcher(cell.attr("style"));
        assertThat(m.find()).as("style %s", cell.attr("style")).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
