package dev.classifier.testkit.openai;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The OpenAI models every server starts with, and how it plays them, as OpenAI announced them by 2026-12
 * (the project's ../shared/openai/FACTS.md, sections 0 and 0b). Creation times are fixed (release days where known,
 * else arbitrary) so responses are stable.
 * <ul>
 *   <li>{@code gpt-6-luna}, {@code gpt-5.6-luna}: efforts none, low, medium, high, xhigh, max; medium by default;
 *       {@code temperature} only with effort none; cache writes reported; not fine-tunable; no shutdown date.</li>
 *   <li>{@code gpt-4o-mini(-2024-07-18)}, {@code gpt-4o(-2024-08-06)}, {@code gpt-4.1(-2025-04-14)},
 *       {@code gpt-4.1-mini(-2025-04-14)}: no reasoning, any temperature, fine-tunable, shut down on
 *       {@value #GPT_4_FAMILY_SHUTDOWN} (OpenAI's notice of 2026-10-14).</li>
 *   <li>{@code gpt-4.1-nano(-2025-04-14)}: the same, with no shutdown date (the notice does not name it).</li>
 *   <li>{@code gpt-5-nano(-2025-08-07)}: efforts minimal, low, medium, high; medium by default; never a
 *       {@code temperature} (it has no effort none); not fine-tunable; shuts down on
 *       {@value #GPT_5_NANO_SHUTDOWN}.</li>
 * </ul>
 */
final class BuiltInModels {

    static final String GPT_4_FAMILY_SHUTDOWN = "2027-01-14";
    static final String GPT_5_NANO_SHUTDOWN = "2026-12-11";

    private static final Instant CREATED_2024 = Instant.parse("2024-07-16T00:00:00Z");
    private static final Instant CREATED_2025 = Instant.parse("2025-04-14T00:00:00Z");
    private static final Instant CREATED_GPT_5_NANO = Instant.parse("2025-08-07T00:00:00Z");
    private static final Instant CREATED_GPT_5_6_LUNA = Instant.parse("2026-06-16T00:00:00Z");
    private static final Instant CREATED_GPT_6_LUNA = Instant.parse("2026-09-22T00:00:00Z");

    private BuiltInModels() {
    }

    /** The profile OpenAI's 2026 "luna" models have: six efforts, medium by default, cache writes billed. */
    static ModelProfile luna() {
        return ModelProfile.reasoning("medium", "none", "low", "medium", "high", "xhigh", "max").withCacheWrites(true);
    }

    static void install(ModelCatalog catalog) {
        LocalDate gpt4Shutdown = LocalDate.parse(GPT_4_FAMILY_SHUTDOWN);
        ModelProfile gpt4 = ModelProfile.chat().withFineTunable(true).withShutdownDate(gpt4Shutdown);
        snapshot(catalog, "gpt-4o-mini", "gpt-4o-mini-2024-07-18", CREATED_2024, gpt4);
        snapshot(catalog, "gpt-4o", "gpt-4o-2024-08-06", CREATED_2024, gpt4);
        snapshot(catalog, "gpt-4.1", "gpt-4.1-2025-04-14", CREATED_2025, gpt4);
        snapshot(catalog, "gpt-4.1-mini", "gpt-4.1-mini-2025-04-14", CREATED_2025, gpt4);
        snapshot(catalog, "gpt-4.1-nano", "gpt-4.1-nano-2025-04-14", CREATED_2025, gpt4.withoutShutdownDate());
        snapshot(catalog, "gpt-5-nano", "gpt-5-nano-2025-08-07", CREATED_GPT_5_NANO,
                ModelProfile.reasoning("medium", "minimal", "low", "medium", "high")
                        .withShutdownDate(LocalDate.parse(GPT_5_NANO_SHUTDOWN)));
        catalog.base("gpt-5.6-luna", CREATED_GPT_5_6_LUNA, luna());
        catalog.base("gpt-6-luna", CREATED_GPT_6_LUNA, luna());
    }

    private static void snapshot(ModelCatalog catalog, String alias, String snapshot, Instant created,
                                 ModelProfile profile) {
        catalog.base(snapshot, created, profile);
        catalog.alias(alias, snapshot);
    }
}
