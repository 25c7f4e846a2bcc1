package dev.classifier.finetune;

import dev.classifier.openai.ProviderError;

import java.util.List;

/**
 * The provider takes no new fine-tuning jobs from this account: OpenAI's answer since its wind-down of self-serve
 * fine-tuning (403 {@code fine_tuning_unavailable}; from 2027-01-06 for everyone). Models tuned earlier keep
 * answering until their base model shuts down; retrying will not help. {@link #alternatives()} are the ways on:
 * Azure OpenAI, an open-weight model trained on the exported file, the offline learners.
 */
public class CreationRefusedException extends FineTuningException {

    private final transient List<Alternative> alternatives;

    public CreationRefusedException(String message, ProviderError provider, List<Alternative> alternatives) {
        super(message, provider, null);
        this.alternatives = List.copyOf(alternatives);
    }

    /** What to do instead, with reasons (not measured: {@link FineTuneAdvisor} measures the offline learners). */
    public List<Alternative> alternatives() {
        return alternatives;
    }
}
