package dev.classifier.finetune;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntFunction;

/**
 * Many distinct pieces of feedback: each article is random words (English) or characters (Chinese) from a seeded
 * generator, so that no two are near duplicates; given an hour apart from {@link #START}.
 */
final class SyntheticFeedback {

    static final Instant START = Instant.parse("2025-06-01T00:00:00Z");

    private static final String[] WORDS = ("market vote match goal court film song virus vaccine rocket planet "
            + "bank shares oil budget senate minister coach league final album tour chart hospital doctor study "
            + "telescope comet fossil chip phone app update outage leak startup merger profit loss rate inflation "
            + "storm rain heat flood bridge road school teacher student farmer harvest price wage strike union "
            + "river forest island museum painting novel poet actor stage opera dance festival award record").split(" ");
    private static final String HANZI = "经济市场选举比赛电影音乐病毒疫苗火箭行星银行股票石油预算议会部长教练联赛"
            + "专辑巡演医院医生研究望远镜彗星化石芯片手机应用更新故障泄露创业并购利润亏损利率通胀暴雨高温洪水桥梁";

    private SyntheticFeedback() {
    }

    /** {@code n} feedback; the label of the i-th is {@code labelOf.apply(i)}; every one under {@code fingerprint}. */
    static List<Feedback> of(int n, long seed, IntFunction<String> labelOf, IntFunction<Optional<String>> fingerprint) {
        Random random = new Random(seed);
        List<Feedback> feedback = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String label = labelOf.apply(i);
            String title = i % 2 == 0 ? words(random, 6) : hanzi(random, 12);
            String body = i % 2 == 0 ? words(random, 40) : hanzi(random, 80);
            feedback.add(new Feedback(String.format("syn-%05d", i), Article.of("a-" + i, title, body), label,
                    Optional.empty(), "", fingerprint.apply(i), START.plus(Duration.ofHours(i))));
        }
        return feedback;
    }

    private static String words(Random random, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        return out.toString();
    }

    private static String hanzi(Random random, int n) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < n; i++) {
            out.append(HANZI.charAt(random.nextInt(HANZI.length())));
        }
        return out.toString();
    }
}
