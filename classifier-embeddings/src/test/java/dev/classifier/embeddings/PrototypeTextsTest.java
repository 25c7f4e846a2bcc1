package dev.classifier.embeddings;

import dev.classifier.api.Article;
import dev.classifier.api.Category;
import dev.classifier.api.Taxonomy;
import dev.classifier.api.TextEmbedder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a category's prototype is made of: the description, its parts, the model's query instruction. */
class PrototypeTextsTest {

    @Test
    void anEnglishDescriptionGivesItsClausesAndListItems() {
        assertThat(PrototypeTexts.items("News about sports: games, teams, players and competitions."))
                .containsExactly("News about sports", "games", "teams", "players", "competitions");
        assertThat(PrototypeTexts.items("Matches, athletes or tournaments"))
                .containsExactly("Matches", "athletes", "tournaments");
    }

    @Test
    void aChineseDescriptionGivesItsClausesAndListItems() {
        assertThat(PrototypeTexts.items("关于股票的新闻：股市、股价和上市公司的股票交易。"))
                .containsExactly("关于股票的新闻", "股市", "股价", "上市公司的股票交易");
        assertThat(PrototypeTexts.items("关于国际关系的新闻：和平谈判、战争与冲突"))
                .as("a conjunction splits only a list's last item, so 和平 stays whole")
                .containsExactly("关于国际关系的新闻", "和平谈判", "战争", "冲突");
    }

    @Test
    void aDescriptionOfOneClauseAndNoListHasNoParts() {
        assertThat(PrototypeTexts.items("关于和平与发展的新闻")).isEmpty();
        assertThat(PrototypeTexts.items("Weather forecasts and storm warnings")).isEmpty();
    }

    @Test
    void everyDescriptionTextGoesBehindTheInstructionAndTheLabelStandsInForNoDescription() {
        assertThat(PrototypeTexts.of(new Category("Sports", "比赛、球队和运动员"), "Q: "))
                .containsExactly("Q: 比赛、球队和运动员", "Q: 比赛", "Q: 球队", "Q: 运动员");
        assertThat(PrototypeTexts.of(new Category("Weather", ""), "")).containsExactly("Weather");
    }

    @Test
    void theBgeModelsAreKnownByTheirIdsAndOtherModelsGetNoInstruction() {
        assertThat(PrototypeTexts.instructionFor("bge-small-en-v1.5-q@46a5f4dce5da/max512"))
                .hasValue(PrototypeTexts.BGE_EN_INSTRUCTION);
        assertThat(PrototypeTexts.instructionFor("bge-small-zh-v1.5-q@d3d76dc52b70/max512x4"))
                .hasValue(PrototypeTexts.BGE_ZH_INSTRUCTION);
        assertThat(PrototypeTexts.instructionFor("hashing-bigrams-64")).isEmpty();
        assertThat(PrototypeTexts.instructionFor(SharedModel.get().modelId())).hasValue("为这个句子生成表示以用于检索相关文章：");
    }

    @Test
    void theTrainerPutsTheModelsInstructionBeforeDescriptionsButNotBeforeExamplePhrases() {
        Taxonomy taxonomy = Taxonomy.builder().category("Sports", "Matches, athletes and tournaments")
                .category("Weather", "天气预报、暴雨和寒潮").build();
        RecordingEmbedder embedder = new RecordingEmbedder("bge-small-zh-v1.5-q@0123456789ab/max512");
        EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(embedder).taxonomy(taxonomy)
                .examplePhrases("Sports", List.of("cup final")).build();
        trainer.train(List.of()).close();
        assertThat(embedder.texts).contains(PrototypeTexts.BGE_ZH_INSTRUCTION + "Matches, athletes and tournaments",
                PrototypeTexts.BGE_ZH_INSTRUCTION + "tournaments", PrototypeTexts.BGE_ZH_INSTRUCTION + "寒潮",
                "cup final");
        assertThat(embedder.texts).filteredOn(t -> !t.equals("cup final"))
                .allMatch(t -> t.startsWith(PrototypeTexts.BGE_ZH_INSTRUCTION));

        embedder.texts.clear();
        EmbeddingTrainer plain = trainer.toBuilder().descriptionInstruction("").build();
        plain.toBuilder().build().train(List.of()).close();
        assertThat(embedder.texts).as("toBuilder keeps the instruction set").contains(
                "Matches, athletes and tournaments", "天气预报", "暴雨", "寒潮").noneMatch(t -> t.startsWith("为"));
        assertThat(plain.prototypeInstruction()).isEmpty();
        assertThat(EmbeddingTrainer.builder().embedder(new HashingEmbedder()).taxonomy(taxonomy).build()
                .prototypeInstruction()).as("a model with no known instruction").isEmpty();
        assertThatThrownBy(() -> EmbeddingTrainer.builder().descriptionInstruction(null))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("instruction");
    }

    @Test
    void withNoFeedbackTheInstructedPrototypesClassifyChineseAndEnglishHeadlines() {
        Taxonomy taxonomy = Taxonomy.builder()
                .category("stocks", "关于股票的新闻：股市、股价和上市公司的股票交易。")
                .category("sports", "News about sports: games, teams, players and competitions.")
                .category("game", "关于游戏的新闻：电子游戏、网络游戏和玩家。")
                .build();
        EmbeddingTrainer trainer = EmbeddingTrainer.builder().embedder(SharedModel.get()).taxonomy(taxonomy).build();
        try (EmbeddingClassifier classifier = trainer.train(List.of())) {
            assertThat(classifier.classify(Article.of("a", "沪指尾盘翻红 券商股集体拉升", "")).label()).isEqualTo("stocks");
            assertThat(classifier.classify(Article.of("b", "国足客场两球击败对手", "")).label()).isEqualTo("sports");
            assertThat(classifier.classify(Article.of("c", "Striker scores twice as the team wins the cup", ""))
                    .label()).isEqualTo("sports");
            assertThat(classifier.classify(Article.of("d", "《魔兽世界》新资料片公测开启", "")).label()).isEqualTo("game");
        }
    }

    /** Embeds with {@link HashingEmbedder} under another model's id, and records every text it is given. */
    private static final class RecordingEmbedder implements TextEmbedder {
        final List<String> texts = Collections.synchronizedList(new ArrayList<>());
        private final HashingEmbedder hashing = new HashingEmbedder();
        private final String id;

        RecordingEmbedder(String id) {
            this.id = id;
        }

        @Override
        public float[] embed(String text) {
            texts.add(text);
            return hashing.embed(text);
        }

        @Override
        public String modelId() {
            return id;
        }
    }
}
