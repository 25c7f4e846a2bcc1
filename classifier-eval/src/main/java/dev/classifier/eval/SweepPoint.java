package dev.classifier.eval;

/**
 * A cascade at one threshold.
 *
 * @param firstShare       share of the articles the first classifier answered (it was sure enough)
 * @param passedToFallback articles the fallback was asked about
 * @param costPer1000Usd   the first classifier's cost for every article plus the fallback's for those passed on,
 *                         per 1,000 articles
 */
public record SweepPoint(double threshold, double accuracy, double macroF1, double firstShare, int passedToFallback,
                         double costPer1000Usd) {
}
