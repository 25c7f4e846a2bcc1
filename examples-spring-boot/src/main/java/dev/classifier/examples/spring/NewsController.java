package dev.classifier.examples.spring;

import dev.classifier.api.Classifier;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.Taxonomy;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The two endpoints, over the beans the starter makes from the {@code classifier.*} properties: the
 * {@link Classifier} (the local model, retrained as feedback arrives, measured), the {@link FeedbackStore} and the
 * {@link Taxonomy}.
 */
@RestController
class NewsController {

    private final Classifier classifier;
    private final FeedbackStore store;
    private final Taxonomy taxonomy;

    NewsController(Classifier classifier, FeedbackStore store, Taxonomy taxonomy) {
        this.classifier = classifier;
        this.store = store;
        this.taxonomy = taxonomy;
    }

    /** Classifies one article. */
    @PostMapping("/classify")
    PredictionResponse classify(@RequestBody ArticleRequest article) {
        return PredictionResponse.of(classifier.classify(article.toArticle()));
    }

    /** Stores a person's label for an article; the classifier learns it at its next refresh. */
    @PostMapping("/feedback")
    FeedbackResponse feedback(@RequestBody CorrectionRequest correction) {
        return FeedbackResponse.of(store.addWithReceipt(correction.toFeedback(taxonomy)));
    }
}
