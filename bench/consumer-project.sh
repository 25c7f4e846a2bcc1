#!/usr/bin/env bash
# A new user's first hour, automated: builds a fresh consumer project from the root README alone and runs it.
#
#   bench/consumer-project.sh            (KEEP=1 keeps the temp directory; MVN=/path/to/mvn picks the Maven)
#
# Takes from README.md the blocks after these markers, whatever they hold at the time:
#   <!-- consumer-pom -->     the complete pom.xml of the consumer project
#   <!-- consumer-main ... --> the Java snippet: its imports go above the class, the rest into main()
#                              (or, if the snippet declares the class itself, it is used as it is)
#   <!-- consumer-output -->  what the README says the program prints; "…" in a line matches any text
# Installs the library modules the pom uses into a throw-away local repository (never into ~/.m2, which other
# builds share), seeded from ~/.m2 as a file:// repository (releases only, so no SNAPSHOT leaks in from there);
# what ~/.m2 lacks (a new user's Maven 3.8 default plugins, say) comes from Maven Central into that temp
# repository. Builds the project with Maven 3.8 and checks that it prints what the README says and that SLF4J
# found its binding.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
README="$ROOT/README.md"
MVN="${MVN:-mvn}"
SEED="${M2_SEED:-$HOME/.m2/repository}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/consumer-project.XXXXXX")"
if [[ "${KEEP:-0}" == 1 ]]; then
  echo "keeping $WORK"
else
  trap 'rm -rf "$WORK"' EXIT
fi

fail() { echo "consumer-project: $*" >&2; exit 1; }

# The first fenced block after the marker line "<!-- NAME" (followed by a space, ':' or "-->").
block() {
  awk -v name="$1" '
    index($0, "<!-- " name) == 1 && substr($0, length(name) + 6, 1) ~ /^( |:|-)$/ { found = 1; next }
    found && !open && /^```/ { open = 1; next }
    open && /^```/ { exit }
    open { print }
  ' "$README"
}

POM="$(block consumer-pom)"
MAIN="$(block consumer-main)"
EXPECTED="$(block consumer-output)"
[[ -n "$POM" ]] || fail "README.md has no fenced block after <!-- consumer-pom -->"
[[ -n "$MAIN" ]] || fail "README.md has no fenced block after <!-- consumer-main -->"
[[ -n "$EXPECTED" ]] || fail "README.md has no fenced block after <!-- consumer-output -->"

# Maven 3.8 is what the README promises; an older one is refused by the library's enforcer anyway.
MVN_VERSION="$("$MVN" -B -v 2>/dev/null | sed 's/\x1b\[[0-9;]*m//g' | sed -n 's/^Apache Maven \([0-9][0-9.]*\).*/\1/p')"
echo "Maven $MVN_VERSION, $(java -version 2>&1 | sed -n 1p)"
[[ "$MVN_VERSION" == 3.8.* ]] || echo "note: the README promises Maven 3.8; this run uses $MVN_VERSION"

# The README's pom must ask for the version this tree builds.
PROJECT_VERSION="$(awk '/<parent>/,/<\/parent>/ { next } match($0, /<version>[^<]*<\/version>/) {
  print substr($0, RSTART + 9, RLENGTH - 19); exit }' "$ROOT/pom.xml")"
BOM_VERSION="$(printf '%s\n' "$POM" | awk '/<artifactId>classifier-bom<\/artifactId>/ { bom = 1 }
  bom && match($0, /<version>[^<]*<\/version>/) { print substr($0, RSTART + 9, RLENGTH - 19); exit }')"
[[ "$BOM_VERSION" == "$PROJECT_VERSION" ]] \
  || fail "the README's pom imports classifier-bom $BOM_VERSION, but this tree builds $PROJECT_VERSION"

MAIN_CLASS="$(printf '%s\n' "$POM" | sed -n 's:.*<mainClass>\(.*\)</mainClass>.*:\1:p' | head -1)"
[[ -n "$MAIN_CLASS" ]] || fail "the README's pom names no <mainClass> (exec-maven-plugin) to run"
MODULES="$(printf '%s\n' "$POM" | sed -n 's:.*<artifactId>\(classifier-[a-z-]*\)</artifactId>.*:\1:p' \
  | grep -v '^classifier-bom$' | paste -sd, -)"
[[ -n "$MODULES" ]] || fail "the README's pom uses no classifier module"

# Artifacts come from ~/.m2 (asked first) or Maven Central, and land in the throw-away repository only.
# (~/.m2 keeps no checksum files for much of what it holds: the seed is trusted as it is.)
SEED_REPO="<url>file://$SEED</url><snapshots><enabled>false</enabled></snapshots>
  <releases><enabled>true</enabled><checksumPolicy>ignore</checksumPolicy></releases>"
cat > "$WORK/settings.xml" <<EOF
<settings>
  <profiles>
    <profile>
      <id>seed</id>
      <repositories><repository><id>seed</id>$SEED_REPO</repository></repositories>
      <pluginRepositories><pluginRepository><id>seed</id>$SEED_REPO</pluginRepository></pluginRepositories>
    </profile>
  </profiles>
  <activeProfiles><activeProfile>seed</activeProfile></activeProfiles>
</settings>
EOF
M=("$MVN" -B -q -s "$WORK/settings.xml" -Dmaven.repo.local="$WORK/repo")

echo "installing classifier-bom,$MODULES (and what they need) into $WORK/repo"
"${M[@]}" -f "$ROOT/pom.xml" -pl "classifier-bom,$MODULES" -am install -DskipTests > "$WORK/install.log" 2>&1 \
  || { tail -40 "$WORK/install.log" >&2; fail "installing the library failed (log above)"; }

# The project, as a user would lay it out from the README.
PROJECT="$WORK/project"
PACKAGE="${MAIN_CLASS%.*}"
CLASS="${MAIN_CLASS##*.}"
SOURCE="$PROJECT/src/main/java/${PACKAGE//.//}/$CLASS.java"
mkdir -p "$(dirname "$SOURCE")"
printf '%s\n' "$POM" > "$PROJECT/pom.xml"
if printf '%s\n' "$MAIN" | grep -Eq "^(public )?(final )?class $CLASS\b"; then
  { [[ "$PACKAGE" == "$MAIN_CLASS" ]] || echo "package $PACKAGE;"; printf '%s\n' "$MAIN"; } > "$SOURCE"
else
  {
    [[ "$PACKAGE" == "$MAIN_CLASS" ]] || printf 'package %s;\n\n' "$PACKAGE"
    printf '%s\n' "$MAIN" | grep -E '^import ' || true
    printf '\npublic class %s {\n    public static void main(String[] args) throws Exception {\n' "$CLASS"
    printf '%s\n' "$MAIN" | grep -Ev '^import ' | sed 's/^/        /'
    printf '    }\n}\n'
  } > "$SOURCE"
fi

echo "building and running $MAIN_CLASS in $PROJECT"
# exec:java runs in Maven's JVM, where -q also quiets slf4j-simple; the property lets the library's INFO lines show
# on stderr, so the run shows that SLF4J found the README's binding. stdout holds only what the program prints.
(cd "$PROJECT" && "${M[@]}" -Dorg.slf4j.simpleLogger.log.dev.classifier=info compile exec:java \
    > "$WORK/out.txt" 2> "$WORK/err.txt") || {
  cat "$WORK/out.txt" "$WORK/err.txt" >&2
  fail "the consumer project did not build or run (output above; the source is $SOURCE with KEEP=1)"
}
# Maven 3.8 writes colour resets (ESC[0m) around the run even in batch mode: not the program's output.
sed -i 's/\x1b\[[0-9;]*m//g' "$WORK/out.txt" "$WORK/err.txt"
echo "--- it printed:"
cat "$WORK/out.txt"
echo "--- on stderr (logging):"
cat "$WORK/err.txt"
echo "---"

if grep -Eq "No SLF4J providers|NOP\) logger" "$WORK/err.txt"; then
  fail "SLF4J found no binding: the README's pom must bring one"
fi

# The output, line by line, against the README's; "…" stands for any text.
mapfile -t want <<< "$EXPECTED"
mapfile -t got < "$WORK/out.txt"
[[ ${#got[@]} -eq ${#want[@]} ]] \
  || fail "printed ${#got[@]} lines, the README shows ${#want[@]}"
for i in "${!want[@]}"; do
  pattern="${want[$i]//\\/\\\\}"
  pattern="${pattern//\*/\\*}"
  pattern="${pattern//\?/\\?}"
  pattern="${pattern//\[/\\[}"
  pattern="${pattern//…/*}"
  # shellcheck disable=SC2053 # unquoted on purpose: the README's line is a pattern
  [[ "${got[$i]}" == $pattern ]] \
    || fail "line $((i + 1)) is '${got[$i]}', the README says '${want[$i]}'"
done
echo "OK: the README's consumer project builds with Maven $MVN_VERSION and prints what the README says."
