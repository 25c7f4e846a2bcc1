package dev.classifier.finetune;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.classifier.api.Taxonomy;
import dev.classifier.prompt.PromptFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The service's rules and this library's checks of classification data, beyond the cookbook's seven kinds. */
class DatasetValidatorTest {

    private static final Taxonomy TAXONOMY = Samples.taxonomy();
    /** The 228 sample feedback rendered as training lines, in a fixed order. */
    private static final List<String> LINES = TrainingSet.builder(PromptFormat.of(TAXONOMY)).validationFraction(0)
            .fromFeedback(Samples.feedback()).training().stream().map(e -> e.toJson().toString()).toList();

    @TempDir
    Path dir;

    private final DatasetValidator withLabels = DatasetValidator.builder().model(Samples.MODEL).taxonomy(TAXONOMY)
            .build();

    private Path file(List<String> lines) {
        return ToyFile.write(dir, "train.jsonl", lines);
    }

    private static List<String> lines(int n) {
        return new ArrayList<>(LINES.subList(0, n));
    }

    private static String edit(String line, java.util.function.Consumer<ObjectNode> change) {
        try {
            ObjectNode node = (ObjectNode) ToyFile.MAPPER.readTree(line);
            change.accept(node);
            return node.toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aTrainingFileNeedsTenExamplesAValidationFileDoesNot() {
        ValidationReport nine = DatasetValidator.forModel(Samples.MODEL).validate(file(lines(9)));
        ValidationReport ten = DatasetValidator.forModel(Samples.MODEL).validate(file(lines(10)));
        ValidationReport validation = DatasetValidator.forModel(Samples.MODEL).validate(file(lines(3)),
                DatasetValidator.Purpose.VALIDATION);

        assertThat(nine.count(ProblemKind.TOO_FEW_EXAMPLES)).isEqualTo(1);
        assertThat(nine.errors()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEmpty();
            assertThat(p.message()).contains("9 example(s)", "at least 10");
        });
        assertThat(ten.isValid()).isTrue();
        assertThat(validation.isValid()).isTrue();
        assertThat(validation.cost()).isEmpty();
    }

    @Test
    void keysBesideMessagesAreRejectedAsTheServiceDoes() {
        List<String> lines = lines(12);
        lines.set(4, edit(lines.get(4), n -> n.put("weight", 1).putObject("metadata").put("source", "feedback")));

        ValidationReport report = DatasetValidator.forModel(Samples.MODEL).validate(file(lines));

        assertThat(report.count(ProblemKind.EXAMPLE_UNRECOGNIZED_KEY)).isEqualTo(1);
        assertThat(report.errors()).singleElement().satisfies(p -> {
            assertThat(p.line()).hasValue(5);
            assertThat(p.message()).contains("'metadata', 'weight'");
        });
    }

    @Test
    void aWeightIsZeroOrOneOnAssistantMessagesOnly() {
        List<String> lines = lines(12);
        lines.set(0, edit(lines.get(0), n -> ((ObjectNode) n.get("messages").get(2)).put("weight", 2)));
        lines.set(1, edit(lines.get(1), n -> ((ObjectNode) n.get("messages").get(1)).put("weight", 1)));
        lines.set(2, edit(lines.get(2), n -> ((ObjectNode) n.get("messages").get(2)).put("weight", 0)));
        lines.set(3, edit(lines.get(3), n -> ((ObjectNode) n.get("messages").get(2)).put("weight", 1)));

        ValidationReport report = DatasetValidator.forModel(Samples.MODEL).validate(file(lines));

        assertThat(report.problems()).extracting(p -> p.line().orElse(0), Problem::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, ProblemKind.INVALID_WEIGHT),
                org.assertj.core.groups.Tuple.tuple(2L, ProblemKind.INVALID_WEIGHT),
                org.assertj.core.groups.Tuple.tuple(3L, ProblemKind.NOTHING_TO_TRAIN));
        assertThat(report.problems().get(1).message()).contains("only assistant messages");
    }

    @Test
    void theDeveloperRoleIsRefusedWithAHint() {
        List<String> lines = lines(12);
        lines.set(6, edit(lines.get(6), n -> ((ObjectNode) n.get("messages").get(0)).put("role", "developer")));

        ValidationReport report = DatasetValidator.forModel(Samples.MODEL).validate(file(lines));

        assertThat(report.errors()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ProblemKind.UNRECOGNIZED_ROLE);
            assertThat(p.line()).hasValue(7);
            assertThat(p.message()).contains("'developer'", "use 'system'");
        });
    }

    @Test
    void answersMustBeTheFormatsLabelJsonWithATaxonomyLabel() {
        List<String> lines = lines(12);
        lines.set(0, edit(lines.get(0), n -> ((ObjectNode) n.get("messages").get(2)).put("content", "Politics")));
        lines.set(1, edit(lines.get(1), n -> ((ObjectNode) n.get("messages").get(2))
                .put("content", "{\"label\":\"politics\",\"reason\":\"x\"}")));
        lines.set(2, edit(lines.get(2), n -> ((ObjectNode) n.get("messages").get(2))
                .put("content", "{\"label\":\"Weather\",\"reason\":\"x\"}")));

        ValidationReport report = withLabels.validate(file(lines));

        assertThat(report.count(ProblemKind.ANSWER_NOT_LABEL_JSON)).isEqualTo(1);
        assertThat(report.count(ProblemKind.LABEL_OUTSIDE_TAXONOMY)).isEqualTo(2);
        assertThat(report.problems()).filteredOn(p -> p.line().orElse(0) == 2).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("did you mean 'Politics'?"));
        assertThat(report.problems()).filteredOn(p -> p.line().orElse(0) == 3).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("'Weather'").doesNotContain("did you mean"));
        // Without a taxonomy, answers are not read.
        assertThat(DatasetValidator.forModel(Samples.MODEL).validate(file(lines)).isValid()).isTrue();
    }

    @Test
    void labelsWithTooFewExamplesAndImbalanceAreWarnedAbout() {
        List<String> lines = new ArrayList<>(LINES);
        // Keep every example but only two of Sports: 29 of the others against 2 is more than 10 times.
        List<String> sports = lines.stream().filter(l -> l.contains("\\\"label\\\":\\\"Sports\\\"")).toList();
        lines.removeAll(sports.subList(2, sports.size()));

        ValidationReport report = withLabels.validate(file(lines));

        assertThat(report.labels()).containsEntry("Sports", 2L).containsEntry("Politics", 29L);
        assertThat(report.count(ProblemKind.TOO_FEW_LABEL_EXAMPLES)).isEqualTo(1);
        assertThat(report.count(ProblemKind.LABEL_IMBALANCE)).isEqualTo(1);
        assertThat(report.warnings()).anySatisfy(p -> assertThat(p.message()).contains("'Sports' has 2 example(s)"));
        assertThat(report.isValid()).isTrue();
        assertThat(DatasetValidator.builder().model(Samples.MODEL).taxonomy(TAXONOMY).minExamplesPerLabel(2)
                .maxImbalance(20).build()
                .validate(file(lines)).warnings()).isEmpty();
    }

    @Test
    void repeatedExamplesAndPromptsAnsweredTwoWaysAreFound() {
        List<String> lines = lines(12);
        lines.add(lines.get(3));
        lines.add(edit(lines.get(5), n -> ((ObjectNode) n.get("messages").get(2))
                .put("content", "{\"label\":\"Sports\",\"reason\":\"changed my mind\"}")));

        ValidationReport report = DatasetValidator.forModel(Samples.MODEL).validate(file(lines));

        assertThat(report.warnings()).extracting(p -> p.line().orElse(0), Problem::kind, Problem::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(13L, ProblemKind.DUPLICATE_EXAMPLE, "the same example as line 4"),
                        org.assertj.core.groups.Tuple.tuple(14L, ProblemKind.CONFLICTING_ANSWER,
                                "the same prompt as line 6 with another answer"));
        assertThat(report.isValid()).isTrue();
    }

    @Test
    void theCostIsBilledTokensTimesEpochsTimesThePrice() {
        ValidationReport report = DatasetValidator.forModel(Samples.MODEL).validate(file(LINES));

        TrainingCost cost = report.cost().orElseThrow();
        // 228 examples: 3 * 228 is between 100 and 25,000, so 3 epochs.
        assertThat(report.epochs()).isEqualTo(3);
        // gpt-4.1-nano's training price in the catalog.
        assertThat(cost.pricePerMillion()).isEqualTo(1.50);
        assertThat(cost.tokensPerEpoch()).isEqualTo(report.tokens().billedTokensPerEpoch()).isGreaterThan(228L * 500);
        assertThat(cost.usd()).isCloseTo(cost.tokensPerEpoch() * 3 * 1.50 / 1e6, within(1e-9));

        TrainingCost cheaper = DatasetValidator.builder().model(Samples.MODEL).trainingPricePerMillion(0.75).epochs(2)
                .build().validate(file(LINES)).cost().orElseThrow();
        assertThat(cheaper.usd()).isCloseTo(cost.usd() / 3, within(1e-9));
        BaseModel unpriced = new BaseModel("gpt-4.1-2025-04-14", 65_536, OptionalDouble.empty());
        assertThat(DatasetValidator.builder().model(unpriced).build().validate(file(LINES)).cost()).isEmpty();
    }

    @Test
    void theCookbooksEpochRuleOfThumb() {
        assertThat(TrainingCost.cookbookEpochs(1)).isEqualTo(25);
        assertThat(TrainingCost.cookbookEpochs(10)).isEqualTo(10);
        assertThat(TrainingCost.cookbookEpochs(20)).isEqualTo(5);
        assertThat(TrainingCost.cookbookEpochs(33)).isEqualTo(3);
        assertThat(TrainingCost.cookbookEpochs(50)).isEqualTo(3);
        assertThat(TrainingCost.cookbookEpochs(8_333)).isEqualTo(3);
        assertThat(TrainingCost.cookbookEpochs(10_000)).isEqualTo(2);
        assertThat(TrainingCost.cookbookEpochs(30_000)).isEqualTo(1);
        // The worked example of FACTS.md: 1,000 examples x 500 tokens x 3 epochs at $3.00 per 1M = $4.50.
        assertThat(new TrainingCost(500_000, 3, 3.00).usd()).isCloseTo(4.50, within(1e-9));
    }

    @Test
    void everyProblemIsCountedButOnlyTheFirstAreListed() {
        List<String> lines = lines(30);
        for (int i = 0; i < 20; i++) {
            lines.set(i, edit(lines.get(i), n -> ((ObjectNode) n.get("messages").get(2)).put("content", "")));
        }

        ValidationReport report = DatasetValidator.builder().model(Samples.MODEL).maxReportedProblems(5).build()
                .validate(file(lines));

        assertThat(report.count(ProblemKind.MISSING_CONTENT)).isEqualTo(20);
        assertThat(report.problems()).hasSize(5).extracting(p -> p.line().orElse(0)).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertThat(report.problemsTruncated()).isTrue();
        assertThat(report.summary(3)).contains("missing_content: 20", "line 1: missing_content", "...");
    }

    @Test
    void aFileThatIsNotJsonlStopsAfterTooManyUnreadableLines() {
        List<String> garbage = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            garbage.add("not json at all, line " + i);
        }

        ValidationReport report = DatasetValidator.builder().model(Samples.MODEL).maxUnparsableLines(5).build()
                .validate(file(garbage));

        assertThat(report.complete()).isFalse();
        assertThat(report.isValid()).isFalse();
        assertThat(report.problems().get(0)).satisfies(p -> {
            assertThat(p.line()).isEmpty();
            assertThat(p.message()).contains("stopped reading at line 6", "is this a JSONL file?");
        });
        assertThat(report.count(ProblemKind.INVALID_JSON)).isEqualTo(7);
    }

    @Test
    void aLineOverTheReadLimitIsReportedNotBuffered() {
        List<String> lines = lines(12);
        lines.set(3, edit(lines.get(3), n -> ((ObjectNode) n.get("messages").get(1)).put("content", "x".repeat(10_000))));

        ValidationReport report = DatasetValidator.builder().model(Samples.MODEL).maxLineBytes(12_000).build()
                .validate(file(lines));

        assertThat(report.problems()).singleElement().satisfies(p -> {
            assertThat(p.kind()).isEqualTo(ProblemKind.LINE_TOO_LONG);
            assertThat(p.line()).hasValue(4);
        });
        assertThat(report.examples()).isEqualTo(12);
    }

    @Test
    void aStreamIsValidatedLikeAFileUnderTheNameGiven() {
        byte[] content = (String.join("\n", lines(10)) + "\n").getBytes(StandardCharsets.UTF_8);

        ValidationReport report = DatasetValidator.forModel(Samples.MODEL).validate(new ByteArrayInputStream(content),
                "upload.jsonl", DatasetValidator.Purpose.TRAINING);

        assertThat(report.file()).isEqualTo("upload.jsonl");
        assertThat(report.examples()).isEqualTo(10);
        assertThat(report.isValid()).isTrue();
        assertThat(report.summary(5)).startsWith("upload.jsonl (training file, gpt-4.1-nano-2025-04-14): 10 examples, valid");
    }

    @Test
    void modelsComeFromTheCatalogByIdAliasSnapshotOrFineTunedName() {
        assertThat(BaseModel.of("gpt-4o-mini")).isEqualTo(new BaseModel("gpt-4o-mini-2024-07-18", 65_536,
                OptionalDouble.of(3.00)));
        assertThat(BaseModel.of("gpt-4.1-nano-2025-04-14")).isEqualTo(BaseModel.of("gpt-4.1-nano"));
        assertThat(BaseModel.of("gpt-4.1-mini").trainingPricePerMillion()).hasValue(5.00);
        // A tuned model is trained further at its base's terms.
        assertThat(BaseModel.of("ft:gpt-4o-mini-2024-07-18:acme:news:abc123")).satisfies(m -> {
            assertThat(m.id()).isEqualTo("ft:gpt-4o-mini-2024-07-18:acme:news:abc123");
            assertThat(m.trainingPricePerMillion()).hasValue(3.00);
        });
        assertThat(JobRequest.fineTunableModels()).containsExactly("gpt-4.1-mini", "gpt-4.1-nano", "gpt-4o-mini");
    }

    @Test
    void thereIsNoDefaultModelAndOneThatCannotBeTunedIsRefusedByName() {
        assertThatThrownBy(() -> DatasetValidator.builder().taxonomy(TAXONOMY).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("name the model the file is for", "there is no default model",
                        "gpt-4.1-nano", "gpt-4o-mini (shuts down 2027-01-14)");
        assertThatThrownBy(() -> DatasetValidator.forModel("gpt-6-luna"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'gpt-6-luna' cannot be fine-tuned", "fine-tunable in the catalog: gpt-4.1-mini");
        assertThatThrownBy(() -> DatasetValidator.forModel("davinci-002"))
                .hasMessageContaining("the catalog has no model 'davinci-002'", "new BaseModel(");
        assertThatThrownBy(() -> JobRequest.builder(" ", "file-1"))
                .hasMessageContaining("name the base model to fine-tune: there is no default", "gpt-4.1-nano");
        // Another target, an open-weight model say, is described in full.
        BaseModel qwen = new BaseModel("Qwen2.5-7B-Instruct", 8_192, OptionalDouble.empty());
        assertThat(DatasetValidator.builder().model(qwen).build().model()).isEqualTo(qwen);
    }
}
