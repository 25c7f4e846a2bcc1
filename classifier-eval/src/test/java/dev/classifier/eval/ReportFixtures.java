package dev.classifier.eval;

import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.UnavailableException;

import java.util.List;

/** Results whose labels, ids and messages try to break out of HTML, with Chinese among them. */
final class ReportFixtures {

    static final String SCRIPT_LABEL = "<script>alert(1)</script>";
    static final String QUOTES_LABEL = "R&D \"quoted\" 'single'";
    static final String SPORTS = "体育";
    static final String TECH = "科技";
    static final String IMG_ID = "<img src=x onerror=alert(1)>";
    static final String LINK_MESSAGE = "<a href=\"http://evil.example\">click</a> & more";
    static final String MARKUP_TITLE = "Lab <b>leak</b> & \"notes\"";

    static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category(SCRIPT_LABEL, "").category(QUOTES_LABEL, "").category(SPORTS, "").category(TECH, "").build();

    static final List<LabeledArticle> ROWS = List.of(
            Rows.row("r1", "alert", SCRIPT_LABEL),
            Rows.row("r2", MARKUP_TITLE, QUOTES_LABEL),
            Rows.row("r3", "国足晋级世界杯", SPORTS),
            Rows.row("r4", "马拉松", SPORTS),
            Rows.row("r5", "芯片发布", TECH),
            Rows.row(IMG_ID, "新手机", TECH));

    private ReportFixtures() {
    }

    /** Right on r1, r3, r5; wrong on r2 and r4; fails on the article with the nasty id. */
    static EvaluationResult cheap() {
        FakeClassifier fake = FakeClassifier.builder(TAXONOMY, "local-ngram")
                .answer("r1", SCRIPT_LABEL, 0.9)
                .answer("r2", SPORTS, 0.4)
                .answer("r3", SPORTS, 0.8)
                .answer("r4", TECH, 0.55)
                .answer("r5", TECH, 0.95)
                .fail(IMG_ID, new UnavailableException(LINK_MESSAGE, null))
                .build();
        return Evaluation.builder().name("local <b>").classifier(fake).build().run(ROWS);
    }

    /** Right on all but r4, at a cent each. */
    static EvaluationResult paid() {
        FakeClassifier fake = FakeClassifier.builder(TAXONOMY, "gpt-4o-mini")
                .answer("r1", SCRIPT_LABEL, 0.9)
                .answer("r2", QUOTES_LABEL, 0.8)
                .answer("r3", SPORTS, 0.9)
                .answer("r4", TECH, 0.6)
                .answer("r5", TECH, 0.9)
                .answer(IMG_ID, TECH, Double.NaN)
                .costPerAnswer(0.01)
                .build();
        return Evaluation.builder().name("prompt & co").classifier(fake).build().run(ROWS);
    }

    static EvaluationReport fullReport() {
        EvaluationResult cheap = cheap();
        EvaluationResult paid = paid();
        SweepResult sweep = CascadeSweep.builder().first(cheap).fallback(paid).step(0.1).build().run();
        return EvaluationReport.of("Report <title> & 报告", cheap, paid).withSweep(sweep);
    }
}
