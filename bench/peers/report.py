"""Builds the tables of bench/local-vs-peers.sh from its JSON result lines, and checks the targets.

Usage: report.py <results.jsonl>
Targets (issue 3, item 5): the local classifier's accuracy at least the best peer's (scikit-learn TF-IDF char
n-grams + LinearSVC) on both full splits and in each few-shot regime; its training time no more than that peer's;
its prediction docs/s at least fastText's (defaults, raw text), all measured in this run.
"""
import json
import statistics
import sys

SPLITS = ("full", "k8", "k32", "k128")


def mean_sd(values):
    if len(values) == 1:
        return f"{100 * values[0]:.1f}"
    return f"{100 * statistics.mean(values):.1f}±{100 * statistics.stdev(values):.1f}"


def rate(value):
    return f"{value / 1000:.0f}k" if value >= 10000 else f"{value / 1000:.1f}k"


def main():
    rows = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            if line.startswith("{"):
                rows.append(json.loads(line))
    by_key = {}
    for row in rows:
        by_key[(row["dataset"], row["tool"], row["config"], row["split"])] = row
    datasets = sorted({r["dataset"] for r in rows})
    for dataset in datasets:
        print(f"\n### {dataset}\n")
        print("| tool, settings | Acc % | macro-F1 % | Train s (min-max) | docs/s wall / per CPU-s | k=8 acc | k=32 acc | k=128 acc"
              " | k=8 / 32 / 128 seed-42 | ECE % |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        tools = []
        for (d, tool, config, split) in by_key:
            if d == dataset and (tool, config) not in tools:
                tools.append((tool, config))
        for tool, config in sorted(tools):
            full = by_key.get((dataset, tool, config, "full"), {})
            cells = [f"{tool}, {config}"]
            cells.append(mean_sd(full["acc"]) if "acc" in full else "–")
            cells.append(mean_sd(full["f1"]) if "f1" in full else "–")
            if "train_s" in full:
                cell = f"{full['train_s']:.2f} ({full['train_s_min']:.2f}–{full['train_s_max']:.2f})"
                if "train_s_1thread" in full:
                    cell += f"; 1 thread {full['train_s_1thread']:.2f}"
                cells.append(cell)
            else:
                cells.append("–")
            if "docs_per_s" in full:
                cells.append(f"{rate(full['docs_per_s'])} / {rate(full['docs_per_cpu_s'])}")
            else:
                cells.append("–")
            seed42 = []
            for split in SPLITS[1:]:
                few = by_key.get((dataset, tool, config, split))
                cells.append(mean_sd(few["acc"]) if few else "–")
                seed42.append(f"{100 * few['acc'][0]:.1f}" if few else "–")
            cells.append(" / ".join(seed42))
            cells.append(f"{100 * full['ece']:.1f}" if "ece" in full else "–")
            print("| " + " | ".join(cells) + " |")
        print()
        check(dataset, by_key)


def find(by_key, dataset, tool, config_start, split):
    for (d, t, c, s), row in by_key.items():
        if d == dataset and t == tool and c.startswith(config_start) and s == split:
            return row
    return None


def check(dataset, by_key):
    peer_config = "TF-IDF char_wb 2-5" if dataset == "agnews" else "TF-IDF char 1-3"
    local = lambda split: find(by_key, dataset, "local", "default", split)
    peer = lambda split: find(by_key, dataset, "sklearn", peer_config, split)
    print(f"Targets on {dataset} (best peer: sklearn {peer_config} + LinearSVC):")
    for split in SPLITS:
        mine, theirs = local(split), peer(split)
        if not mine or not theirs:
            print(f"- {split}: missing results")
            continue
        a, b = statistics.mean(mine["acc"]), statistics.mean(theirs["acc"])
        verdict = "met" if a >= b else f"missed by {100 * (b - a):.1f} pp"
        extra = ""
        if split != "full":
            extra = f"; seed-42 file {100 * mine['acc'][0]:.1f} vs {100 * theirs['acc'][0]:.1f}"
        print(f"- accuracy {split}: local {100 * a:.1f} vs {100 * b:.1f}: {verdict}{extra}")
    mine = local("full")
    theirs = peer("full")
    if mine and theirs:
        for label, seconds in ((f"{int(mine['threads'])} threads", mine["train_s"]), ("1 thread", mine["train_s_1thread"])):
            ratio = seconds / theirs["train_s"]
            verdict = "met" if ratio <= 1 else f"missed: {ratio:.2f}x the peer's"
            print(f"- training time ({label}): {seconds:.2f} s vs {theirs['train_s']:.2f} s,"
                  f" ratio {ratio:.2f}: {verdict}")
    ft = find(by_key, dataset, "fasttext", "defaults, raw", "full")
    if mine and ft:
        # Per CPU-second: the machine is shared, and wall-clock rates follow whoever else runs at that minute.
        ratio = mine["docs_per_cpu_s"] / ft["docs_per_cpu_s"]
        verdict = "met" if ratio >= 1 else f"missed: {ratio:.2f}x fastText's"
        print(f"- prediction: {rate(mine['docs_per_cpu_s'])} docs per CPU-second vs fastText"
              f" {rate(ft['docs_per_cpu_s'])}, ratio {ratio:.2f}: {verdict}"
              f" (wall clock: {rate(mine['docs_per_s'])} vs {rate(ft['docs_per_s'])})")
        # The repeated test texts hold only words the model has met; a fresh model's one pass over the second half of
        # the test texts, after the first half, shows text it has not seen.
        for key, what in (("docs_per_cpu_s_fresh", "just trained (met its training texts' words)"),
                          ("docs_per_cpu_s_loaded", "just loaded from a file")):
            if key in mine:
                print(f"  unseen text (second half of the test texts, once), model {what}: {rate(mine[key])} docs"
                      f" per CPU-second, {mine[key] / ft['docs_per_cpu_s']:.2f}x fastText's")


if __name__ == "__main__":
    main()
