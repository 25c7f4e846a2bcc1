package dev.classifier.local;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Texts as TF-IDF vectors of the local model's n-grams: how alike two texts are worded. */
class NgramVectorsTest {

    private static final List<String> TEXTS = List.of(
            "苹果发布新款手机 售价五千元",
            "苹果手机新品发布会今晚举行",
            "国足世预赛客场负于日本",
            "Stocks rally as the central bank holds rates",
            "Central bank holds interest rates steady",
            "Striker scores twice as United beat City");

    private final NgramVectors vectors = NgramVectors.fit(TEXTS);

    @Test
    void eachRowIsAUnitVectorAndATextsOwnVectorIsItsRow() {
        assertThat(vectors.size()).isEqualTo(TEXTS.size());
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(vectors.similarity(i, i)).as("row %d", i).isCloseTo(1.0, within(1e-5));
            assertThat(vectors.similarity(vectors.vectorOf(TEXTS.get(i)), i)).as("text %d", i)
                    .isCloseTo(1.0, within(1e-5));
        }
    }

    @Test
    void textsThatShareWordingAreMoreAlikeInChineseAndEnglish() {
        assertThat(vectors.similarity(0, 1)).isGreaterThan(vectors.similarity(0, 2) + 0.1);
        assertThat(vectors.similarity(3, 4)).isGreaterThan(vectors.similarity(3, 5) + 0.1);
        assertThat(vectors.similarity(0, 1)).isEqualTo(vectors.similarity(1, 0));
        assertThat(vectors.similarity(0, 3)).isZero(); // nothing in common
    }

    @Test
    void englishTextsAreAlikeByTheirWordsNotByTheirSpelling() {
        // "Strikers" and "scored" share most letters with "Striker" and "scores", but no word.
        assertThat(vectors.similarity(vectors.vectorOf("Strikers scored"), 5)).isZero();
        assertThat(vectors.similarity(vectors.vectorOf("Striker scores"), 5)).isGreaterThan(0.4);
    }

    @Test
    void wordsNoFittedTextHeldMakeANewTextLessAlikeRatherThanBeingIgnored() {
        double plain = vectors.similarity(vectors.vectorOf("苹果手机发布"), 1);
        double withNoise = vectors.similarity(vectors.vectorOf("苹果手机发布 蜥蜴咖啡馆 xylophone"), 1);
        assertThat(plain).isGreaterThan(0.3);
        assertThat(withNoise).isGreaterThan(0).isLessThan(plain - 0.1);
        assertThat(vectors.similarity(vectors.vectorOf("xylophone"), 1)).isZero();
    }

    @Test
    void aBlockAnswersWhatEachPairAnswers() {
        NgramVectors.Block rows = vectors.block(1, 5);
        List<NgramVectors.Vector> texts = List.of(vectors.vectorOf("苹果手机发布"), vectors.vectorOf("bank rates"));
        NgramVectors.Block articles = vectors.block(texts);
        assertThat(rows.size()).isEqualTo(4);
        double[] out = new double[4];
        for (int j = 0; j < TEXTS.size(); j++) {
            rows.similarities(j, out);
            for (int m = 0; m < 4; m++) {
                assertThat(out[m]).as("row %d, member %d", j, m).isEqualTo(vectors.similarity(1 + m, j));
            }
            articles.similarities(j, out);
            for (int m = 0; m < texts.size(); m++) {
                assertThat(out[m]).as("row %d, text %d", j, m).isEqualTo(vectors.similarity(texts.get(m), j));
            }
        }
        assertThatThrownBy(() -> vectors.block(4, 7)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void bytesReadBackAnswerAlike() {
        NgramVectors read = NgramVectors.fromBytes(ByteBuffer.wrap(vectors.toBytes()));
        assertThat(read.size()).isEqualTo(vectors.size());
        String text = "央行维持利率不变 central bank";
        for (int i = 0; i < TEXTS.size(); i++) {
            for (int j = 0; j < TEXTS.size(); j++) {
                assertThat(read.similarity(i, j)).isEqualTo(vectors.similarity(i, j));
            }
            assertThat(read.similarity(read.vectorOf(text), i))
                    .isEqualTo(vectors.similarity(vectors.vectorOf(text), i));
        }
        assertThat(read.toBytes()).isEqualTo(vectors.toBytes());
    }

    @Test
    void tornOrLongerBytesAreRefusedSayingWhatIsWrong() {
        byte[] bytes = vectors.toBytes();
        for (int cut : new int[] {1, 4, 9, bytes.length / 2, bytes.length - 3}) {
            byte[] torn = Arrays.copyOf(bytes, cut);
            assertThatThrownBy(() -> NgramVectors.fromBytes(ByteBuffer.wrap(torn))).as("cut at %d", cut)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("the n-gram vectors");
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThatThrownBy(() -> NgramVectors.fromBytes(ByteBuffer.wrap(longer)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the n-gram vectors do not end where their sizes say");
    }

    @Test
    void nullTextsAreRefused() {
        assertThatThrownBy(() -> NgramVectors.fit(Arrays.asList("a", null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("texts holds a null");
    }
}
