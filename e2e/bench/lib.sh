# Shared by wordcount.sh and extsort.sh; sourced, never run.
# shellcheck shell=bash

BENCH_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$BENCH_SRC/../.." && pwd)
BENCH_DIR=${CHAINBLOCK_BENCH_DIR:-/var/tmp/chainblock-bench}

# The benchmark tools (generator, verifier, Spark) only need Java 17; the system JDK is the one
# Spark 3.5 is documented to support, so it is the default for both.
JAVA17_HOME=${BENCH_JAVA17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
# Chainblock is compiled for release 21: run it on the project's JDK unless told otherwise.
CHAINBLOCK_JAVA_HOME=${CHAINBLOCK_JAVA_HOME:-${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}}
CHAINBLOCK=${CHAINBLOCK:-$REPO_ROOT/runtime-image/bin/chainblock}

log() { printf '%s [bench] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# "1G" -> 1073741824. Suffixes are binary (the issue speaks of GiB); "Gi", "GB", "GiB" also accepted.
parse_size() {
    local s=$1 n unit
    [[ $s =~ ^([0-9]+)([KkMmGgTt]?)(i?[Bb]?)$ ]] || die "bad size '$s' (expected e.g. 100M, 1G, 4GiB)"
    n=${BASH_REMATCH[1]}
    unit=${BASH_REMATCH[2]^^}
    case $unit in
        '') echo "$n" ;;
        K) echo $((n << 10)) ;;
        M) echo $((n << 20)) ;;
        G) echo $((n << 30)) ;;
        T) echo $((n << 40)) ;;
    esac
}

require_positive_int() {
    [[ $2 =~ ^[1-9][0-9]*$ ]] || die "$1 must be a positive integer, got '$2'"
}

# Installs a Debian package only when its command is missing, so reruns never touch apt.
ensure_command() {
    local cmd=$1 pkg=$2 sudo=()
    if [[ -x $cmd ]] || command -v "$cmd" >/dev/null 2>&1; then
        return 0
    fi
    if [[ $(id -u) -ne 0 ]]; then
        command -v sudo >/dev/null 2>&1 || die "$cmd is missing; install the Debian package '$pkg'"
        sudo=(sudo)
    fi
    log "installing $pkg (for $cmd)"
    if ! "${sudo[@]}" apt-get install -y -q "$pkg" >/dev/null 2>&1; then
        "${sudo[@]}" apt-get update -q >/dev/null
        "${sudo[@]}" apt-get install -y -q "$pkg" >/dev/null || die "could not install $pkg"
    fi
}

ensure_base_tools() {
    # GNU time, not the shell keyword: only it reports the maximum resident set size.
    ensure_command /usr/bin/time time
    [[ -x $JAVA17_HOME/bin/javac ]] || die "no JDK 17 at $JAVA17_HOME (set BENCH_JAVA17_HOME)"
    mkdir -p "$BENCH_DIR"/{data,tools,tmp,work,results}
}

# Compiles tools/BenchData.java into a directory named by its hash: an edited source is rebuilt,
# an unchanged one never is. Prints the class path.
bench_tools_cp() {
    local src=$BENCH_SRC/tools/BenchData.java sum dir
    sum=$(sha256sum "$src" | cut -c1-16)
    dir=$BENCH_DIR/tools/benchdata-$sum
    if [[ ! -f $dir/BenchData.class ]]; then
        log "compiling BenchData.java"
        rm -rf "$dir.tmp"
        mkdir -p "$dir.tmp"
        "$JAVA17_HOME/bin/javac" --release 17 -d "$dir.tmp" "$src" >&2
        rm -rf "$dir"
        mv "$dir.tmp" "$dir"
    fi
    echo "$dir"
}

bench_data() {
    "$JAVA17_HOME/bin/java" -cp "$BENCH_TOOLS_CP" BenchData "$@"
}

# generate KIND SIZE_BYTES SEED -> path of the cached file. Written under a temporary name and
# renamed, so an interrupted run never leaves a truncated file that later runs would trust.
generate() {
    local kind=$1 size=$2 seed=$3 file
    file=$BENCH_DIR/data/$kind-$size-seed$seed.txt
    if [[ ! -s $file ]]; then
        check_space "$BENCH_DIR/data" "$size" "the generated $kind"
        log "generating $kind: $size bytes, seed $seed -> $file"
        local t0=$SECONDS
        bench_data "$kind" "$size" "$seed" "$file.tmp"
        mv "$file.tmp" "$file"
        log "generated in $((SECONDS - t0)) s"
    fi
    echo "$file"
}

check_space() {
    local dir=$1 need=$2 what=$3 avail
    avail=$(df --output=avail -B1 "$dir" | tail -1)
    ((avail >= need)) || die "$what needs $((need >> 20)) MiB free under $dir, only $((avail >> 20)) MiB left"
}

check_chainblock() {
    [[ -x $CHAINBLOCK ]] || die "Chainblock CLI not found at $CHAINBLOCK: build the project first \
(mvn -DskipTests package at the repository root) or set CHAINBLOCK=/path/to/bin/chainblock\
${1:-}"
    [[ -x $CHAINBLOCK_JAVA_HOME/bin/java ]] || die "no JDK at $CHAINBLOCK_JAVA_HOME (set CHAINBLOCK_JAVA_HOME)"
}

# Sets CB_CMD to the Chainblock CLI on its JDK with JAVA_OPTS="$1" (GNU time runs programs, not
# shell functions, hence an array). Spills go under the benchmark directory, not /tmp, so they land
# on the disk the space check looked at.
chainblock_cmd() {
    # shellcheck disable=SC2034 # read by the scripts that source this file
    CB_CMD=(env "JAVA_HOME=$CHAINBLOCK_JAVA_HOME" "PATH=$CHAINBLOCK_JAVA_HOME/bin:$PATH"
        "TMPDIR=$BENCH_DIR/tmp" "JAVA_OPTS=$1 -Djava.io.tmpdir=$BENCH_DIR/tmp" "$CHAINBLOCK")
}

# timed RUNDIR CMD... : runs CMD under GNU time with its output in RUNDIR. Leaves RUNDIR/wall
# (seconds, from the monotonic-enough nanosecond clock; time's own is rounded to 10 ms) and
# RUNDIR/maxrss_kb (the largest single process of the tree, as getrusage reports it).
# Returns CMD's exit status. With TIMED_BACKGROUND=1 it does not wait: the caller gets the
# GNU time PID in TIMED_PID and calls timed_finish RUNDIR after waiting for it.
timed() {
    local dir=$1
    shift
    mkdir -p "$dir"
    date +%s%N >"$dir/start_ns"
    /usr/bin/time -v -o "$dir/time.txt" "$@" >"$dir/stdout" 2>"$dir/stderr" &
    TIMED_PID=$!
    [[ ${TIMED_BACKGROUND:-0} == 1 ]] && return 0
    local rc=0
    wait "$TIMED_PID" || rc=$?
    timed_finish "$dir"
    return "$rc"
}

timed_finish() {
    local dir=$1 end
    end=$(date +%s%N)
    awk -v s="$(cat "$dir/start_ns")" -v e="$end" 'BEGIN { printf "%.3f\n", (e - s) / 1e9 }' >"$dir/wall"
    awk -F': ' '/Maximum resident set size/ { print $2 }' "$dir/time.txt" >"$dir/maxrss_kb"
    [[ -s $dir/maxrss_kb ]] || echo 0 >"$dir/maxrss_kb"
}

# Median of the numbers on stdin (mean of the middle two for an even count).
median() {
    sort -g | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "nan"; exit }
        if (NR % 2) printf "%.3f\n", v[(NR + 1) / 2]
        else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

fail_run() {
    local dir=$1 what=$2
    {
        echo "--- last lines of $dir/stderr:"
        tail -n 20 "$dir/stderr" 2>/dev/null || true
    } >&2
    die "$what failed (logs in $dir)"
}
