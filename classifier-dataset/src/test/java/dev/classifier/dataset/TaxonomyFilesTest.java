package dev.classifier.dataset;

import dev.classifier.api.Taxonomy;
import dev.classifier.testkit.SampleNews;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaxonomyFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsCategoriesInOrderAndAddsTheFallback() throws IOException {
        Path file = Files.writeString(dir.resolve("taxonomy.jsonl"),
                "{\"label\":\"体育\",\"description\":\"比赛与运动员\"}\n\n{\"label\":\"Business\"}\n", StandardCharsets.UTF_8);
        Taxonomy taxonomy = TaxonomyFiles.read(file);
        assertThat(taxonomy.labels()).containsExactly("体育", "Business", "Uncategorized");
        assertThat(taxonomy.category("体育").orElseThrow().description()).isEqualTo("比赛与运动员");
    }

    @Test
    void namesTheFileAndLineOfABadCategory() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.jsonl"), "{\"label\":\"A\"}\n{\"description\":\"no label\"}\n");
        assertThatThrownBy(() -> TaxonomyFiles.read(file))
                .hasMessageContaining("bad.jsonl:2")
                .hasMessageContaining("label");
    }

    @Test
    void namesTheFileOfADuplicateLabel() throws IOException {
        Path file = Files.writeString(dir.resolve("dup.jsonl"), "{\"label\":\"A\"}\n{\"label\":\"A\"}\n");
        assertThatThrownBy(() -> TaxonomyFiles.read(file))
                .hasMessageContaining("dup.jsonl")
                .hasMessageContaining("'A' is defined twice");
    }

    @Test
    void aFeedbackFileIsNotATaxonomyFileAndTheMessageSaysSo() throws IOException {
        Path feedback = dir.resolve("feedback.jsonl");
        try (InputStream in = SampleNews.open(SampleNews.FEEDBACK)) {
            Files.copy(in, feedback);
        }

        assertThatThrownBy(() -> TaxonomyFiles.read(feedback)).isInstanceOf(JsonlException.class)
                .hasMessageStartingWith(feedback + ":1:")
                .hasMessageContaining("not a taxonomy file")
                .hasMessageContaining("\"title\", \"body\"")
                .hasMessageNotContaining("defined twice");
        assertThatThrownBy(() -> TaxonomyFiles.read(SampleNews.open(SampleNews.FEEDBACK),
                SampleNews.nameOf(SampleNews.FEEDBACK), "Uncategorized"))
                .hasMessageStartingWith("samples/feedback.jsonl:1:").hasMessageContaining("not a taxonomy file");
    }

    @Test
    void theShippedTaxonomyStillReads() {
        Taxonomy taxonomy = TaxonomyFiles.read(SampleNews.open(SampleNews.TAXONOMY),
                SampleNews.nameOf(SampleNews.TAXONOMY), "Uncategorized");
        assertThat(taxonomy.labels()).hasSize(8).contains("Health", "Uncategorized");
    }
}
