/**
 * Data on disk: streaming JSONL reading and writing ({@link dev.classifier.dataset.JsonlReader},
 * {@link dev.classifier.dataset.JsonlWriter}) with errors that name file, line and column; labelled sets
 * ({@link dev.classifier.dataset.LabeledSets}); seeded splits, shuffles and de-duplication
 * ({@link dev.classifier.dataset.Splits}); the text form used to compare texts
 * ({@link dev.classifier.dataset.TextNormalizer}); taxonomy files ({@link dev.classifier.dataset.TaxonomyFiles});
 * the durable feedback store ({@link dev.classifier.dataset.JsonlFeedbackStore}, with purges that rewrite its file);
 * and the import of labelled JSONL and CSV into any store ({@link dev.classifier.dataset.FeedbackImport}).
 */
package dev.classifier.dataset;
