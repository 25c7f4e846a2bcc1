package dev.classifier.testkit.openai;

/**
 * Decides what the model answers to a chat request. The server turns the {@link Reply} into a chat completion
 * that fits the request's response format, and counts its tokens. Called concurrently; must be thread-safe.
 * <pre>{@code
 * server.responder(request -> request.lastUserText().contains("goal")
 *         ? Reply.label("sports", "mentions a goal")
 *         : Reply.label("other", "no sports words"));
 * }</pre>
 */
@FunctionalInterface
public interface Responder {

    Reply respond(ChatRequest request);
}
