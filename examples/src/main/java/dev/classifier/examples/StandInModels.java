package dev.classifier.examples;

import dev.classifier.api.Taxonomy;
import dev.classifier.testkit.openai.LabelResponder;
import dev.classifier.testkit.openai.Responder;

import java.util.List;
import java.util.Map;

/**
 * The test server's stand-ins for the two models of the migration example: keyword rules, not models. The older
 * one (answering for gpt-4o-mini) knows English words only; the newer one (for every other model) knows the same
 * words and Chinese ones. So the report has something to show: which articles and labels the switch changes. The
 * numbers describe these rules, never the real models.
 */
final class StandInModels {

    /** English keywords per label, in the order the rules are tried. */
    private static final Map<String, List<String>> ENGLISH = Map.of(
            "Politics", List.of("election", "parliament", "minister", "vote", "senate", "president", "lawmakers",
                    "bill"),
            "Business", List.of("shares", "profit", "revenue", "earnings", "takeover", "inflation", "interest rate",
                    "stake", "layoffs", "acquire"),
            "Technology", List.of("smartphone", "software", "app", "update", "chip", "hack", "outage", "ai",
                    "launch"),
            "Sports", List.of("match", "goal", "striker", "championship", "transfer", "league", "final", "cup",
                    "injury", "coach"),
            "Entertainment", List.of("film", "album", "box office", "concert", "festival", "series", "tour",
                    "singer", "movie"),
            "Health", List.of("vaccine", "hospital", "patients", "drug", "doctors", "disease", "health"),
            "Science", List.of("telescope", "scientists", "researchers", "fossil", "geologists", "astronomers",
                    "species", "study"),
            "Uncategorized", List.of("forecast", "recipe", "lost", "for rent", "horoscope", "notice", "lottery"));
    private static final Map<String, List<String>> CHINESE = Map.of(
            "Politics", List.of("选举", "议会", "部长", "投票", "总统", "法案", "政府"),
            "Business", List.of("财报", "利润", "股价", "收购", "营收", "通胀", "利率", "裁员", "融资"),
            "Technology", List.of("芯片", "手机", "软件", "更新", "黑客", "系统", "发布会"),
            "Sports", List.of("比赛", "进球", "冠军", "转会", "联赛", "决赛", "球队"),
            "Entertainment", List.of("票房", "电影", "演唱会", "专辑", "电视剧", "综艺", "明星"),
            "Health", List.of("疫苗", "医院", "患者", "药品", "医生", "疾病", "健康"),
            "Science", List.of("考古", "科学家", "化石", "望远镜", "研究人员", "天文", "物种"),
            "Uncategorized", List.of("招聘", "天气", "菜谱", "寻", "启事", "出租", "彩票"));
    private static final List<String> ORDER = List.of("Politics", "Business", "Technology", "Sports",
            "Entertainment", "Health", "Science", "Uncategorized");

    private StandInModels() {
    }

    /** Answers requests for gpt-4o-mini with the older rules and every other model with the newer ones. */
    static Responder responder() {
        LabelResponder older = rules(false);
        LabelResponder newer = rules(true);
        return request -> request.model().startsWith("gpt-4o-mini") ? older.respond(request)
                : newer.respond(request);
    }

    private static LabelResponder rules(boolean chinese) {
        LabelResponder.Builder b = LabelResponder.builder().fallback(Taxonomy.DEFAULT_FALLBACK).confidence(0.9, 0.5);
        for (String label : ORDER) {
            ENGLISH.get(label).forEach(word -> b.rule(word, label));
            if (chinese) {
                CHINESE.get(label).forEach(word -> b.rule(word, label));
            }
        }
        return b.build();
    }
}
