#!/usr/bin/env bash
# Asks a running Prometheus whether the dashboards and alerts have data to work with:
#   0. every scrape target is up (a target whose scrape fails still has an `up` series, with value 0);
#   1. every dashboard expression (Grafana variables replaced) returns at least one series;
#   2. every metric listed in observability/README.md ("Metrics" tables) exists;
#   3. every loaded rule evaluates without error (rules loaded from observability/rules), and each alert's
#      signal returns at least one series: the expression without its threshold (`x > 300` -> `x`;
#      `a > 1 and b > 2` -> `a`, `b`; `absent(x == 1)` -> `x`), so no alert watches a series that is never there.
# Prints one line per check ("ok" or "EMPTY"/"ERROR") and exits 0 when all pass, 1 when some do not,
# 2 when Prometheus cannot be reached. Needs bash, curl and jq.
#
# Usage: observability/check-queries.sh [PROMETHEUS_URL]     (default $PROMETHEUS_URL or http://127.0.0.1:9090)
# Run it after the stack has served some traffic for a minute (rates need two samples).
set -euo pipefail

PROM=${1:-${PROMETHEUS_URL:-http://127.0.0.1:9090}}
RATE_INTERVAL=${RATE_INTERVAL:-5m}
DIR=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)

for tool in curl jq; do
  command -v "$tool" >/dev/null || { echo "check-queries: $tool is required" >&2; exit 2; }
done
curl -fsS -o /dev/null "$PROM/-/ready" || { echo "check-queries: Prometheus at $PROM is not ready" >&2; exit 2; }

failed=0
passed=0

# Number of series the instant query returns, or "error".
series_count() {
  curl -sS --get --data-urlencode "query=$1" "$PROM/api/v1/query" \
    | jq -r 'if .status == "success" then (.data.result | length | tostring) else "error" end' 2>/dev/null \
    || echo error
}

report() { # label count
  case $2 in
    error) echo "ERROR  $1"; failed=$((failed + 1));;
    0) echo "EMPTY  $1"; failed=$((failed + 1));;
    *) echo "ok     $1 ($2 series)"; passed=$((passed + 1));;
  esac
}

echo "== scrape targets"
while IFS=$'\t' read -r target health error; do
  if [ "$health" = up ]; then
    echo "ok     target $target"; passed=$((passed + 1))
  else
    echo "ERROR  target $target is $health: $error"; failed=$((failed + 1))
  fi
done < <(curl -fsS "$PROM/api/v1/targets?state=active" \
  | jq -r '.data.activeTargets[] | [(.labels.application // .labels.job) + " " + .scrapeUrl, .health, .lastError] | @tsv')

echo "== dashboard expressions"
while IFS=$'\t' read -r file title expr; do
  query=${expr//\$__rate_interval/$RATE_INTERVAL}
  query=${query//\$__interval/1m}
  query=${query//\$__range/1h}
  query=${query//\$\{application\}/.*}
  query=${query//\$application/.*}
  report "$(basename "$file" .json) / $title: $query" "$(series_count "$query")"
done < <(jq -r '.panels[] | .title as $title | .targets[]? | [input_filename, $title, .expr] | @tsv' \
  "$DIR"/grafana/dashboards/*.json)

echo "== metrics the dashboards and alerts expect (observability/README.md)"
while read -r metric; do
  report "$metric" "$(series_count "count({__name__=\"$metric\"})")"
done < <(grep -oE '^\| `[a-zA-Z_:][a-zA-Z0-9_:]*`' "$DIR/README.md" | tr -d '|` ' | sort -u)

echo "== rules loaded by Prometheus"
rules=$(curl -fsS "$PROM/api/v1/rules")
if [ "$(jq '[.data.groups[].rules[]] | length' <<<"$rules")" = 0 ]; then
  echo "EMPTY  no rules are loaded (rule_files should point at observability/rules)"
  failed=$((failed + 1))
fi
while IFS=$'\t' read -r name health error; do
  if [ "$health" = err ]; then echo "ERROR  rule $name: $error"; failed=$((failed + 1)); fi
done < <(jq -r '.data.groups[].rules[] | [.name, .health, (.lastError // "")] | @tsv' <<<"$rules")

# The alert expressions are written as `<signal> <comparison> <number>`, `and`-joined, or `absent(<signal>)`.
strip_threshold() { sed -E 's/[[:space:]]*(>=|<=|==|!=|>|<)[[:space:]]*[0-9.eE+-]+[[:space:]]*$//'; }
echo "== alert signals"
while IFS=$'\t' read -r name query; do
  while read -r part; do
    [ -n "$part" ] || continue
    signal=$(strip_threshold <<<"$part")
    if [[ $signal =~ ^absent\((.*)\)$ ]]; then signal=$(strip_threshold <<<"${BASH_REMATCH[1]}"); fi
    report "alert $name: $signal" "$(series_count "$signal")"
  done < <(sed -E 's/[[:space:]]+and[[:space:]]+/\n/g' <<<"$query")
done < <(jq -r '.data.groups[].rules[] | select(.type == "alerting") | [.name, (.query | gsub("\\s+"; " "))] | @tsv' \
  <<<"$rules")

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
