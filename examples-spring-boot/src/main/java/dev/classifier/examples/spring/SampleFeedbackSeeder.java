package dev.classifier.examples.spring;

import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.FeedbackImport;
import dev.classifier.dataset.ImportResult;
import dev.classifier.testkit.SampleNews;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Seeds an empty feedback store with the project's sample feedback ({@link SampleNews}: 228 labelled English and
 * Chinese news items, 96 of them corrections with reasons), so that the service answers out of the box. It acts
 * on the store bean as soon as the starter has opened it, that is before the classifier bean trains on the store
 * at start ({@code classifier.refresh.train-at-start}): the first request already gets a trained model. A store
 * that holds anything is left as it is, so a restart adds nothing.
 */
@Component
class SampleFeedbackSeeder implements BeanPostProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(SampleFeedbackSeeder.class);

    private final ObjectProvider<Taxonomy> taxonomy;

    /** @param taxonomy looked up only when the store is seeded: a post-processor must not create beans early */
    SampleFeedbackSeeder(ObjectProvider<Taxonomy> taxonomy) {
        this.taxonomy = taxonomy;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof FeedbackStore store && store.size() == 0) {
            ImportResult result = FeedbackImport.builder(taxonomy.getObject()).progressLog(false).build()
                    .importJsonl(SampleNews.open(SampleNews.FEEDBACK), SampleNews.nameOf(SampleNews.FEEDBACK), store);
            LOG.info("The feedback store was empty: seeded it with {} sample feedback ({})", result.added(),
                    SampleNews.nameOf(SampleNews.FEEDBACK));
        }
        return bean;
    }
}
