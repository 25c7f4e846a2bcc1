#!/usr/bin/env bash
# CLI start-up to the first prediction (issue 18): `classify` of one article with a saved local model, a fresh JVM
# per run, beside a bare JVM that prints one line (the peer), in the same run, rounds interleaved so that the load
# of the machine falls on all alike. Three ways to start the CLI: `java -jar classifier-cli.jar` (the thin jar, its
# libraries in target/lib); the launcher script (classifier-cli/src/main/sh/classifier: AppCDS archive written on
# its first run, serial GC, C1 only, no perf data, picocli on the boot class path); the launcher with C2 back
# (JAVA_OPTS=-XX:TieredStopAtLevel=4). A second peer: a one-option picocli command printing one line, the floor of
# the parser the issue requires, declared with annotations and built in code (as the tool is), with the launcher's
# flags.
# Prints the median milliseconds and the ratio to the peer, then where the launcher's time goes (the CLI's own
# --debug checkpoints, medians), the classes each way loads and the sizes. Goal: <= 3x the bare JVM, < 1 s.
# Usage: bench/cli-startup.sh [rounds]     (15 unless given; builds the jar first)
set -euo pipefail
source "$(dirname "$0")/lib.sh"
rounds=${1:-15}
cd "$BENCH_ROOT"
mvn -B -q -o -pl classifier-cli -am package -DskipTests
jar="$BENCH_ROOT/classifier-cli/target/classifier-cli.jar"
launcher="$BENCH_ROOT/classifier-cli/src/main/sh/classifier"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
samples="$BENCH_ROOT/classifier-testkit/src/main/resources/dev/classifier/testkit/samples"
mkdir -p "$work/hello" "$work/cache" "$BENCH_OUT"
printf 'public class Hello { public static void main(String[] a) { System.out.println("hello"); } }\n' > "$work/hello/Hello.java"
javac -d "$work/hello" "$work/hello/Hello.java"
# The floor of the parser the issue requires: a picocli command with one option that prints one line, declared
# with annotations (picocli's usual way) and built in code (the tool's way: no annotation proxies at start-up).
picocli=$(ls "$BENCH_ROOT"/classifier-cli/target/lib/picocli-*.jar)
cat > "$work/hello/HelloPicocli.java" <<'JAVA'
import picocli.CommandLine;
@CommandLine.Command(name = "hello", mixinStandardHelpOptions = true)
public class HelloPicocli implements Runnable {
    @CommandLine.Option(names = "-m") String model;
    public void run() { System.out.println("hello"); }
    public static void main(String[] args) { System.exit(new CommandLine(new HelloPicocli()).execute(args)); }
}
JAVA
cat > "$work/hello/HelloPicocliCode.java" <<'JAVA'
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
public class HelloPicocliCode {
    public static void main(String[] args) {
        CommandSpec spec = CommandSpec.create().name("hello");
        spec.addOption(OptionSpec.builder("-h", "--help").usageHelp(true).build());
        spec.addOption(OptionSpec.builder("-m").type(String.class).build());
        CommandLine cli = new CommandLine(spec);
        cli.setExecutionStrategy(parsed -> { System.out.println("hello"); return 0; });
        System.exit(cli.execute(args));
    }
}
JAVA
javac -cp "$picocli" -d "$work/hello" "$work/hello/HelloPicocli.java" "$work/hello/HelloPicocliCode.java"
# Both started as the launcher starts the CLI (serial GC, C1, no perf data, picocli on the boot class path, a CDS
# archive of their own, which needs a jar, not a directory): what picocli costs under those flags.
floor_flags=(-Xlog:disable -XX:+UseSerialGC -XX:-UsePerfData -XX:TieredStopAtLevel=1 "-Xbootclasspath/a:$picocli")
for floor in HelloPicocli HelloPicocliCode; do
  jar cf "$work/$floor.jar" -C "$work/hello" "$floor.class"
  java "${floor_flags[@]}" -XX:ArchiveClassesAtExit="$work/$floor.jsa" -cp "$work/$floor.jar" "$floor" -m x > /dev/null
done
java -jar "$jar" train --data "$samples/feedback.jsonl" --taxonomy "$samples/taxonomy.jsonl" -o "$work/m.bin" > /dev/null
echo '{"id":"a-1","title":"Striker scores twice in the cup final"}' > "$work/one.jsonl"
export CLASSIFIER_JAR="$jar" XDG_CACHE_HOME="$work/cache"
"$launcher" classify -m "$work/m.bin" < "$work/one.jsonl" > /dev/null   # writes the AppCDS archive

ms() {   # milliseconds of one run; fails the bench if the run fails or prints no prediction
  local start end out
  start=$(date +%s%N)
  out=$("$@" < "$work/one.jsonl")
  end=$(date +%s%N)
  [[ "$out" == hello || "$out" == *'"label"'* ]] || { echo "unexpected output: $out" >&2; exit 1; }
  echo $(( (end - start) / 1000000 ))
}
declare -A times
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
for ((i = 0; i < rounds; i++)); do
  times[bare]+="$(ms java -cp "$work/hello" Hello) "
  times[picocli_annotations_floor]+="$(ms java "${floor_flags[@]}" -XX:SharedArchiveFile="$work/HelloPicocli.jsa" \
    -cp "$work/HelloPicocli.jar" HelloPicocli -m x) "
  times[picocli_code_floor]+="$(ms java "${floor_flags[@]}" -XX:SharedArchiveFile="$work/HelloPicocliCode.jsa" \
    -cp "$work/HelloPicocliCode.jar" HelloPicocliCode -m x) "
  times[jar]+="$(ms java -jar "$jar" classify -m "$work/m.bin") "
  times[launcher]+="$(ms "$launcher" classify -m "$work/m.bin") "
  times[launcher_c2]+="$(JAVA_OPTS=-XX:TieredStopAtLevel=4 ms "$launcher" classify -m "$work/m.bin") "
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

# Where the launcher's time goes: the CLI's --debug checkpoints (ms since main), medians of a few runs.
declare -A marks
for ((i = 0; i < 7; i++)); do
  line=$("$launcher" classify -m "$work/m.bin" --debug < "$work/one.jsonl" 2>&1 >/dev/null | grep "start-up (ms since main)" || true)
  for name in "terminal checked" "root command built" "subcommand built" parsed "model loaded" "input opened" opened "first read" "first classified" "first written"; do
    value=$(sed -n "s/.*[:,] $name \([0-9.]*\).*/\1/p" <<< "$line")
    marks[$name]+="${value:-0} "
  done
done
classes() { "$@" -Xlog:class+load:file="$work/classes.txt" -jar "$jar" classify -m "$work/m.bin" < "$work/one.jsonl" > /dev/null
            echo "$(wc -l < "$work/classes.txt") classes, $(grep -c 'shared objects file' "$work/classes.txt") of them from CDS"; }
archive=$(find "$work/cache/classifier-cli" -name '*-classify.jsa')
{
  echo "cli start-up to first prediction, median of $rounds rounds ($(nproc) cores, load before $load_before, after $load_after)"
  printf '%-34s %6s ms\n' "bare JVM printing one line (peer)" "$(echo "${times[bare]}" | median)"
  bare=$(echo "${times[bare]}" | median)
  for way in picocli_annotations_floor picocli_code_floor jar launcher launcher_c2; do
    m=$(echo "${times[$way]}" | median)
    printf '%-34s %6s ms  %5.1fx\n' "$way" "$m" "$(echo "$m / $bare" | bc -l)"
  done
  echo "launcher, ms from main (median of 7 --debug runs):" \
    "$(for name in "terminal checked" "root command built" "subcommand built" parsed "model loaded" "input opened" opened "first read" "first classified" "first written"; do
         printf '%s %s; ' "$name" "$(echo "${marks[$name]}" | median)"; done)"
  echo "java -jar: $(classes java)"
  JAVA_OPTS="-Xlog:class+load:file=$work/classes.txt" "$launcher" classify -m "$work/m.bin" < "$work/one.jsonl" > /dev/null
  echo "launcher:  $(wc -l < "$work/classes.txt") classes, $(grep -c 'shared objects file' "$work/classes.txt") of them from CDS"
  echo "jar: $(stat -c %s "$jar") bytes; lib/: $(ls "$BENCH_ROOT/classifier-cli/target/lib" | wc -l) jars," \
    "$(du -cb "$BENCH_ROOT"/classifier-cli/target/lib/*.jar | tail -1 | cut -f1) bytes; CDS archive $(stat -c %s "$archive") bytes"
} | tee "$BENCH_OUT/cli-startup.txt"
