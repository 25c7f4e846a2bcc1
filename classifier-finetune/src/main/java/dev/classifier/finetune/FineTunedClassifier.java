package dev.classifier.finetune;

import com.openai.client.OpenAIClient;
import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Sleeper;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Usage;
import dev.classifier.openai.ModelCatalog;
import dev.classifier.openai.ModelProfile;
import dev.classifier.openai.PriceTable;
import dev.classifier.openai.RetryPolicy;
import dev.classifier.prompt.FeedbackWindow;
import dev.classifier.prompt.OnBadOutput;
import dev.classifier.prompt.PromptClassifier;
import dev.classifier.prompt.PromptFormat;
import dev.classifier.prompt.PromptListener;
import dev.classifier.prompt.RenderedPrompt;
import dev.classifier.prompt.ResponseMode;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Classifies with a fine-tuned model: the same {@link PromptFormat} the model was trained on, without few-shot
 * examples (it learnt them), the same answer parsing, confidence and retries as the prompt strategy (it is a
 * {@link PromptClassifier} with no feedback window, built with its public builder), and usage priced at the
 * fine-tuned model's rates from the {@link ModelCatalog}: {@code ft:<base>:...} resolves to its base's fine-tuned
 * inference prices ($0.30 input, $0.15 cached input, $1.20 output per 1M tokens for fine-tuned gpt-4o-mini).
 * <pre>{@code
 * Classifier tuned = FineTunedClassifier.builder(client, job.fineTunedModel().orElseThrow(), format).build();
 * }</pre>
 * On Azure OpenAI a fine-tuned model answers only once it has a deployment: pass the deployment's name as the model
 * (and its prices, which a deployment name does not reveal). An open-weight model trained on the exported file and
 * served by vLLM, Ollama or llama.cpp's server classifies the same way, on {@code OpenAiClients.compatible(url, key)}.
 * Thread-safe.
 */
public final class FineTunedClassifier implements Classifier {

    private final PromptClassifier delegate;

    private FineTunedClassifier(PromptClassifier delegate) {
        this.delegate = delegate;
    }

    /**
     * @param model  the fine-tuned model ({@code ft:gpt-4.1-nano-2025-04-14:org:suffix:id}), a checkpoint of it, an
     *               Azure deployment of it, or an open-weight model as its server names it
     * @param format the format the training set was rendered with
     */
    public static Builder builder(OpenAIClient client, String model, PromptFormat format) {
        return new Builder(client, model, format);
    }

    /** A classifier on the model a succeeded job made. */
    public static Builder builder(OpenAIClient client, JobSnapshot job, PromptFormat format) {
        Objects.requireNonNull(job, "job");
        String model = job.fineTunedModel().orElseThrow(() -> new IllegalArgumentException("job " + job.id()
                + " has made no model (it is " + job.status() + ")"));
        return new Builder(client, model, format);
    }

    @Override
    public Prediction classify(Article article) {
        return delegate.classify(article);
    }

    @Override
    public List<Outcome> classifyAll(List<Article> articles) {
        return delegate.classifyAll(articles);
    }

    @Override
    public Taxonomy taxonomy() {
        return delegate.taxonomy();
    }

    public String model() {
        return delegate.model();
    }

    public PromptFormat format() {
        return delegate.format();
    }

    /** The prices calls are charged at, when known. */
    public Optional<PriceTable> prices() {
        return delegate.prices();
    }

    /** The request one article makes: the system message and the fenced article, nothing else. */
    public RenderedPrompt render(Article article) {
        return delegate.render(article);
    }

    /** Tokens and cost of every call so far. */
    public Usage totalUsage() {
        return delegate.totalUsage();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public String toString() {
        return "FineTunedClassifier[" + delegate.model() + ", " + delegate.taxonomy().labels().size() + " labels]";
    }

    /** Settings, passed on to the {@link PromptClassifier} underneath; each setter checks its value at once. */
    public static final class Builder {
        private final PromptClassifier.Builder prompt;
        private boolean pricesSet;
        private final String model;
        private ModelCatalog catalog = ModelCatalog.defaults();

        private Builder(OpenAIClient client, String model, PromptFormat format) {
            Objects.requireNonNull(client, "client");
            Objects.requireNonNull(format, "format");
            this.model = Objects.requireNonNull(model, "model");
            this.prompt = PromptClassifier.builder(client, format.taxonomy()).model(model).format(format)
                    .window(FeedbackWindow.none());
        }

        /**
         * Prices for usage. Unless set, the catalog's for the model ({@code ft:<base>:...}: the base's fine-tuned
         * inference prices); a model the catalog cannot price (a deployment name) is priced as the prompt
         * classifier prices an unknown model.
         */
        public Builder prices(PriceTable table) {
            prompt.prices(table);
            pricesSet = true;
            return this;
        }

        /** {@link ResponseMode#JSON_SCHEMA} unless set (fine-tuned models support strict schemas without the extras). */
        /** Where the model's prices are looked up ({@link ModelCatalog#defaults()} unless set). */
        public Builder catalog(ModelCatalog value) {
            this.catalog = Objects.requireNonNull(value, "catalog");
            return this;
        }

        public Builder responseMode(ResponseMode mode) {
            prompt.responseMode(mode);
            return this;
        }

        public Builder retryPolicy(RetryPolicy policy) {
            prompt.retryPolicy(policy);
            return this;
        }

        public Builder onBadOutput(OnBadOutput value) {
            prompt.onBadOutput(value);
            return this;
        }

        public Builder listener(PromptListener value) {
            prompt.listener(value);
            return this;
        }

        public Builder clock(Clock value) {
            prompt.clock(value);
            return this;
        }

        public Builder sleeper(Sleeper value) {
            prompt.sleeper(value);
            return this;
        }

        public Builder concurrency(int calls) {
            prompt.concurrency(calls);
            return this;
        }

        public Builder cacheSize(int size) {
            prompt.cacheSize(size);
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            prompt.requestTimeout(timeout);
            return this;
        }

        public Builder closeClientOnClose(boolean close) {
            prompt.closeClientOnClose(close);
            return this;
        }

        public FineTunedClassifier build() {
            if (!pricesSet) {
                catalog.find(model).flatMap(ModelProfile::prices).ifPresent(prompt::prices);
            }
            return new FineTunedClassifier(prompt.build());
        }
    }
}
