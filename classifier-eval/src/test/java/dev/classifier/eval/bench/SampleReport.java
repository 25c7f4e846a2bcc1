package dev.classifier.eval.bench;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Prediction;
import dev.classifier.api.RateLimitedException;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.Usage;
import dev.classifier.eval.CascadeSweep;
import dev.classifier.eval.ConsoleReport;
import dev.classifier.eval.Evaluation;
import dev.classifier.eval.EvaluationReport;
import dev.classifier.eval.EvaluationResult;
import dev.classifier.eval.FakeClassifier;
import dev.classifier.eval.HtmlReport;
import dev.classifier.eval.JsonReport;
import dev.classifier.eval.ManualTicker;
import dev.classifier.eval.SweepResult;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a sample report from two scripted (fake) classifiers on a few Chinese and English articles: a free
 * local one and a paid prompt one, side by side, with the cascade sweep. Writes eval-report.html and
 * eval-report.json to the directory given (default bench/out) and prints the console report.
 * Run by bench/report-screenshot.sh.
 */
public final class SampleReport {

    private static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("体育", "Sport")
            .category("科技", "Technology")
            .category("财经", "Business and markets")
            .category("Politics", "Government and elections")
            .category("Arts & Culture", "Film, music, books, <art>")
            .build();

    /** id, title, gold; the local model's label and confidence; the prompt model's label. */
    private record Row(String id, String title, String gold, String local, double confidence, String prompt) {
    }

    private static final List<Row> ROWS = List.of(
            new Row("zh-001", "国足客场二比一逆转取胜", "体育", "体育", 0.97, "体育"),
            new Row("zh-002", "全运会男子百米决赛创纪录", "体育", "体育", 0.91, "体育"),
            new Row("zh-003", "中超联赛新赛季转会窗口关闭", "体育", "财经", 0.52, "体育"),
            new Row("zh-004", "国产大模型发布新版本", "科技", "科技", 0.88, "科技"),
            new Row("zh-005", "新一代手机芯片量产", "科技", "科技", 0.74, "科技"),
            new Row("zh-006", "量子计算机实现新突破", "科技", "科技", Double.NaN, "科技"),
            new Row("zh-007", "央行下调存款准备金率", "财经", "财经", 0.93, "财经"),
            new Row("zh-008", "沪深股市午后震荡走高", "财经", "财经", 0.81, "财经"),
            new Row("zh-009", "新能源车企发布季度财报", "财经", "科技", 0.58, "财经"),
            new Row("zh-010", "全国人大常委会审议法律草案", "Politics", "Politics", 0.86, "Politics"),
            new Row("zh-011", "故宫博物院推出新展览", "Arts & Culture", "Arts & Culture", 0.66, "Arts & Culture"),
            new Row("zh-012", "春节档电影票房创新高", "Arts & Culture", "财经", 0.61, "Arts & Culture"),
            new Row("en-001", "Champions League final goes to penalties", "体育", "体育", 0.95, "体育"),
            new Row("en-002", "Marathon record falls in Berlin", "体育", "体育", 0.72, "体育"),
            new Row("en-003", "Chipmaker unveils 2nm process", "科技", "科技", 0.90, "科技"),
            new Row("en-004", "Open-source model tops benchmark", "科技", "科技", 0.64, "科技"),
            new Row("en-005", "Fed holds rates steady", "财经", "财经", 0.89, "Politics"),
            new Row("en-006", "Oil prices slide on weak demand", "财经", "Politics", 0.47, "财经"),
            new Row("en-007", "Parliament passes budget bill", "Politics", "Politics", 0.92, "Politics"),
            new Row("en-008", "Senate hearing on AI safety", "Politics", "科技", 0.55, "Politics"),
            new Row("en-009", "Election turnout hits record", "Politics", "Politics", 0.83, "Politics"),
            new Row("en-010", "Booker Prize shortlist announced", "Arts & Culture", "Arts & Culture", 0.79, "Arts & Culture"),
            new Row("en-011", "Jazz festival returns to the city", "Arts & Culture", "体育", 0.38, "Arts & Culture"),
            new Row("en-012", "Streaming deal reshapes film studios", "Arts & Culture", "财经", 0.70, "财经"));

    private SampleReport() {
    }

    public static void main(String[] args) {
        Path out = Path.of(args.length > 0 ? args[0] : "bench/out");
        List<LabeledArticle> rows = new ArrayList<>();
        ManualTicker ticker = new ManualTicker();
        FakeClassifier.Builder local = FakeClassifier.builder(TAXONOMY, "local-ngram v1");
        FakeClassifier.Builder prompt = FakeClassifier.builder(TAXONOMY, "gpt-4o-mini-2024-07-18")
                // About 1,100 prompt tokens (700 cached) and 20 completion tokens at gpt-4o-mini prices.
                .usagePerAnswer(new Usage(1100, 700, 20, 0.000125));
        for (int i = 0; i < ROWS.size(); i++) {
            Row row = ROWS.get(i);
            rows.add(new LabeledArticle(Article.of(row.id(), row.title(), ""), row.gold()));
            local.answer(row.id(), row.local(), row.confidence());
            local.latency(ticker, row.id(), Duration.ofNanos(1000 * (200 + 37L * i)));
            prompt.latency(ticker, row.id(), Duration.ofMillis(450 + (i * 137L) % 900));
            if (row.id().equals("en-004")) {
                prompt.fail(row.id(), new RateLimitedException("rate limited (429) after 3 tries", Duration.ofSeconds(20), null));
            } else {
                prompt.answer(row.id(), row.prompt(), 0.9, row.id().equals("zh-012") ? new Prediction.Flag[] {Prediction.Flag.RESOLVED}
                        : new Prediction.Flag[0]);
            }
        }

        EvaluationResult localResult = Evaluation.builder().name("local").classifier(local.build())
                .batchSize(8).ticker(ticker).build().run(rows);
        EvaluationResult promptResult = Evaluation.builder().name("prompt").classifier(prompt.build())
                .batchSize(1).ticker(ticker).build().run(rows);
        CascadeSweep sweep = CascadeSweep.builder().first(localResult).fallback(promptResult).step(0.05).build();
        SweepResult swept = sweep.run();
        EvaluationResult cascade = sweep.at(0.7);

        EvaluationReport report = EvaluationReport.of("Sample evaluation: news 新闻分类 (fake classifiers)",
                localResult, promptResult, cascade).withSweep(swept);
        HtmlReport.write(report, out.resolve("eval-report.html"));
        JsonReport.withArticles().write(report, out.resolve("eval-report.json"));
        System.out.print(ConsoleReport.render(report));
        System.out.println();
        System.out.println("wrote " + out.resolve("eval-report.html") + " and " + out.resolve("eval-report.json"));
    }
}
