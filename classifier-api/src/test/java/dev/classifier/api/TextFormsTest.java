package dev.classifier.api;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;

import static org.assertj.core.api.Assertions.assertThat;

class TextFormsTest {

    @Test
    void foldsFullWidthAndCompatibilityForms() {
        assertThat(TextForms.nfkc("ＳＰＯＲＴＳ ２０２６")).isEqualTo("SPORTS 2026");
        assertThat(TextForms.nfkc("央行降息，股市大涨！")).isEqualTo("央行降息,股市大涨!");
        assertThat(TextForms.nfkc("no\u00A0break\u3000space")).isEqualTo("no break space");
        assertThat(TextForms.nfkc("ﬁle ①")).isEqualTo("file 1");
    }

    @Test
    void textAlreadyInItsFormComesBackAsItIs() {
        String english = "Striker scores twice in the cup final";
        String chinese = "国足晋级世界杯决赛";
        assertThat(TextForms.nfkc(english)).isSameAs(english);
        assertThat(TextForms.nfkc(chinese)).isSameAs(chinese);
        assertThat(TextForms.nfkc("")).isEmpty();
    }

    @Test
    void agreesWithTheJdkOnEveryCharacterBelowTheIdeographs() {
        for (char c = 0; c < 0xA000; c++) {
            String text = "a" + c;
            assertThat(TextForms.nfkc(text)).as("U+%04X", (int) c)
                    .isEqualTo(Normalizer.normalize(text, Normalizer.Form.NFKC));
        }
    }
}
