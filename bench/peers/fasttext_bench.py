"""fastText peer of bench/local-vs-peers.sh: the Debian `fasttext` command line, defaults, as in BASELINES.md.

Usage: fasttext_bench.py <dataset> <raw|char> <predict_reps> <work_dir>
Train time: the whole `fasttext supervised` process (wall), median of 3; its accuracy is the mean of those 3
trainings (hogwild SGD on 12 threads is not deterministic). docs/s: `fasttext predict` on the test texts
repeated predict_reps times, output to /dev/null, median of 3, minus the model-load time measured on one line;
by the wall clock and per CPU-second of the process (user + system).
"""
import os
import resource
import subprocess
import sys
import time

import common


def write_train(path, texts, labels, how):
    with open(path, "w", encoding="utf-8") as f:
        for text, label in zip(texts, labels):
            f.write(f"__label__{label} {common.prep(text, how)}\n")


def write_texts(path, texts, how, reps=1):
    with open(path, "w", encoding="utf-8") as f:
        for _ in range(reps):
            for text in texts:
                f.write(common.prep(text, how) + "\n")


def train(train_file, model_prefix):
    start = time.perf_counter()
    subprocess.run(["fasttext", "supervised", "-input", train_file, "-output", model_prefix, "-verbose", "0"],
                   check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def predict(model, text_file):
    out = subprocess.run(["fasttext", "predict", model, text_file, "1"], check=True, capture_output=True,
                         text=True, encoding="utf-8").stdout
    return [line.strip()[len("__label__"):] for line in out.splitlines()]


def timed_predict(model, text_file):
    """Wall-clock and CPU seconds (user + system) of one `fasttext predict` process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    with open(os.devnull, "w") as null:
        subprocess.run(["fasttext", "predict", model, text_file, "1"], check=True, stdout=null)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main():
    dataset, how, reps, work = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    os.makedirs(work, exist_ok=True)
    name = "defaults, " + ("raw text" if how == "raw" else "1 token per char")
    train_x, train_y = common.load(common.split_file(dataset, "train"))
    test_x, test_y = common.load(common.split_file(dataset, "test"))
    train_file = os.path.join(work, f"{dataset}.{how}.train.txt")
    test_file = os.path.join(work, f"{dataset}.{how}.test.txt")
    timing_file = os.path.join(work, f"{dataset}.{how}.timing.txt")
    one_file = os.path.join(work, f"{dataset}.{how}.one.txt")
    write_train(train_file, train_x, train_y, how)
    write_texts(test_file, test_x, how)
    write_texts(timing_file, test_x, how, reps)
    write_texts(one_file, test_x[:1], how)
    model_prefix = os.path.join(work, f"{dataset}.{how}")

    seconds, acc, f1 = [], [], []
    for _ in range(3):
        seconds.append(train(train_file, model_prefix))
        predicted = predict(model_prefix + ".bin", test_file)
        acc.append(common.accuracy(test_y, predicted))
        f1.append(common.macro_f1(test_y, predicted))
    loads = [timed_predict(model_prefix + ".bin", one_file) for _ in range(3)]
    runs = [timed_predict(model_prefix + ".bin", timing_file) for _ in range(3)]
    load_wall, load_cpu = common.median([w for w, _ in loads]), common.median([c for _, c in loads])
    docs = len(test_x) * reps
    common.emit("fasttext", name, dataset, "full", acc=[sum(acc) / 3], f1=[sum(f1) / 3],
                train_s=common.median(seconds), train_s_min=min(seconds), train_s_max=max(seconds),
                docs_per_s=docs / max(1e-9, common.median([w for w, _ in runs]) - load_wall),
                docs_per_cpu_s=docs / max(1e-9, common.median([c for _, c in runs]) - load_cpu), load_s=load_wall)

    for k in common.SIZES:
        acc, f1 = [], []
        for i, path in enumerate(common.fewshot_files(dataset, k)):
            x, y = common.load(path)
            few_file = os.path.join(work, f"{dataset}.{how}.k{k}.{i}.txt")
            write_train(few_file, x, y, how)
            train(few_file, model_prefix + ".few")
            predicted = predict(model_prefix + ".few.bin", test_file)
            acc.append(common.accuracy(test_y, predicted))
            f1.append(common.macro_f1(test_y, predicted))
        common.emit("fasttext", name, dataset, f"k{k}", acc=acc, f1=f1)
    for suffix in (".bin", ".vec", ".few.bin", ".few.vec"):
        if os.path.exists(model_prefix + suffix):
            os.remove(model_prefix + suffix)


if __name__ == "__main__":
    main()
