package dev.classifier.local;

import dev.classifier.api.Article;
import dev.classifier.api.LabeledArticle;
import dev.classifier.api.Taxonomy;

import java.util.ArrayList;
import java.util.List;

/** A small bilingual news set, written for these tests, so that they need nothing outside the module. */
final class MiniCorpus {

    static final Taxonomy TAXONOMY = Taxonomy.builder()
            .category("Sports", "games, matches, athletes")
            .category("Business", "companies, markets, the economy")
            .category("Technology", "computers, phones, software, science")
            .category("World", "politics, diplomacy, conflicts")
            .build();

    private static final String[][] ROWS = {
            {"Sports", "Striker scores twice as United win the derby", "The forward netted two goals in the second half to seal a 3-1 victory at home."},
            {"Sports", "Tennis champion reaches the final", "The top seed beat her rival in straight sets to reach the final of the open."},
            {"Sports", "Marathon runner breaks course record", "The runner finished the marathon in record time on a cold morning."},
            {"Sports", "Coach sacked after losing streak", "The club dismissed its coach after the team lost six league matches in a row."},
            {"Sports", "Olympic swimmer wins gold medal", "The swimmer won gold in the 200 metres freestyle at the Olympic games."},
            {"Sports", "Basketball team clinches playoff spot", "A late three-pointer gave the team the win and a place in the playoffs."},
            {"Sports", "国足客场战平对手", "在昨晚进行的世预赛中，国足客场1比1战平对手，积分暂列小组第三。"},
            {"Sports", "女排三比零横扫对手晋级决赛", "中国女排以三比零横扫对手，顺利晋级本届比赛决赛。"},
            {"Sports", "马拉松赛事吸引三万名跑者参赛", "周日举行的城市马拉松比赛吸引了三万名跑者参赛。"},
            {"Sports", "篮球联赛总决赛今晚开打", "篮球联赛总决赛今晚开打，两支球队将争夺总冠军。"},
            {"Sports", "乒乓球世锦赛中国队包揽金牌", "在乒乓球世锦赛上，中国队包揽全部金牌。"},
            {"Sports", "足球俱乐部宣布主教练下课", "这家足球俱乐部因联赛成绩不佳宣布主教练下课。"},
            {"Business", "Central bank raises interest rates", "The central bank raised its benchmark rate by a quarter point to curb inflation."},
            {"Business", "Shares fall as oil prices climb", "Stocks fell on Wall Street as oil prices rose to a six-month high."},
            {"Business", "Retailer reports record quarterly profit", "The retailer said quarterly profit rose 20 percent on strong holiday sales."},
            {"Business", "Carmaker to cut jobs amid weak demand", "The carmaker plans to cut thousands of jobs as demand for its cars weakens."},
            {"Business", "Bank agrees to buy rival in merger deal", "The bank agreed to buy its smaller rival in a deal worth two billion dollars."},
            {"Business", "Inflation eases for third month", "Consumer prices rose less than expected, easing pressure on the economy."},
            {"Business", "央行宣布下调存款准备金率", "中国人民银行今日宣布下调存款准备金率0.5个百分点，释放长期资金约一万亿元。"},
            {"Business", "股市收盘沪指上涨百分之一", "今日股市收盘，沪指上涨百分之一，成交额超过一万亿元。"},
            {"Business", "房地产企业发布年度业绩报告", "多家房地产企业发布年度业绩报告，利润普遍下滑。"},
            {"Business", "银行上调房贷利率", "多家银行上调首套房贷利率，购房成本有所上升。"},
            {"Business", "汽车企业第三季度销量增长", "这家汽车企业第三季度销量同比增长百分之十五。"},
            {"Business", "消费物价指数同比上涨", "国家统计局公布，消费物价指数同比上涨百分之二。"},
            {"Technology", "New smartphone unveiled with faster chip", "The company unveiled a smartphone with a faster chip and a better camera."},
            {"Technology", "Software update fixes security flaw", "An update to the operating system fixes a flaw that let hackers take control."},
            {"Technology", "Scientists observe a new comet", "Astronomers observed a new comet passing close to the sun this week."},
            {"Technology", "Chipmaker shows a new processor", "The chipmaker showed a processor that uses less power for laptops and servers."},
            {"Technology", "Search engine adds artificial intelligence answers", "The search engine now answers questions with an artificial intelligence model."},
            {"Technology", "Space agency launches weather satellite", "A rocket carried the weather satellite into orbit on Tuesday."},
            {"Technology", "苹果发布新款手机", "苹果公司在发布会上推出新款手机，搭载更快的芯片。"},
            {"Technology", "科学家发现一颗新彗星", "天文学家本周观测到一颗靠近太阳的新彗星。"},
            {"Technology", "操作系统更新修复安全漏洞", "最新的操作系统更新修复了一个可被黑客利用的安全漏洞。"},
            {"Technology", "人工智能模型能够回答问题", "这款人工智能模型能够用中文回答用户的问题。"},
            {"Technology", "火箭成功发射气象卫星", "周二，火箭成功将一颗气象卫星送入预定轨道。"},
            {"Technology", "芯片厂商推出低功耗处理器", "芯片厂商推出一款低功耗处理器，用于笔记本电脑和服务器。"},
            {"World", "Leaders meet for climate talks", "World leaders met in Geneva to discuss cutting emissions and climate aid."},
            {"World", "Ceasefire agreed after border clashes", "The two countries agreed to a ceasefire after a week of clashes at the border."},
            {"World", "President wins second term in election", "The president won a second term after a close election on Sunday."},
            {"World", "Parliament passes new immigration law", "Parliament passed a law that tightens the rules for asylum seekers."},
            {"World", "Foreign ministers discuss peace plan", "Foreign ministers met to discuss a peace plan for the region."},
            {"World", "Protesters march against government", "Thousands of protesters marched in the capital against the government."},
            {"World", "外交部长举行会谈讨论和平计划", "两国外交部长举行会谈，讨论地区和平计划。"},
            {"World", "总统选举结果揭晓", "总统选举结果今日揭晓，现任总统获得连任。"},
            {"World", "联合国呼吁停火", "联合国秘书长呼吁冲突双方立即停火并开展对话。"},
            {"World", "议会通过新移民法案", "议会通过一项新的移民法案，收紧庇护申请规则。"},
            {"World", "各国领导人出席气候峰会", "各国领导人出席气候峰会，讨论减排和气候援助。"},
            {"World", "边境冲突后双方同意停火", "经过一周的边境冲突，两国同意停火。"},
    };

    private MiniCorpus() {
    }

    static List<LabeledArticle> rows() {
        List<LabeledArticle> rows = new ArrayList<>();
        for (int i = 0; i < ROWS.length; i++) {
            rows.add(new LabeledArticle(Article.of("mini-" + i, ROWS[i][1], ROWS[i][2]), ROWS[i][0]));
        }
        return rows;
    }
}
