#!/usr/bin/env bash
# bench/plan-bench.sh [--runs N] [--rss-runs N] [--levers]
#
# Times the offline plan against a floor, side by side in one run, so that a busy machine slows
# every command alike and the ratios stay meaningful. Run from anywhere, after building:
#
#     mvn -B package -DskipTests      # the jar, target/lib and the CDS archive
#     bench/plan-bench.sh
#
# Commands (each a fresh JVM, as a user or CI runs it):
#   floor              a program on the same classpath that registers one aws.ec2.Vpc on the mock
#                      runtime and does nothing else (src/bench/java, compiled here with javac into
#                      target/bench-classes; not part of the product jar)
#   floor-jit          the floor with bin/plan's JIT and GC flags (no CDS archive: it has none)
#   jar-nonprod/prod   java -jar target/gitlab-runner-fargate.jar plan <stack>
#   bin/plan-nonprod/prod   bin/plan <stack>: the same jar with the CDS archive and JIT/GC flags
#
# Output: hyperfine's runs (--warmup 2, --runs N of each command, default 15, one command after
# the other) give the medians, the
# mean CPU time (user+system, less affected by other work on the machine than wall time) and
# the ratio to the floor; then N rounds (default 5) of /usr/bin/time, alternating the commands
# with --timing, give each one's peak resident set (median of max RSS) and the in-process figure:
# process start to the last resource registration on the mock runtime.
# --levers adds a second hyperfine run of `plan nonprod` under each JVM setting on its own.
#
# Needs java and javac (a JDK 17), hyperfine and GNU time (Debian packages hyperfine and time).
# Installs nothing. Timings are only comparable within one run: read the ratios, and re-run when
# hyperfine warns about outliers or the machine's load (printed before and after) was high.
set -euo pipefail

runs=15
rss_runs=5
levers=0
while (($#)); do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --rss-runs) rss_runs="$2"; shift 2 ;;
        --levers) levers=1; shift ;;
        -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "plan-bench: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done

cd "$(dirname "${BASH_SOURCE[0]}")/.."
missing=()
command -v hyperfine >/dev/null || missing+=("hyperfine (Debian package hyperfine)")
[[ -x /usr/bin/time ]] || missing+=("/usr/bin/time (Debian package time)")
command -v java >/dev/null || missing+=("java (a JDK 17)")
command -v javac >/dev/null || missing+=("javac (a JDK 17)")
if ((${#missing[@]})); then
    printf 'plan-bench: missing %s\n' "${missing[@]}" >&2
    exit 2
fi
jar=target/gitlab-runner-fargate.jar
if [[ ! -f $jar || ! -d target/lib ]]; then
    echo "plan-bench: $jar or target/lib is missing; build first: mvn -B package -DskipTests" >&2
    exit 2
fi
[[ -f target/gitlab-runner-fargate.jsa ]] \
    || echo "plan-bench: no target/gitlab-runner-fargate.jsa (built with -Dcds.skip?): bin/plan runs without it" >&2

bench_src=(src/bench/java/io/runnerfargate/bench/*.java)
if [[ ! -f target/bench-classes/io/runnerfargate/bench/FloorVpc.class \
      || -n "$(find "${bench_src[@]}" "$jar" -newer target/bench-classes/io/runnerfargate/bench/FloorVpc.class)" ]]; then
    rm -rf target/bench-classes
    javac -d target/bench-classes -cp "target/lib/*" "${bench_src[@]}"
fi

jit=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
names=(floor floor-jit jar-nonprod jar-prod bin/plan-nonprod bin/plan-prod)
cmds=(
    "java -cp target/bench-classes:$jar io.runnerfargate.bench.FloorVpc"
    "java ${jit[*]} -cp target/bench-classes:$jar io.runnerfargate.bench.FloorVpc"
    "java -jar $jar plan nonprod"
    "java -jar $jar plan prod"
    "bin/plan nonprod"
    "bin/plan prod"
)

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

median() { sort -n | awk '{v[NR]=$1} END {if (NR==0) print "-"; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }

# hyperfine's CSV: command,mean,stddev,median,user,system,min,max (seconds)
hyper() {
    local csv=$1; shift
    local args=()
    local i
    for i in $(seq 0 $((${#hn[@]} - 1))); do
        args+=(-n "${hn[$i]}" "${hc[$i]}")
    done
    hyperfine -N --warmup 2 --runs "$runs" --style basic --export-csv "$csv" "${args[@]}" >&2
}

cpu=$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')
echo "machine: $(nproc) cores, ${cpu:-unknown CPU}, $(java -version 2>&1 | head -1), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"

hn=("${names[@]}"); hc=("${cmds[@]}")
hyper "$out/main.csv"

echo "rss and in-process: $rss_runs alternating rounds" >&2
for round in $(seq 1 "$rss_runs"); do
    for i in "${!names[@]}"; do
        # shellcheck disable=SC2086 # the command strings are word lists
        /usr/bin/time -f '%M' -o "$out/rss" ${cmds[$i]} --timing >/dev/null 2>"$out/timing"
        cat "$out/rss" >>"$out/rss.$i"
        sed -n 's/^timing: process start to last registration \([0-9-]*\) ms$/\1/p' "$out/timing" >>"$out/inproc.$i"
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

floor_median=$(awk -F, '$1=="floor" {print $4}' "$out/main.csv")
floor_jit_median=$(awk -F, '$1=="floor-jit" {print $4}' "$out/main.csv")
# cpu_s (user+system, mean) suffers less than wall time from other work on the machine.
printf '%-18s %9s %9s %9s %8s %9s %13s %9s %16s\n' command median_s min_s max_s cpu_s "x floor" "x floor-jit" peak_MB "to_last_reg_ms"
for i in "${!names[@]}"; do
    read -r med user sys min max < <(awk -F, -v n="${names[$i]}" '$1==n {print $4, $5, $6, $7, $8}' "$out/main.csv")
    rss_kb=$(median <"$out/rss.$i")
    inproc=$(median <"$out/inproc.$i")
    awk -v n="${names[$i]}" -v med="$med" -v min="$min" -v max="$max" -v cpu="$(awk -v u="$user" -v s="$sys" 'BEGIN {print u+s}')" \
        -v f="$floor_median" -v fj="$floor_jit_median" -v rss="$rss_kb" -v ip="$inproc" \
        'BEGIN {printf "%-18s %9.3f %9.3f %9.3f %8.3f %9.2f %13.2f %9.0f %16s\n", n, med, min, max, cpu, med/f, med/fj, rss/1024, ip}'
done

if ((levers)); then
    echo
    echo "levers: plan nonprod under each JVM setting alone (median ratio to plain java -jar)"
    hn=(plain xshare-off c1-only serial-gc c1+serial cds cds+c1+serial excludes)
    hc=(
        "java -jar $jar plan nonprod"
        "java -Xshare:off -jar $jar plan nonprod"
        "java -XX:TieredStopAtLevel=1 -jar $jar plan nonprod"
        "java -XX:+UseSerialGC -jar $jar plan nonprod"
        "java ${jit[*]} -jar $jar plan nonprod"
        "java -XX:SharedArchiveFile=target/gitlab-runner-fargate.jsa -jar $jar plan nonprod"
        "java -XX:SharedArchiveFile=target/gitlab-runner-fargate.jsa ${jit[*]} -jar $jar plan nonprod"
        "java -Dpulumi.resourcepackages.excludes=com.pulumi.aws,com.pulumi.kubernetes -jar $jar plan nonprod"
    )
    hyper "$out/levers.csv"
    plain=$(awk -F, '$1=="plain" {print $4}' "$out/levers.csv")
    plain_cpu=$(awk -F, '$1=="plain" {print $5+$6}' "$out/levers.csv")
    printf '%-16s %9s %9s %8s %9s\n' setting median_s "x plain" cpu_s "cpu x plain"
    awk -F, -v p="$plain" -v pc="$plain_cpu" 'NR>1 {printf "%-16s %9.3f %9.2f %8.3f %9.2f\n", $1, $4, $4/p, $5+$6, ($5+$6)/pc}' "$out/levers.csv"
fi
