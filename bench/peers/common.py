"""Shared by the Python peers of bench/local-vs-peers.sh: data loading, text prep, result lines."""
import json
import os
import re
import statistics
import sys

DATA = os.path.join(os.environ.get("SHARED_DIR", os.path.join(os.path.dirname(__file__), "..", "..", "..", "shared")), "data")
SIZES = (8, 32, 128)
CHAR_TOKENS = re.compile(r"[A-Za-z0-9]+|\S")


def load(path):
    """Texts and labels of a labelled JSONL file; only the text field, as every peer reads it."""
    texts, labels = [], []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            try:
                row = json.loads(line)
                texts.append(row["text"])
                labels.append(row["label"])
            except (ValueError, KeyError) as e:
                sys.exit(f"{path}:{number}: not a labelled row ({e})")
    return texts, labels


def split_file(dataset, split):
    return os.path.join(DATA, dataset, f"{split}.jsonl")


def fewshot_files(dataset, k):
    """The seed-42 file beside the splits, then the draws of seeds 1-4."""
    files = [os.path.join(DATA, dataset, f"train_k{k}.jsonl")]
    files += [os.path.join(DATA, "fewshot_draws", dataset, f"train_k{k}_s{s}.jsonl") for s in range(1, 5)]
    for path in files:
        if not os.path.isfile(path):
            sys.exit(f"missing few-shot file {path}")
    return files


def prep(text, how):
    """raw: the text as it is (one line); char: one token per CJK character, ASCII letter/digit runs whole."""
    text = " ".join(text.split())
    if how == "char":
        return " ".join(CHAR_TOKENS.findall(text))
    return text


def accuracy(truth, predicted):
    return sum(t == p for t, p in zip(truth, predicted)) / len(truth)


def macro_f1(truth, predicted):
    labels = sorted(set(truth))
    total = 0.0
    for label in labels:
        tp = sum(1 for t, p in zip(truth, predicted) if t == label and p == label)
        pred = sum(1 for p in predicted if p == label)
        actual = sum(1 for t in truth if t == label)
        total += 0.0 if tp == 0 else 2.0 * tp / (pred + actual)
    return total / len(labels)


def median(values):
    return statistics.median(values)


def emit(tool, config, dataset, split, **fields):
    line = {"tool": tool, "config": config, "dataset": dataset, "split": split}
    line.update(fields)
    print(json.dumps(line), flush=True)
