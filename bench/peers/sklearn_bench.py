"""scikit-learn peer of bench/local-vs-peers.sh, configured as in BASELINES.md.

Usage: sklearn_bench.py <dataset> <config> <predict_reps>
  config: charwb25_svc | char13_svc | word12_lr
Train time: Pipeline.fit, median of 3 (in process; imports and JSON loading excluded).
docs/s: Pipeline.predict on the test texts repeated predict_reps times, one batch, median of 3 passes; by the
wall clock and per CPU-second of the process.
"""
import sys
import time

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

import common

CONFIGS = {
    "charwb25_svc": ("TF-IDF char_wb 2-5 + LinearSVC",
                     lambda: make_pipeline(TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5)),
                                           LinearSVC(random_state=0))),
    "char13_svc": ("TF-IDF char 1-3 + LinearSVC",
                   lambda: make_pipeline(TfidfVectorizer(analyzer="char", ngram_range=(1, 3)),
                                         LinearSVC(random_state=0))),
    "word12_lr": ("TF-IDF word 1-2 + LogisticRegression",
                  lambda: make_pipeline(TfidfVectorizer(ngram_range=(1, 2)), LogisticRegression(max_iter=1000))),
}


def main():
    dataset, config, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
    name, make = CONFIGS[config]
    train_x, train_y = common.load(common.split_file(dataset, "train"))
    test_x, test_y = common.load(common.split_file(dataset, "test"))

    seconds = []
    for _ in range(3):
        model = make()
        start = time.perf_counter()
        model.fit(train_x, train_y)
        seconds.append(time.perf_counter() - start)
    predicted = list(model.predict(test_x))
    batch = test_x * reps
    rates, cpu_rates = [], []
    for _ in range(3):
        start, cpu_start = time.perf_counter(), time.process_time()
        model.predict(batch)
        rates.append(len(batch) / (time.perf_counter() - start))
        cpu_rates.append(len(batch) / (time.process_time() - cpu_start))
    common.emit("sklearn", name, dataset, "full", acc=[common.accuracy(test_y, predicted)],
                f1=[common.macro_f1(test_y, predicted)], train_s=common.median(seconds),
                train_s_min=min(seconds), train_s_max=max(seconds), docs_per_s=common.median(rates),
                docs_per_cpu_s=common.median(cpu_rates))

    for k in common.SIZES:
        acc, f1 = [], []
        for path in common.fewshot_files(dataset, k):
            x, y = common.load(path)
            predicted = list(make().fit(x, y).predict(test_x))
            acc.append(common.accuracy(test_y, predicted))
            f1.append(common.macro_f1(test_y, predicted))
        common.emit("sklearn", name, dataset, f"k{k}", acc=acc, f1=f1)


if __name__ == "__main__":
    main()
