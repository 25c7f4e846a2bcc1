package dev.classifier.local.bench;

/**
 * The Java side of bench/local-vs-peers.sh in one JVM, so the module is built once: optionally the settings
 * search on the training splits ({@link Tuning}), then the local classifier and OpenNLP on both datasets, one
 * after another. JSON result lines go to stdout.
 *
 * <p>Usage: {@code JavaBenches [--tune] <agnewsPredictDocs> <thucnewsPredictDocs>}
 */
public final class JavaBenches {

    public static void main(String[] args) throws Exception {
        int at = 0;
        boolean tune = args[0].equals("--tune");
        if (tune) {
            at++;
            // The defaults against their nearest rivals; the comments of FeatureSpec.defaults() give a wider search.
            Tuning.main(new String[] {"agnews", "default:1-2:2-6:uni:1", "latin2-5:1-2:2-5:uni:1",
                    "latin3-6:1-2:3-6:uni:1", "word-bigrams:1-2:2-6:bi:1", "C=0.5:1-2:2-6:uni:0.5",
                    "C=2:1-2:2-6:uni:2"});
            Tuning.main(new String[] {"thucnews", "default:1-2:2-6:uni:1", "latin2-5:1-2:2-5:uni:1",
                    "cjk1-3:1-3:2-6:uni:1", "latin3-6:1-2:3-6:uni:1", "C=0.5:1-2:2-6:uni:0.5", "C=2:1-2:2-6:uni:2"});
        }
        String agnewsDocs = args[at];
        String thucnewsDocs = args[at + 1];
        LocalBench.main(new String[] {"agnews", agnewsDocs});
        LocalBench.main(new String[] {"thucnews", thucnewsDocs});
        System.gc();
        OpenNlpBench.main(new String[] {"agnews", agnewsDocs, "ws"});
        OpenNlpBench.main(new String[] {"thucnews", thucnewsDocs, "char"});
    }
}
