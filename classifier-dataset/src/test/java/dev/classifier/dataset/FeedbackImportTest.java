package dev.classifier.dataset;

import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackSource;
import dev.classifier.api.InMemoryFeedbackStore;
import dev.classifier.api.LabelMapping;
import dev.classifier.api.Taxonomy;
import dev.classifier.testkit.SampleNews;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Labelled JSONL and CSV into a store: columns, labels, stable ids, and bad input named by file and line. */
class FeedbackImportTest {

    private static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("体育", "比赛与运动员").category("经济", "公司、市场与经济").category("Technology", "").build();

    @TempDir
    Path dir;

    private final InMemoryFeedbackStore store = new InMemoryFeedbackStore();

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private List<Feedback> stored() {
        try (Stream<Feedback> all = store.stream()) {
            return all.toList();
        }
    }

    private static final String CSV = """
            id,title,body,label,reason
            n-1,国足客场一比零取胜,"下半场第七十分钟打进制胜球。
            主教练赛后表示满意。",体育,进球与比分
            n-2,央行下调存款准备金率,释放长期资金约一万亿元。,经济,
            n-3,"新款手机发布, 搭载自研芯片",发布会在深圳举行。,Technology,"产品发布，不是财报"
            """;

    @Test
    void aCsvFileWithChineseTextIsImportedAndImportingItAgainAddsNothing() throws IOException {
        Path file = write("labelled.csv", CSV);
        FeedbackImport importer = FeedbackImport.builder(TAXONOMY).build();

        ImportResult first = importer.importCsv(file, store);

        assertThat(first.added()).isEqualTo(3);
        assertThat(first.rows()).isEqualTo(3);
        Feedback goal = stored().get(0);
        assertThat(goal.article().id()).isEqualTo("n-1");
        assertThat(goal.article().title()).isEqualTo("国足客场一比零取胜");
        assertThat(goal.article().body()).isEqualTo("下半场第七十分钟打进制胜球。\n主教练赛后表示满意。");
        assertThat(goal.label()).isEqualTo("体育");
        assertThat(goal.reason()).isEqualTo("进球与比分");
        assertThat(goal.taxonomyFingerprint()).contains(TAXONOMY.fingerprint());
        assertThat(stored()).extracting(Feedback::source).containsOnly(FeedbackSource.imported("labelled.csv"));
        assertThat(stored().get(2).article().title()).isEqualTo("新款手机发布, 搭载自研芯片");
        assertThat(stored().get(1).reason()).isEmpty();

        ImportResult again = FeedbackImport.builder(TAXONOMY).build().importCsv(file, store);

        assertThat(again.added()).isZero();
        assertThat(again.alreadyPresent()).isEqualTo(3);
        assertThat(store.size()).isEqualTo(3);
        assertThat(store.lastSequence()).isEqualTo(3);
        assertThat(goal.id()).isEqualTo(ImportRows.stableId("feedback-import", "n-1"));
    }

    @Test
    void columnsAndLabelsAreMappedAndRowsWhoseLabelIsDroppedAreCounted() throws IOException {
        Path file = write("export.jsonl", """
                {"uid": 17, "headline": "马拉松赛事周日开跑", "text": "三万名选手参赛。", "category": "体育新闻"}
                {"uid": "18", "headline": "招聘启事", "text": "诚聘程序员两名。", "category": "广告"}
                {"uid": "19", "text": "股市收涨百分之二。", "category": "财经", "why": "讲的是市场", "old": "体育"}
                """);
        FeedbackImport importer = FeedbackImport.builder(TAXONOMY).idColumn("uid").titleColumn("headline")
                .bodyColumn("text").labelColumn("category").reasonColumn("why").predictedColumn("old")
                .labels(LabelMapping.builder().rename("体育新闻", "体育").rename("财经", "经济").drop("广告").build())
                .build();

        ImportResult result = importer.importJsonl(file, store);

        assertThat(result.added()).isEqualTo(2);
        assertThat(result.dropped()).isEqualTo(1);
        assertThat(stored()).extracting(f -> f.article().id() + " " + f.label())
                .containsExactly("17 体育", "19 经济");
        Feedback correction = stored().get(1);
        assertThat(correction.article().title()).isEmpty();
        assertThat(correction.predicted()).contains("体育");
        assertThat(correction.reason()).isEqualTo("讲的是市场");
        assertThat(correction.isCorrection()).isTrue();
    }

    @Test
    void everyBadRowIsNamedByFileAndLineAndNothingIsAdded() throws IOException {
        Path file = write("bad.csv", """
                id,title,body,label
                ok-1,足球,比赛结束。,体育
                bad-1,篮球,比赛开始。,Sprots
                bad-2,,,体育
                bad-3,网球
                ,排球,比赛,体育
                ok-2,股市,收涨。,经济
                ok-1,足球,另一场比赛。,体育
                """);

        FeedbackImportException e = catchThrowableOfType(FeedbackImportException.class,
                () -> FeedbackImport.builder(TAXONOMY).build().importCsv(file, store));

        assertThat(e.problems()).extracting(ImportProblem::line).containsExactly(3L, 4L, 5L, 6L, 8L);
        assertThat(e.problems().get(0).message())
                .isEqualTo("label 'Sprots' is not in the taxonomy (体育, 经济, Technology, Uncategorized)"
                        + " and the label mapping does not map it");
        assertThat(e.problems().get(1).message())
                .isEqualTo("the body ('body') is empty and there is no title: a row needs text");
        assertThat(e.problems().get(2).message())
                .isEqualTo("2 values, but the header has 4 columns (no value for 'body', 'label')");
        assertThat(e.problems().get(3).message()).isEqualTo("the id ('id') is empty");
        assertThat(e.problems().get(4).message()).isEqualTo("the same article id ('ok-1') as line 2, with another"
                + " text or label");
        assertThat(e).hasMessageStartingWith(file + ": 5 bad rows, nothing was added")
                .hasMessageContaining(file + ":3: label 'Sprots'")
                .hasMessageNotContaining("比赛开始");
        assertThat(store.size()).as("validated first, nothing added").isZero();
    }

    @Test
    void skippingBadRowsAddsTheGoodOnesAndListsTheBad() throws IOException {
        Path file = write("mixed.jsonl", """
                {"id": "a", "title": "足球", "body": "比赛结束。", "label": "体育"}
                {"id": "b", "title": "篮球", "body": "比赛开始。", "label": "未知"}
                {"id": "c", "title": "网球", "body": "决赛。", "label": "体育"
                {"id": "d", "title": "股市", "body": "收涨。", "label": "经济"}
                {"id": "e", "title": "股市", "label": "经济"}
                """);

        ImportResult result = FeedbackImport.builder(TAXONOMY).skipBadRows(true).build().importJsonl(file, store);

        assertThat(result.added()).isEqualTo(2);
        assertThat(result.rejected()).extracting(ImportProblem::toString).containsExactly(
                file + ":2: label '未知' is not in the taxonomy (体育, 经济, Technology, Uncategorized) and the label"
                        + " mapping does not map it",
                file + ":3: the record is cut short (truncated JSON): Unexpected end-of-input: expected close marker"
                        + " for Object (opened at column 1) (column 56)",
                file + ":5: missing field 'body'");
        assertThat(store.size()).isEqualTo(2);
    }

    @Test
    void aQuoteNeverClosedStopsTheImportAtTheRowWhereItOpens() throws IOException {
        Path file = write("unclosed.csv", """
                id,title,body,label
                1,足球,比赛结束。,体育
                2,篮球,"比赛开始。,体育
                3,股市,收涨。,经济
                """);

        for (boolean skip : new boolean[] {false, true}) {
            FeedbackImportException e = catchThrowableOfType(FeedbackImportException.class,
                    () -> FeedbackImport.builder(TAXONOMY).skipBadRows(skip).build().importCsv(file, store));

            assertThat(e).hasMessageStartingWith(file + ": the import stopped, nothing was added:")
                    .hasMessageContaining(file + ":3: a quoted value is never closed");
        }
        assertThat(store.size()).isZero();
    }

    @Test
    void aHeaderWithoutANeededColumnIsAnErrorOfLineOne() throws IOException {
        Path file = write("nolabel.csv", "\uFEFFid,title,body\n1,足球,比赛结束。\n");

        FeedbackImportException e = catchThrowableOfType(FeedbackImportException.class,
                () -> FeedbackImport.builder(TAXONOMY).build().importCsv(file, store));

        assertThat(e.problems()).extracting(ImportProblem::toString)
                .containsExactly(file + ":1: no column 'label' in the header (its columns: id, title, body)");
    }

    @Test
    void textThatIsNotUtf8IsAnErrorNotGarbage() throws IOException {
        Path file = dir.resolve("gbk.csv");
        Files.write(file, "id,body,label\n1,比赛结束,体育\n".getBytes(java.nio.charset.Charset.forName("GBK")));

        FeedbackImportException e = catchThrowableOfType(FeedbackImportException.class,
                () -> FeedbackImport.builder(TAXONOMY).build().importCsv(file, store));

        assertThat(e.problems().get(0).message()).contains("not UTF-8");
        assertThat(store.size()).isZero();
    }

    @Test
    void rowsWithoutIdsGetIdsFromTheirTextSoTheSameTextIsOneFeedback() throws IOException {
        Path file = write("noids.csv", "body;label\n比赛结束。;体育\n股市收涨。;经济\n比赛结束。;体育\n");
        FeedbackImport importer = FeedbackImport.builder(TAXONOMY).idsFromText().csvSeparator(';').build();

        ImportResult first = importer.importCsv(file, store);
        ImportResult again = importer.importCsv(file, store);

        assertThat(first.added()).isEqualTo(2);
        assertThat(first.alreadyPresent()).as("the repeated row").isEqualTo(1);
        assertThat(again.added()).isZero();
        assertThat(again.alreadyPresent()).isEqualTo(3);
        assertThat(stored().get(0).article().id()).startsWith("text-").hasSize(29);
    }

    @Test
    void theShippedSampleFeedbackImportsInOneCall() {
        Taxonomy taxonomy = TaxonomyFiles.read(SampleNews.open(SampleNews.TAXONOMY),
                SampleNews.nameOf(SampleNews.TAXONOMY), Taxonomy.DEFAULT_FALLBACK);

        ImportResult result = FeedbackImport.builder(taxonomy).build()
                .importJsonl(SampleNews.open(SampleNews.FEEDBACK), SampleNews.nameOf(SampleNews.FEEDBACK), store);

        assertThat(result.added()).isEqualTo(228);
        assertThat(result.rejected()).isEmpty();
        assertThat(stored()).extracting(Feedback::source).containsOnly(FeedbackSource.imported(SampleNews.FEEDBACK));
        assertThat(stored()).filteredOn(Feedback::isCorrection).hasSize(96);
        assertThat(stored()).anyMatch(f -> f.article().id().equals("fb-0002") && f.label().equals("Uncategorized")
                && f.predicted().equals(Optional.of("Technology")) && f.reason().equals("这是招聘广告，不是科技新闻。"));
    }

    @Test
    void theSampleFeedbackGoesIntoADurableStoreAndStaysOnce() {
        Taxonomy taxonomy = TaxonomyFiles.read(SampleNews.open(SampleNews.TAXONOMY),
                SampleNews.nameOf(SampleNews.TAXONOMY), Taxonomy.DEFAULT_FALLBACK);
        FeedbackImport importer = FeedbackImport.builder(taxonomy).build();
        Path file = dir.resolve("store.jsonl");

        try (JsonlFeedbackStore jsonl = JsonlFeedbackStore.open(file)) {
            importer.importJsonl(SampleNews.open(SampleNews.FEEDBACK), SampleNews.nameOf(SampleNews.FEEDBACK), jsonl);
        }
        try (JsonlFeedbackStore jsonl = JsonlFeedbackStore.open(file)) {
            ImportResult again = importer.importJsonl(SampleNews.open(SampleNews.FEEDBACK),
                    SampleNews.nameOf(SampleNews.FEEDBACK), jsonl);
            assertThat(again.alreadyPresent()).isEqualTo(228);
            assertThat(jsonl.size()).isEqualTo(228);
        }
    }

    @Test
    void theSourceOfAnImportIsTheLastPartOfTheNameMadeOneShortLine() {
        assertThat(FeedbackImport.importedFrom("/home/王/exports/标注.csv")).isEqualTo(FeedbackSource.imported("标注.csv"));
        assertThat(FeedbackImport.importedFrom("C:\\data\\labels.jsonl")).isEqualTo(FeedbackSource.imported("labels.jsonl"));
        assertThat(FeedbackImport.importedFrom("dir/")).isEqualTo(FeedbackSource.imported("dir/"));
        assertThat(FeedbackImport.importedFrom("a\tb.csv")).isEqualTo(FeedbackSource.imported("a?b.csv"));
        assertThat(FeedbackImport.importedFrom("x".repeat(300)).name()).hasSize(FeedbackSource.MAX_NAME_LENGTH);
        assertThat(FeedbackImport.importedFrom(" ")).isEqualTo(FeedbackSource.imported("unnamed"));
    }

    @Test
    void aRowStoredFromAnotherFileCountsAsPresentAndKeepsItsFirstSource() throws IOException {
        Path first = write("first.csv", CSV);
        Path second = write("second.csv", CSV);
        FeedbackImport importer = FeedbackImport.builder(TAXONOMY).build();
        importer.importCsv(first, store);

        ImportResult again = importer.importCsv(second, store);

        assertThat(again.added()).isZero();
        assertThat(again.alreadyPresent()).isEqualTo(3);
        assertThat(stored()).extracting(Feedback::source).containsOnly(FeedbackSource.imported("first.csv"));
    }

    @Test
    void labelsGivenAsAMapRename() throws IOException {
        Path file = write("map.csv", "id,body,label\n1,比赛结束。,sports\n");

        FeedbackImport.builder(TAXONOMY).labels(Map.of("sports", "体育")).build().importCsv(file, store);

        assertThat(stored()).extracting(Feedback::label).containsExactly("体育");
    }
}
