package dev.classifier.examples.spring;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.TaxonomyFiles;
import dev.classifier.testkit.SampleNews;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The taxonomy the module ships and the seeding of an empty store, without a server. */
class ShippedFilesTest {

    private static final Path TAXONOMY = Path.of("config/taxonomy.jsonl");

    @Test
    void theShippedTaxonomyIsTheSampleNewsTaxonomyThatTheSeedFeedbackIsLabelledUnder() throws Exception {
        try (InputStream sample = SampleNews.open(SampleNews.TAXONOMY)) {
            assertThat(Files.readAllBytes(TAXONOMY)).as("config/taxonomy.jsonl is testkit's %s",
                    SampleNews.nameOf(SampleNews.TAXONOMY)).isEqualTo(sample.readAllBytes());
        }
    }

    @Test
    void seedsAnEmptyStoreOnceAndLeavesEverythingElseAlone() {
        Taxonomy taxonomy = TaxonomyFiles.read(TAXONOMY);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("taxonomy", taxonomy);
        SampleFeedbackSeeder seeder = new SampleFeedbackSeeder(beans.getBeanProvider(Taxonomy.class));

        try (FeedbackStore store = new InMemoryFeedbackStore()) {
            assertThat(seeder.postProcessAfterInitialization(store, "store")).isSameAs(store);
            assertThat(store.size()).isEqualTo(228);
            try (Stream<Feedback> seeded = store.stream()) {
                assertThat(seeded.filter(f -> f.article().title().matches(".*\\p{IsHan}.*")).count())
                        .as("Chinese feedback among it").isGreaterThan(50);
            }

            seeder.postProcessAfterInitialization(store, "store");
            assertThat(store.size()).as("a store that holds feedback is left alone").isEqualTo(228);
        }
        Object other = "not a store";
        assertThat(seeder.postProcessAfterInitialization(other, "other")).isSameAs(other);
    }
}
