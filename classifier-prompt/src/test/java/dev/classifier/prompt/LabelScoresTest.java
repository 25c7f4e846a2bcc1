package dev.classifier.prompt;

import dev.classifier.api.Taxonomy;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Label probabilities from token logprobs, on hand-made token streams (tokenisations chosen to be awkward). */
class LabelScoresTest {

    private static LabelScores.Token token(String text, double p, Object... alternatives) {
        return token(text.getBytes(StandardCharsets.UTF_8), p, alternatives);
    }

    private static LabelScores.Token token(byte[] bytes, double p, Object... alternatives) {
        List<LabelScores.Alternative> alts = new ArrayList<>();
        alts.add(new LabelScores.Alternative(bytes, Math.log(p))); // the token itself comes first, as OpenAI lists it
        for (int i = 0; i < alternatives.length; i += 2) {
            byte[] alt = alternatives[i] instanceof byte[] b ? b
                    : ((String) alternatives[i]).getBytes(StandardCharsets.UTF_8);
            alts.add(new LabelScores.Alternative(alt, Math.log((Double) alternatives[i + 1])));
        }
        return new LabelScores.Token(bytes, Math.log(p), alts);
    }

    private static final Taxonomy NEWS = Taxonomy.of("sports", "politics", "tech");

    @Test
    void theLabelsFirstTokenAndItsAlternativesGiveTheScores() {
        List<LabelScores.Token> tokens = List.of(token("{\"", 1.0), token("label", 1.0), token("\":\"", 1.0),
                token("sports", 0.7, "politics", 0.2, "tech", 0.05, " ", 0.05), token("\",\"", 1.0),
                token("reason", 1.0), token("\":\"", 1.0), token("x", 1.0), token("\"}", 1.0));

        LabelScores.Result r = LabelScores.read(tokens, "sports", NEWS).orElseThrow();

        assertThat(r.confidence()).isCloseTo(0.7 / 0.95, within(1e-12));
        assertThat(r.scores()).containsOnlyKeys("sports", "politics", "tech");
        assertThat(r.scores().get("politics")).isCloseTo(0.2 / 0.95, within(1e-12));
    }

    @Test
    void aSharedPrefixIsFollowedUntilTheLabelIsDecided() {
        Taxonomy labels = Taxonomy.of("Tech", "Technology", "Sports");
        // "Tech" could be either label: the next token decides (a closing quote, or "nology").
        List<LabelScores.Token> tokens = List.of(token("{\"label\":\"", 1.0),
                token("Tech", 0.8, "Sports", 0.2),
                token("nology", 0.6, "\",\"", 0.4),
                token("\",\"reason\":\"\"}", 1.0));

        LabelScores.Result r = LabelScores.read(tokens, "Technology", labels).orElseThrow();

        assertThat(r.scores().get("Technology")).isCloseTo(0.48, within(1e-12));
        assertThat(r.scores().get("Tech")).isCloseTo(0.32, within(1e-12));
        assertThat(r.scores().get("Sports")).isCloseTo(0.2, within(1e-12));
        assertThat(r.confidence()).isCloseTo(0.48, within(1e-12));
    }

    @Test
    void aTokenThatAlsoWritesTheOpeningQuoteIsReadPastIt() {
        List<LabelScores.Token> tokens = List.of(token("{\"label\":", 1.0),
                token("\"sp", 0.5, "\"pol", 0.25, "\"te", 0.25, "sp", 0.3),
                token("orts\"}", 1.0));

        LabelScores.Result r = LabelScores.read(tokens, "sports", NEWS).orElseThrow();

        assertThat(r.confidence()).isCloseTo(0.5, within(1e-12)); // "sp" without the quote opens no value
        assertThat(r.scores()).containsOnlyKeys("sports", "politics", "tech");
    }

    @Test
    void chineseLabelsSplitInsideACharacterAreMatchedByBytes() {
        Taxonomy labels = Taxonomy.of("体育", "财经", "科技");
        byte[] sport = "体育".getBytes(StandardCharsets.UTF_8);
        byte[] finance = "财经".getBytes(StandardCharsets.UTF_8);
        // The first token holds the first two bytes of 体 only; its alternative the first two of 财.
        List<LabelScores.Token> tokens = List.of(token("{\"label\":\"", 1.0),
                token(Arrays.copyOf(sport, 2), 0.9, Arrays.copyOf(finance, 2), 0.1),
                token(Arrays.copyOfRange(sport, 2, sport.length), 1.0),
                token("\",\"reason\":\"\"}", 1.0));

        LabelScores.Result r = LabelScores.read(tokens, "体育", labels).orElseThrow();

        assertThat(r.confidence()).isCloseTo(0.9, within(1e-12));
        assertThat(r.scores().get("财经")).isCloseTo(0.1, within(1e-12));
    }

    @Test
    void aLabelWithAQuoteIsMatchedAsJsonWritesIt() {
        Taxonomy labels = Taxonomy.of("\"Quoted\" news", "Other");
        List<LabelScores.Token> tokens = List.of(token("{\"label\":\"", 1.0),
                token("\\\"", 0.75, "Other", 0.25), token("Quoted\\\" news\"}", 1.0));

        LabelScores.Result r = LabelScores.read(tokens, "\"Quoted\" news", labels).orElseThrow();

        assertThat(r.confidence()).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void nothingIsReadWhenTheValueIsNotExactlyTheLabel() {
        assertThat(LabelScores.read(List.of(token("{\"label\":\"Sports\"}", 0.9)), "sports", NEWS)).isEmpty();
        assertThat(LabelScores.read(List.of(token("sports", 0.9)), "sports", NEWS)).isEmpty();
        assertThat(LabelScores.read(List.of(), "sports", NEWS)).isEmpty();
        assertThat(LabelScores.read(List.of(token("{\"label\":\"sports\"}", 0.9)), "weather", NEWS))
                .isEqualTo(Optional.empty());
    }
}
