package dev.classifier.finetune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.openai.ChatMessage;
import dev.classifier.prompt.PromptFormat;
import dev.classifier.prompt.RenderedPrompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TrainingSetTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PromptFormat FORMAT = PromptFormat.of(Samples.taxonomy());

    @TempDir
    Path dir;

    @Test
    void everyFeedbackBecomesOneExampleSplitPerLabel() {
        TrainingSet set = TrainingSet.builder(FORMAT).fromFeedback(Samples.store());

        TrainingSetReport report = set.report();
        assertThat(report.sourceRows()).isEqualTo(228);
        assertThat(report.duplicates()).isEmpty();
        assertThat(report.conflicts()).isEmpty();
        assertThat(set.training().size() + set.validation().size()).isEqualTo(228);
        // A tenth of each label, rounded: 29 -> 3, 25 -> 3 (2.5 rounds up).
        assertThat(report.validation().values()).containsOnly(3);
        assertThat(report.training()).containsEntry("Politics", 26).containsEntry("Uncategorized", 22);
        assertThat(set.training()).extracting(TrainingExample::sourceId)
                .doesNotContainAnyElementsOf(set.validation().stream().map(TrainingExample::sourceId).toList());
    }

    @Test
    void trainingMatchesInferenceMinusTheExamples() {
        TrainingSet set = TrainingSet.builder(FORMAT).validationFraction(0).fromFeedback(Samples.feedback());
        Map<String, Feedback> byId = new java.util.HashMap<>();
        Samples.feedback().forEach(f -> byId.put(f.id(), f));

        for (TrainingExample example : set.training()) {
            Feedback source = byId.get(example.sourceId());
            RenderedPrompt atInference = FORMAT.render(source.article(), List.of());
            List<ChatMessage> messages = example.messages();
            assertThat(messages).hasSize(3);
            assertThat(messages.subList(0, 2)).isEqualTo(atInference.messages());
            assertThat(messages.get(2)).isEqualTo(ChatMessage.assistant(FORMAT.answerJson(source.label(),
                    source.reason())));
            assertThat(FORMAT.parseAnswer(messages.get(2).content()).label()).isEqualTo(source.label());
        }
    }

    @Test
    void theWrittenFilesHoldOnlyMessagesInOpenAisChatFormatAndChineseAsIs() throws Exception {
        TrainingSet.Files files = TrainingSet.builder(FORMAT).fromFeedback(Samples.feedback()).writeTo(dir);

        List<String> lines = Files.readAllLines(files.training(), StandardCharsets.UTF_8);
        assertThat(lines).hasSize(228 - 24);
        assertThat(Files.readAllLines(files.validation().orElseThrow())).hasSize(24);
        for (String line : lines) {
            JsonNode node = JSON.readTree(line);
            assertThat(node.properties()).extracting(Map.Entry::getKey).containsExactly("messages");
            assertThat(node.get("messages")).extracting(m -> m.get("role").asText())
                    .containsExactly("system", "user", "assistant");
        }
        String everything = String.join("\n", lines) + Files.readString(files.validation().orElseThrow());
        assertThat(everything.contains("医药企业并购案获股东大会批准")).as("Chinese written as UTF-8").isTrue();
        assertThat(everything.contains("\\u")).as("no \\u escapes").isFalse();
        try (var listing = Files.list(dir)) {
            assertThat(listing.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("training.jsonl", "validation.jsonl");
        }
    }

    @Test
    void theWrittenFilesPassTheValidatorWithTheTaxonomysLabelChecks() {
        TrainingSet set = TrainingSet.builder(FORMAT).fromFeedback(Samples.feedback());
        TrainingSet.Files files = set.writeTo(dir);
        DatasetValidator validator = DatasetValidator.builder().model(Samples.MODEL).taxonomy(Samples.taxonomy())
                .build();

        ValidationReport training = validator.validate(files.training());
        ValidationReport validation = validator.validate(files.validation().orElseThrow(),
                DatasetValidator.Purpose.VALIDATION);

        assertThat(training.isValid()).as(training.summary(20)).isTrue();
        assertThat(training.problems()).isEmpty();
        assertThat(training.labels()).isEqualTo(set.report().training().entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> (long) e.getValue())));
        assertThat(validation.isValid()).isTrue();
        assertThat(validation.cost()).isEmpty();
        // Every label has 3 validation examples: expected of a validation file, so no warning.
        assertThat(validation.labels().values()).containsOnly(3L);
        assertThat(validation.problems()).isEmpty();
    }

    @Test
    void theSameSeedGivesTheSameSplitAndAnotherSeedAnother() {
        List<String> first = TrainingSet.builder(FORMAT).seed(7).fromFeedback(Samples.feedback()).validation()
                .stream().map(TrainingExample::sourceId).toList();
        List<String> again = TrainingSet.builder(FORMAT).seed(7).fromFeedback(Samples.feedback()).validation()
                .stream().map(TrainingExample::sourceId).toList();
        List<String> other = TrainingSet.builder(FORMAT).seed(8).fromFeedback(Samples.feedback()).validation()
                .stream().map(TrainingExample::sourceId).toList();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void withoutAValidationShareOnlyATrainingFileIsWritten() throws Exception {
        TrainingSet.Files files = TrainingSet.builder(FORMAT).validationFraction(0).fromFeedback(Samples.feedback())
                .writeTo(dir);

        assertThat(files.validation()).isEmpty();
        assertThat(Files.exists(dir.resolve(TrainingSet.VALIDATION_FILE))).isFalse();
        assertThat(Files.readAllLines(files.training())).hasSize(228);
    }

    @Test
    void theLabelMappingRenamesMergesAndDropsBeforeAnythingElse() {
        Taxonomy merged = Taxonomy.builder()
                .category("Politics", "").category("Business", "").category("SciTech", "Science and technology")
                .category("Sports", "").category("Health", "").build();
        LabelMapping mapping = LabelMapping.builder().rename("Science", "SciTech").rename("Technology", "SciTech")
                .drop("Entertainment").build();

        TrainingSet set = TrainingSet.builder(PromptFormat.of(merged)).labelMapping(mapping).validationFraction(0)
                .fromFeedback(Samples.feedback());

        TrainingSetReport report = set.report();
        assertThat(report.training()).containsEntry("SciTech", 58).containsEntry("Uncategorized", 25);
        assertThat(report.droppedByMapping()).containsExactlyEntriesOf(Map.of("Entertainment", 29));
        assertThat(set.training()).hasSize(228 - 29);
        assertThat(set.training()).allSatisfy(e -> assertThat(merged.contains(e.label())).isTrue());
        assertThat(set.training()).filteredOn(e -> e.label().equals("SciTech")).allSatisfy(e ->
                assertThat(e.messages().get(2).content()).contains("\"label\":\"SciTech\""));
    }

    @Test
    void aRepeatedArticleWithOneLabelKeepsItsLatestRow() {
        List<Feedback> feedback = new ArrayList<>(Samples.feedback());
        Feedback original = feedback.get(0);
        Feedback again = new Feedback("fb-again", original.article(), original.label(), Optional.empty(),
                "still politics", Optional.empty(), original.createdAt().plusSeconds(86_400));
        feedback.add(again);

        TrainingSet set = TrainingSet.builder(FORMAT).validationFraction(0).fromFeedback(feedback);

        assertThat(set.report().duplicates()).singleElement().satisfies(group -> {
            assertThat(group.kept()).isEqualTo("fb-again");
            assertThat(group.removed()).containsExactly(original.id());
            assertThat(group.match()).isEqualTo(DuplicateGroup.Match.SAME_ID);
        });
        assertThat(set.training()).hasSize(228);
        assertThat(set.training()).filteredOn(e -> e.sourceId().equals("fb-again")).singleElement()
                .satisfies(e -> assertThat(e.messages().get(2).content()).contains("still politics"));
    }

    @Test
    void theSameTextUnderAnotherIdIsADuplicateOnceNormalised() {
        List<Feedback> feedback = List.of(
                Samples.feedback("a", "Central bank raises rates", "The bank raised its main rate by 0.25 points.",
                        "Business", 0),
                Samples.feedback("b", "CENTRAL  BANK RAISES RATES", "The bank raised its main rate by ０.２５ points.",
                        "Business", 1),
                Samples.feedback("c", "Striker scores twice", "The home side won the final 3-1.", "Sports", 2));

        TrainingSet set = TrainingSet.builder(FORMAT).validationFraction(0).fromFeedback(feedback);

        assertThat(set.report().duplicates()).singleElement().satisfies(group -> {
            assertThat(group.kept()).isEqualTo("b");
            assertThat(group.match()).isEqualTo(DuplicateGroup.Match.SAME_TEXT);
        });
        assertThat(set.training()).extracting(TrainingExample::sourceId).containsExactlyInAnyOrder("b", "c");
    }

    @Test
    void nearlyTheSameChineseArticleUnderAnotherLabelIsAConflictAndTheLatestWins() {
        String body = "中国人民银行今日宣布下调存款准备金率0.5个百分点，释放长期资金约一万亿元，以支持实体经济发展。"
                + "分析人士认为，此举有助于降低银行资金成本，稳定市场预期。";
        List<Feedback> feedback = List.of(
                Samples.feedback("old", "央行宣布降准", body, "Politics", 0),
                Samples.feedback("new", "央行宣布降准", body.replace("分析人士认为", "多位分析人士认为"), "Business", 5),
                Samples.feedback("other", "国足客场战平对手", "在昨晚进行的世预赛中，国足客场1比1战平对手。", "Sports", 9));

        TrainingSet latest = TrainingSet.builder(FORMAT).validationFraction(0).fromFeedback(feedback);
        TrainingSet strict = TrainingSet.builder(FORMAT).validationFraction(0).conflicts(ConflictPolicy.DROP_ALL)
                .fromFeedback(feedback);

        assertThat(latest.report().conflicts()).singleElement().satisfies(conflict -> {
            assertThat(conflict.labels()).containsExactly(Map.entry("old", "Politics"), Map.entry("new", "Business"));
            assertThat(conflict.match()).isEqualTo(DuplicateGroup.Match.NEAR_TEXT);
            assertThat(conflict.kept()).contains("new");
        });
        assertThat(latest.training()).extracting(TrainingExample::sourceId).containsExactlyInAnyOrder("new", "other");
        assertThat(strict.report().conflicts()).singleElement()
                .satisfies(conflict -> assertThat(conflict.kept()).isEmpty());
        assertThat(strict.training()).extracting(TrainingExample::sourceId).containsExactly("other");
        assertThat(strict.report().conflictingRowsLeftOut()).isEqualTo(2);
    }

    @Test
    void similarButDifferentNewsIsNotADuplicate() {
        List<Feedback> feedback = List.of(
                Samples.feedback("a", "Striker scores twice in cup final",
                        "The home side won the cup final 3-1 after a second-half double from their striker.", "Sports", 0),
                Samples.feedback("b", "Goalkeeper saves penalty in cup semi-final",
                        "The away side reached the cup final after their goalkeeper saved a late penalty.", "Sports", 1));

        TrainingSet set = TrainingSet.builder(FORMAT).validationFraction(0).fromFeedback(feedback);

        assertThat(set.report().duplicates()).isEmpty();
        assertThat(set.training()).hasSize(2);
    }

    @Test
    void aStricterThresholdKeepsNearCopiesApart() {
        String body = "The council approved the new budget on Monday after a long debate about school funding "
                + "and road repairs across the city.";
        List<Feedback> feedback = List.of(
                Samples.feedback("a", "Council passes budget", body, "Politics", 0),
                Samples.feedback("b", "Council passes budget", body.replace("Monday", "Tuesday"), "Politics", 1));

        assertThat(TrainingSet.builder(FORMAT).validationFraction(0).fromFeedback(feedback).training()).hasSize(1);
        assertThat(TrainingSet.builder(FORMAT).validationFraction(0).nearDuplicateSimilarity(1.0)
                .fromFeedback(feedback).training()).hasSize(2);
    }

    @Test
    void aLabelledSetTrainsWithAnEmptyReason() {
        List<LabeledArticle> rows = List.of(
                new LabeledArticle(Article.of("r1", "Markets rally", "Shares rose for a third day."), "Business"),
                new LabeledArticle(Article.of("r2", "新冠疫苗获批", "一款新疫苗今日获批上市。"), "Health"),
                new LabeledArticle(Article.of("r3", "Old label", "A story filed under a retired label."), "Weather"));

        TrainingSet set = TrainingSet.builder(FORMAT).validationFraction(0).fromLabeled(rows);

        assertThat(set.training()).hasSize(2);
        assertThat(set.report().droppedByMapping()).containsExactlyEntriesOf(Map.of("Weather", 1));
        assertThat(set.training()).allSatisfy(e -> assertThat(e.messages().get(2).content()).endsWith("\"reason\":\"\"}"));
    }
}
