package dev.classifier.cli;

import dev.classifier.api.ClassificationException;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.dataset.JsonlWriter;
import dev.classifier.api.Usage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PredictionLinesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesOneObjectALineWithChineseAndEmojiAsUtf8() throws Exception {
        Map<String, Double> scores = new LinkedHashMap<>();
        scores.put("体育", 0.87654);
        scores.put("财经", 0.12346);
        Prediction prediction = new Prediction("体育", 0.87654, scores,
                EnumSet.of(Prediction.Flag.CORRECTED, Prediction.Flag.RESOLVED), "进球 ⚽ 决赛\n第二行", "local@1",
                Usage.NONE, Prediction.UNKNOWN_SEQUENCE, Optional.empty());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonlWriter<PredictionLines.Line> out = PredictionLines.toStream(bytes, "<test>", true)) {
            out.write(new PredictionLines.Line("zh-1", new Outcome.Success(prediction)));
            out.write(new PredictionLines.Line("zh-2",
                    new Outcome.Failure("zh-2", new ClassificationException("the endpoint is unreachable"))));
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();

        assertThat(text).endsWith("\n").contains("进球 ⚽ 决赛").doesNotContain("\\u");
        assertThat(lines).hasSize(2);
        JsonNode first = JSON.readTree(lines.get(0));
        assertThat(first.fieldNames()).toIterable()
                .containsExactly("id", "label", "confidence", "flags", "model", "reason", "scores");
        assertThat(first.get("label").asText()).isEqualTo("体育");
        assertThat(first.get("confidence").asDouble()).isEqualTo(0.8765);
        assertThat(first.get("flags")).extracting(JsonNode::asText).containsExactlyInAnyOrder("RESOLVED", "CORRECTED");
        assertThat(first.get("reason").asText()).isEqualTo("进球 ⚽ 决赛\n第二行");
        assertThat(first.get("scores").get("财经").asDouble()).isEqualTo(0.1235);
        assertThat(lines.get(1)).isEqualTo("{\"id\":\"zh-2\",\"error\":\"the endpoint is unreachable\"}");
    }

    @Test
    void leavesOutWhatIsEmptyAndScoresUnlessAsked() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonlWriter<PredictionLines.Line> out = PredictionLines.toStream(bytes, "<test>", false)) {
            out.write(new PredictionLines.Line("a", new Outcome.Success(Prediction.of("Sports", 1.0, "local@2"))));
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":\"a\",\"label\":\"Sports\",\"confidence\":1.0,\"model\":\"local@2\"}\n");
    }

    @Test
    void aFileThatCannotBeOpenedIsNamed(@TempDir Path dir) throws Exception {
        Path directory = Files.createDirectory(dir.resolve("out.jsonl"));
        assertThatThrownBy(() -> PredictionLines.toFile(directory, false))
                .hasMessageStartingWith("cannot open " + directory + " for writing");
    }
}
