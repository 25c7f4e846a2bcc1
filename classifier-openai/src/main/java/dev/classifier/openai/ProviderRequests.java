package dev.classifier.openai;

import com.openai.core.JsonField;
import com.openai.core.JsonMissing;
import com.openai.core.JsonValue;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionDeveloperMessageParam;
import com.openai.models.chat.completions.ChatCompletionMessageParam;
import com.openai.models.chat.completions.ChatCompletionSystemMessageParam;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** Rewrites a chat request for a {@link ProviderProfile}: the provider's quirks in one place. */
final class ProviderRequests {

    private static final String REASONING_EFFORT = "reasoning_effort";

    private ProviderRequests() {
    }

    @SuppressWarnings("deprecation") // max_tokens: deprecated by OpenAI, and the field many compatible servers read
    static ChatCompletionCreateParams adapt(ProviderProfile provider, ChatCompletionCreateParams params,
                                            ModelCatalog catalog) {
        if (provider.jsonWordRequired() && asksForJsonObject(params) && !mentionsJson(params.messages())) {
            throw new IllegalStateException(provider.name() + " refuses response_format json_object unless the"
                    + " messages contain the word \"json\"; say JSON in the system message (PromptFormat's default"
                    + " does), or use another response format");
        }
        ChatCompletionCreateParams.Builder b = params.toBuilder();
        Optional<Long> limit = params.maxCompletionTokens().or(params::maxTokens);
        if (limit.isPresent()) {
            switch (provider.tokenLimitField()) {
                case MAX_TOKENS -> b.maxCompletionTokens(absent()).maxTokens(limit.get());
                case MAX_COMPLETION_TOKENS -> b.maxTokens(absent()).maxCompletionTokens(limit.get());
            }
        }
        if (!provider.logprobs()) {
            b.logprobs(absent()).topLogprobs(absent());
        }
        if (!provider.developerRole() && params.messages().stream().anyMatch(ChatCompletionMessageParam::isDeveloper)) {
            b.messages(params.messages().stream().map(ProviderRequests::developerAsSystem).toList());
        }
        if (mayThink(params, catalog)) {
            Map<String, JsonValue> present = params._additionalBodyProperties();
            provider.thinkingOff().forEach((name, value) -> {
                boolean setByRequest = present.containsKey(name)
                        || (name.equals(REASONING_EFFORT) && params.reasoningEffort().isPresent());
                if (!setByRequest) {
                    b.putAdditionalBodyProperty(name, value);
                }
            });
        }
        return b.build();
    }

    /** A field left out of the body altogether (a null would be sent as {@code null}). */
    @SuppressWarnings("unchecked") // JsonMissing holds no value, so it stands for a field of any type
    private static <T> JsonField<T> absent() {
        return (JsonField<T>) (JsonField<?>) JsonMissing.of();
    }

    /** A model may think unless the catalog knows it and knows it does not reason (gpt-4o-mini refuses the field). */
    private static boolean mayThink(ChatCompletionCreateParams params, ModelCatalog catalog) {
        return catalog.find(params.model().asString()).map(ModelProfile::reasons).orElse(true);
    }

    private static boolean asksForJsonObject(ChatCompletionCreateParams params) {
        return params.responseFormat().map(ChatCompletionCreateParams.ResponseFormat::isJsonObject).orElse(false);
    }

    private static boolean mentionsJson(List<ChatCompletionMessageParam> messages) {
        return messages.stream().flatMap(ProviderRequests::texts)
                .anyMatch(text -> text.toLowerCase(Locale.ROOT).contains("json"));
    }

    /** The text a message holds (text parts of a multi-part content included). */
    private static Stream<String> texts(ChatCompletionMessageParam message) {
        if (message.isSystem()) {
            ChatCompletionSystemMessageParam.Content c = message.asSystem().content();
            return c.isText() ? Stream.of(c.asText()) : c.asArrayOfContentParts().stream()
                    .map(ChatCompletionContentPartText::text);
        }
        if (message.isDeveloper()) {
            ChatCompletionDeveloperMessageParam.Content c = message.asDeveloper().content();
            return c.isText() ? Stream.of(c.asText()) : c.asArrayOfContentParts().stream()
                    .map(ChatCompletionContentPartText::text);
        }
        if (message.isUser()) {
            var c = message.asUser().content();
            return c.isText() ? Stream.of(c.asText()) : c.asArrayOfContentParts().stream()
                    .map(ChatCompletionContentPart::text).flatMap(Optional::stream)
                    .map(ChatCompletionContentPartText::text);
        }
        if (message.isAssistant()) {
            return message.asAssistant().content().flatMap(c -> c.text()).stream();
        }
        return Stream.empty();
    }

    private static ChatCompletionMessageParam developerAsSystem(ChatCompletionMessageParam message) {
        if (!message.isDeveloper()) {
            return message;
        }
        ChatCompletionDeveloperMessageParam developer = message.asDeveloper();
        ChatCompletionDeveloperMessageParam.Content content = developer.content();
        ChatCompletionSystemMessageParam.Builder system = ChatCompletionSystemMessageParam.builder()
                .content(content.isText() ? ChatCompletionSystemMessageParam.Content.ofText(content.asText())
                        : ChatCompletionSystemMessageParam.Content.ofArrayOfContentParts(
                                content.asArrayOfContentParts()));
        developer.name().ifPresent(system::name);
        return ChatCompletionMessageParam.ofSystem(system.build());
    }
}
