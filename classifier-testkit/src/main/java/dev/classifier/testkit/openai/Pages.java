package dev.classifier.testkit.openai;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Cursor paging as OpenAI's list endpoints do it: the items after the one whose id is {@code after}, up to a limit. */
final class Pages {

    record Page<T>(List<T> items, boolean hasMore) {
    }

    private Pages() {
    }

    /** @param ordered the items in the order the endpoint lists them */
    static <T> Page<T> page(List<T> ordered, Function<T, String> id, Optional<String> after, int limit) {
        int start = 0;
        if (after.isPresent()) {
            start = ordered.size();
            for (int i = 0; i < ordered.size(); i++) {
                if (id.apply(ordered.get(i)).equals(after.get())) {
                    start = i + 1;
                    break;
                }
            }
        }
        int end = Math.min(ordered.size(), start + limit);
        return new Page<>(List.copyOf(ordered.subList(start, end)), end < ordered.size());
    }
}
