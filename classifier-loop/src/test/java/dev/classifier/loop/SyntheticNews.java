package dev.classifier.loop;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.Taxonomy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/** Seeded synthetic headlines: each label has its own words, all share some common ones. */
final class SyntheticNews {

    static final Taxonomy NEWS = Taxonomy.of("Business", "Sci/Tech", "Sports", "World");
    static final Taxonomy ZH = Taxonomy.of("finance", "sports", "game", "politics");
    static final Instant BEFORE = Instant.parse("2026-11-01T09:00:00Z");
    static final Instant AFTER = Instant.parse("2026-12-01T09:00:00Z");

    static final Map<String, List<String>> ENGLISH = Map.of(
            "Business", List.of("shares", "profit", "bank", "earnings", "investors", "market", "quarterly",
                    "revenue", "merger", "stocks", "dividend", "retail", "sales", "economy", "inflation"),
            "Sci/Tech", List.of("software", "chip", "internet", "researchers", "laptop", "browser", "network",
                    "processor", "scientists", "space", "genome", "wireless", "server", "linux", "robot"),
            "Sports", List.of("striker", "goal", "match", "coach", "season", "league", "tennis", "final",
                    "champion", "olympic", "team", "score", "cup", "player", "race"),
            "World", List.of("minister", "election", "troops", "president", "talks", "rebels", "embassy",
                    "parliament", "ceasefire", "border", "refugees", "protest", "summit", "treaty", "capital"));
    static final List<String> COMMON = List.of("new", "says", "report", "week", "after", "year", "over", "plans",
            "first", "amid");

    static final Map<String, List<String>> CHINESE = Map.of(
            "finance", List.of("基金", "银行", "利率", "理财", "保险", "贷款", "央行", "财政", "债券", "汇率"),
            "sports", List.of("球队", "比赛", "冠军", "进球", "教练", "联赛", "球员", "决赛", "主场", "赛季"),
            "game", List.of("玩家", "网游", "副本", "公测", "游戏", "装备", "职业", "版本", "服务器", "资料片"),
            "politics", List.of("总统", "外交", "选举", "议会", "会谈", "政府", "部长", "条约", "峰会", "制裁"));
    static final List<String> CHINESE_COMMON = List.of("今日", "宣布", "最新", "发布", "表示", "消息");

    private SyntheticNews() {
    }

    /** {@code perLabel} English items of each label, given at {@code at}, ids "en-<label>-<i>". */
    static List<Feedback> english(int perLabel, long seed, Instant at) {
        return make(ENGLISH, COMMON, " ", perLabel, seed, at, "en");
    }

    static List<Feedback> chinese(int perLabel, long seed, Instant at) {
        return make(CHINESE, CHINESE_COMMON, "", perLabel, seed, at, "zh");
    }

    static Feedback given(String id, String text, String label, Instant at) {
        return new Feedback("fb-" + id, Article.of(id, "", text), label, Optional.empty(), "", Optional.empty(), at);
    }

    static Feedback correction(String id, String text, String from, String to, Instant at) {
        return new Feedback("fb-" + id, Article.of(id, "", text), to, Optional.of(from), "", Optional.empty(), at);
    }

    static String words(List<String> from, int count, Random random, String separator) {
        List<String> picked = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            picked.add(from.get(random.nextInt(from.size())));
        }
        return String.join(separator, picked);
    }

    private static List<Feedback> make(Map<String, List<String>> vocabulary, List<String> common, String separator,
                                       int perLabel, long seed, Instant at, String prefix) {
        Random random = new Random(seed);
        List<Feedback> out = new ArrayList<>();
        for (String label : vocabulary.keySet().stream().sorted().toList()) {
            for (int i = 0; i < perLabel; i++) {
                String text = words(vocabulary.get(label), 6, random, separator) + separator
                        + words(common, 3, random, separator);
                String id = prefix + "-" + label.replace('/', '_') + "-" + i;
                out.add(given(id, text, label, at));
            }
        }
        return out;
    }
}
