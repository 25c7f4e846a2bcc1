package dev.classifier.embeddings;

import dev.classifier.api.Category;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What is embedded for a category's prototype: its description (its label when it has none) and each item the
 * description lists (its clauses, and a list's items), every text behind the embedding model's retrieval query instruction. A description is a
 * query against articles, so BGE models read it best as one ("Represent this sentence for searching relevant
 * passages: "); the listed items ("games, teams, players and competitions", "股市、股价和上市公司的股票交易")
 * each say the class in a few words, which short headlines match better than the whole sentence. Chosen on the
 * training splits only ({@code PrototypeTextCheck}, zero-shot): on THUCNews 55.8% for the description alone,
 * 57.4% with the instruction, 61.4% with the items too; on AG News 81.0%, 78.3% and 81.6%.
 */
final class PrototypeTexts {

    /** bge-small-en-v1.5's query instruction (its model card). */
    static final String BGE_EN_INSTRUCTION = "Represent this sentence for searching relevant passages: ";
    /** bge-small-zh-v1.5's query instruction (its model card). */
    static final String BGE_ZH_INSTRUCTION = "为这个句子生成表示以用于检索相关文章：";

    /** Where a description's clauses end. */
    private static final Pattern CLAUSES = Pattern.compile("[：:;；。.!?！？]");
    /** Where a clause's list items end. */
    private static final Pattern ITEMS = Pattern.compile("[、，,]");
    /** The conjunction before a list's last item (only in a clause that is a list, so 和平 stays whole). */
    private static final Pattern LAST_ITEM = Pattern.compile(" and | or |以及|和|与|及|或");

    private PrototypeTexts() {
    }

    /**
     * The query instruction of a known embedding model, by its id (which starts with the model's name): the BGE
     * v1.5 models; none for any other model.
     */
    static Optional<String> instructionFor(String modelId) {
        if (modelId.startsWith("bge-small-en-v1.5")) {
            return Optional.of(BGE_EN_INSTRUCTION);
        }
        if (modelId.startsWith("bge-small-zh-v1.5")) {
            return Optional.of(BGE_ZH_INSTRUCTION);
        }
        return Optional.empty();
    }

    /** The texts of a category's prototype, each behind the instruction (empty for none), the whole text first. */
    static List<String> of(Category category, String instruction) {
        String description = category.description().strip();
        if (description.isEmpty()) {
            return List.of(instruction + category.label());
        }
        List<String> texts = new ArrayList<>();
        texts.add(instruction + description);
        for (String item : items(description)) {
            texts.add(instruction + item);
        }
        return texts;
    }

    /**
     * The parts of a description: its clauses, and a clause that is a list as its items (the last one split at its
     * conjunction); none when the description is one clause and no list.
     */
    static List<String> items(String description) {
        List<String> items = new ArrayList<>();
        for (String clause : CLAUSES.split(description)) {
            String[] parts = ITEMS.split(clause);
            if (parts.length < 2) {
                add(items, clause);
                continue;
            }
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                if (i == parts.length - 1) {
                    for (String last : LAST_ITEM.split(part, 2)) {
                        add(items, last);
                    }
                } else {
                    add(items, part);
                }
            }
        }
        return items.size() == 1 ? List.of() : items;
    }

    private static void add(List<String> items, String item) {
        if (!item.isBlank()) {
            items.add(item.strip());
        }
    }
}
