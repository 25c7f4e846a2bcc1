package dev.classifier.testkit.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelResponderTest {

    private static ChatRequest request(String instructions, String article, ResponseFormat format) {
        return new ChatRequest("gpt-4o-mini", List.of(ChatMessage.of("system", instructions),
                ChatMessage.of("user", "few-shot example about football"), ChatMessage.of("assistant", "sports"),
                ChatMessage.of("user", article)), format, OptionalDouble.empty(), Optional.empty(), OptionalLong.empty(),
                false, 0, OptionalInt.empty(), 1, Optional.empty(), RawHttp.MAPPER.createObjectNode());
    }

    private static ResponseFormat schemaWith(String... labels) {
        ObjectNode schema = ChatParams.classifyJson("x").at("/response_format/json_schema/schema").deepCopy();
        var values = ((ObjectNode) schema.at("/properties/label")).putArray("enum");
        for (String l : labels) {
            values.add(l);
        }
        return new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, Optional.of("s"), Optional.of(schema), true);
    }

    private static String label(Responder responder, ChatRequest request) {
        return ((Reply.Label) responder.respond(request)).label();
    }

    @Test
    void rulesLookAtTheLastUserMessageOnlyInOrderAndFoldWidthAndCase() {
        LabelResponder responder = LabelResponder.builder().rule("football", "sports").rule("ＡＩ", "tech")
                .rule("选举", "politics").build();
        ResponseFormat format = schemaWith("sports", "tech", "politics", "Uncategorized");

        assertThat(label(responder, request("", "New ai chips", format))).isEqualTo("tech");
        assertThat(label(responder, request("", "今年的选举", format))).isEqualTo("politics");
        // The few-shot example mentions football; the article does not. "ai" inside "rain" is no keyword.
        assertThat(label(responder, request("", "Rain later", format))).isEqualTo("Uncategorized");
        assertThat(label(responder, request("", "Footballers", format))).isEqualTo("Uncategorized");
    }

    @Test
    void aRuleWhoseLabelIsNotAllowedIsSkipped() {
        LabelResponder responder = LabelResponder.builder().rule("goal", "sport").rule("goal", "sports").build();
        assertThat(label(responder, request("", "a goal", schemaWith("sports", "other")))).isEqualTo("sports");
    }

    @Test
    void labelsComeFromTheInstructionsWhenThereIsNoSchema() {
        LabelResponder responder = LabelResponder.builder().fallback("other").build();
        String english = "You classify news.\nCategories:\n- **economy**: money and trade\n- culture — the arts\n"
                + "- other: anything else\n\nAnswer with JSON.";
        String chinese = "请把新闻分类。\n类别：\n1. 经济：金融与贸易\n2. 文化：艺术\n";

        assertThat(request(english, "x", ResponseFormat.TEXT).labels()).containsExactly("economy", "culture", "other");
        assertThat(label(responder, request(english, "x", ResponseFormat.TEXT))).isEqualTo("other");
        assertThat(request(chinese, "x", ResponseFormat.TEXT).labels()).containsExactly("经济", "文化");
        assertThat(label(responder, request(chinese, "x", ResponseFormat.TEXT))).isEqualTo("经济");
        assertThat(request("Labels: a, b | c", "x", ResponseFormat.TEXT).labels()).containsExactly("a", "b", "c");
    }

    @Test
    void withNoLabelsAnywhereTheBuilderLabelsOrTheFallback() {
        assertThat(label(LabelResponder.builder().labels("x", "y").build(), request("", "t", ResponseFormat.TEXT)))
                .isEqualTo("x");
        assertThat(label(LabelResponder.create(), request("", "t", ResponseFormat.TEXT))).isEqualTo("Uncategorized");
    }

    @Test
    void confidencesAreThoseGiven() {
        LabelResponder responder = LabelResponder.builder().rule("a", "sports").confidence(0.99, 0.3).build();
        ResponseFormat format = schemaWith("sports", "Uncategorized");
        assertThat(((Reply.Label) responder.respond(request("", "a", format))).confidence()).isEqualTo(0.99);
        assertThat(((Reply.Label) responder.respond(request("", "z", format))).confidence()).isEqualTo(0.3);
        assertThatThrownBy(() -> LabelResponder.builder().confidence(0, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LabelResponder.builder().rule(" ", "x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSchemaInstanceFillsEveryPropertyByType() throws Exception {
        ObjectNode schema = (ObjectNode) RawHttp.MAPPER.readTree("""
                {"type":"object","properties":{
                  "category":{"anyOf":[{"$ref":"#/$defs/labels"},{"type":"null"}]},
                  "why":{"type":"string"},"confidence":{"type":"number"},"flags":{"type":"array","items":{"type":"string"}},
                  "meta":{"type":"object","properties":{"lang":{"type":"string","enum":["en","zh"]},
                          "count":{"type":"integer"}},"required":["lang","count"],"additionalProperties":false}},
                 "required":["category","why","confidence","flags","meta"],"additionalProperties":false,
                 "$defs":{"labels":{"type":"string","enum":["a","b"]}}}""");
        var instance = SchemaInstance.of(schema, "b", "because", 0.7);
        assertThat(instance.toString()).isEqualTo(
                "{\"category\":\"b\",\"why\":\"because\",\"confidence\":0.7,\"flags\":[],\"meta\":{\"lang\":\"en\",\"count\":0}}");
        assertThat(LabelSources.fromSchema(schema)).containsExactly("a", "b");
    }
}
