#!/usr/bin/env bash
# External sort in a small heap: Chainblock sorts generated KEY<TAB>VALUE records with
# JAVA_OPTS=-Xmx256m; the output is verified and the JVM's RSS sampled every second.
# See README.md in this directory.
set -euo pipefail

# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
    cat <<EOF
usage: $0 [--size 4G] [--runs 3] [--seed 7] [--heap 256m] [--map-shards 2] [--sort-shards 4]
          [--warmup 10] [--results DIR]

  --size         bytes of generated records (suffixes K M G T, binary); default 4G
  --runs         timed runs; medians are reported; default 3
  --seed         generator seed; default 7
  --heap         the JVM's -Xmx; default 256m
  --map-shards   shards of the source block that turns lines into records; default 2
  --sort-shards  shards of the sorting block (= output parts); default 4
  --warmup       seconds of RSS samples left out of the summary (JVM start, first buffers); default 10
  --results      where logs and results go; default \$CHAINBLOCK_BENCH_DIR/results/extsort-<time>

Needs about 3.5 x SIZE free under \$CHAINBLOCK_BENCH_DIR (input, spills, output).
Environment: CHAINBLOCK_BENCH_DIR, CHAINBLOCK, CHAINBLOCK_JAVA_HOME, CHAINBLOCK_JAVA_OPTS (added
after -Xmx), BENCH_JAVA17_HOME.
EOF
}

size_arg=4G runs=3 seed=7 heap=256m map_shards=2 sort_shards=4 warmup=10 results=
while (($#)); do
    case $1 in
        --size) size_arg=${2:?--size needs a value}; shift 2 ;;
        --runs) runs=${2:?--runs needs a value}; shift 2 ;;
        --seed) seed=${2:?--seed needs a value}; shift 2 ;;
        --heap) heap=${2:?--heap needs a value}; shift 2 ;;
        --map-shards) map_shards=${2:?--map-shards needs a value}; shift 2 ;;
        --sort-shards) sort_shards=${2:?--sort-shards needs a value}; shift 2 ;;
        --warmup) warmup=${2:?--warmup needs a value}; shift 2 ;;
        --results) results=${2:?--results needs a value}; shift 2 ;;
        -h | --help) usage; exit 0 ;;
        *) usage >&2; die "unknown argument '$1'" ;;
    esac
done
size=$(parse_size "$size_arg")
require_positive_int --runs "$runs"
require_positive_int --map-shards "$map_shards"
require_positive_int --sort-shards "$sort_shards"
[[ $seed =~ ^[0-9]+$ ]] || die "--seed must be a non-negative integer"
[[ $warmup =~ ^[0-9]+$ ]] || die "--warmup must be a number of seconds"
[[ $heap =~ ^[0-9]+[kKmMgG]?$ ]] || die "--heap must look like 256m"

ensure_base_tools
check_chainblock ''
results=${results:-$BENCH_DIR/results/extsort-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$results"
results=$(cd "$results" && pwd)

BENCH_TOOLS_CP=$(bench_tools_cp)
input=$(generate records "$size" "$seed")
input_bytes=$(stat -c %s "$input")
# Spills and output each take about the input's size again; half an input more for slack.
check_space "$BENCH_DIR/work" $((input_bytes * 5 / 2)) "the sort's spills and output"

# The input's multiset hash is computed once per data set: the file never changes under its name.
expected=$input.verify
if [[ ! -s $expected ]]; then
    log "hashing the input for verification"
    bench_data verify "$input" >"$expected.tmp"
    mv "$expected.tmp" "$expected"
fi

pipeline=$results/extsort.yaml
cat >"$pipeline" <<EOF
apiVersion: chainblock.io/v1alpha1
kind: Disk
metadata: {name: records}
spec: {format: text, chunkSize: 64Mi}
---
apiVersion: chainblock.io/v1alpha1
kind: ChainPipeline
metadata: {name: extsort}
spec:
  blocks:
    - {name: parse, shards: $map_shards, source: {disk: records}, function: {command: ["cat"]}}
    - {name: sort, shards: $sort_shards, inputs: [parse], function: {builtin: identity}}
  output: {disk: sorted, format: tsv}
EOF

# sample_rss ROOT_PID FILE: once a second, the RSS of the JVM under ROOT_PID (VmRSS from
# /proc/PID/status) and of the whole process tree (the JVM plus its `cat` children), in KiB.
sample_rss() {
    local root=$1 file=$2 t0 jvm tree pids rss
    t0=$(date +%s%N)
    printf 'elapsed_s\tjvm_rss_kb\ttree_rss_kb\tprocesses\n' >"$file"
    while kill -0 "$root" 2>/dev/null; do
        # Descendants of ROOT from one ps snapshot; the JVM is the largest descendant named java.
        read -r jvm tree pids < <(ps -e -o pid=,ppid=,rss=,comm= | awk -v root="$root" '
            { ppid[$1] = $2; rss[$1] = $3; comm[$1] = $4 }
            END {
                n = 0; tree = 0; jvm = 0; jr = -1
                for (p in ppid) {
                    for (q = p; q in ppid && q != root && q > 1; q = ppid[q]) {}
                    if (q != root) continue
                    n++; tree += rss[p]
                    if (comm[p] == "java" && rss[p] > jr) { jvm = p; jr = rss[p] }
                }
                print jvm, tree, n
            }') || break
        if ((jvm > 0)); then
            rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$jvm/status" 2>/dev/null) || rss=
            [[ -n $rss ]] && printf '%s\t%s\t%s\t%s\n' \
                "$(awk -v s="$t0" -v e="$(date +%s%N)" 'BEGIN { printf "%.1f", (e - s) / 1e9 }')" \
                "$rss" "$tree" "$pids" >>"$file"
        fi
        sleep 1
    done
}
sampler_pid=
cleanup() { [[ -n $sampler_pid ]] && kill "$sampler_pid" 2>/dev/null; true; }
trap cleanup EXIT

# "min median max drift samples" of the JVM's RSS after warm-up; drift is the median of the last
# quarter of the samples minus that of the first quarter, the number that shows a slow leak.
rss_summary() {
    local vals n q
    vals=$(awk -F'\t' -v w="$warmup" 'NR > 1 && $1 >= w { print $2 }' "$1")
    n=$(grep -c . <<<"$vals" || true)
    if ((n == 0)); then
        echo "0 0 0 0 0"
        return
    fi
    q=$(((n + 3) / 4))
    printf '%s %s %s %s %s\n' \
        "$(sort -n <<<"$vals" | head -n 1)" "$(median <<<"$vals" | cut -d. -f1)" \
        "$(sort -n <<<"$vals" | tail -n 1)" \
        "$(($(tail -n "$q" <<<"$vals" | median | cut -d. -f1) - $(head -n "$q" <<<"$vals" | median | cut -d. -f1)))" \
        "$n"
}

out=$BENCH_DIR/work/extsort-out
runs_tsv=$results/runs.tsv
printf 'run\twall_s\tmax_rss_kb\trss_min_kb\trss_median_kb\trss_max_kb\trss_drift_kb\tsamples\tparts\n' >"$runs_tsv"
chainblock_cmd "-Xmx$heap ${CHAINBLOCK_JAVA_OPTS:-}"
log "input $input ($input_bytes bytes, $(cut -d' ' -f1 "$expected")); heap $heap; $runs run(s); results in $results"
cat "$input" >/dev/null

for ((r = 1; r <= runs; r++)); do
    dir=$results/run-$r
    rm -rf "$dir" "$out"
    TIMED_BACKGROUND=1 timed "$dir" "${CB_CMD[@]}" run "$pipeline" --disk "records=$input" --out "$out"
    sample_rss "$TIMED_PID" "$dir/rss.tsv" &
    sampler_pid=$!
    rc=0
    wait "$TIMED_PID" || rc=$?
    timed_finish "$dir"
    wait "$sampler_pid" || true
    sampler_pid=
    ((rc == 0)) || fail_run "$dir" "chainblock (exit $rc)"

    compgen -G "$out/part-*" >/dev/null || die "chainblock wrote no part files in $out"
    log "run $r: $(cat "$dir/wall") s; verifying"
    parts=$(find "$out" -maxdepth 1 -name 'part-*' | wc -l)
    # One streaming pass: each part in key order, and the same multiset of lines as the input.
    bench_data verify --sorted "$out"/part-* >"$dir/verify" 2>"$dir/verify.err" ||
        { cat "$dir/verify.err" >&2; die "run $r: output is not sorted by key (see $dir/verify.err)"; }
    cmp -s "$expected" "$dir/verify" ||
        die "run $r: output differs from input as a multiset: input $(cat "$expected"), output $(cat "$dir/verify")"
    read -r rmin rmed rmax drift n < <(rss_summary "$dir/rss.tsv")
    printf '%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$r" "$(cat "$dir/wall")" "$(cat "$dir/maxrss_kb")" \
        "$rmin" "$rmed" "$rmax" "$drift" "$n" "$parts" >>"$runs_tsv"
    log "run $r verified: $parts parts; peak RSS $(($(cat "$dir/maxrss_kb") / 1024)) MiB;" \
        "RSS after ${warmup}s min/median/max $((rmin / 1024))/$((rmed / 1024))/$((rmax / 1024)) MiB, drift $((drift / 1024)) MiB"
    # 4 GiB of output per run: keep the disk for the next one.
    rm -rf "$out"
done

col() { awk -F'\t' -v c="$1" 'NR > 1 { print $c }' "$runs_tsv" | median; }
med_wall=$(col 2)
med_peak=$(col 3)
max_peak=$(awk -F'\t' 'NR > 1 && $3 > m { m = $3 } END { print m + 0 }' "$runs_tsv")
mbps=$(awk -v b="$input_bytes" -v t="$med_wall" 'BEGIN { printf "%.1f", b / 1e6 / t }')
records=$(sed 's/records=\([0-9]*\).*/\1/' "$expected")
kb_list() { awk -F'\t' -v c="$1" 'NR > 1 { printf "%s%s", (n++ ? ", " : ""), $c }' "$runs_tsv"; }

{
    printf '{\n  "benchmark": "extsort",\n  "date": "%s",\n  "host": "%s",\n  "cpus": %d,\n' \
        "$(date -Is)" "$(hostname)" "$(nproc)"
    printf '  "input": {"path": "%s", "bytes": %d, "records": %d, "seed": %d},\n' \
        "$input" "$input_bytes" "$records" "$seed"
    printf '  "heap": "%s", "map_shards": %d, "sort_shards": %d, "runs": %d, "verified": true,\n' \
        "$heap" "$map_shards" "$sort_shards" "$runs"
    printf '  "median_wall_s": %s, "throughput_mb_s": %s,\n' "$med_wall" "$mbps"
    printf '  "median_peak_rss_kb": %d, "max_peak_rss_kb": %d,\n' "${med_peak%.*}" "$max_peak"
    printf '  "wall_s": [%s],\n  "peak_rss_kb": [%s],\n' "$(kb_list 2)" "$(kb_list 3)"
    printf '  "rss_after_warmup": {"warmup_s": %d, "min_kb": [%s], "median_kb": [%s], "max_kb": [%s], "drift_kb": [%s]}\n}\n' \
        "$warmup" "$(kb_list 4)" "$(kb_list 5)" "$(kb_list 6)" "$(kb_list 7)"
} >"$results/results.json"

{
    echo "### External sort, $((input_bytes >> 20)) MiB ($records records), -Xmx$heap, median of $runs"
    echo
    echo "| run | wall (s) | MB/s | peak RSS (MiB) | RSS after ${warmup}s: min / median / max (MiB) | drift (MiB) | samples |"
    echo "|---:|---:|---:|---:|---|---:|---:|"
    awk -F'\t' -v b="$input_bytes" 'NR > 1 {
        printf "| %d | %s | %.1f | %d | %d / %d / %d | %d | %d |\n",
            $1, $2, b / 1e6 / $2, $3 / 1024, $4 / 1024, $5 / 1024, $6 / 1024, $7 / 1024, $8 }' "$runs_tsv"
    echo
    echo "Median: **$med_wall s, $mbps MB/s**, peak RSS $((${med_peak%.*} / 1024)) MiB (max over runs $((max_peak / 1024)) MiB)."
    echo "Every run verified: each part sorted by key (unsigned bytes), same record count and line multiset as the input."
    echo "Drift = median RSS of the last quarter of samples minus that of the first quarter; RSS samples per run in run-N/rss.tsv."
} >"$results/summary.md"
cat "$results/summary.md"
log "results: $results/results.json"
