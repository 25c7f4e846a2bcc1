package dev.classifier.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaxonomyTest {

    private final Taxonomy taxonomy = Taxonomy.builder()
            .category("Sports", "matches, players, transfers")
            .category("Business", "companies, markets, results")
            .category("体育", "中文标签也可以")
            .build();

    @Test
    void addsTheDefaultFallbackLast() {
        assertThat(taxonomy.labels()).containsExactly("Sports", "Business", "体育", "Uncategorized");
        assertThat(taxonomy.fallback()).isEqualTo("Uncategorized");
        assertThat(taxonomy.contains("Uncategorized")).isTrue();
    }

    @Test
    void keepsAFallbackThatIsAlreadyACategory() {
        Taxonomy t = Taxonomy.builder().category("A", "").category("Other", "anything else").fallback("Other").build();
        assertThat(t.labels()).containsExactly("A", "Other");
        assertThat(t.category("Other").orElseThrow().description()).isEqualTo("anything else");
    }

    @Test
    void resolvesCaseWhitespaceQuotesAndFullWidthForms() {
        assertThat(taxonomy.resolve("sports")).contains("Sports");
        assertThat(taxonomy.resolve("  BUSINESS \n")).contains("Business");
        assertThat(taxonomy.resolve("\"Sports\"")).contains("Sports");
        assertThat(taxonomy.resolve("'business'")).contains("Business");
        assertThat(taxonomy.resolve("“Sports”")).contains("Sports");
        assertThat(taxonomy.resolve("「体育」")).contains("体育");
        assertThat(taxonomy.resolve("ＳＰＯＲＴＳ")).as("full-width letters").contains("Sports");
        assertThat(taxonomy.resolve("\u3000Sports\u3000")).as("ideographic spaces").contains("Sports");
        assertThat(taxonomy.resolve(" \" 体育 \" ")).contains("体育");
    }

    @Test
    void resolvesNothingElse() {
        assertThat(taxonomy.resolve("Sport")).isEmpty();
        assertThat(taxonomy.resolve("Sports news")).isEmpty();
        assertThat(taxonomy.resolve("")).isEmpty();
        assertThat(taxonomy.resolve("   ")).isEmpty();
        assertThat(taxonomy.resolve(null)).isEmpty();
        assertThat(taxonomy.resolve("{\"label\":\"Sports\"}")).isEmpty();
    }

    @Test
    void fingerprintIsStableAcrossRunsAndJvms() {
        // A literal (checked independently with Python hashlib): if this changes, every fingerprint stored on feedback stops matching its rules.
        assertThat(taxonomy.fingerprint()).isEqualTo(FINGERPRINT);
        assertThat(Taxonomy.builder().category("Sports", "matches, players, transfers")
                .category("Business", "companies, markets, results").category("体育", "中文标签也可以").build()
                .fingerprint()).isEqualTo(taxonomy.fingerprint());
    }

    static final String FINGERPRINT = "1ce488fc3c115f77";

    @Test
    void fingerprintChangesWithDescriptionsOrderAndFallback() {
        Taxonomy a = Taxonomy.builder().category("A", "x").category("B", "y").build();
        assertThat(Taxonomy.builder().category("A", "x").category("B", "changed").build().fingerprint())
                .isNotEqualTo(a.fingerprint());
        assertThat(Taxonomy.builder().category("B", "y").category("A", "x").build().fingerprint())
                .isNotEqualTo(a.fingerprint());
        assertThat(Taxonomy.builder().category("A", "x").category("B", "y").fallback("Other").build().fingerprint())
                .isNotEqualTo(a.fingerprint());
        assertThat(Taxonomy.builder().category("Ax", "").category("B", "y").build().fingerprint())
                .isNotEqualTo(Taxonomy.builder().category("A", "x").category("B", "y").build().fingerprint());
    }

    @Test
    void failsFastOnBadDefinitions() {
        assertThatThrownBy(() -> Taxonomy.builder().category("A", "").category("A", "again"))
                .hasMessageContaining("'A' is defined twice");
        assertThatThrownBy(() -> Taxonomy.builder().category("Sports", "").category("sports", "").build())
                .hasMessageContaining("differ only in case");
        assertThatThrownBy(() -> Taxonomy.builder().build()).hasMessageContaining("at least one category");
        assertThatThrownBy(() -> Taxonomy.builder().category(" A", "")).hasMessageContaining("surrounding whitespace");
        assertThatThrownBy(() -> Taxonomy.builder().fallback(" ")).hasMessageContaining("blank");
    }
}
