package dev.classifier.examples;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.JsonlFeedbackStore;
import dev.classifier.local.LocalClassifier;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

public class InCode {

    public static void main(String[] args) {
        Taxonomy taxonomy = Taxonomy.builder()
                .category("Business", "Companies, markets and the economy; a tech firm's results are Business")
                .category("Technology", "Products, software, the internet; a gadget launch is Technology")
                .category("Sports", "Matches, players, transfers")
                .build();                                   // adds the fallback label "Uncategorized"

        try (FeedbackStore store = JsonlFeedbackStore.open(Path.of("feedback.jsonl"))) {
            // What people said, in English and Chinese. The ids are yours: adding an id the store holds already
            // changes nothing, so running this again adds nothing.
            List<Feedback> said = List.of(
                    Feedback.of(Article.of("a-1", "Central bank cuts interest rates", ""), "Business", "").withId("fb-1"),
                    Feedback.of(Article.of("a-2", "央行宣布降息", ""), "Business", "").withId("fb-2"),
                    Feedback.of(Article.of("a-3", "Startup unveils a faster phone chip", ""), "Technology", "").withId("fb-3"),
                    Feedback.of(Article.of("a-4", "新款手机芯片发布", ""), "Technology", "").withId("fb-4"),
                    Feedback.of(Article.of("a-5", "Striker scores twice in the cup final", ""), "Sports", "").withId("fb-5"),
                    Feedback.of(Article.of("a-6", "国足晋级世界杯决赛", ""), "Sports", "").withId("fb-6"),
                    // A person corrects a prediction, and says why.
                    Feedback.correction(Article.of("a-7", "苹果公司季度营收创新高", ""))
                            .from("Technology").to("Business").because("财报属于商业，不是科技").withId("fb-7"));
            for (Feedback feedback : said) {
                store.add(feedback.givenUnder(taxonomy));  // checks the label; durable when add returns
            }
            System.out.println(store.size() + " feedback in the store");

            // Trains on everything the store holds, in about a second.
            try (Classifier classifier = LocalClassifier.trainer().train(store, taxonomy, LabelMapping.identity())) {
                for (Article article : List.of(Article.of("q-1", "苹果公司季度利润下滑", ""),
                        Article.of("q-2", "Chipmaker shows a faster laptop chip", ""),
                        Article.of("q-3", "Striker signs for a new club", ""))) {
                    Prediction p = classifier.classify(article);
                    System.out.printf(Locale.ROOT, "%s -> %s, confidence %.2f%n",
                            article.title(), p.label(), p.confidence());
                }
            }
        }
    }
}
