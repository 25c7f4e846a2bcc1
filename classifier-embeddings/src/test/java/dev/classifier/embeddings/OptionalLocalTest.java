package dev.classifier.embeddings;

import dev.classifier.local.LocalClassifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * classifier-local is an optional dependency: without it on the class path, a saved classifier without a companion
 * loads and classifies, and one with the local companion is refused with a message that says what to add.
 */
class OptionalLocalTest {

    @TempDir
    Path dir;

    @Test
    void withoutClassifierLocalOnlyTheCompanionNeedsIt() throws IOException, InterruptedException {
        HashingEmbedder model = new HashingEmbedder();
        EmbeddingClassifier plain = EmbeddingTrainer.builder().embedder(model).taxonomy(TrainingData.TAXONOMY).noCompanion().build()
                .train(TrainingData.examples());
        Path plainFile = dir.resolve("plain.model");
        plain.save(plainFile);
        EmbeddingClassifier blended = new EmbeddingClassifier(plain.taxonomy(), model, plain.contents().linear(),
                Optional.of(new Companion(LocalClassifier.trainer().train(TrainingData.examples(),
                        TrainingData.TAXONOMY), 0.5, 1.0)), plain.summary());
        Path blendedFile = dir.resolve("blended.model");
        blended.save(blendedFile);

        String classPath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.contains("classifier-local"))
                .collect(Collectors.joining(File.pathSeparator));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx128m", "-cp", classPath,
                LoadWithoutLocalProbe.class.getName(), plainFile.toString(), blendedFile.toString()))
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).isTrue();
        assertThat(output).contains("local.present=false")
                .contains("plain.model=ok " + plain.classify(dev.classifier.api.Article.of("a", "Stocks rally", "")).label())
                .contains("blended.model=java.lang.IllegalStateException the embedding classifier in " + blendedFile
                        + " blends in the local n-gram model: add dev.classifier:classifier-local to the class path");
    }
}
