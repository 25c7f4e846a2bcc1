/**
 * The contract every classifier module builds on, with no dependency outside the JDK.
 *
 * <ul>
 *   <li>What is classified and into what: {@link dev.classifier.api.Article}, {@link dev.classifier.api.Taxonomy}
 *       (with its {@link dev.classifier.api.Category categories} and a fallback label).</li>
 *   <li>The answer: {@link dev.classifier.api.Classifier} gives a {@link dev.classifier.api.Prediction} (label,
 *       calibrated confidence, {@link dev.classifier.api.LabelScores scores}, flags, {@link dev.classifier.api.Usage
 *       usage}); {@code classifyAll} gives one {@link dev.classifier.api.Outcome} per article. Failures are
 *       {@link dev.classifier.api.ClassificationException}s whose subclasses say whether to retry.
 *       {@link dev.classifier.api.Classifiers#cascade} puts a cheap classifier before a strong one.</li>
 *   <li>Learning from people: {@link dev.classifier.api.Feedback} kept in a
 *       {@link dev.classifier.api.FeedbackStore} (with a change feed of {@link dev.classifier.api.FeedbackChange}s;
 *       {@link dev.classifier.api.InMemoryFeedbackStore} for tests), mapped onto a changed taxonomy by a
 *       {@link dev.classifier.api.LabelMapping}.</li>
 *   <li>Seams other modules meet at: {@link dev.classifier.api.TextEmbedder} (embeddings without an embedding
 *       runtime on the class path) and {@link dev.classifier.api.Sleeper} (time a test can drive).</li>
 * </ul>
 *
 * <p>Article text is user data: it is never logged, and no exception message of the library carries it.
 */
package dev.classifier.api;
