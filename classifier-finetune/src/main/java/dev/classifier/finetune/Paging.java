package dev.classifier.finetune;

import com.openai.core.Page;
import dev.classifier.openai.OpenAiCalls;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The items of a paged list, each page fetched through {@link OpenAiCalls} when the one before is used up (the
 * SDK's own auto-pager would call the provider outside the layer's error mapping and retries).
 */
final class Paging<T> implements Iterator<T> {

    private final OpenAiCalls calls;
    private final OpenAiCalls.Call call;
    private Page<T> page;
    private Iterator<T> items;

    private Paging(OpenAiCalls calls, OpenAiCalls.Call call, OpenAiCalls.Attempt<? extends Page<T>> first) {
        this.calls = calls;
        this.call = call;
        this.page = calls.run(call, first);
        this.items = page.items().iterator();
    }

    /** Fetches the first page now; the others as the iterator reaches them. */
    static <T> Iterator<T> iterator(OpenAiCalls calls, OpenAiCalls.Call call,
                                    OpenAiCalls.Attempt<? extends Page<T>> first) {
        return new Paging<>(calls, call, first);
    }

    /** The same, as a sequential stream. */
    static <T> Stream<T> stream(OpenAiCalls calls, OpenAiCalls.Call call,
                                OpenAiCalls.Attempt<? extends Page<T>> first) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(calls, call, first),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    @Override
    public boolean hasNext() {
        while (!items.hasNext() && page.hasNextPage()) {
            Page<T> current = page;
            page = calls.run(call, attempt -> current.nextPage());
            items = page.items().iterator();
        }
        return items.hasNext();
    }

    @Override
    public T next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return items.next();
    }
}
