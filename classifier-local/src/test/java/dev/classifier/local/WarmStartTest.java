package dev.classifier.local;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TrainedClassifier;
import dev.classifier.api.Trainer;
import dev.classifier.local.bench.BenchData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@link LocalTrainer#retrain}: warm starts answer as well as training from scratch, and fall back to it. */
class WarmStartTest {

    @TempDir
    Path dir;

    @Test
    void aWarmStartOnTheSharedSetsIsAsAccurateAsTrainingFromScratch() {
        Path data = BenchData.dataDir().resolve("agnews");
        assumeTrue(Files.isRegularFile(data.resolve("train.jsonl")), "../shared/data is absent");
        List<LabeledArticle> train = BenchData.read(data.resolve("train.jsonl"));
        List<LabeledArticle> test = BenchData.read(data.resolve("test.jsonl"));
        Taxonomy taxonomy = BenchData.taxonomyOf(train);
        LocalTrainer trainer = LocalTrainer.builder().warmStartAbove(0).build();

        LocalClassifier previous = trainer.train(train.subList(0, train.size() - 5), taxonomy);
        LocalClassifier warm = trainer.retrain(previous, train, taxonomy);
        LocalClassifier scratch = trainer.train(train, taxonomy);

        assertThat(warm.modelVersion()).isNotEqualTo(scratch.modelVersion()); // it did start warm
        assertThat(warm.summary().rows()).isEqualTo(train.size());
        assertThat(warm.summary().temperature()).as("one new row keeps the temperature")
                .isEqualTo(previous.summary().temperature());
        assertThat(accuracy(warm, test)).isCloseTo(accuracy(scratch, test), org.assertj.core.data.Offset.offset(0.003));
    }

    @Test
    void relabelledRowsAreLearntAfterAWarmStart() {
        List<LabeledArticle> rows = MiniCorpus.rows();
        LocalTrainer trainer = LocalTrainer.builder().seed(3).parallelism(1).warmStartAbove(0).build();
        LocalClassifier previous = trainer.train(rows, MiniCorpus.TAXONOMY);
        // The user now files every Chinese sports headline under World.
        List<LabeledArticle> relabelled = rows.stream().map(r -> r.label().equals("Sports")
                && r.article().text().codePoints().anyMatch(c -> c >= 0x4e00 && c <= 0x9fff)
                ? new LabeledArticle(r.article(), "World") : r).toList();
        LocalClassifier warm = trainer.retrain(previous, relabelled, MiniCorpus.TAXONOMY);
        LocalClassifier scratch = trainer.train(relabelled, MiniCorpus.TAXONOMY);
        for (LabeledArticle row : relabelled) {
            assertThat(warm.classify(row.article()).label()).as(row.article().title())
                    .isEqualTo(scratch.classify(row.article()).label());
        }
        assertThat(warm.classify(Article.of("q", "国足客场战平对手", "")).label()).isEqualTo("World");
    }

    @Test
    void withoutAWarmStateItTrainsFromScratchByteForByte() throws Exception {
        List<LabeledArticle> rows = MiniCorpus.rows();
        LocalTrainer trainer = LocalTrainer.builder().seed(3).parallelism(1).build();
        LocalClassifier trained = trainer.train(rows.subList(0, 40), MiniCorpus.TAXONOMY);
        String scratch = trainer.train(rows, MiniCorpus.TAXONOMY).modelVersion();

        assertThat(trainer.retrain(trained, rows, MiniCorpus.TAXONOMY).modelVersion())
                .as("below warmStartAbove (5,000 rows)").isEqualTo(scratch);
        trained.save(dir.resolve("m.model"));
        LocalTrainer warmAlways = LocalTrainer.builder().seed(3).parallelism(1).warmStartAbove(0).build();
        assertThat(warmAlways.retrain(LocalClassifier.load(dir.resolve("m.model")), rows, MiniCorpus.TAXONOMY)
                .modelVersion()).as("a loaded model has no warm state").isEqualTo(scratch);
        LocalTrainer otherSeed = LocalTrainer.builder().seed(4).parallelism(1).warmStartAbove(0).build();
        assertThat(otherSeed.retrain(trained, rows, MiniCorpus.TAXONOMY).modelVersion())
                .as("other settings: from scratch").isEqualTo(otherSeed.train(rows, MiniCorpus.TAXONOMY).modelVersion());
        Trainer plain = (r, t) -> trainer.train(r, t);
        TrainedClassifier byDefault = plain.retrain(trained, rows, MiniCorpus.TAXONOMY);
        assertThat(byDefault.modelVersion()).as("the Trainer default trains from scratch").isEqualTo(scratch);
    }

    private static double accuracy(LocalClassifier model, List<LabeledArticle> test) {
        return test.stream().filter(r -> model.classify(r.article()).label().equals(r.label())).count()
                / (double) test.size();
    }
}
