package dev.classifier.embeddings;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;

import java.util.ArrayList;
import java.util.List;

/** A small labelled set in Chinese and English, vendored so tests run without ../shared. */
final class TrainingData {

    static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("Economy", "Markets, banks, companies and prices")
            .category("Sports", "Matches, athletes and tournaments")
            .category("Technology", "Devices, software and science")
            .category("Weather", "Forecasts, storms and warnings")
            .build();

    private static final String[][] ROWS = {
            {"Economy", "央行宣布降息0.25个百分点"}, {"Economy", "A股三大指数集体收涨"},
            {"Economy", "人民币汇率创年内新高"}, {"Economy", "多家银行下调房贷利率"},
            {"Economy", "Stocks rally as inflation cools"}, {"Economy", "Oil prices climb on supply fears"},
            {"Economy", "Bank posts record quarterly profit"}, {"Economy", "Central bank holds rates steady"},
            {"Sports", "中超联赛：上海队主场3比1获胜"}, {"Sports", "女排世锦赛中国队晋级八强"},
            {"Sports", "NBA常规赛湖人加时险胜"}, {"Sports", "马拉松选手打破赛会纪录"},
            {"Sports", "Striker's hat-trick seals derby win"}, {"Sports", "Tennis star reaches Wimbledon final"},
            {"Sports", "Coach sacked after fifth straight defeat"}, {"Sports", "Olympic champion retires at 31"},
            {"Technology", "华为发布新一代折叠屏手机"}, {"Technology", "国产大模型开源新版本"},
            {"Technology", "新款笔记本电脑搭载自研芯片"}, {"Technology", "科学家发现新的系外行星"},
            {"Technology", "New smartphone features a faster chip"}, {"Technology", "Software update fixes security flaw"},
            {"Technology", "Startup unveils open-source AI model"}, {"Technology", "Rocket launch puts satellites in orbit"},
            {"Weather", "气象台发布暴雨橙色预警"}, {"Weather", "寒潮来袭 北方气温骤降10度"},
            {"Weather", "台风将于明天登陆广东沿海"}, {"Weather", "今冬首场大雪降临北京"},
            {"Weather", "Heatwave warning issued for the weekend"}, {"Weather", "Storm brings heavy rain and flooding"},
            {"Weather", "Forecasters expect snow on Monday"}, {"Weather", "Hurricane strengthens off the coast"},
    };

    private TrainingData() {
    }

    static List<LabeledArticle> examples() {
        List<LabeledArticle> rows = new ArrayList<>();
        for (int i = 0; i < ROWS.length; i++) {
            rows.add(new LabeledArticle(Article.of("t" + i, ROWS[i][1], ""), ROWS[i][0]));
        }
        return rows;
    }
}
