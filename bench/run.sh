#!/usr/bin/env bash
# On-demand benchmarks of the local stack (never part of CI's test phase). See docs/benchmarks.md.
#   bench/run.sh   (stops and restarts this checkout's local stack on its fixed ports)
# Starts the stack with ./mcpm up (timed), runs the scenarios, rewrites docs/benchmarks.md and
# docs/benchmarks/*.png, and always takes the stack down again.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${JAVA_HOME:-}" ] && [ -d /usr/lib/jvm/temurin-25-jdk-amd64 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
export BENCH_STUB_PORT="${BENCH_STUB_PORT:-18990}"

# Providers answer from the bench's local stub; the gateway's rate limiter runs but does not reject.
for provider in NOTION OPENAI TODOIST SENTRY; do
  export "INTEGRATION_PROVIDERS_${provider}_BASE_URL=http://127.0.0.1:${BENCH_STUB_PORT}"
done
for policy in DEFAULTPOLICY SENSITIVEPOLICY; do
  export "MCPM_GATEWAY_RATELIMIT_${policy}_CAPACITY=1000000"
  export "MCPM_GATEWAY_RATELIMIT_${policy}_REFILLTOKENS=1000000"
  export "MCPM_GATEWAY_RATELIMIT_${policy}_REFILLPERIOD=1s"
done


./mvnw -B -q -DskipTests -pl bench package
run_dir=bench/target/run
mkdir -p "$run_dir"

# A cold start from nothing (--purge drops the data of PostgreSQL, Kafka and OpenBao): every run starts from the same
# state, with empty tables and outbox.
./mcpm down --purge >/dev/null 2>&1 || true
trap './mcpm down' EXIT
./mcpm up | tee "$run_dir/mcpm-up.log"

"$JAVA" -Djava.awt.headless=true -Xmx512m -cp "bench/target/classes:bench/target/lib/*" \
  io.mcpmanager.bench.Bench "$PWD" | tee "$run_dir/bench.log"
