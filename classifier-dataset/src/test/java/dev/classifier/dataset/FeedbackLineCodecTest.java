package dev.classifier.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackChange;
import dev.classifier.api.FeedbackSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedbackLineCodecTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static final Feedback CORRECTION = new Feedback("01JD0000000000000000000001",
            new Article("art-1", "央行降息", "人民银行宣布降息。\nSecond \"line\".", Map.of("source", "新华社", "lang", "zh")),
            "经济", Optional.of("政治"), "讲的是货币政策", Optional.of("a1b2c3d4e5f60718"),
            Instant.parse("2026-03-04T05:06:07.123456789Z"));

    private static String text(byte[] line) {
        return new String(line, StandardCharsets.UTF_8);
    }

    private static FeedbackLine decode(String line) throws FeedbackLineCodec.BadLine {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        return FeedbackLineCodec.decode(bytes, 0, bytes.length);
    }

    @Test
    void anAddIsOneLineOfNamedFieldsInTheVersionedSchema() throws Exception {
        String line = text(FeedbackLineCodec.encode(new FeedbackLine.Added(CORRECTION)));

        assertThat(line).startsWith("{\"v\":1,\"op\":\"add\",\"id\":\"01JD0000000000000000000001\",")
                .endsWith("}\n").containsOnlyOnce("\n")
                .contains("人民银行宣布降息。\\nSecond \\\"line\\\".") // UTF-8 as is; newline and quotes escaped
                .contains("\"metadata\":{\"lang\":\"zh\",\"source\":\"新华社\"}"); // sorted keys
        JsonNode node = MAPPER.readTree(line);
        assertThat(node.fieldNames()).toIterable().containsExactly("v", "op", "id", "article", "label", "predicted",
                "reason", "taxonomy", "created_at");
        assertThat(node.get("article").fieldNames()).toIterable().containsExactly("id", "title", "body", "metadata");
        assertThat(node.get("label").asText()).isEqualTo("经济");
        assertThat(node.get("predicted").asText()).isEqualTo("政治");
        assertThat(node.get("taxonomy").asText()).isEqualTo("a1b2c3d4e5f60718");
        assertThat(node.get("created_at").asText()).isEqualTo("2026-03-04T05:06:07.123456789Z");
    }

    @Test
    void absentPredictionAndFingerprintAreLeftOut() throws Exception {
        Feedback plain = Feedback.of(Article.of("a", "Title", "Body"), "sports", "");
        JsonNode node = MAPPER.readTree(FeedbackLineCodec.encode(new FeedbackLine.Added(plain)));

        assertThat(node.has("predicted")).isFalse();
        assertThat(node.has("taxonomy")).isFalse();
        assertThat(((FeedbackLine.Added) decode(node.toString())).feedback()).isEqualTo(plain);
    }

    @Test
    void theSourceIsAnObjectWithItsKindAndNameAndLeftOutWhenUnknown() throws Exception {
        Feedback byPerson = CORRECTION.withSource(FeedbackSource.person("张伟 \"Wei\""));
        String line = text(FeedbackLineCodec.encode(new FeedbackLine.Added(byPerson)));

        assertThat(line).startsWith("{\"v\":1,").contains(",\"source\":{\"kind\":\"person\",\"name\":\"张伟 \\\"Wei\\\"\"}}");
        assertThat(decode(line)).isEqualTo(new FeedbackLine.Added(byPerson));
        for (FeedbackSource source : List.of(FeedbackSource.imported("标注.csv"), FeedbackSource.library("review-page"))) {
            Feedback f = CORRECTION.withSource(source);
            assertThat(decode(text(FeedbackLineCodec.encode(new FeedbackLine.Added(f))))).isEqualTo(new FeedbackLine.Added(f));
        }
        assertThat(text(FeedbackLineCodec.encode(new FeedbackLine.Added(CORRECTION)))).doesNotContain("\"source\":{");
    }

    @Test
    void aLineWrittenBeforeSourcesWereKeptReadsAsUnknown() throws Exception {
        // Lines as release 0.1 and the purge release wrote them, byte for byte.
        String add = "{\"v\":1,\"op\":\"add\",\"id\":\"old-1\",\"article\":{\"id\":\"a-1\",\"title\":\"央行降息\","
                + "\"body\":\"\",\"metadata\":{}},\"label\":\"经济\",\"reason\":\"\",\"created_at\":\"2026-01-02T03:04:05Z\"}";
        String purged = "{\"v\":2,\"op\":\"purged\",\"id\":\"old-2\",\"article_id\":\"a-2\",\"label\":\"经济\","
                + "\"created_at\":\"2026-01-02T03:04:05Z\"}";

        Feedback old = ((FeedbackLine.Added) decode(add)).feedback();
        Feedback tombstone = ((FeedbackLine.Tombstone) decode(purged)).tombstone();

        assertThat(old.source()).isEqualTo(FeedbackSource.UNKNOWN);
        assertThat(old).isEqualTo(new Feedback("old-1", Article.of("a-1", "央行降息", ""), "经济", Optional.empty(), "",
                Optional.empty(), Instant.parse("2026-01-02T03:04:05Z")));
        assertThat(tombstone.source()).isEqualTo(FeedbackSource.UNKNOWN);
    }

    @Test
    void aTombstoneLineKeepsTheKindOfSourceAndNoName() throws Exception {
        Feedback tombstone = FeedbackChange.tombstone(CORRECTION.by("李娜"));
        String line = text(FeedbackLineCodec.encode(new FeedbackLine.Tombstone(tombstone)));

        assertThat(line).contains("\"source\":{\"kind\":\"person\"}").doesNotContain("李娜");
        assertThat(decode(line)).isEqualTo(new FeedbackLine.Tombstone(tombstone));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "\"source\":\"alice\"|field \"source\" must be an object",
        "\"source\":{\"name\":\"alice\"}|missing field \"source.kind\"",
        "\"source\":{\"kind\":\"robot\",\"name\":\"x\"}|\"source.kind\" is \"robot\"",
        "\"source\":{\"kind\":\"person\",\"name\":7}|field \"source.name\" must be a string",
        "\"source\":{\"kind\":\"unknown\",\"name\":\"x\"}|an unknown feedback source has no name"})
    void aBadSourceIsABadLineThatSaysWhatIsWrong(String field, String problem) {
        String line = "{\"v\":1,\"op\":\"add\",\"id\":\"f\",\"article\":{\"id\":\"a\",\"body\":\"b\"},\"label\":\"x\","
                + "\"created_at\":\"2026-01-02T03:04:05Z\"," + field + "}";

        assertThatThrownBy(() -> decode(line)).isInstanceOf(FeedbackLineCodec.BadLine.class)
                .hasMessageContaining(problem);
    }

    @Test
    void aRetractionNamesTheIdAndTheTime() throws Exception {
        Instant at = Instant.parse("2026-03-04T05:06:07Z");
        String line = text(FeedbackLineCodec.encode(new FeedbackLine.Retracted("f-9", at)));

        assertThat(line).isEqualTo("{\"v\":1,\"op\":\"retract\",\"id\":\"f-9\",\"at\":\"2026-03-04T05:06:07Z\"}\n");
        assertThat(decode(line)).isEqualTo(new FeedbackLine.Retracted("f-9", at));
    }

    @Test
    void whatIsEncodedDecodesToTheSameFeedback() throws Exception {
        byte[] line = FeedbackLineCodec.encode(new FeedbackLine.Added(CORRECTION));

        assertThat(FeedbackLineCodec.decode(line, 0, line.length)).isEqualTo(new FeedbackLine.Added(CORRECTION));
        assertThat(FeedbackLineCodec.decodeId(line, 0, line.length)).isEqualTo(CORRECTION.id());
    }

    @Test
    void aHandWrittenLineInAnyFieldOrderWithUnknownFieldsReads() throws Exception {
        String line = "{\"created_at\":\"2026-01-01T00:00:00Z\",\"label\":\"科技\",\"op\":\"add\",\"v\":1,"
                + "\"source_app\":{\"name\":\"x\",\"tags\":[1,2,{\"deep\":true}]},\"id\":\"h1\","
                + "\"article\":{\"body\":\"芯片\",\"id\":\"a\",\"words\":2,\"metadata\":null},\"predicted\":null}";

        Feedback feedback = ((FeedbackLine.Added) decode(line)).feedback();

        assertThat(feedback).isEqualTo(new Feedback("h1", new Article("a", "", "芯片", Map.of()), "科技",
                Optional.empty(), "", Optional.empty(), Instant.parse("2026-01-01T00:00:00Z")));
    }

    @Test
    void instantsReadBackExactlyInEveryFormInstantWrites() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        for (int i = 0; i < 5_000; i++) {
            long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L); // years 0001 to 9999
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1_000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant instant = Instant.ofEpochSecond(seconds, nanos);
            assertThat(FeedbackLineCodec.canonicalInstant(instant.toString())).isEqualTo(instant);
        }
        assertThat(FeedbackLineCodec.canonicalInstant("2024-02-29T23:59:59.5Z")).isEqualTo(Instant.parse("2024-02-29T23:59:59.5Z"));
        assertThat(FeedbackLineCodec.canonicalInstant("2023-02-29T00:00:00Z")).as("no such day").isNull();
        assertThat(FeedbackLineCodec.canonicalInstant("2026-01-01T24:00:00Z")).isNull();
        assertThat(FeedbackLineCodec.canonicalInstant("2026-01-01T00:00:00+01:00")).isNull();
        assertThat(FeedbackLineCodec.canonicalInstant("2026-01-01T00:00:00.Z")).isNull();
        assertThat(FeedbackLineCodec.canonicalInstant("+10000-01-01T00:00:00Z")).isNull();
    }

    @Test
    void instantsInOtherIsoFormsStillRead() throws Exception {
        String line = "{\"v\":1,\"op\":\"retract\",\"id\":\"x\",\"at\":\"2026-01-01T00:00:00.000000001Z\"}";
        assertThat(decode(line)).isEqualTo(new FeedbackLine.Retracted("x", Instant.ofEpochSecond(1_767_225_600L, 1)));
        assertThatThrownBy(() -> decode(line.replace("2026-01-01", "2026-02-30")))
                .hasMessageContaining("is not an ISO-8601 instant: '2026-02-30T00:00:00.000000001Z'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "'[1,2]'                                                   | not a JSON object",
        "'{\"v\":1,\"op\":\"add\"'                                  | the record is cut short (truncated JSON)",
        "'{\"v\":1,\"op\":\"retract\",\"id\":\"x\",\"at\":\"2026-01-01T00:00:00Z\"} {}' | more text after the JSON object",
        "'{\"op\":\"retract\",\"id\":\"x\",\"at\":\"2026-01-01T00:00:00Z\"}' | missing field \"v\"",
        "'{\"v\":3,\"op\":\"retract\",\"id\":\"x\",\"at\":\"2026-01-01T00:00:00Z\"}' | schema version 3 is not supported",
        "'{\"v\":\"1\",\"op\":\"retract\",\"id\":\"x\"}'               | field \"v\" must be an integer",
        "'{\"v\":1,\"op\":\"delete\",\"id\":\"x\"}'                    | unknown op \"delete\"",
        "'{\"v\":1,\"op\":\"retract\",\"at\":\"2026-01-01T00:00:00Z\"}' | missing field \"id\"",
        "'{\"v\":1,\"op\":\"retract\",\"id\":\"x\",\"at\":\"yesterday\"}' | field \"at\" is not an ISO-8601 instant: 'yesterday'",
        "'{\"v\":1,\"op\":\"add\",\"id\":\"x\",\"label\":\"a\",\"created_at\":\"2026-01-01T00:00:00Z\"}' | missing field \"article\"",
        "'{\"v\":1,\"op\":\"add\",\"id\":\"x\",\"article\":{\"id\":\"a\",\"body\":\"b\"},\"label\":7,\"created_at\":\"2026-01-01T00:00:00Z\"}' | field \"label\" must be a string, was 7",
        "'{\"v\":1,\"op\":\"add\",\"id\":\"x\",\"article\":{\"id\":\"a\",\"body\":\"b\"},\"created_at\":\"2026-01-01T00:00:00Z\"}' | missing field \"label\"",
        "'{\"v\":1,\"op\":\"add\",\"id\":\"x\",\"article\":{\"id\":\"a\"},\"label\":\"l\",\"created_at\":\"2026-01-01T00:00:00Z\"}' | has neither a title nor a body",
        "'{\"v\":1,\"op\":\"add\",\"id\":\"x\",\"article\":[],\"label\":\"l\",\"created_at\":\"2026-01-01T00:00:00Z\"}' | field \"article\" must be an object, was an array",
        "'{\"v\":1,\"op\":\"add\",\"id\":\"x\",\"article\":{\"id\":\"a\",\"body\":\"b\",\"metadata\":{\"k\":1}},\"label\":\"l\",\"created_at\":\"2026-01-01T00:00:00Z\"}' | field \"article.metadata.k\" must be a string",
    })
    void aBadLineSaysWhatIsWrong(String line, String problem) {
        assertThatThrownBy(() -> decode(line)).isInstanceOf(FeedbackLineCodec.BadLine.class)
                .hasMessageContaining(problem);
    }
}
