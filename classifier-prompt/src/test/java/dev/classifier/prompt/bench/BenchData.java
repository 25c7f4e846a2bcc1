package dev.classifier.prompt.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.LabeledSets;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The shared labelled sets as stored feedback: every training row becomes a correction (predicted: another label)
 * with a short synthetic reason, since the sets carry no human reasons. Test rows are the articles to classify.
 */
final class BenchData {

    static final Taxonomy AGNEWS = Taxonomy.builder()
            .category("World", "International news: politics, diplomacy, conflicts and elections abroad")
            .category("Sports", "Games, matches, athletes, teams and tournaments")
            .category("Business", "Companies, markets, the economy, trade and earnings")
            .category("Sci/Tech", "Science, technology, the internet, software, space and health research")
            .build();
    static final Taxonomy THUCNEWS = Taxonomy.builder()
            .category("finance", "财经：宏观经济、银行、理财与基金")
            .category("realty", "房产：楼市、房价、开发商与土地")
            .category("stocks", "股票：个股、大盘与证券市场行情")
            .category("education", "教育：考试、升学、留学与学校")
            .category("science", "科技：互联网、数码产品与科研")
            .category("society", "社会：社会新闻、案件与民生")
            .category("politics", "时政：政府、政策、外交与军事")
            .category("sports", "体育：比赛、运动员与赛事")
            .category("game", "游戏：电子游戏、网游与电竞")
            .category("entertainment", "娱乐：明星、影视与音乐")
            .build();
    /** Both label sets in one taxonomy (13 labels), for a store that holds both languages. */
    static final Taxonomy MIXED = mixedTaxonomy();

    final List<LabeledArticle> agTrain;
    final List<LabeledArticle> thucTrain;
    final List<LabeledArticle> agTest;
    final List<LabeledArticle> thucTest;

    private BenchData(Path data) {
        agTrain = LabeledSets.read(data.resolve("agnews/train.jsonl"));
        thucTrain = LabeledSets.read(data.resolve("thucnews/train.jsonl"));
        agTest = LabeledSets.read(data.resolve("agnews/test.jsonl"));
        thucTest = LabeledSets.read(data.resolve("thucnews/test.jsonl"));
    }

    /** The data under {@code sharedDir}/data, or empty when it is not there. */
    static Optional<BenchData> load(Path sharedDir) {
        Path data = sharedDir.resolve("data");
        for (String file : List.of("agnews/train.jsonl", "agnews/test.jsonl", "thucnews/train.jsonl",
                "thucnews/test.jsonl")) {
            if (!Files.isRegularFile(data.resolve(file))) {
                return Optional.empty();
            }
        }
        return Optional.of(new BenchData(data));
    }

    /** Training rows of one set as feedback, in file order (a seeded shuffle). */
    static List<Feedback> feedback(List<LabeledArticle> rows, Taxonomy taxonomy) {
        List<Feedback> out = new ArrayList<>(rows.size());
        for (LabeledArticle row : rows) {
            out.add(correction(row.article(), row.label(), taxonomy));
        }
        return out;
    }

    /**
     * {@code n} feedback records alternating between the two sets; past their 16,000 rows the rows repeat as
     * replicas (new article and feedback ids, same text), as a large store of similar news would.
     */
    List<Feedback> mixedFeedback(int n) {
        List<LabeledArticle> rows = interleave(agTrain, thucTrain);
        List<Feedback> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LabeledArticle row = rows.get(i % rows.size());
            int replica = i / rows.size();
            Article article = replica == 0 ? row.article()
                    : new Article(row.article().id() + "#" + replica, row.article().title(), row.article().body(), Map.of());
            out.add(correction(article, MIXED.resolve(row.label()).orElseThrow(), MIXED));
        }
        return out;
    }

    /** Test articles of both sets, alternating, in a seeded random order. */
    List<Article> mixedQueries() {
        List<Article> out = new ArrayList<>();
        for (LabeledArticle row : interleave(shuffled(agTest), shuffled(thucTest))) {
            out.add(row.article());
        }
        return out;
    }

    static List<Article> queries(List<LabeledArticle> test, int n) {
        return shuffled(test).stream().limit(n).map(LabeledArticle::article).toList();
    }

    private static List<LabeledArticle> shuffled(List<LabeledArticle> rows) {
        List<LabeledArticle> copy = new ArrayList<>(rows);
        Collections.shuffle(copy, new Random(42));
        return copy;
    }

    private static List<LabeledArticle> interleave(List<LabeledArticle> a, List<LabeledArticle> b) {
        List<LabeledArticle> out = new ArrayList<>(a.size() + b.size());
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            if (i < a.size()) {
                out.add(a.get(i));
            }
            if (i < b.size()) {
                out.add(b.get(i));
            }
        }
        return out;
    }

    /** A correction from the next label in the taxonomy, with a reason of about ten tokens. */
    private static Feedback correction(Article article, String label, Taxonomy taxonomy) {
        List<String> labels = taxonomy.labels();
        String predicted = labels.get((labels.indexOf(label) + 1) % (labels.size() - 1));
        boolean chinese = THUCNEWS.contains(label);
        String reason = chinese ? "这条新闻主要讲" + taxonomy.category(label).orElseThrow().description().substring(0, 2)
                + "方面的事，不是" + predicted + "。"
                : "The story is mainly about " + label + " news, not " + predicted + ".";
        return Feedback.correction(article).from(predicted).to(label).because(reason);
    }

    private static Taxonomy mixedTaxonomy() {
        Taxonomy.Builder builder = Taxonomy.builder();
        AGNEWS.categories().stream().filter(c -> !c.label().equals(AGNEWS.fallback())).forEach(builder::category);
        // THUCNews "sports" is AG News "Sports": one category (a taxonomy cannot hold labels differing only in case).
        THUCNEWS.categories().stream()
                .filter(c -> !c.label().equals(THUCNEWS.fallback()) && !c.label().equals("sports"))
                .forEach(builder::category);
        return builder.build();
    }
}
