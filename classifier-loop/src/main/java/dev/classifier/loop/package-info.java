/**
 * The learning loop over any {@link dev.classifier.api.Classifier}: which predictions a person should check next,
 * corrections that take effect on the next similar article, and feedback that the rest of the data contradicts.
 */
package dev.classifier.loop;
