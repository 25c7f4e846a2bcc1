package dev.classifier.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.classifier.testkit.SampleNews;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** With classifier-embeddings on the class path (it is, in test scope), train and classify use it. */
class EmbeddingsStrategyTest {

    @TempDir
    Path dir;

    @Test
    void trainsSavesLoadsAndClassifiesWithEmbeddings() throws Exception {
        Path taxonomy = CliRun.sample(dir, SampleNews.TAXONOMY);
        Path feedback = CliRun.sample(dir, SampleNews.FEEDBACK);
        Path store = dir.resolve("store.jsonl");
        assertThat(CliRun.run("import", "--taxonomy", taxonomy.toString(), "--store", store.toString(),
                feedback.toString()).exitCode()).isZero();
        Path model = dir.resolve("e.bin");
        CliRun train = CliRun.run("train", "--strategy", "embeddings", "--store", store.toString(),
                "--taxonomy", taxonomy.toString(), "-o", model.toString());
        assertThat(train.exitCode()).as(train.toString()).isZero();
        assertThat(train.out()).contains("trained embeddings on 228 feedback").contains("embeddings-v1@");
        assertThat(model).isNotEmptyFile();

        CliRun classify = CliRun.withStdin("{\"id\":\"zh-1\",\"title\":\"国足晋级世界杯决赛\",\"body\":\"球队在点球大战中获胜\"}\n",
                "classify", "--strategy", "embeddings", "-m", model.toString());
        assertThat(classify.exitCode()).as(classify.toString()).isZero();
        assertThat(new ObjectMapper().readTree(classify.out()).path("label").asText()).isEqualTo("Sports");

        CliRun local = CliRun.withStdin("", "classify", "--strategy", "local", "-m", model.toString());
        assertThat(local.exitCode()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(local.err()).contains("e.bin");
        assertThat(Files.size(model)).isPositive();
    }
}
