/**
 * An OpenAI-compatible server on 127.0.0.1 for tests: {@link dev.classifier.testkit.openai.OpenAiTestServer}
 * (and {@link dev.classifier.testkit.openai.OpenAiTestServerExtension} for JUnit 5). It serves chat completions,
 * files, fine-tuning jobs, batches and models, keeps their state, moves jobs and batches along by a clock the test
 * drives ({@link dev.classifier.testkit.ManualClock}), injects faults ({@link dev.classifier.testkit.openai.FaultPlan})
 * and records every request ({@link dev.classifier.testkit.openai.Journal}). Answers come from a
 * {@link dev.classifier.testkit.openai.Responder}; the default one,
 * {@link dev.classifier.testkit.openai.LabelResponder}, classifies by rules the test gives.
 * Built on the JDK's {@code com.sun.net.httpserver}, with Jackson and jtokkit only.
 */
package dev.classifier.testkit.openai;
