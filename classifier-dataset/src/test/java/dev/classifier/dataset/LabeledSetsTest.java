package dev.classifier.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

class LabeledSetsTest {

    @TempDir
    Path dir;

    @Test
    void readsTheAgNewsTestSet() {
        List<LabeledArticle> rows = LabeledSets.read(SharedData.file("agnews/test.jsonl"));
        assertThat(rows).hasSize(1_600);
        assertThat(countByLabel(rows)).containsOnly(entry("Business", 400L), entry("Sci/Tech", 400L),
                entry("Sports", 400L), entry("World", 400L));
        assertThat(rows.get(0).article().id()).isEqualTo("agnews-00002");
        assertThat(rows.get(0).article().title()).isEmpty();
    }

    @Test
    void streamsTheThucNewsTestSet() {
        Map<String, Long> byLabel;
        try (Stream<LabeledArticle> rows = LabeledSets.stream(SharedData.file("thucnews/test.jsonl"))) {
            byLabel = rows.collect(Collectors.groupingBy(LabeledArticle::label, Collectors.counting()));
        }
        assertThat(byLabel.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(10_000);
        assertThat(byLabel).hasSize(10).allSatisfy((label, count) -> assertThat(count).isEqualTo(1_000));
    }

    @Test
    void theArticleTextIsTheSetsTextWithoutARepeatedHeadline() {
        // THUCNews repeats the headline as its text; AG News has no titles. Either way text() is the model input.
        for (String set : List.of("thucnews/test.jsonl", "agnews/test.jsonl")) {
            Path file = SharedData.file(set);
            List<LabeledArticle> rows = LabeledSets.read(file);
            List<JsonNode> raw = JsonlReader.builder(RecordDecoder.nodes()).file(file).build().readAll();
            assertThat(rows).hasSameSizeAs(raw);
            for (int i = 0; i < rows.size(); i++) {
                assertThat(rows.get(i).article().text()).as("%s line %d", set, i + 1)
                        .isEqualTo(raw.get(i).get("text").textValue());
                assertThat(rows.get(i).article().title()).isEqualTo(raw.get(i).get("title").textValue());
            }
        }
    }

    @Test
    void readsTheBodyFormAndMetadata() throws IOException {
        Path file = dir.resolve("body.jsonl");
        Files.writeString(file, "{\"id\":\"b1\",\"title\":\"央行降息\",\"body\":\"央行宣布降息。\",\"label\":\"finance\","
                + "\"metadata\":{\"source\":\"新华社\",\"lang\":\"zh\"},\"ignored\":[1]}\n", StandardCharsets.UTF_8);
        assertThat(LabeledSets.read(file)).containsExactly(new LabeledArticle(new Article("b1", "央行降息",
                "央行宣布降息。", Map.of("source", "新华社", "lang", "zh")), "finance"));
    }

    @Test
    void aTextThatStartsWithTheTitleKeepsTheRestAsBody() throws IOException {
        Path file = dir.resolve("text.jsonl");
        Files.writeString(file, String.join("\n",
                "{\"id\":\"1\",\"title\":\"Rates cut\",\"text\":\"Rates cut The bank cut rates.\",\"label\":\"a\"}",
                "{\"id\":\"2\",\"title\":\"降息\",\"text\":\"降息\",\"label\":\"a\"}",
                "{\"id\":\"3\",\"title\":\"Rate\",\"text\":\"Rates rose.\",\"label\":\"a\"}",
                "{\"id\":\"4\",\"text\":\"No title here.\",\"label\":\"a\"}"), StandardCharsets.UTF_8);
        assertThat(LabeledSets.read(file)).extracting(row -> row.article().title() + "|" + row.article().body())
                .containsExactly("Rates cut|The bank cut rates.", "降息|", "Rate|Rates rose.", "|No title here.");
    }

    @Test
    void whatItWritesReadsBackTheSame() throws IOException {
        List<LabeledArticle> rows = List.of(
                new LabeledArticle(Article.of("zh-1", "央行降息", "中国人民银行宣布降息。\n第二段。"), "finance"),
                new LabeledArticle(Article.of("en-1", "", "Only a body, no title"), "World"),
                new LabeledArticle(Article.of("zh-2", "只有标题", ""), "sports"),
                new LabeledArticle(Article.of("mix", "Apple 苹果", "Apple 苹果 second mention"), "Sci/Tech"),
                new LabeledArticle(new Article("meta", "T", "  indented body", Map.of("b", "2", "a", "1")), "x"));
        Path file = dir.resolve("written.jsonl");
        LabeledSets.write(file, rows);
        assertThat(LabeledSets.read(file)).isEqualTo(rows);
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).first().isEqualTo(
                "{\"id\":\"zh-1\",\"title\":\"央行降息\",\"text\":\"央行降息\\n中国人民银行宣布降息。\\n第二段。\","
                        + "\"label\":\"finance\"}");
        assertThat(Files.readAllLines(file, StandardCharsets.UTF_8)).last().isEqualTo(
                "{\"id\":\"meta\",\"title\":\"T\",\"text\":\"T\\n  indented body\",\"label\":\"x\","
                        + "\"metadata\":{\"a\":\"1\",\"b\":\"2\"}}");
    }

    @Test
    void collectingKeepsTheGoodRows() throws IOException {
        Path file = dir.resolve("some-bad.jsonl");
        Files.writeString(file, "{\"id\":\"1\",\"text\":\"好\",\"label\":\"a\"}\n{\"id\":\"2\"}\n", StandardCharsets.UTF_8);
        ReadResult<LabeledArticle> result = LabeledSets.readCollecting(file, 5);
        assertThat(result.records()).hasSize(1);
        assertThat(result.hasProblems()).isTrue();
        assertThat(result.problems()).containsExactly(
                new JsonlProblem(file.toString(), 2, 1, "missing field 'text' (or 'body')"));
    }

    @Test
    void aMissingFileIsNamed() {
        Path missing = dir.resolve("missing.jsonl");
        assertThatThrownBy(() -> LabeledSets.read(missing)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(missing.toString());
    }

    private static Map<String, Long> countByLabel(List<LabeledArticle> rows) {
        return rows.stream().collect(Collectors.groupingBy(LabeledArticle::label, Collectors.counting()));
    }
}
