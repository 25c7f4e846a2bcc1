package dev.classifier.spring.autoconfigure;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The {@code classifier.*} properties.
 *
 * @param name     the classifier's name: the {@code classifier} tag of its meters
 * @param strategy how it classifies
 * @param taxonomy the taxonomy (JSONL, one category a line, as {@code TaxonomyFiles} reads it): a file path, or
 *                 {@code classpath:} and a resource in the application; needed unless the application defines its
 *                 own {@code Taxonomy} bean
 * @param store    where the feedback lives
 * @param refresh  how a trainable strategy follows the store
 * @param local    the local n-gram model
 * @param openai   the prompt strategy's provider and model
 * @param cascade  the cascade's threshold
 * @param corrections whether a correction takes effect at once, before a retrain learns it
 */
@ConfigurationProperties("classifier")
public record ClassifierProperties(@DefaultValue("classifier") String name,
                                   @DefaultValue("local") Strategy strategy,
                                   String taxonomy,
                                   @DefaultValue Store store,
                                   @DefaultValue Refresh refresh,
                                   @DefaultValue Local local,
                                   @DefaultValue OpenAi openai,
                                   @DefaultValue Cascade cascade,
                                   @DefaultValue Corrections corrections) {

    /** The strategies the starter can build. */
    public enum Strategy {
        /** The offline n-gram model, retrained as feedback arrives. */
        LOCAL,
        /** Sentence embeddings blended with the n-gram model (needs classifier-embeddings), retrained likewise. */
        EMBEDDINGS,
        /** An OpenAI chat model with a few-shot window from the store (needs classifier-prompt). */
        PROMPT,
        /** The local model when it is sure, the prompt strategy otherwise. */
        CASCADE
    }

    /** The kinds of feedback store. */
    public enum StoreType {
        /** {@code JsonlFeedbackStore} at {@code classifier.store.path}. */
        JSONL,
        /** {@code JdbcFeedbackStore} on the application's {@code DataSource} (needs classifier-store-jdbc). */
        JDBC,
        /** {@code InMemoryFeedbackStore}: forgets everything at shutdown; for tests and demos. */
        MEMORY
    }

    /**
     * @param type the kind of store
     * @param path the JSONL file, for {@code type=jsonl}
     */
    public record Store(@DefaultValue("jsonl") StoreType type, Path path) {
    }

    /**
     * @param retrainAfter retrain after this many changes in the store
     * @param pollEvery    how often to read the store's change feed
     * @param trainAtStart train on what the store holds before the application starts, so that the first request
     *                     gets a trained model (otherwise the fallback label until the first poll has trained)
     */
    public record Refresh(@DefaultValue("10") int retrainAfter,
                          @DefaultValue("1s") Duration pollEvery,
                          @DefaultValue("true") boolean trainAtStart) {
    }

    /**
     * @param model a saved model file to answer with until the first retrain (optional)
     */
    public record Local(Path model) {
    }

    /**
     * @param apiKey  the API key; when absent, {@code OPENAI_API_KEY} from the environment. Never logged.
     * @param baseUrl an OpenAI-compatible endpoint instead of OpenAI's (optional)
     * @param model   the chat model
     */
    public record OpenAi(String apiKey, String baseUrl, @DefaultValue("gpt-6-luna") String model) {

        @Override
        public String toString() {   // the key stays out of logs and error messages
            return "OpenAi[apiKey=" + (apiKey == null || apiKey.isBlank() ? "(none)" : "(set)") + ", baseUrl="
                    + baseUrl + ", model=" + model + "]";
        }
    }

    /**
     * @param threshold the local model answers when its confidence is at least this, in [0, 1]
     */
    public record Cascade(@DefaultValue("0.9") double threshold) {
    }

    /**
     * @param atOnce wrap the classifier in classifier-loop's {@code CorrectingClassifier}: a correction in the store
     *               changes the next answer for its article, its near-duplicates and the articles that share what
     *               made it a correction, at once, not only after the next retrain (which still follows)
     */
    public record Corrections(@DefaultValue("true") boolean atOnce) {
    }
}
