package dev.classifier.local;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;
import dev.classifier.dataset.LabeledSets;

import java.nio.file.Path;
import java.util.List;

/** Scratch: where prediction time goes (thread CPU time per document). */
public final class ProfileProbe {
    static long cpu() { return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); }

    public static void main(String[] args) throws Exception {
        String ds = args[0];
        Path dir = Path.of(System.getProperty("classifier.sharedDir")).resolve("data").resolve(ds);
        List<LabeledArticle> rows = LabeledSets.read(dir.resolve("train.jsonl")).stream()
                .map(r -> new LabeledArticle(new Article(r.article().id(), "", r.article().body(), java.util.Map.of()), r.label())).toList();
        List<String> test = LabeledSets.read(dir.resolve("test.jsonl")).stream().map(r -> r.article().body()).toList();
        List<Article> articles = test.stream().map(t -> Article.of("x", "", t)).toList();
        Taxonomy taxonomy = Taxonomy.of(rows.stream().map(LabeledArticle::label).distinct().sorted().toArray(String[]::new));
        LocalTrainer.Builder b = LocalTrainer.builder().minDocumentFrequency(args.length > 1 ? Integer.parseInt(args[1]) : 1);
        if (args.length > 2) b.features(FeatureSpec.defaults().withLatin(Integer.parseInt(args[2]), 5));
        LocalClassifier model = b.build().train(rows, taxonomy);
        java.lang.reflect.Field f = LocalClassifier.class.getDeclaredField("model");
        f.setAccessible(true);
        LinearModel lm = (LinearModel) f.get(model);
        TextFeatures tf = new TextFeatures(lm.spec());
        Vocabulary voc = lm.vocabulary();
        double[] out = new double[lm.classes().size()];
        double[] best = new double[5];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        long sink = 0;
        for (int round = 0; round < 15; round++) {
            long t0 = cpu();
            for (String s : test) sink += tf.count(s, TextFeatures.Scratch.get());
            long t1 = cpu();
            for (String s : test) { TextFeatures.Scratch sc = TextFeatures.Scratch.get(); int n = tf.count(s, sc);
                for (int i = 0; i < n; i++) sink += voc.indexOf(sc.counter.key(i)); }
            long t2 = cpu();
            for (String s : test) sink += lm.margins(s, out);
            long t3 = cpu();
            for (Article a : articles) sink += model.classify(a).label().length();
            long t4 = cpu();
            long[] t = {t0, t1, t2, t3, t4};
            for (int i = 0; i < 4; i++) best[i] = Math.min(best[i], (t[i + 1] - t[i]) / (double) test.size() / 1e3);
        }
        System.out.printf("%s best per doc us: count %.2f +lookup %.2f margins %.2f classify %.2f -> %.0f docs/s (%d, %d features)%n",
                ds, best[0], best[1], best[2], best[3], 1e6 / best[3], sink % 7, voc.size());
    }
}
