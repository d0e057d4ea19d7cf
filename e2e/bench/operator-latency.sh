#!/usr/bin/env bash
# Block-transition latency of the real operator on a real kube-apiserver (issue 4).
#
#   e2e/bench/operator-latency.sh [--runs 3] [--pipelines 200] [--blocks 3] [--shards 2]
#                                 [--job-ms 10000-30000] [--warmup 50] [--audit] [--no-build]
#
# Each run starts its own etcd + kube-apiserver on 127.0.0.1 (kube-apiserver.sh, the cached
# binaries of the pinned release) with the CRDs, the operator as its own JVM (the packaged jar and
# target/lib, -Xmx512m, GC log, under /usr/bin/time -v), and the load driver
# (operator-latency/OperatorLatency.java), which applies --pipelines ChainPipelines at once, each
# a chain of --blocks blocks, plays the Job controller and kubelet for their Jobs (each runs a
# random --job-ms: 10-30 s, about the least a real block's pods take to be scheduled, start a JVM and
# read their input; --job-ms 1000-3000 is a stress test in which the two cores cannot keep up) and
# measures every wait for the operator on its own clock. Before that, --warmup
# pipelines with short Jobs run unmeasured: an operator runs for days, and a fresh JVM spends its
# first minute compiling. One MinIO serves all runs: the operator writes each succeeded pipeline's
# output manifest there.
#
# --audit has the API server log every Job request, and the summary takes each transition apart:
# the operator's reaction (the completing status write answered → the next Job's create received)
# and the server's create.
#
# CHAINBLOCK_OPERATOR_TARGET runs the operator jar and lib/ of another build (default
# operator/target of this checkout; with --no-build), to compare two versions of the operator.
# OPERATOR_JAVA_OPTS are added to the operator's JVM options, e.g. -XX:StartFlightRecording=... to profile it.
#
# Results go to $CHAINBLOCK_BENCH_DIR/results/operator-latency-DATE/: run-N/ (driver results.json,
# transitions.tsv, operator log, gc.log, time.txt, apiserver logs), runs.json and summary.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

runs=3 pipelines=200 blocks=3 shards=2 job_ms=10000-30000 warmup=50 audit=0 build=1
while (($#)); do
    case $1 in
        --runs) runs=${2:?}; shift 2 ;;
        --pipelines) pipelines=${2:?}; shift 2 ;;
        --blocks) blocks=${2:?}; shift 2 ;;
        --shards) shards=${2:?}; shift 2 ;;
        --job-ms) job_ms=${2:?}; shift 2 ;;
        --warmup) warmup=${2:?}; shift 2 ;;
        --audit) audit=1; shift ;;
        --no-build) build=0; shift ;;
        *) die "unknown argument '$1' (use --runs, --pipelines, --blocks, --shards, --job-ms, --warmup, --audit, --no-build)" ;;
    esac
done
for n in runs pipelines blocks shards; do
    require_positive_int "--$n" "${!n}"
done
[[ $warmup =~ ^[0-9]+$ ]] || die "--warmup must be a number of pipelines, got '$warmup'"
[[ $job_ms =~ ^([0-9]+)-([0-9]+)$ ]] || die "--job-ms wants MIN-MAX in milliseconds, got '$job_ms'"
job_min=${BASH_REMATCH[1]} job_max=${BASH_REMATCH[2]}

read -r -a operator_opts <<<"${OPERATOR_JAVA_OPTS:-}"
ensure_command /usr/bin/time time
java=$CHAINBLOCK_JAVA_HOME/bin/java
[[ -x $java ]] || die "no JDK at $CHAINBLOCK_JAVA_HOME (set CHAINBLOCK_JAVA_HOME)"
kubectl=${CHAINBLOCK_KUBE_CACHE:-/var/cache/chainblock/kube}/$(awk '$1 == "k8s.io/kubernetes" { print $2; exit }' \
    "$REPO_ROOT/e2e/kube-build/go.mod")/bin/kubectl
[[ -x $kubectl ]] || die "$kubectl is missing: run e2e/scripts/kube-binaries.sh"

results=$BENCH_DIR/results/operator-latency-$(date +%Y%m%d-%H%M%S)
mkdir -p "$results"

if ((build)); then
    log "packaging the operator (mvn -pl operator -am package -DskipTests)"
    (cd "$REPO_ROOT" && JAVA_HOME=$CHAINBLOCK_JAVA_HOME mvn -B -ntp -q -pl operator -am package -DskipTests) >&2
fi
operator_target=${CHAINBLOCK_OPERATOR_TARGET:-$REPO_ROOT/operator/target}
operator_jar=$(find "$operator_target" -maxdepth 1 -name 'chainblock-operator-*.jar' 2>/dev/null | head -1)
[[ -n $operator_jar ]] || die "no operator jar under $operator_target: run without --no-build"
classpath="$operator_jar:$operator_target/lib/*"
driver_classes=$results/driver-classes
"$CHAINBLOCK_JAVA_HOME/bin/javac" --release 21 -d "$driver_classes" -cp "$classpath" \
    "$BENCH_SRC/operator-latency/OperatorLatency.java"

# Whatever a run started is stopped on any exit; each stop is a no-op when its part is not up.
operator_pid='' time_pid='' apiserver_dir=''
cleanup() {
    if [[ -n $operator_pid ]]; then
        kill "$operator_pid" 2>/dev/null || true
        wait "$time_pid" 2>/dev/null || true
    fi
    [[ -n $apiserver_dir ]] && bash "$BENCH_SRC/kube-apiserver.sh" stop "$apiserver_dir"
    bash "$REPO_ROOT/e2e/scripts/minio.sh" stop
}
trap cleanup EXIT

bash "$REPO_ROOT/e2e/scripts/minio.sh" install
export CHAINBLOCK_MINIO_STATE=$results/minio
bash "$REPO_ROOT/e2e/scripts/minio.sh" start
set -a
eval "$(bash "$REPO_ROOT/e2e/scripts/minio.sh" env)"
set +a

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# user+system CPU seconds a process has used so far
cpu_seconds() {
    awk -v hz="$(getconf CLK_TCK)" '{ printf "%.2f\n", ($14 + $15) / hz }' "/proc/$1/stat"
}

# "name cpu-seconds" of every long-running process of a run, to tell where the machine's two cores went.
cpu_snapshot() {
    echo "operator $(cpu_seconds "$operator_pid")"
    echo "kube-apiserver $(cpu_seconds "$(cat "$apiserver_dir/kube-apiserver.pid")")"
    echo "etcd $(cpu_seconds "$(cat "$apiserver_dir/etcd.pid")")"
    echo "minio $(cpu_seconds "$(cat "$CHAINBLOCK_MINIO_STATE/minio.pid")")"
}

# The server's own count and latency of requests, to tell a slow server from a slow client.
apiserver_metrics() {
    curl -fsS --cacert "$apiserver_dir/certs/apiserver.crt" \
        -H "Authorization: Bearer $(awk -F, '{ print $1 }' "$apiserver_dir/tokens.csv")" \
        "$(awk '/server:/ { print $2 }' "$KUBECONFIG")/metrics"
}

# The driver lives minutes: C1 alone compiles it for a fraction of the CPU C2 would take from the
# processes under test.
driver_opts=(-Xmx512m -XX:TieredStopAtLevel=1)
driver() {
    "$java" "${driver_opts[@]}" -cp "$driver_classes:$classpath" OperatorLatency --blocks "$blocks" --shards "$shards" "$@"
}

run_once() {
    local n=$1 dir=$results/run-$1
    mkdir -p "$dir"
    uptime >"$dir/uptime-before"
    apiserver_dir=$dir/apiserver
    if ((audit)); then
        CHAINBLOCK_APISERVER_AUDIT=$dir/audit.log bash "$BENCH_SRC/kube-apiserver.sh" start "$apiserver_dir"
    else
        bash "$BENCH_SRC/kube-apiserver.sh" start "$apiserver_dir"
    fi
    export KUBECONFIG=$apiserver_dir/kubeconfig
    "$kubectl" apply -f "$REPO_ROOT/crds/generated/" >/dev/null
    "$kubectl" wait --for condition=established --timeout=60s crd --all >/dev/null
    "$kubectl" create namespace chainblock-system >/dev/null

    local port
    port=$(free_port)
    log "run $n: starting the operator (metrics on 127.0.0.1:$port)"
    # Settings as the Helm chart's defaults give them: every namespace watched, leader election on.
    CHAINBLOCK_S3_BUCKET=bench-$n CHAINBLOCK_METRICS_PORT=$port POD_NAMESPACE=chainblock-system \
        /usr/bin/time -v -o "$dir/time.txt" "$java" -Xmx512m -Xlog:gc:file="$dir/gc.log" "${operator_opts[@]}" \
        -cp "$classpath" \
        io.chainblock.operator.OperatorMain >"$dir/operator.log" 2>&1 &
    time_pid=$!
    local deadline=$((SECONDS + 60))
    until [[ -n $operator_pid ]]; do
        operator_pid=$(pgrep -P "$time_pid" java || true)
        ((SECONDS < deadline)) || die "the operator JVM did not start"
        sleep 0.1
    done
    until curl -fsS -o /dev/null "http://127.0.0.1:$port/readyz" 2>/dev/null; do
        kill -0 "$operator_pid" 2>/dev/null || { tail -n 20 "$dir/operator.log" >&2; die "the operator exited"; }
        ((SECONDS < deadline)) || die "the operator was not ready within 60 s (log: $dir/operator.log)"
        sleep 0.2
    done

    if ((warmup > 0)); then
        log "run $n: warming the operator up with $warmup pipelines"
        driver --prefix w --pipelines "$warmup" --run-min-ms 200 --run-max-ms 1000 --bucket "bench-$n" \
            --out "$dir/warmup" 2>"$dir/warmup.log" || die "the warm-up failed (log: $dir/warmup.log)"
    fi
    apiserver_metrics >"$dir/apiserver-metrics-before.txt"
    cpu_snapshot >"$dir/cpu-before"
    log "run $n: driving $pipelines pipelines"
    /usr/bin/time -v -o "$dir/driver-time.txt" \
        "$java" "${driver_opts[@]}" -cp "$driver_classes:$classpath" OperatorLatency \
        --pipelines "$pipelines" --blocks "$blocks" --shards "$shards" --run-min-ms "$job_min" --run-max-ms "$job_max" \
        --bucket "bench-$n" --seed "$n" --metrics-url "http://127.0.0.1:$port/metrics" --out "$dir" \
        2> >(grep -v '^SLF4J' | tee "$dir/driver.log" >&2) || die "the driver failed (log: $dir/driver.log)"
    cpu_snapshot >"$dir/cpu-after"
    apiserver_metrics >"$dir/apiserver-metrics-after.txt"
    # The live set with every pipeline, Job and pod of the run in the informers' caches.
    "$CHAINBLOCK_JAVA_HOME/bin/jcmd" "$operator_pid" GC.run >/dev/null
    sleep 1
    kill "$operator_pid"
    wait "$time_pid" || true
    operator_pid=
    bash "$BENCH_SRC/kube-apiserver.sh" stop "$apiserver_dir"
    apiserver_dir=
    uptime >"$dir/uptime-after"
}

for ((r = 1; r <= runs; r++)); do
    run_once "$r"
done

python3 - "$results" "$runs" <<'PY'
import json, re, statistics, sys
from pathlib import Path

results, runs = Path(sys.argv[1]), int(sys.argv[2])

def load(text):
    return text.split('load average:')[1].strip()

def apiserver_requests(d):
    """Writes the API server answered while the driver ran: how many, of them how many pipeline
    status updates, and their mean latency and that of Job creates, in ms."""
    def histogram(name):
        sums, counts = {}, {}
        text = (d / name).read_text()
        for m in re.finditer(r'^apiserver_request_duration_seconds_(sum|count)\{([^}]*)\} (\S+)$', text, re.M):
            labels = dict(re.findall(r'(\w+)="([^"]*)"', m.group(2)))
            if labels['verb'] in ('POST', 'PUT', 'PATCH', 'APPLY'):
                key = (labels['verb'], labels['resource'], labels.get('subresource', ''))
                (sums if m.group(1) == 'sum' else counts)[key] = float(m.group(3))
        return sums, counts
    (s0, c0), (s1, c1) = histogram('apiserver-metrics-before.txt'), histogram('apiserver-metrics-after.txt')
    def total(keys):
        n = sum(c1[k] - c0.get(k, 0) for k in keys)
        return n, sum(s1[k] - s0.get(k, 0) for k in keys)
    writes, seconds = total(c1)
    creates, create_seconds = total([k for k in c1 if k[:2] == ('POST', 'jobs')])
    statuses, _ = total([k for k in c1 if k == ('PUT', 'chainpipelines', 'status')])
    return {'writes': int(writes), 'pipelineStatusWrites': int(statuses),
            'writeMeanMs': round(1000 * seconds / writes, 1) if writes else None,
            'jobCreateMeanMs': round(1000 * create_seconds / creates, 1) if creates else None}

def cpu_during_load(d):
    def snapshot(name):
        return {k: float(v) for k, v in (line.split() for line in (d / name).read_text().splitlines())}
    before, after = snapshot('cpu-before'), snapshot('cpu-after')
    cpu = {k: round(after[k] - before[k], 1) for k in after}
    t = (d / 'driver-time.txt').read_text()
    cpu['driver'] = round(sum(float(re.search(f'{f} time \\(seconds\\): ([0-9.]+)', t).group(1))
                              for f in ('User', 'System')), 1)
    return cpu

def audit(path):
    from datetime import datetime
    def t(stamp):
        return datetime.fromisoformat(stamp.replace('Z', '+00:00')).timestamp()
    writes, creates = {}, {}
    for line in path.read_text().splitlines():
        e = json.loads(line)
        ref = e.get('objectRef', {})
        name = ref.get('name', '')
        if not name.startswith('p-'):
            continue
        if e['verb'] == 'create' and not ref.get('subresource'):
            creates[name] = (t(e['requestReceivedTimestamp']), t(e['stageTimestamp']))
        elif e['verb'] == 'patch' and ref.get('subresource') == 'status':
            writes.setdefault(name, []).append((t(e['requestReceivedTimestamp']), t(e['stageTimestamp'])))
    # Job names are PIPELINE-bN-UID
    by_block = {tuple(n.rsplit('-', 1)[0].rsplit('-b', 1)): n for n in creates}
    reaction, create, write = [], [], []
    for (pipeline, block), name in by_block.items():
        upstream = by_block.get((pipeline, str(int(block) - 1)))
        if upstream is None or upstream not in writes:
            continue
        received, answered = max(writes[upstream], key=lambda w: w[1])
        reaction.append(creates[name][0] - answered)
        create.append(creates[name][1] - creates[name][0])
        write.append(answered - received)
    def q(values, *ps):
        values = sorted(values)
        return ' / '.join(f'{values[max(0, -(-len(values) * p // 100) - 1)]:.3f}' for p in ps) if values else '-'
    return {'reaction': q(reaction, 50, 90, 99), 'create': q(create, 50, 90, 99), 'write': q(write, 50, 99)}

rows = []
for n in range(1, runs + 1):
    d = results / f'run-{n}'
    r = json.loads((d / 'results.json').read_text())
    gcs = [tuple(int(x) for x in m) for m in re.findall(r'(\d+)M->(\d+)M\((\d+)M\)', (d / 'gc.log').read_text())]
    time_v = (d / 'time.txt').read_text()
    def field(name):
        return float(re.search(re.escape(name) + r': ([0-9.]+)', time_v).group(1))
    rows.append({
        'run': n, **r,
        'heapPeakAfterGcMiB': max(after for _, after, _ in gcs[:-1]) if len(gcs) > 1 else None,
        'heapPeakUsedMiB': max(before for before, _, _ in gcs),
        'heapLiveAtEndMiB': gcs[-1][1],
        'gcCount': len(gcs) - 1,
        'rssMaxMiB': round(field('Maximum resident set size (kbytes)') / 1024),
        'operatorCpuSeconds': round(field('User time (seconds)') + field('System time (seconds)'), 1),
        'loadCpuSeconds': cpu_during_load(d),
        'apiserver': apiserver_requests(d),
        'loadBefore': load((d / 'uptime-before').read_text()),
        'loadAfter': load((d / 'uptime-after').read_text()),
    })
(results / 'runs.json').write_text(json.dumps(rows, indent=2))

def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None

first = rows[0]
out = [f"{first['pipelines']} pipelines applied at once, each {first['blocks']} blocks of {first['shards']} shards; "
       f"a Job runs {first['jobRunMillis'][0] / 1000:g}–{first['jobRunMillis'][1] / 1000:g} s. Waits for the operator "
       "in seconds on the driver's clock; a stall is a wait over 5 s.",
       '',
       '| run | transitions | p50 (s) | p90 (s) | p99 (s) | max (s) | start p50/max (s) | finish p50/max (s)'
       ' | wall (s) | stalls | heap peak after GC / live at end (MiB) | RSS (MiB) | operator CPU while driven of all (s) | load avg before → after |',
       '|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---|---:|---:|---|']
for r in rows:
    t = r['transition']
    out.append(f"| {r['run']} | {t['count']} | {t['p50']:.3f} | {t['p90']:.3f} | {t['p99']:.3f} | {t['max']:.3f} "
               f"| {r['start']['p50']:.2f} / {r['start']['max']:.2f} | {r['finish']['p50']:.2f} / {r['finish']['max']:.2f} "
               f"| {r['wallSeconds']:.1f} | {r['stalls']} | {r['heapPeakAfterGcMiB']} / {r['heapLiveAtEndMiB']} "
               f"| {r['rssMaxMiB']} | {r['loadCpuSeconds']['operator']:.1f} of {r['operatorCpuSeconds']:.1f} "
               f"| {r['loadBefore']} → {r['loadAfter']} |")
p50, p99 = med(r['transition']['p50'] for r in rows), med(r['transition']['p99'] for r in rows)
out.append(f"| median | | {p50:.3f} | {med(r['transition']['p90'] for r in rows):.3f} | {p99:.3f} "
           f"| {med(r['transition']['max'] for r in rows):.3f} | | | {med(r['wallSeconds'] for r in rows):.1f} "
           f"| {med(r['stalls'] for r in rows)} | {med(r['heapPeakAfterGcMiB'] for r in rows)} / "
           f"{med(r['heapLiveAtEndMiB'] for r in rows)} | {med(r['rssMaxMiB'] for r in rows)} "
           f"| {med(r['loadCpuSeconds']['operator'] for r in rows):.1f} | |")
out.append('')
out.append(f"Targets: p50 ≤ 0.3 s ({'met' if p50 <= 0.3 else 'MISSED'}), p99 ≤ 1 s "
           f"({'met' if p99 <= 1 else 'MISSED'}). Argo Workflows' default 10 s requeue / median p50: "
           f"{10 / p50:.0f}×; / median p99: {10 / p99:.0f}×.")
out.append('')
out.append('Cross-check with the operator\'s chainblock_block_transition_seconds (from the Job\'s whole-second '
           'completionTime to its reconcile deciding to create the next Job) against the driver\'s waits measured '
           'from the same whole second:')
out.append('')
out.append('| run | operator count | operator mean / p50 / p99 (s) | driver since completionTime mean / p50 / p99 (s) |')
out.append('|---:|---:|---|---|')
for r in rows:
    o, d = r['operator'], r['transitionSinceCompletionTime']
    out.append(f"| {r['run']} | {o['transitionCount']} | {o['transitionMean']:.3f} / {o['transitionP50']:.3f} / "
               f"{o['transitionP99']:.3f} | {d['mean']:.3f} / {d['p50']:.3f} / {d['p99']:.3f} |")
out.append('')
out.append('While the driver ran: CPU seconds by process, and the writes the API server answered with their mean latency:')
out.append('')
out.append('| run | operator | kube-apiserver | etcd | MinIO | driver (whole JVM) | writes (pipeline status) '
           '| server latency: writes / Job creates (ms) |')
out.append('|---:|---:|---:|---:|---:|---:|---:|---|')
for r in rows:
    c, a = r['loadCpuSeconds'], r['apiserver']
    out.append(f"| {r['run']} | {c['operator']} | {c['kube-apiserver']} | {c['etcd']} | {c['minio']} | {c['driver']} "
               f"| {a['writes']} ({a['pipelineStatusWrites']}) | {a['writeMeanMs']} / {a['jobCreateMeanMs']} |")
audited = [r for r in rows if (results / f"run-{r['run']}" / 'audit.log').exists()]
if audited:
    out.append('')
    out.append('Transitions taken apart by the API server\'s audit log (s): the completing status write answered → '
               'the operator\'s create of the next Job received (reaction), and that create answered (create):')
    out.append('')
    out.append('| run | reaction p50 / p90 / p99 | create p50 / p90 / p99 | completing write p50 / p99 |')
    out.append('|---:|---|---|---|')
    for r in audited:
        a = audit(results / f"run-{r['run']}" / 'audit.log')
        out.append(f"| {r['run']} | {a['reaction']} | {a['create']} | {a['write']} |")
(results / 'summary.md').write_text('\n'.join(out) + '\n')
print('\n'.join(out))
PY
log "results in $results"
