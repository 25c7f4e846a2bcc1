package dev.classifier.spring.autoconfigure;

import dev.classifier.api.FeedbackStore;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.dataset.JsonlFeedbackStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.util.ClassUtils;

import javax.sql.DataSource;

/** Opens the store {@code classifier.store.*} describes. */
final class FeedbackStores {

    private FeedbackStores() {
    }

    static FeedbackStore open(ClassifierProperties.Store store, ObjectProvider<DataSource> dataSources) {
        return switch (store.type()) {
            case MEMORY -> new InMemoryFeedbackStore();
            case JSONL -> {
                if (store.path() == null) {
                    throw new IllegalStateException("classifier.store.type is jsonl but classifier.store.path is not"
                            + " set: set it to the feedback file (created if absent), or set classifier.store.type"
                            + " to jdbc (the application's DataSource) or memory");
                }
                yield JsonlFeedbackStore.open(store.path());
            }
            case JDBC -> jdbc(dataSources);
        };
    }

    private static FeedbackStore jdbc(ObjectProvider<DataSource> dataSources) {
        if (!ClassUtils.isPresent("dev.classifier.store.jdbc.JdbcFeedbackStore",
                FeedbackStores.class.getClassLoader())) {
            throw new IllegalStateException("classifier.store.type is jdbc but dev.classifier:classifier-store-jdbc"
                    + " is not on the class path: add it (and your database's driver)");
        }
        DataSource dataSource = dataSources.getIfUnique();
        if (dataSource == null) {
            throw new IllegalStateException("classifier.store.type is jdbc but the application has no single"
                    + " DataSource bean: configure spring.datasource.* or define one");
        }
        return JdbcStores.open(dataSource);
    }

    /** Apart, so that this class loads without classifier-store-jdbc on the class path. */
    private static final class JdbcStores {
        static FeedbackStore open(DataSource dataSource) {
            return dev.classifier.store.jdbc.JdbcFeedbackStore.open(dataSource);
        }
    }
}
