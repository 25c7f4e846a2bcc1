#!/usr/bin/env bash
# Prompt-injection evaluation: articles whose text tries to dictate the label. Offline it checks every request keeps
# its shape; with OPENAI_API_KEY set it sends the clean and the attacked corpus to a real model (gpt-4o-mini, or
# PROMPT_INJECTION_MODEL) and reports accuracy, how often the attack won, and the cost. Without a key it says it skipped.
# Usage: bench/prompt-injection.sh
source "$(dirname "$0")/lib.sh"
run_bench_main classifier-prompt dev.classifier.prompt.bench.PromptInjectionEval "$@" | tee "$BENCH_OUT/prompt-injection.txt"
