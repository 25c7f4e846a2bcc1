/**
 * Data on disk: streaming JSONL reading and writing ({@link dev.classifier.dataset.JsonlReader},
 * {@link dev.classifier.dataset.JsonlWriter}) with errors that name file, line and column; labelled sets
 * ({@link dev.classifier.dataset.LabeledSets}); seeded splits, shuffles and de-duplication
 * ({@link dev.classifier.dataset.Splits}); and the text form used to compare texts
 * ({@link dev.classifier.dataset.TextNormalizer}).
 */
package dev.classifier.dataset;
