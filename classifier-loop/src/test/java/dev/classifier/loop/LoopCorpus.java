package dev.classifier.loop;

import dev.classifier.api.Article;
import dev.classifier.api.Classifier;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.Taxonomy;
import dev.classifier.local.LocalClassifier;

import java.util.List;

/** A small bilingual news set written for these tests: the store's background feedback and a model trained on it. */
final class LoopCorpus {

    static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("Business", "companies, markets, the economy")
            .category("Technology", "computers, phones, software, science")
            .category("Sports", "games, matches, athletes")
            .category("World", "politics, diplomacy, conflicts")
            .build();

    private static final String[][] ROWS = {
            {"Sports", "Striker scores twice as United win the derby"},
            {"Sports", "Tennis champion reaches the final in straight sets"},
            {"Sports", "Marathon runner breaks course record on a cold morning"},
            {"Sports", "Coach sacked after a six match losing streak"},
            {"Sports", "Olympic swimmer wins gold in the freestyle"},
            {"Sports", "Late three-pointer clinches playoff spot for the team"},
            {"Sports", "Cyclist takes the yellow jersey after mountain stage"},
            {"Sports", "Goalkeeper saves penalty in cup semifinal"},
            {"Business", "Central bank raises interest rates to curb inflation"},
            {"Business", "Shares fall on Wall Street as oil prices climb"},
            {"Business", "Retailer reports record quarterly profit on holiday sales"},
            {"Business", "Carmaker to cut jobs amid weak demand"},
            {"Business", "Bank agrees to buy smaller rival in merger deal"},
            {"Business", "Consumer prices rise less than expected"},
            {"Business", "Airline posts loss as fuel costs soar"},
            {"Business", "Investors cheer strong earnings from the steelmaker"},
            {"Technology", "New smartphone unveiled with a faster chip and camera"},
            {"Technology", "Software update fixes a security flaw hackers used"},
            {"Technology", "Astronomers observe a new comet near the sun"},
            {"Technology", "Chipmaker shows a processor that saves power in laptops"},
            {"Technology", "Search engine adds artificial intelligence answers"},
            {"Technology", "Rocket carries weather satellite into orbit"},
            {"Technology", "Researchers build a faster quantum computer prototype"},
            {"Technology", "Browser maker patches bugs in its latest release"},
            {"World", "Leaders meet in Geneva for climate talks"},
            {"World", "Ceasefire agreed after a week of border clashes"},
            {"World", "President wins second term in close election"},
            {"World", "Parliament passes a stricter immigration law"},
            {"World", "Earthquake kills dozens in mountain villages"},
            {"World", "Foreign ministers discuss sanctions at summit"},
            {"World", "Protesters march in the capital against new taxes"},
            {"World", "Peace envoy arrives for talks on the disputed region"},
            {"Sports", "国足客场一比一战平对手"},
            {"Sports", "女排三比零横扫对手晋级决赛"},
            {"Sports", "城市马拉松吸引三万名跑者"},
            {"Sports", "篮球联赛总决赛今晚开打"},
            {"Business", "央行宣布下调存款准备金率"},
            {"Business", "股市收盘沪指上涨百分之一"},
            {"Business", "银行上调首套房贷利率"},
            {"Business", "汽车企业第三季度销量增长"},
            {"Technology", "苹果发布搭载新芯片的手机"},
            {"Technology", "科学家发现一颗新彗星"},
            {"Technology", "操作系统更新修复安全漏洞"},
            {"Technology", "火箭成功发射气象卫星"},
            {"World", "联合国召开气候变化峰会"},
            {"World", "两国边境冲突后达成停火"},
            {"World", "总统大选结果今日揭晓"},
            {"World", "外长会谈讨论地区局势"},
    };

    private LoopCorpus() {
    }

    /** Adds the corpus to a store as plain feedback (no predicted label): background, not corrections. */
    static void addBackground(FeedbackStore store) {
        for (int i = 0; i < ROWS.length; i++) {
            store.add(Feedback.of(Article.of("bg-" + i, ROWS[i][1], ""), ROWS[i][0], "").withId("bg-fb-" + i));
        }
    }

    /** A local model trained on the store as it is. */
    static Classifier train(FeedbackStore store) {
        return LocalClassifier.trainer().train(store, TAXONOMY, LabelMapping.identity());
    }

    static List<String> labels() {
        return TAXONOMY.labels();
    }
}
