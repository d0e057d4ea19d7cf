#!/usr/bin/env bash
# Wordcount throughput: Chainblock's local runner against `tr | sort | uniq -c` and Spark local[2].
# See README.md in this directory.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<EOF
usage: $0 [--size 1G] [--runs 3] [--seed 42] [--systems chainblock,sort,spark]
          [--shards 2] [--spark-master 'local[2]'] [--results DIR]

  --size     bytes of generated text (suffixes K M G T, binary); default 1G
  --runs     timed runs of each system; the median is reported; default 3
  --seed     generator seed; the same seed and size give the same bytes; default 42
  --systems  comma-separated subset of chainblock, sort, spark; default all three
  --shards   shards of each Chainblock block; default 2 (one per core of the target machine)
  --results  where run logs and results go; default \$CHAINBLOCK_BENCH_DIR/results/wordcount-<time>

Environment: CHAINBLOCK_BENCH_DIR (cache, default /var/tmp/chainblock-bench), CHAINBLOCK (CLI),
CHAINBLOCK_JAVA_OPTS, CHAINBLOCK_JAVA_HOME, SPARK_JAVA_OPTS, BENCH_JAVA17_HOME.
EOF
}

size_arg=1G runs=3 seed=42 systems=chainblock,sort,spark shards=2 spark_master='local[2]' results=
while (($#)); do
    case $1 in
        --size) size_arg=${2:?--size needs a value}; shift 2 ;;
        --runs) runs=${2:?--runs needs a value}; shift 2 ;;
        --seed) seed=${2:?--seed needs a value}; shift 2 ;;
        --systems) systems=${2:?--systems needs a value}; shift 2 ;;
        --shards) shards=${2:?--shards needs a value}; shift 2 ;;
        --spark-master) spark_master=${2:?--spark-master needs a value}; shift 2 ;;
        --results) results=${2:?--results needs a value}; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument '$1'" ;;
    esac
done
size=$(parse_size "$size_arg")
require_positive_int --runs "$runs"
require_positive_int --shards "$shards"
[[ $seed =~ ^[0-9]+$ ]] || die "--seed must be a non-negative integer"
IFS=, read -r -a sys_list <<<"$systems"
for s in "${sys_list[@]}"; do
    [[ $s == chainblock || $s == sort || $s == spark ]] || die "unknown system '$s' in --systems"
done
has() { [[ ,$systems, == *,$1,* ]]; }

ensure_base_tools
has chainblock && check_chainblock ', or leave it out: --systems sort,spark'
results=${results:-$BENCH_DIR/results/wordcount-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$results"
results=$(cd "$results" && pwd)

BENCH_TOOLS_CP=$(bench_tools_cp)
input=$(generate text "$size" "$seed")
input_bytes=$(stat -c %s "$input")

# --- Spark harness: a thin jar plus Maven's class-path file, built outside the repository. ---
SPARK_PROJECT=$BENCH_SRC/spark-wordcount
SPARK_BUILD=$BENCH_DIR/spark-wordcount-build
# What Spark 3.5's launcher adds on Java 17 (JavaModuleOptions); a plain `java` needs them too.
SPARK_JVM_FLAGS=(
    -XX:+IgnoreUnrecognizedVMOptions
    --add-opens=java.base/java.lang=ALL-UNNAMED
    --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
    --add-opens=java.base/java.io=ALL-UNNAMED
    --add-opens=java.base/java.net=ALL-UNNAMED
    --add-opens=java.base/java.nio=ALL-UNNAMED
    --add-opens=java.base/java.util=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
    --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
    --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
    --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
    --add-opens=java.base/sun.security.action=ALL-UNNAMED
    --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
    -Djdk.reflect.useDirectMethodHandle=false
    -Dio.netty.tryReflectionSetAccessible=true
)
build_spark() {
    local jar=$SPARK_BUILD/spark-wordcount-1.jar
    # Rebuild only when a source is newer than the jar: Maven's no-op build still costs seconds.
    if [[ -f $jar && -f $SPARK_BUILD/classpath.txt ]] &&
        [[ -z $(find "$SPARK_PROJECT" -type f -newer "$jar" -print -quit) ]]; then
        return 0
    fi
    command -v mvn >/dev/null || die "mvn not found: it builds the Spark harness"
    log "building the Spark harness (first time downloads Spark from Maven Central)"
    JAVA_HOME=$JAVA17_HOME mvn -B -q -f "$SPARK_PROJECT/pom.xml" -Dbench.buildDir="$SPARK_BUILD" \
        -DskipTests package >"$BENCH_DIR/tmp/spark-build.log" 2>&1 ||
        { tail -n 30 "$BENCH_DIR/tmp/spark-build.log" >&2; die "Spark harness build failed"; }
}
has spark && build_spark

# --- Chainblock pipeline, written beside the results so the numbers say what ran. ---
pipeline=$results/wordcount.yaml
cat >"$pipeline" <<EOF
apiVersion: chainblock.io/v1alpha1
kind: Disk
metadata: {name: corpus}
spec: {format: text, chunkSize: 64Mi}
---
apiVersion: chainblock.io/v1alpha1
kind: ChainPipeline
metadata: {name: wordcount}
spec:
  blocks:
    - {name: split, shards: $shards, source: {disk: corpus}, function: {builtin: tokenize}, combine: {builtin: sum}}
    - {name: count, shards: $shards, inputs: [split], function: {builtin: sum}}
  output: {disk: wordcount-result, format: tsv}
EOF

# --- One function per system: run once into RUNDIR, leave normalized "count word" lines. ---
work=$BENCH_DIR/work/wordcount
mkdir -p "$work"

run_chainblock_wc() {
    local dir=$1 out=$work/chainblock-out
    rm -rf "$out"
    chainblock_cmd "${CHAINBLOCK_JAVA_OPTS:-}"
    timed "$dir" "${CB_CMD[@]}" run "$pipeline" --disk "corpus=$input" --out "$out" ||
        fail_run "$dir" chainblock
    compgen -G "$out/part-*" >/dev/null || die "chainblock wrote no part files in $out"
    # Last field is the count, whatever sits between (a subkey would).
    awk -F'\t' '{ print $NF " " $1 }' "$out"/part-* | LC_ALL=C sort >"$dir/counts"
}

run_sort_wc() {
    local dir=$1 out=$work/sort-out.txt
    rm -f "$out"
    # The whole pipeline under LC_ALL=C, uniq included: under a UTF-8 locale uniq would collate
    # with strcoll and the baseline would lose time to something the others do not do.
    # shellcheck disable=SC2016
    timed "$dir" env LC_ALL=C TMPDIR="$BENCH_DIR/tmp" bash -c 'set -o pipefail
        tr -cs "A-Za-z0-9" "\n" <"$1" | tr "A-Z" "a-z" | sort | uniq -c >"$2"' _ "$input" "$out" ||
        fail_run "$dir" "the sort pipeline"
    # NF == 2 drops the empty word: a line opening with a separator makes tr emit an empty line.
    awk 'NF == 2 { print $1 " " $2 }' "$out" | LC_ALL=C sort >"$dir/counts"
}

run_spark_wc() {
    local dir=$1 out=$work/spark-out
    rm -rf "$out"
    mkdir -p "$BENCH_DIR/tmp/spark"
    # shellcheck disable=SC2086 # SPARK_JAVA_OPTS is a list of flags
    # SPARK_LOCAL_IP: local mode needs no network, and the hostname lookup only adds a warning.
    # SPARK_LOCAL_DIRS keeps shuffle files on the benchmark disk (spark.local.dir would warn).
    timed "$dir" env SPARK_LOCAL_IP=127.0.0.1 SPARK_LOCAL_DIRS="$BENCH_DIR/tmp/spark" \
        "$JAVA17_HOME/bin/java" "${SPARK_JVM_FLAGS[@]}" ${SPARK_JAVA_OPTS:-} \
        -cp "$SPARK_BUILD/spark-wordcount-1.jar:$(cat "$SPARK_BUILD/classpath.txt")" \
        io.chainblock.bench.SparkWordCount "file://$input" "file://$out" "$spark_master" ||
        fail_run "$dir" spark
    awk -F'\t' '{ print $2 " " $1 }' "$out"/part-* | LC_ALL=C sort >"$dir/counts"
}

# Warm the page cache so that whichever system goes first does not pay for the disk.
cat "$input" >/dev/null

runs_tsv=$results/runs.tsv
printf 'system\trun\twall_s\tmax_rss_kb\n' >"$runs_tsv"
reference=
log "input $input ($input_bytes bytes); $runs run(s) of: ${sys_list[*]}; results in $results"
# Rounds interleave the systems so that a slow spell of the machine hits all of them alike.
for ((r = 1; r <= runs; r++)); do
    for s in "${sys_list[@]}"; do
        dir=$results/$s/run-$r
        rm -rf "$dir"
        "run_${s}_wc" "$dir"
        if [[ -z $reference ]]; then
            reference=$dir/counts
            [[ -s $reference ]] || die "$s produced no words ($dir)"
        elif ! cmp -s "$reference" "$dir/counts"; then
            diff "$reference" "$dir/counts" | head -n 10 >&2 || true
            die "$s run $r disagrees with ${reference#"$results"/} (normalized counts above)"
        fi
        printf '%s\t%d\t%s\t%s\n' "$s" "$r" "$(cat "$dir/wall")" "$(cat "$dir/maxrss_kb")" >>"$runs_tsv"
        log "$s run $r: $(cat "$dir/wall") s, max RSS $(($(cat "$dir/maxrss_kb") / 1024)) MiB"
    done
done

# --- Medians, throughput, ratios: results.json for machines, a markdown table for people. ---
declare -A med_wall med_rss mbps
for s in "${sys_list[@]}"; do
    med_wall[$s]=$(awk -F'\t' -v s="$s" '$1 == s { print $3 }' "$runs_tsv" | median)
    med_rss[$s]=$(awk -F'\t' -v s="$s" '$1 == s { print $4 }' "$runs_tsv" | median)
    mbps[$s]=$(awk -v b="$input_bytes" -v t="${med_wall[$s]}" 'BEGIN { printf "%.1f", b / 1e6 / t }')
done
ratio() { has "$1" && has "$2" && awk -v a="${med_wall[$2]}" -v b="${med_wall[$1]}" 'BEGIN { printf "%.2f", a / b }' || echo null; }
r_spark=$(ratio chainblock spark)
r_sort=$(ratio chainblock sort)
words=$(wc -l <"$reference")
tokens=$(awk '{ n += $1 } END { print n + 0 }' "$reference")

{
    printf '{\n  "benchmark": "wordcount",\n  "date": "%s",\n  "host": "%s",\n  "cpus": %d,\n' \
        "$(date -Is)" "$(hostname)" "$(nproc)"
    printf '  "input": {"path": "%s", "bytes": %d, "seed": %d, "distinct_words": %d, "words": %d},\n' \
        "$input" "$input_bytes" "$seed" "$words" "$tokens"
    printf '  "runs_per_system": %d,\n  "verified": true,\n  "systems": {\n' "$runs"
    sep=
    for s in "${sys_list[@]}"; do
        printf '%s    "%s": {"median_wall_s": %s, "throughput_mb_s": %s, "median_max_rss_kb": %s, "wall_s": [%s]}' \
            "$sep" "$s" "${med_wall[$s]}" "${mbps[$s]}" "${med_rss[$s]%.*}" \
            "$(awk -F'\t' -v s="$s" '$1 == s { printf "%s%s", (n++ ? ", " : ""), $3 }' "$runs_tsv")"
        sep=$',\n'
    done
    printf '\n  },\n  "ratios": {"chainblock_over_spark": %s, "chainblock_over_sort": %s},\n' "$r_spark" "$r_sort"
    printf '  "targets": {"chainblock_over_spark": 2, "chainblock_over_sort": 3}\n}\n'
} >"$results/results.json"

{
    echo "### Wordcount, $((input_bytes >> 20)) MiB of text ($words distinct words, $tokens words), median of $runs"
    echo
    echo "| system | median wall (s) | throughput (MB/s) | median max RSS (MiB) | runs (s) |"
    echo "|---|---:|---:|---:|---|"
    for s in "${sys_list[@]}"; do
        label=$s
        [[ $s == sort ]] && label='tr \| sort \| uniq -c'
        [[ $s == spark ]] && label="Spark 3.5 $spark_master"
        [[ $s == chainblock ]] && label="Chainblock local runner"
        printf '| %s | %s | %s | %d | %s |\n' "$label" "${med_wall[$s]}" "${mbps[$s]}" \
            "$((${med_rss[$s]%.*} / 1024))" \
            "$(awk -F'\t' -v s="$s" '$1 == s { printf "%s%s", (n++ ? ", " : ""), $3 }' "$runs_tsv")"
    done
    echo
    [[ $r_spark != null ]] && echo "Chainblock / Spark throughput: **${r_spark}×** (target ≥ 2×)"
    [[ $r_sort != null ]] && echo "Chainblock / sort pipeline throughput: **${r_sort}×** (target ≥ 3×)"
    echo "Every run's output verified equal to ${reference#"$results"/} (normalized to sorted \`count word\` lines)."
} >"$results/summary.md"
cat "$results/summary.md"
log "results: $results/results.json"
