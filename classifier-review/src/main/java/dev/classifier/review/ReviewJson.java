package dev.classifier.review;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.classifier.api.Article;
import dev.classifier.api.Category;
import dev.classifier.api.Feedback;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;

import java.util.List;

/** The API's answers as JSON. Text goes out as JSON strings; the page puts it on screen as text only. */
final class ReviewJson {

    private final ObjectMapper mapper;

    ReviewJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    ObjectNode session(Reviewer reviewer, Taxonomy taxonomy) {
        ObjectNode node = mapper.createObjectNode();
        node.put("reviewer", reviewer.name());
        node.put("fallback", taxonomy.fallback());
        node.put("maxReasonChars", ReviewService.MAX_REASON_CHARS);
        ArrayNode labels = node.putArray("labels");
        for (Category category : taxonomy.categories()) {
            labels.addObject().put("label", category.label()).put("description", category.description());
        }
        return node;
    }

    ObjectNode items(List<ReviewService.Item> items) {
        ObjectNode node = mapper.createObjectNode();
        ArrayNode array = node.putArray("items");
        for (ReviewService.Item item : items) {
            array.add(item(item));
        }
        return node;
    }

    ObjectNode item(ReviewService.Item item) {
        ReviewCandidate candidate = item.candidate();
        Article article = candidate.article();
        Prediction prediction = candidate.prediction();
        ObjectNode node = mapper.createObjectNode();
        node.put("id", item.id().value());
        node.put("articleId", article.id());
        node.put("title", article.title());
        node.put("body", article.body());
        ObjectNode predicted = node.putObject("prediction");
        predicted.put("label", prediction.label());
        putNumber(predicted, "confidence", prediction.confidence());
        predicted.put("model", prediction.model());
        ObjectNode scores = predicted.putObject("scores");
        prediction.scores().forEach(scores::put);
        ArrayNode flags = predicted.putArray("flags");
        prediction.flags().stream().map(Enum::name).sorted().forEach(flags::add);
        node.putObject("why").put("code", candidate.why().code()).put("detail", candidate.why().detail());
        ArrayNode similar = node.putArray("similar");
        for (SimilarCorrections.Match match : item.similar()) {
            Feedback correction = match.correction();
            similar.addObject()
                    .put("title", correction.article().title().isBlank()
                            ? abbreviate(correction.article().body()) : correction.article().title())
                    .put("from", correction.predicted().orElse(""))
                    .put("to", correction.label())
                    .put("reason", correction.reason())
                    .put("score", Math.round(match.score() * 100) / 100.0);
        }
        return node;
    }

    ObjectNode saved(ReviewService.Outcome outcome) {
        ObjectNode node = mapper.createObjectNode();
        node.put("saved", true);
        node.put("feedbackId", outcome.feedback().id());
        node.put("label", outcome.feedback().label());
        node.put("correction", outcome.feedback().isCorrection());
        return node;
    }

    ObjectNode stats(ReviewService.Stats stats) {
        ReviewLedger.Tally tally = stats.tally();
        ObjectNode node = mapper.createObjectNode();
        node.put("reviewedToday", tally.reviewedToday());
        node.put("reviewed", tally.reviewed());
        node.put("accepted", tally.accepted());
        if (tally.reviewed() > 0) {
            node.put("accuracy", (double) tally.accepted() / tally.reviewed());
        } else {
            node.putNull("accuracy");
        }
        if (tally.pending().isPresent()) {
            node.put("notInModel", tally.pending().get());
        } else {
            node.putNull("notInModel");
        }
        node.put("modelCovers", stats.modelCovers());
        node.put("storeSequence", tally.lastSequence());
        stats.last().ifPresent(last -> node.putObject("last")
                .put("feedbackId", last.decision().id())
                .put("label", last.decision().label())
                .put("modelSays", last.now().label())
                .put("model", last.now().model()));
        return node;
    }

    ObjectNode error(ReviewException e) {
        ObjectNode node = mapper.createObjectNode();
        node.putObject("error").put("status", e.status()).put("code", e.code()).put("message", e.getMessage());
        return node;
    }

    ObjectNode taken(ReviewService.Outcome outcome) {
        ObjectNode node = mapper.createObjectNode();
        ObjectNode error = node.putObject("error");
        error.put("status", 409).put("code", "taken")
                .put("message", "someone else decided this item first; their decision stands")
                .put("by", outcome.decidedBy().orElse(""))
                .put("label", outcome.feedback().label());
        return node;
    }

    private static void putNumber(ObjectNode node, String field, double value) {
        if (Double.isNaN(value)) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 79) + "…";
    }
}
