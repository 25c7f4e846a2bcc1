package dev.classifier.spark;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Outcome;
import dev.classifier.api.Prediction;
import dev.classifier.api.Taxonomy;
import dev.classifier.local.LocalClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link ScoresColumn#STRUCT}: a double field per label, named as the label, Chinese and punctuation included. */
class StructScoresTest {

    /** Chinese labels, and English ones with a space, an ampersand and dots (each needs backticks in a path). */
    private static final List<String> LABELS = List.of("体育", "财经", "Science & Tech", "U.S. politics");

    @Test
    void scoresAreAStructWithAFieldPerLabelEqualToTheSingleJvmsAlsoAfterParquet(@TempDir Path dir)
            throws IOException {
        LocalClassifier single = LocalClassifier.trainer().train(training(), taxonomy());
        Path modelFile = dir.resolve("struct.model");
        single.save(modelFile);
        SparkClassifier spark = SparkClassifier.builder(ModelSources.localModel(modelFile))
                .scores(ScoresColumn.STRUCT).build();
        List<String> labels = single.taxonomy().labels();
        List<Article> articles = List.of(Article.of("z1", "国足晋级决赛", "球员表现出色"),
                Article.of("z2", "央行宣布降息", "股市上涨"),
                Article.of("e1", "New phone chip", "faster software"),
                Article.of("e2", "Senate passes the bill", "Congress votes in Washington"));
        List<Row> input = new ArrayList<>(articles.stream()
                .map(a -> RowFactory.create(a.id(), a.title(), a.body())).toList());
        input.add(RowFactory.create(null, "没有编号", "这一行失败"));

        Dataset<Row> classified = spark.classify(TestSpark.session().createDataFrame(input, TestSpark.ARTICLES)
                .repartition(2));
        StructType scores = (StructType) classified.schema().apply("scores").dataType();
        assertThat(scores.fieldNames()).containsExactlyElementsOf(labels);
        assertThat(Arrays.stream(scores.fields()).map(StructField::dataType)).containsOnly(DataTypes.DoubleType);
        classified.write().mode(SaveMode.Overwrite).parquet(dir.resolve("out").toString());
        Dataset<Row> written = TestSpark.session().read().parquet(dir.resolve("out").toString());

        assertThat(((StructType) written.schema().apply("scores").dataType()).fieldNames())
                .containsExactlyElementsOf(labels);
        List<Outcome> outcomes = single.classifyAll(articles);
        for (int i = 0; i < articles.size(); i++) {
            Prediction expected = ((Outcome.Success) outcomes.get(i)).prediction();
            Row row = written.filter(functions.col("id").equalTo(articles.get(i).id()))
                    .select(functions.col("label"), functions.col("scores"), functions.col("scores.体育"),
                            functions.col("scores.`Science & Tech`"), functions.col("scores.`U.S. politics`"))
                    .first();
            assertThat(row.getString(0)).isEqualTo(expected.label());
            Row struct = row.getStruct(1);
            for (int j = 0; j < labels.size(); j++) {
                assertThat(struct.getDouble(j)).as(labels.get(j)).isEqualTo(expected.scores().get(labels.get(j)));
            }
            assertThat(row.getDouble(2)).isEqualTo(expected.scores().get("体育"));
            assertThat(row.getDouble(3)).isEqualTo(expected.scores().get("Science & Tech"));
            assertThat(row.getDouble(4)).isEqualTo(expected.scores().get("U.S. politics"));
        }
        Row failed = written.filter(functions.col("id").isNull()).first();
        assertThat(failed.<String>getAs("status")).isEqualTo(OutputColumns.FAILED);
        assertThat(failed.<Row>getAs("scores")).isNull();
    }

    @Test
    void labelsThatDifferOnlyInCaseAreRefusedForAStructNamingBoth() {
        assertThatThrownBy(() -> OutputColumns.scoresStruct(List.of("Sports", "Business", "sports")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'Sports' and 'sports' differ only in case")
                .hasMessageContaining("ScoresColumn.ARRAY");
        assertThat(OutputColumns.scoresStruct(List.of("体育", "Sports")).fieldNames())
                .containsExactly("体育", "Sports");
    }

    private static Taxonomy taxonomy() {
        Taxonomy.Builder taxonomy = Taxonomy.builder();
        LABELS.forEach(label -> taxonomy.category(label, label));
        return taxonomy.build();
    }

    private static List<LabeledArticle> training() {
        return List.of(
                new LabeledArticle(Article.of("t1", "国足晋级世界杯决赛", "球员进球"), "体育"),
                new LabeledArticle(Article.of("t2", "篮球联赛开幕", "球队比赛"), "体育"),
                new LabeledArticle(Article.of("t3", "央行降息", "股市与经济"), "财经"),
                new LabeledArticle(Article.of("t4", "公司季度营收创新高", "市场投资"), "财经"),
                new LabeledArticle(Article.of("t5", "Startup unveils a faster phone chip", "software"),
                        "Science & Tech"),
                new LabeledArticle(Article.of("t6", "New laptop and internet service", "gadget"), "Science & Tech"),
                new LabeledArticle(Article.of("t7", "Senate passes the budget bill", "Congress"), "U.S. politics"),
                new LabeledArticle(Article.of("t8", "President signs a law in Washington", "vote"), "U.S. politics"));
    }
}
