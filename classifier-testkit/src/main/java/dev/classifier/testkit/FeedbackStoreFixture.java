package dev.classifier.testkit;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import dev.classifier.api.FeedbackSource;
import dev.classifier.api.FeedbackStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The store under test and the feedback the contract tests use. Extend {@link FeedbackStoreContract}, which runs
 * every test of the kit; this class only holds what its parts share.
 */
public abstract class FeedbackStoreFixture {

    /** A fixture; a subclass says how to make the store. */
    protected FeedbackStoreFixture() {
    }

    /**
     * A new, empty store over its own location. Called once per test; the kit closes it.
     *
     * @return the store under test
     * @throws Exception if it cannot be made
     */
    protected abstract FeedbackStore createStore() throws Exception;

    /**
     * Another store over the data of the one {@link #createStore()} made in this test, as a restart or another
     * process would open it; may be called while that one is still open. Empty (the default) for stores that keep
     * their data only in the instance.
     *
     * @return another handle on the same data, if the store keeps any
     * @throws Exception if it cannot be opened
     */
    protected Optional<FeedbackStore> reopenStore() throws Exception {
        return Optional.empty();
    }

    private final List<FeedbackStore> opened = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger made = new AtomicInteger();
    private FeedbackStore store;

    @BeforeEach
    final void openStoreUnderTest() throws Exception {
        store = track(createStore());
    }

    @AfterEach
    final void closeStores() {
        for (FeedbackStore s : opened) {
            s.close();
        }
    }

    /**
     * The store under test.
     *
     * @return the store {@link #createStore()} made for this test
     */
    protected final FeedbackStore store() {
        return store;
    }

    private FeedbackStore track(FeedbackStore s) {
        opened.add(s);
        return s;
    }

    /**
     * Another handle on the store's data, closed by the kit; skips the test for a store that keeps nothing.
     *
     * @return the store {@link #reopenStore()} opened
     * @throws Exception if it cannot be opened
     */
    protected final FeedbackStore reopenedOrSkip() throws Exception {
        Optional<FeedbackStore> reopened = reopenStore();
        assumeTrue(reopened.isPresent(), "this store keeps nothing beyond its instance");
        return track(reopened.get());
    }

    // ---- values -----------------------------------------------------------------------------------------

    /**
     * Whether the store's {@code ...WithReceipt} methods tell apart two threads that add the same new id at once
     * (exactly one is told it added it). True (the default) for the library's stores; false for a store that relies
     * on {@link FeedbackStore}'s default methods, which cannot.
     *
     * @return whether concurrent receipts are exact
     */
    protected boolean exactReceiptsUnderConcurrency() {
        return true;
    }

    /**
     * Feedback with every field set: Chinese text, metadata, a prediction, a fingerprint, nanosecond time, and a
     * person (named in Chinese) as its source.
     *
     * @param id the feedback id; the article's is {@code "article-" + id}
     * @return the feedback
     */
    protected Feedback sample(String id) {
        int n = made.incrementAndGet();
        Article article = new Article("article-" + id, "央行宣布降息 " + id, "中国人民银行今日宣布下调利率 0.25 个百分点。"
                + " The central bank cut rates by 25 basis points.\nSecond line, \"quoted\".",
                Map.of("source", "新华社", "lang", "zh"));
        return new Feedback(id, article, "经济", Optional.of("政治"), "讲的是货币政策 / monetary policy",
                Optional.of("fp-" + n), Instant.ofEpochSecond(1_764_000_000L + n, 123_456_789),
                FeedbackSource.person("编辑 张伟 <zhang.wei@example.com>"));
    }

    /**
     * Plain feedback: no prediction, no fingerprint, no source, English.
     *
     * @param id the feedback id; the article's is {@code "a-" + id}
     * @return the feedback
     */
    protected Feedback plain(String id) {
        return new Feedback(id, Article.of("a-" + id, "Title " + id, "Body of " + id), "sports", Optional.empty(), "",
                Optional.empty(), Instant.ofEpochMilli(1_764_000_000_000L));
    }

    /**
     * Feedback about an article whose text someone may ask to have purged: every text field holds words found
     * nowhere else, the name of the person who gave it too, {@linkplain #secrets(Feedback) listed} so that a test can
     * search for them.
     *
     * @param id        the feedback id
     * @param articleId the article's id; several feedback may share one
     * @return the feedback
     */
    protected Feedback secret(String id, String articleId) {
        int n = made.incrementAndGet();
        String mark = articleId + "/" + id;
        Article article = new Article(articleId, "王小明的私人来信 " + mark,
                "寄信人住在北京市朝阳区幸福路八号 " + mark + "\n\"Private\" note from his doctor " + mark,
                Map.of("author", "王小明 " + mark));
        return new Feedback(id, article, "社会", Optional.of("政治"), "本人要求删除 " + mark, Optional.of("fp-" + n),
                Instant.ofEpochSecond(1_765_000_000L + n, 987_654_321), FeedbackSource.person("审稿人李娜 " + mark));
    }

    /**
     * The pieces of text of feedback made by {@link #secret}: none may be left in a store after a purge.
     *
     * @param secret feedback made by {@link #secret}
     * @return its title, its body's two lines (the second after its quoted word, which files store escaped), its
     *         reason, its metadata value and the name of the person who gave it
     */
    protected static List<String> secrets(Feedback secret) {
        String[] body = secret.article().body().split("\n");
        return List.of(secret.article().title(), body[0], body[1].substring(body[1].lastIndexOf('"') + 2),
                secret.reason(), secret.article().metadata().get("author"), secret.source().name());
    }

    /**
     * The ids of the feedback, in order.
     *
     * @param feedback any feedback
     * @return their ids
     */
    protected static List<String> ids(List<Feedback> feedback) {
        return feedback.stream().map(Feedback::id).toList();
    }

    /**
     * Everything a store streams, read to the end and closed.
     *
     * @param s a store
     * @return its live feedback, oldest first
     */
    protected static List<Feedback> all(FeedbackStore s) {
        try (Stream<Feedback> stream = s.stream()) {
            return stream.toList();
        }
    }

    /** A body of work that one numbered thread runs. */
    protected interface ThreadBody {
        /**
         * Runs the work.
         *
         * @param thread the thread's number, from 0
         * @throws Exception a failure, which fails the test
         */
        void run(int thread) throws Exception;
    }

    /**
     * Runs the body on {@code threads} threads released together; rethrows the first failure.
     *
     * @param threads how many threads
     * @param body    what each runs
     * @throws Exception the first failure
     */
    protected static void runConcurrently(int threads, ThreadBody body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier start = new CyclicBarrier(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit((Callable<Void>) () -> {
                    start.await();
                    body.run(thread);
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
