#!/usr/bin/env bash
# Shuffle through MinIO: wordcount and an external sort with every intermediate file in a local
# MinIO (--storage s3://...), against the same runs with intermediates in a local directory and
# against raw MinIO PUT+GET of the shuffled bytes with the same SDK, all in one invocation.
#
#   e2e/bench/s3-shuffle.sh [--size 1G] [--shards 4]
#
# Shuffle efficiency = (time to PUT then GET the shuffled bytes with the raw SDK) /
# (wall time of the S3 run - wall time of the local-directory run): the share of raw MinIO
# bandwidth the shuffle reaches (>= 1 means the shuffle costs no more than moving the bytes raw).
# Also `disk put` of the text input against raw PUT.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

size_arg=1G shards=4
while (($#)); do
    case $1 in
        --size) size_arg=${2:?}; shift 2 ;;
        --shards) shards=${2:?}; shift 2 ;;
        *) die "unknown argument '$1' (use --size, --shards)" ;;
    esac
done
size=$(parse_size "$size_arg")
require_positive_int --shards "$shards"
ensure_base_tools
check_chainblock ''
BENCH_TOOLS_CP=$(bench_tools_cp)
results=$BENCH_DIR/results/s3-shuffle-$(date +%Y%m%d-%H%M%S)
mkdir -p "$results"

bash "$REPO_ROOT/e2e/scripts/minio.sh" install
export CHAINBLOCK_MINIO_STATE=$results/minio
bash "$REPO_ROOT/e2e/scripts/minio.sh" start "$BENCH_DIR/tmp/minio-data-$$"
trap 'bash "$REPO_ROOT/e2e/scripts/minio.sh" stop; rm -rf "$BENCH_DIR/tmp/minio-data-$$"' EXIT
set -a
eval "$(bash "$REPO_ROOT/e2e/scripts/minio.sh" env)"
set +a
export CHAINBLOCK_S3_BUCKET=bench

text=$(generate text "$size" 42)
records=$(generate records "$size" 7)

cat >"$results/wordcount.yaml" <<YAML
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
  output: {disk: counts, format: tsv}
YAML
cat >"$results/sort.yaml" <<YAML
apiVersion: chainblock.io/v1alpha1
kind: Disk
metadata: {name: corpus}
spec: {format: text, chunkSize: 64Mi}
---
apiVersion: chainblock.io/v1alpha1
kind: ChainPipeline
metadata: {name: sort}
spec:
  blocks:
    - {name: parse, shards: $shards, source: {disk: corpus}, function: {command: [cat]}}
    - {name: sort, shards: $shards, inputs: [parse], function: {builtin: identity}}
  output: {disk: sorted, format: tsv}
YAML

# Seconds of one run; its per-block JSON summary is kept beside it.
run_pipeline() {
    local name=$1 input=$2 storage=$3
    local out=$results/$name-$storage
    local args=()
    [[ $storage == s3 ]] && args=(--storage "s3://bench/work-$name/")
    local start end
    start=$(date +%s.%N)
    "$CHAINBLOCK" run "$results/$name.yaml" --disk "corpus=$input" --out "$out" --overwrite --progress none \
        --summary-json "$out.json" "${args[@]}" >"$out.log" 2>&1 || die "$name on $storage failed: see $out.log"
    end=$(date +%s.%N)
    rm -rf "$out"
    python3 -c "print(f'{$end - $start:.3f}')"
}

# Bytes the non-terminal blocks wrote: what went through the shuffle.
shuffled_bytes() {
    python3 - "$1" <<'PY'
import json, sys
blocks = json.load(open(sys.argv[1]))["blocks"]
print(sum(b["bytesOut"] for b in blocks[:-1]))
PY
}

# Seconds to PUT then GET $1 bytes as 8 MiB objects with the raw MinIO SDK.
raw_put_get() {
    local mib=$(( ($1 + (1 << 20) - 1) >> 20 ))
    (( mib < 8 )) && mib=8
    "$CHAINBLOCK_JAVA_HOME/bin/java" -cp "$(s3_bench_cp)" io.chainblock.engine.storage.S3Bench "$mib" 8 \
        >"$results/raw-$mib.log" 2>&1 || die "S3Bench failed: see $results/raw-$mib.log"
    python3 - "$results/raw-$mib.log" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
def seconds(label):
    m = re.search(label + r".*?([0-9.]+) s", text)
    return float(m.group(1))
print(f"{seconds('raw SDK PUT') + seconds('raw SDK GET'):.3f}")
PY
}

s3_bench_cp() {
    local cp=$BENCH_DIR/tools/s3bench.cp
    if [[ ! -s $cp ]]; then
        (cd "$REPO_ROOT" && export JAVA_HOME=$CHAINBLOCK_JAVA_HOME && mvn -q -B -o -pl runtime-image -am test-compile >/dev/null \
            && mvn -q -B -o -pl runtime-image dependency:build-classpath -Dmdep.outputFile="$cp" >/dev/null)
    fi
    echo "$REPO_ROOT/runtime-image/target/test-classes:$REPO_ROOT/runtime-image/target/classes:$(cat "$cp")"
}

report=$results/summary.md
{
    echo "### Shuffle through MinIO, $(( size >> 20 )) MiB inputs, $shards shards per block"
    echo
    echo "| pipeline | local dir (s) | MinIO (s) | shuffled bytes | raw PUT+GET of them (s) | shuffle efficiency |"
    echo "|---|---:|---:|---:|---:|---:|"
} >"$report"
for name in wordcount sort; do
    input=$text
    [[ $name == sort ]] && input=$records
    log "$name: local directory"
    local_s=$(run_pipeline "$name" "$input" local)
    log "$name: MinIO"
    s3_s=$(run_pipeline "$name" "$input" s3)
    bytes=$(shuffled_bytes "$results/$name-s3.json")
    raw_s=$(raw_put_get "$bytes")
    eff=$(python3 -c "d = $s3_s - $local_s; print('%.2f' % ($raw_s / d) if d > 0 else 'no overhead')")
    log "$name: local $local_s s, s3 $s3_s s, $bytes shuffled bytes, raw $raw_s s, efficiency $eff"
    echo "| $name | $local_s | $s3_s | $bytes | $raw_s | $eff |" >>"$report"
done

log "disk put of the text input"
start=$(date +%s.%N)
"$CHAINBLOCK" disk put corpus "$text" --bucket bench --overwrite >"$results/disk-put.log" 2>&1
end=$(date +%s.%N)
put_s=$(python3 -c "print(f'{$end - $start:.3f}')")
raw_put=$(python3 - "$(ls -v "$results"/raw-*.log | tail -1)" <<'PY'
import re, sys
print(re.search(r"raw SDK PUT.*?([0-9.]+) MB/s", open(sys.argv[1]).read()).group(1))
PY
)
put_rate=$(python3 -c "print(f'{$size / 1e6 / $put_s:.1f}')")
{
    echo
    echo "disk put of $(( size >> 20 )) MiB: $put_s s, $put_rate MB/s; raw SDK PUT in the same run: $raw_put MB/s"
} >>"$report"
cat "$report"
log "results: $results"
