package dev.classifier.spring.autoconfigure;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Usage;
import dev.classifier.dataset.JsonlFeedbackStore;
import dev.classifier.dataset.TaxonomyFiles;
import dev.classifier.loop.Candidate;
import dev.classifier.loop.ReviewQueue;
import dev.classifier.micrometer.MeteredClassifier;
import dev.classifier.store.jdbc.JdbcFeedbackStore;
import dev.classifier.testkit.SampleNews;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.sqlite.SQLiteDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The starter in an application context, no server: Boot's metrics auto-configuration gives the registry. */
class ClassifierAutoConfigurationTest {

    private static final String TAXONOMY = """
            {"label": "Business", "description": "Companies, markets and the economy"}
            {"label": "Technology", "description": "Products, software, chips"}
            {"label": "Sports", "description": "Matches, players, transfers"}
            """;

    @TempDir
    Path dir;

    private Path taxonomyFile;
    private Path feedbackFile;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class,
                    ClassifierAutoConfiguration.class));

    @BeforeEach
    void files() throws IOException {
        taxonomyFile = Files.writeString(dir.resolve("taxonomy.jsonl"), TAXONOMY);
        feedbackFile = dir.resolve("feedback.jsonl");
        try (JsonlFeedbackStore store = JsonlFeedbackStore.open(feedbackFile)) {
            store.addAll(feedback());
        }
    }

    static List<Feedback> feedback() {
        return List.of(
                Feedback.of(Article.of("a-1", "Central bank cuts interest rates", ""), "Business", "").withId("fb-1"),
                Feedback.of(Article.of("a-2", "央行宣布降息", ""), "Business", "").withId("fb-2"),
                Feedback.of(Article.of("a-3", "Startup unveils a faster phone chip", ""), "Technology", "")
                        .withId("fb-3"),
                Feedback.of(Article.of("a-4", "新款手机芯片发布", ""), "Technology", "").withId("fb-4"),
                Feedback.of(Article.of("a-5", "Striker scores twice in the cup final", ""), "Sports", "")
                        .withId("fb-5"),
                Feedback.of(Article.of("a-6", "国足晋级世界杯决赛", ""), "Sports", "").withId("fb-6"));
    }

    private String[] onlyClassifierProperties() {
        return new String[]{"classifier.name=newsroom", "classifier.taxonomy=" + taxonomyFile,
                "classifier.store.path=" + feedbackFile};
    }

    @Test
    void onlyClassifierPropertiesGiveAWorkingClassifierStoreAndMeters() {
        runner.withPropertyValues(onlyClassifierProperties()).run(context -> {
            assertThat(context).hasNotFailed();
            FeedbackStore store = context.getBean(FeedbackStore.class);
            assertThat(store).isInstanceOf(JsonlFeedbackStore.class);
            assertThat(store.size()).isEqualTo(6);
            Classifier classifier = context.getBean(Classifier.class);
            assertThat(classifier.taxonomy().labels()).contains("Business", "Technology", "Sports");

            // Trained at start on the store's feedback: the first request gets a trained model.
            Prediction bank = classifier.classify(Article.of("q-1", "央行再次降息", ""));
            Prediction chip = classifier.classify(Article.of("q-2", "Chipmaker shows a faster phone chip", ""));
            Prediction goal = classifier.classify(Article.of("q-3", "Striker scores in the final", ""));
            assertThat(List.of(bank.label(), chip.label(), goal.label()))
                    .containsExactly("Business", "Technology", "Sports");

            store.add(Feedback.of(Article.of("a-7", "苹果公司季度营收创新高", ""), "Business", "").withId("fb-7"));

            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("classifier.classifications")
                    .tags("classifier", "newsroom", "model", "local", "outcome", "success").counter().count())
                    .isEqualTo(3);
            assertThat(registry.get("classifier.latency").tags("call", "classify").timer().count()).isEqualTo(3);
            assertThat(registry.get("classifier.refreshes").tags("classifier", "newsroom", "result", "retrained")
                    .functionCounter().count()).isGreaterThanOrEqualTo(1);
            assertThat(registry.get("classifier.model.generation").gauge().value()).isGreaterThanOrEqualTo(1);
            assertThat(registry.get("classifier.feedback.size").tags("store", "newsroom").gauge().value())
                    .isEqualTo(7);
            assertThat(registry.get("classifier.feedback.changes").tags("change", "added").functionCounter()
                    .count()).isEqualTo(1);
        });
    }

    @Test
    void aCorrectionChangesTheNextAnswerBeforeAnyRetrain() {
        Article article = Article.of("q-9", "Striker signs for the chipmaker's football club", "");
        runner.withPropertyValues(onlyClassifierProperties()).run(context -> {
            Classifier classifier = context.getBean(Classifier.class);
            Prediction before = classifier.classify(article);
            String other = before.label().equals("Business") ? "Technology" : "Business";
            FeedbackStore store = context.getBean(FeedbackStore.class);
            store.add(Feedback.correction(article).from(before.label()).to(other).by("editor-li")
                    .because("a club owned by a company: business news").withId("fb-9"));

            // The default retrains after 10 changes: this one answer comes from the correction, not a new model.
            Prediction after = classifier.classify(article);
            assertThat(after.label()).isEqualTo(other);
            assertThat(after.has(Prediction.Flag.CORRECTED)).isTrue();
            assertThat(after.followed()).contains("fb-9");
            assertThat(after.model()).as("the same model, corrected").isEqualTo(before.model() + "+corrections");
        });
        runner.withPropertyValues(onlyClassifierProperties()).withPropertyValues("classifier.corrections.at-once=false")
                .run(context -> {
                    Classifier classifier = context.getBean(Classifier.class);
                    Prediction before = classifier.classify(article);
                    String other = before.label().equals("Business") ? "Technology" : "Business";
                    context.getBean(FeedbackStore.class).add(Feedback.correction(article).from(before.label())
                            .to(other).by("editor-li").because("a club owned by a company").withId("fb-10"));
                    assertThat(classifier.classify(article).label()).as("off: only a retrain learns it")
                            .isEqualTo(before.label());
                });
    }

    @Test
    void theEmbeddingsStrategyTrainsOnTheStoreAtStart() {
        runner.withPropertyValues(onlyClassifierProperties()).withPropertyValues("classifier.strategy=embeddings")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Classifier classifier = context.getBean(Classifier.class);
                    assertThat(classifier.classify(Article.of("q-1", "国足晋级决赛", "")).label()).isEqualTo("Sports");
                    assertThat(context.getBean(MeterRegistry.class).get("classifier.classifications")
                            .tags("model", "embeddings", "outcome", "success").counter().count()).isEqualTo(1);
                });
    }

    @Test
    void beansTheApplicationDefinesWin() {
        runner.withUserConfiguration(OwnBeans.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(FeedbackStore.class)).isSameAs(context.getBean(OwnBeans.class).store);
            assertThat(context.getBean(Classifier.class)).isNotInstanceOf(MeteredClassifier.class);
            assertThat(context.getBean(Classifier.class).classify(Article.of("q", "Anything", "")).label())
                    .isEqualTo("Sports");
            assertThat(context).getBeans(Taxonomy.class).hasSize(1);
            // The application's store is measured all the same.
            assertThat(context.getBean(MeterRegistry.class).get("classifier.feedback.size").gauge().value())
                    .isZero();
        });
    }

    @Test
    void theApplicationsReviewQueueIsMeasured() {
        Taxonomy taxonomy = Taxonomy.builder().category("Sports", "Matches").category("Business", "Markets").build();
        ReviewQueue queue = ReviewQueue.builder(taxonomy).build();
        runner.withPropertyValues(onlyClassifierProperties()).withBean(ReviewQueue.class, () -> queue).run(context -> {
            assertThat(context).hasNotFailed();
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            assertThat(registry.get("classifier.review.queue.size").tags("queue", "newsroom").gauge().value())
                    .isZero();
            queue.offer(Candidate.of(Article.of("q-1", "国足晋级决赛", ""), new Prediction("Sports", 0.55,
                    Map.of("Sports", 0.55, "Business", 0.45), Set.of(), "", "m", Usage.NONE)));
            assertThat(registry.get("classifier.review.queue.size").gauge().value()).isEqualTo(1);
        });
    }

    @Test
    void theStoreCanBeTheApplicationsDataSource() {
        runner.withBean(DataSource.class, () -> {
                    SQLiteDataSource source = new SQLiteDataSource();
                    source.setUrl("jdbc:sqlite:" + dir.resolve("feedback.db"));
                    return source;
                })
                .withPropertyValues("classifier.taxonomy=" + taxonomyFile, "classifier.store.type=jdbc")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    FeedbackStore store = context.getBean(FeedbackStore.class);
                    assertThat(store).isInstanceOf(JdbcFeedbackStore.class);
                    store.addAll(feedback());
                    assertThat(store.size()).isEqualTo(6);
                });
    }

    @Test
    void theTaxonomyMayComeFromTheClassPathOrAFileUrl() {
        // The project's sample taxonomy, shipped in classifier-testkit's jar: English and Chinese categories.
        runner.withPropertyValues("classifier.taxonomy=classpath:dev/classifier/testkit/samples/taxonomy.jsonl",
                "classifier.store.type=memory").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(Taxonomy.class).labels())
                            .isEqualTo(TaxonomyFiles.read(SampleNews.open(SampleNews.TAXONOMY), "sample",
                                    Taxonomy.DEFAULT_FALLBACK).labels());
                });
        runner.withPropertyValues("classifier.taxonomy=file:" + taxonomyFile, "classifier.store.type=memory")
                .run(context -> assertThat(context.getBean(Taxonomy.class).labels())
                        .contains("Business", "Technology", "Sports"));
        runner.withPropertyValues("classifier.taxonomy=classpath:no/such/taxonomy.jsonl", "classifier.store.type=memory")
                .run(context -> assertThat(context).getFailure().rootCause()
                        .hasMessage("classifier.taxonomy names classpath:no/such/taxonomy.jsonl, which is not on the"
                                + " class path"));
    }

    @Test
    void aMissingTaxonomyFailsSayingWhichPropertyToSet() {
        runner.withPropertyValues("classifier.store.type=memory").run(context ->
                assertThat(context).getFailure().rootCause()
                        .hasMessageStartingWith("classifier.taxonomy is not set: set it to the taxonomy file"));
    }

    @Test
    void aJsonlStoreWithoutAPathFailsSayingWhatToSet() {
        runner.withPropertyValues("classifier.taxonomy=" + taxonomyFile).run(context ->
                assertThat(context).getFailure().rootCause()
                        .hasMessageStartingWith("classifier.store.type is jsonl but classifier.store.path is not set"));
    }

    @Test
    void anUnknownStrategyFailsNamingTheProperty() {
        runner.withPropertyValues("classifier.taxonomy=" + taxonomyFile, "classifier.store.type=memory",
                "classifier.strategy=telepathy").run(context ->
                assertThat(messages(context.getStartupFailure()))
                        .contains("Failed to bind properties under 'classifier.strategy'")
                        .contains("telepathy"));
    }

    @Test
    void aBadRefreshSettingFailsNamingTheProperty() {
        runner.withPropertyValues("classifier.taxonomy=" + taxonomyFile, "classifier.store.type=memory",
                "classifier.refresh.retrain-after=0").run(context ->
                assertThat(context).getFailure().rootCause()
                        .hasMessage("classifier.refresh.retrain-after must be at least 1, was 0"));
    }

    @Test
    void aCascadeThresholdOutsideZeroToOneFailsNamingTheProperty() {
        runner.withPropertyValues("classifier.taxonomy=" + taxonomyFile, "classifier.store.type=memory",
                "classifier.strategy=cascade", "classifier.cascade.threshold=1.5").run(context ->
                assertThat(context).getFailure().rootCause()
                        .hasMessage("classifier.cascade.threshold must be in [0, 1], was 1.5"));
    }

    @Test
    void theOpenAiKeyStaysOutOfThePropertiesText() {
        ClassifierProperties.OpenAi openai = new ClassifierProperties.OpenAi("sk-secret-123", null, "gpt-6-luna");
        assertThat(openai.toString()).doesNotContain("sk-secret-123").contains("apiKey=(set)");
    }

    /** The messages of a failure and its causes, as a person reading the start-up log sees them. */
    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {
        final InMemoryFeedbackStore store = new InMemoryFeedbackStore();

        @Bean
        FeedbackStore myStore() {
            return store;
        }

        @Bean
        Taxonomy myTaxonomy() {
            return Taxonomy.builder().category("Sports", "Matches").build();
        }

        @Bean
        Classifier myClassifier(Taxonomy taxonomy) {
            return new Classifier() {
                @Override
                public Prediction classify(Article article) {
                    return Prediction.of("Sports", 1.0, "mine");
                }

                @Override
                public Taxonomy taxonomy() {
                    return taxonomy;
                }
            };
        }
    }
}
