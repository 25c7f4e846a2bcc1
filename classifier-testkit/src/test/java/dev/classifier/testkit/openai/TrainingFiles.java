package dev.classifier.testkit.openai;

import java.util.ArrayList;
import java.util.List;

/** Chat-format training lines, as a classifier's fine-tuning set has them: English and Chinese news. */
final class TrainingFiles {

    private static final String[][] ARTICLES = {
            {"The striker scored twice in the derby.", "sports"},
            {"议会今天通过了新的预算案。", "politics"},
            {"A new chip promises faster phones.", "tech"},
            {"国家队在世界杯预选赛中获胜。", "sports"},
            {"The minister resigned after the vote.", "politics"},
            {"人工智能公司发布了新的语言模型。", "tech"},
            {"The marathon drew record crowds.", "sports"},
            {"Elections will be held in spring.", "politics"},
            {"The startup raised money for its robots.", "tech"},
            {"网球公开赛决赛在周日举行。", "sports"},
            {"Senators debated the trade bill.", "politics"},
            {"A software update fixed the flaw.", "tech"},
    };

    private TrainingFiles() {
    }

    static String line(String article, String label) {
        return "{\"messages\":[{\"role\":\"system\",\"content\":\"Classify the news article.\"},"
                + "{\"role\":\"user\",\"content\":\"" + article + "\"},"
                + "{\"role\":\"assistant\",\"content\":\"{\\\"label\\\":\\\"" + label + "\\\"}\"}]}";
    }

    /** {@code n} valid examples (n at most 12), one a line. */
    static List<String> lines(int n) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lines.add(line(ARTICLES[i][0], ARTICLES[i][1]));
        }
        return lines;
    }

    static String file(List<String> lines) {
        return String.join("\n", lines) + "\n";
    }

    static String valid(int n) {
        return file(lines(n));
    }
}
