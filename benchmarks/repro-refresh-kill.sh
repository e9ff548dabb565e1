#!/usr/bin/env bash
# Reproduces what the soak's kill fault found (issue 23): a server SIGKILLed while it refreshes a
# login, after the provider took the refresh token. Two library apps on one PostgreSQL and the
# soak's fake GitHub, started by hand from benchmarks/target/benchmarks.jar (build it first:
# benchmarks/run --soak builds it, or ./mvnw -o -q -pl benchmarks -am package -DskipTests).
#
# 1. log in once (start on app 0, callback on app 1);
# 2. the fake answers every back-channel request after 3 s (it does the work after the wait);
# 3. ask app 1 for a forced refresh of that login; SIGKILL app 1 one second later, while it holds
#    the login's refresh lease and waits for the fake;
# 4. the fake answers again at once; ask app 0 for a forced refresh of the same login, and time it.
# Prints how long app 0 took and the fake's ledger entry of that user.
set -euo pipefail
cd "$(dirname "$0")/.."
jar=benchmarks/target/benchmarks.jar
work=benchmarks/target/repro-refresh-kill
rm -rf "$work"; mkdir -p "$work"
port() { python3 -c 'import socket,random
while True:
    p=random.randint(20000,29999); s=socket.socket()
    try: s.bind(("127.0.0.1",p)); s.close(); print(p); break
    except OSError: pass'; }
FAKE=$(port); PG=$(port); A0=$(port); A1=$(port)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
java -jar $jar fake --soak --port $FAKE > "$work/fake.log" 2>&1 & pids+=($!)
java -jar $jar postgres --port $PG --data "$work/pgdata" > "$work/pg.log" 2>&1 & pids+=($!)
until grep -q listening "$work/pg.log"; do sleep 0.2; done
# Both servers seal and sign under one ring (issue 24).
export OAUTH_DROPINS_KEYS="$(java -jar $jar keys)"
app() { java -jar $jar app library --soak --port $1 --fake http://127.0.0.1:$FAKE --postgres $PG \
  --base-url http://127.0.0.1:$A0 --budget-ms 2000 --pool-timeout-ms 1000 > "$work/app-$1.log" 2>&1 & }
app $A0; pids+=($!)
app $A1; APP1=$!; pids+=($APP1)
for p in $FAKE $A0 $A1; do until curl -sf -o /dev/null http://127.0.0.1:$p/; do sleep 0.2; done; done

H=(-H "Host: 127.0.0.1:$A0")
jar_=$work/cookies
loc=$(curl -s -o /dev/null -w '%{redirect_url}' -c $jar_ -b $jar_ "${H[@]}" -H "Origin: http://127.0.0.1:$A0" \
  -H 'Sec-Fetch-Site: same-origin' -d state=x http://127.0.0.1:$A0/github/start)
cb=$(curl -s -o /dev/null -w '%{redirect_url}' "$loc")
cbpath=${cb#http://127.0.0.1:$A0}
after=$(curl -s -o /dev/null -w '%{redirect_url}' -c $jar_ -b $jar_ "${H[@]}" "http://127.0.0.1:$A1$cbpath")
entity=${after#*auth_entity=}; entity=${entity%%&*}
echo "logged in: auth_entity=$entity"

curl -sf "http://127.0.0.1:$FAKE/soak/fault?mode=slow&share=1&delay-ms=3000&budget-ms=2000" > /dev/null
curl -s -o /dev/null -b $jar_ "${H[@]}" "http://127.0.0.1:$A1/soak/api?auth_entity=$entity&refresh=1" &
sleep 1
kill -9 $APP1
echo "app 1 (pid $APP1) SIGKILLed one second into its refresh"
sleep 2.5  # the fake now does the refresh it was asked for, for nobody
curl -sf "http://127.0.0.1:$FAKE/soak/fault?mode=none" > /dev/null
echo "app 0: forced refresh of the same login..."
curl -s -b $jar_ "${H[@]}" -w '  -> %{http_code} after %{time_total} s\n' \
  "http://127.0.0.1:$A0/soak/api?auth_entity=$entity&refresh=1"
echo "the fake's ledger for the grants that refreshed:"
curl -s http://127.0.0.1:$FAKE/soak/ledger | python3 -c 'import json,sys
for g in json.load(sys.stdin):
    if g["refreshes"] or g["doubleSpends"] or g["revoked"]: print(g)'
