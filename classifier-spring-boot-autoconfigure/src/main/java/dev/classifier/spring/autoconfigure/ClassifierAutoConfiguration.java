package dev.classifier.spring.autoconfigure;

import dev.classifier.api.Classifier;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Taxonomy;
import dev.classifier.loop.ReviewQueue;
import dev.classifier.micrometer.FeedbackStoreMetrics;
import dev.classifier.micrometer.ReviewQueueMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ResourceLoader;

import javax.sql.DataSource;

/**
 * Makes the {@link Taxonomy}, the {@link FeedbackStore} and the {@link Classifier} from the {@code classifier.*}
 * properties ({@link ClassifierProperties}), each only when the application has not defined its own, and their
 * meters as {@link MeterBinder} beans, which Spring Boot binds to its registries (with the actuator). After Boot's
 * {@code DataSource} auto-configuration, so that {@code classifier.store.type=jdbc} finds the application's pool.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@EnableConfigurationProperties(ClassifierProperties.class)
public class ClassifierAutoConfiguration {

    /**
     * @param properties the {@code classifier.*} properties
     * @param resources  where {@code classpath:} locations are looked up (the application context)
     * @return the taxonomy read from {@code classifier.taxonomy}
     */
    @Bean
    @ConditionalOnMissingBean
    public Taxonomy classifierTaxonomy(ClassifierProperties properties, ResourceLoader resources) {
        return Taxonomies.read(properties.taxonomy(), resources);
    }

    /**
     * @param properties  the {@code classifier.*} properties
     * @param dataSources the application's {@code DataSource}, for {@code classifier.store.type=jdbc}
     * @return the store {@code classifier.store.*} describes; closed with the context
     */
    @Bean
    @ConditionalOnMissingBean
    public FeedbackStore classifierFeedbackStore(ClassifierProperties properties,
                                                 ObjectProvider<DataSource> dataSources) {
        return FeedbackStores.open(properties.store(), dataSources);
    }

    /** @return the holder of the starter-built classifier's meters, bound by Boot like any {@link MeterBinder} */
    @Bean
    public ClassifierMeterBinders classifierMeterBinders() {
        return new ClassifierMeterBinders();
    }

    /**
     * @param properties the {@code classifier.*} properties
     * @param taxonomy   the taxonomy (the application's or the starter's)
     * @param store      the feedback store (the application's or the starter's)
     * @param meters     where the classifier's meters go
     * @return the classifier {@code classifier.strategy} names, measured; closed with the context
     */
    @Bean
    @ConditionalOnMissingBean
    public Classifier classifier(ClassifierProperties properties, Taxonomy taxonomy, FeedbackStore store,
                                 ClassifierMeterBinders meters) {
        return Strategies.build(properties, taxonomy, store, meters);
    }

    /**
     * @param properties the {@code classifier.*} properties
     * @param stores     the feedback store, whoever defined it
     * @return the meters of the store's change feed and size, tagged {@code store} with {@code classifier.name}
     */
    @Bean
    public MeterBinder classifierFeedbackStoreMeters(ClassifierProperties properties,
                                                     ObjectProvider<FeedbackStore> stores) {
        return registry -> stores.ifUnique(store -> new FeedbackStoreMetrics(store, properties.name())
                .bindTo(registry));
    }

    /** The size of the application's {@link ReviewQueue} (classifier-loop), when it has one. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "dev.classifier.loop.ReviewQueue")
    static class ReviewQueueMeters {

        @Bean
        MeterBinder classifierReviewQueueMeters(ClassifierProperties properties, ObjectProvider<ReviewQueue> queues) {
            return registry -> queues.ifUnique(queue -> new ReviewQueueMetrics(properties.name(), queue::size)
                    .bindTo(registry));
        }
    }
}
