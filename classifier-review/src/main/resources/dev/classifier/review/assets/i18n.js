// The page's own words in English and Chinese. Article text, labels, reasons and descriptions are data and are
// never translated or interpreted.
'use strict';
window.REVIEW_TEXT = {
  en: {
    title: 'Review', reviewedToday: 'Reviewed today', accuracy: 'Accuracy on reviewed',
    notInModel: 'Corrections not yet in the model', otherLanguage: '中文', whyLabel: 'Chosen because',
    predicted: 'Predicted', confidence: 'confidence', reasonFor: 'Why is it', reasonHint: 'Enter saves, Esc cancels',
    similar: 'Similar past corrections', empty: 'Nothing left to review.',
    keys: 'Enter or A: accept · 1–9: another label, then a reason and Enter · S: skip · U: undo',
    saving: 'Saving…', saved: 'Saved', savedCorrection: 'Saved the correction', undone: 'Undone: back to review',
    nothingToUndo: 'Nothing to undo', skipped: 'Skipped', taken: 'Already decided by {by} ({label}); their decision stands',
    failed: 'Not saved: {message}', noToken: 'Open the address the server printed: it carries your token.',
    unknown: 'unknown', modelSays: 'The model now says {label} for your last decision ({model})',
    noSimilar: 'None yet.', reviewer: 'Reviewer: {name}',
    'why.least-confident': 'least confident', 'why.undone': 'undone, to review again',
    'why.queue-least-confidence': 'least confidence', 'why.queue-margin': 'smallest margin',
    'why.queue-entropy': 'highest entropy', 'why.queue-disagreement': 'the classifiers disagree',
    'why.queue-random': 'random sample'
  },
  zh: {
    title: '审阅', reviewedToday: '今日已审', accuracy: '已审准确率', notInModel: '尚未进入模型的更正',
    otherLanguage: 'English', whyLabel: '入选原因', predicted: '预测', confidence: '置信度', reasonFor: '为什么是',
    reasonHint: '回车保存，Esc 取消', similar: '相似的历史更正', empty: '没有待审的文章了。',
    keys: '回车或 A：接受 · 1–9：改为其他类别，再写理由并回车 · S：跳过 · U：撤销',
    saving: '正在保存…', saved: '已保存', savedCorrection: '更正已保存', undone: '已撤销，重新审阅',
    nothingToUndo: '没有可撤销的操作', skipped: '已跳过', taken: '{by} 已先作出决定（{label}），以其为准',
    failed: '未保存：{message}', noToken: '请打开服务器打印的地址：其中带有您的令牌。',
    unknown: '未知', modelSays: '模型现在对您上一条决定的判断是 {label}（{model}）',
    noSimilar: '暂无。', reviewer: '审阅人：{name}',
    'why.least-confident': '置信度最低', 'why.undone': '已撤销，重新审阅',
    'why.queue-least-confidence': '置信度最低', 'why.queue-margin': '前两名差距最小',
    'why.queue-entropy': '不确定性最高', 'why.queue-disagreement': '分类器意见不一', 'why.queue-random': '随机抽样'
  }
};
