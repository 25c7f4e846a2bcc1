package dev.classifier.embeddings;

public class Scratch {
    public static void main(String[] args) {
        for (EmbeddingModel m : new EmbeddingModel[] {EmbeddingModel.bgeSmallZh(), EmbeddingModel.bgeSmallEn()}) {
            long t0 = System.nanoTime();
            try (OnnxTextEmbedder e = OnnxTextEmbedder.load(m)) {
                System.out.println(e + " load ms " + (System.nanoTime() - t0) / 1e6);
                Embedding a = e.embedDetailed("央行宣布下调存款准备金率");
                Embedding b = e.embedDetailed("中国人民银行降准0.5个百分点");
                Embedding c = e.embedDetailed("国足客场战平对手");
                System.out.println(a.tokens() + " " + dot(a.vector(), b.vector()) + " " + dot(a.vector(), c.vector()));
                String longText = "word ".repeat(3000);
                long t1 = System.nanoTime();
                Embedding l = e.embedDetailed(longText);
                System.out.println("long: tokens " + l.tokens() + " trunc " + l.truncated() + " ms " + (System.nanoTime() - t1) / 1e6);
                String huge = "词".repeat(1_000_000);
                t1 = System.nanoTime();
                System.out.println("huge tokens " + e.countTokens(huge) + " ms " + (System.nanoTime() - t1) / 1e6);
                System.out.println("empty: " + e.embedDetailed("").tokens());
                System.out.println("props " + System.getProperty("OPT_OUT_TRACKING") + " " + System.getProperty("ai.djl.offline"));
            }
        }
    }
    static double dot(float[] a, float[] b) { double s = 0; for (int i = 0; i < a.length; i++) s += a[i] * b[i]; return s; }
}
