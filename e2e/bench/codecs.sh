#!/usr/bin/env bash
# Measures the run codecs on three kinds of shuffle data and prints the table of codecs.md.
# Takes about five minutes on 2 cores. Needs network once, for JMH from Maven Central.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
work=$here/work
mkdir -p "$work"

# The corpus: the first 8 MiB of the machine's Debian package changelogs, in name order. Real
# prose, names, versions and dates, like the text a pipeline tokenizes or splits into lines.
if [ ! -s "$work/corpus.txt" ]; then
  python3 - "$work/corpus.txt" <<'PY'
import glob, gzip, sys
limit, out = 8 << 20, bytearray()
for path in sorted(glob.glob('/usr/share/doc/*/changelog*.gz')):
    out += gzip.open(path).read()
    if len(out) >= limit:
        break
open(sys.argv[1], 'wb').write(bytes(out[:out.rfind(b'\n', 0, limit) + 1]))
PY
fi

(cd "$root" && mvn -q -B install -DskipTests -pl runtime-image -am)
cd "$here/jmh"
mvn -q -B package -DskipTests
mvn -q -B dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
# ~/.m2 may be shared with other checkouts that install their own snapshot while this runs: run
# against the jar this checkout just built.
runtime_jar=$(ls "$root"/runtime-image/target/chainblock-runtime-*.jar)
classpath=$(tr ':' '\n' < target/classpath.txt | grep -v '/chainblock-runtime-' | paste -sd:)
"$JAVA_HOME/bin/java" -cp "target/classes:$runtime_jar:$classpath" org.openjdk.jmh.Main \
  CodecBenchmark -jvmArgsAppend "-Dcorpus=$work/corpus.txt" -rf json -rff "$work/codecs.json" \
  "$@" > "$work/jmh.log"

python3 - "$work/codecs.json" <<'PY'
import json, sys
rows = {}
for result in json.load(open(sys.argv[1])):
    p = result['params']
    metrics = result['secondaryMetrics']
    raw, stored = metrics['rawBytes']['score'], metrics['storedBytes']['score']
    row = rows.setdefault((p['data'], p['codec']), {})
    row[result['benchmark'].rsplit('.', 1)[1]] = raw / 1e6
    row['ratio'] = raw / stored
print('| data | codec | write MB/s | read MB/s | ratio (raw/stored) |')
print('|---|---|---:|---:|---:|')
for (data, codec), row in rows.items():
    print(f"| {data.lower()} | {codec} | {row.get('write', 0):.0f} | {row.get('read', 0):.0f} "
          f"| {row['ratio']:.2f} |")
PY
