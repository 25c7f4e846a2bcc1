package dev.classifier.prompt.bench;

import dev.classifier.api.Article;
import dev.classifier.api.Feedback;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.similarities.BM25Similarity;
import org.apache.lucene.store.ByteBuffersDirectory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The peer: Lucene's BM25 over the same records, in memory, one merged segment, CJKAnalyzer (width folding,
 * lower case, CJK bigrams) without stop words, so it sees the terms our index sees.
 */
final class LuceneBm25 implements AutoCloseable {

    private static final int MAX_CHARS = 1_000;

    private final Analyzer analyzer = new CJKAnalyzer(CharArraySet.EMPTY_SET);
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final DirectoryReader reader;
    private final IndexSearcher searcher;

    LuceneBm25(List<Feedback> feedback) {
        try {
            IndexWriterConfig config = new IndexWriterConfig(analyzer).setSimilarity(new BM25Similarity())
                    .setRAMBufferSizeMB(256);
            try (IndexWriter writer = new IndexWriter(directory, config)) {
                for (Feedback f : feedback) {
                    Document doc = new Document();
                    doc.add(new StoredField("article", f.article().id()));
                    doc.add(new TextField("text", text(f.article()), Field.Store.NO));
                    writer.addDocument(doc);
                }
                writer.forceMerge(1);
            }
            reader = DirectoryReader.open(directory);
            searcher = new IndexSearcher(reader);
            searcher.setSimilarity(new BM25Similarity());
        } catch (IOException e) {
            throw new UncheckedIOException("building the Lucene index", e);
        }
    }

    /** The {@code n} best matches for the article's head, as Lucene document numbers. */
    TopDocs search(Article article, int n) {
        try {
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            for (String term : terms(text(article))) {
                query.add(new TermQuery(new Term("text", term)), BooleanClause.Occur.SHOULD);
            }
            return searcher.search(query.build(), n);
        } catch (IOException e) {
            throw new UncheckedIOException("searching the Lucene index", e);
        }
    }

    /** Article ids of the hits. */
    List<String> articleIds(TopDocs top) {
        List<String> ids = new ArrayList<>();
        try {
            for (ScoreDoc hit : top.scoreDocs) {
                ids.add(searcher.storedFields().document(hit.doc).get("article"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    private Set<String> terms(String text) throws IOException {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream("text", text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < IndexSearcher.getMaxClauseCount()) {
                terms.add(term.toString());
            }
            stream.end();
        }
        return terms;
    }

    /** Title and body (the body only when it is not the title again), first 1,000 characters, as ours. */
    static String text(Article article) {
        String title = article.title().strip();
        String body = article.body().strip();
        String text = title.isEmpty() ? body : body.isEmpty() || body.equals(title) ? title : title + "\n" + body;
        return text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS);
    }

    @Override
    public void close() throws IOException {
        reader.close();
        directory.close();
    }
}
