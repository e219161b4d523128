#!/usr/bin/env bash
# The demo: the native-AOT daemon against the venue simulator on loopback, as systemd would run it.
#   1. publish the AOT binary (incremental) and build the simulator
#   2. start the simulator on 127.0.0.1:9100 and `appliance run --config config/demo.json`
#   3. wait for READY=1 on a notify socket this script owns (NOTIFY_SOCKET, WATCHDOG_USEC and the venue key in
#      CREDENTIALS_DIRECTORY set as systemd would)
#   4. show `ctl health`, `ctl latency`, `ctl book BTC-USDT`; once the reference strategy has traded through
#      the venue gateway, `ctl positions`, `ctl orders`, `ctl risk`
#   5. SIGTERM the daemon and show its clean exit: STOPPING=1, new entries stopped, flattened, flat, exit 0
# Leaves nothing running: every process it starts is killed by pid on exit, whatever happens.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
started=$SECONDS
bin="$root/artifacts/bin/appliance"
py=/usr/bin/python3   # the system python (pyenv's may lack nothing here, but be explicit)

run=$(mktemp -d /tmp/appliance-demo-run.XXXXXX)
venue_pid="" daemon_pid="" listener_pid=""
cleanup() {
  for pid in $daemon_pid $venue_pid $listener_pid; do
    if kill -0 "$pid" 2>/dev/null; then kill -TERM "$pid" 2>/dev/null || true; fi
  done
  for pid in $daemon_pid $venue_pid $listener_pid; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -rf "$run"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Wait for a condition (a shell command) with a deadline; never a fixed sleep.
wait_for() { local what=$1 seconds=$2; shift 2
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    if ((SECONDS >= deadline)); then echo "demo: timed out after ${seconds}s waiting for $what" >&2; return 1; fi
    sleep 0.2
  done
}

# Rebuild only what is older than its sources (an AOT publish takes minutes on a small box; DEMO_BUILD=1 forces it).
stale() { local target=$1; shift
  [[ ${DEMO_BUILD:-0} == 1 || ! -e $target ]] && return 0
  [[ -n $(find "$@" -newer "$target" -type f \( -name '*.cs' -o -name '*.csproj' -o -name '*.props' \) -not -path '*/obj/*' -not -path '*/bin/*' -print -quit) ]]
}
echo "== build"
"$root/scripts/bootstrap.sh"
if stale "$bin" "$root/src" "$root/Directory.Build.props" "$root/Directory.Packages.props"; then "$root/scripts/publish.sh"
else echo "artifacts/bin/appliance is up to date ($("$bin" version))"; fi
venue_dll="$root/src/Appliance.Venue/bin/Release/net10.0/Appliance.Venue.dll"
if stale "$venue_dll" "$root/src"; then dotnet build "$root/src/Appliance.Venue" -c Release --nologo -v quiet -clp:ErrorsOnly
else echo "the venue simulator is up to date"; fi

# config/demo.json points at 127.0.0.1:9100 and /tmp/appliance-demo/admin.sock. If either is taken on this
# machine (another demo running), run a copy that uses a free port and a private socket instead.
config="$root/config/demo.json"
port=9100
socket=/tmp/appliance-demo/admin.sock
if "$py" -c 'import socket,sys; s=socket.socket(); sys.exit(s.connect_ex(("127.0.0.1",9100))==0)' && [[ ! -S $socket ]]; then :; else
  port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  socket="$run/admin.sock"
  sed -e "s/127.0.0.1:9100/127.0.0.1:$port/g" -e "s|/tmp/appliance-demo/admin.sock|$socket|" "$config" > "$run/demo.json"
  config="$run/demo.json"
  echo "demo: 9100 or the demo socket is in use here; using port $port and $socket ($config)"
fi

echo
echo "== venue simulator on 127.0.0.1:$port"
dotnet "$venue_dll" --urls "http://127.0.0.1:$port" --quiet > "$run/venue.out" 2>&1 &
venue_pid=$!
wait_for "the simulator" 30 grep -q "listening on" "$run/venue.out"
head -n1 "$run/venue.out"

echo
echo "== appliance run --config ${config#"$root"/} (NOTIFY_SOCKET and WATCHDOG_USEC as systemd sets them)"
notify="$run/notify.sock"
"$py" "$root/scripts/lib/notify-listen.py" "$notify" --seconds 300 > "$run/notify.out" 2>&1 &
listener_pid=$!
wait_for "the notify socket" 10 test -S "$notify"
# The venue login key as systemd's LoadCredential=trading.venue.apiKey:... would hand it over (the simulator takes any key).
mkdir -m 0700 "$run/credentials"
(umask 077; echo "demo-key-$$" > "$run/credentials/trading.venue.apiKey")
NOTIFY_SOCKET="$notify" WATCHDOG_USEC=4000000 CREDENTIALS_DIRECTORY="$run/credentials" "$bin" run --config "$config" > "$run/daemon.out" 2>&1 &
daemon_pid=$!
wait_for "READY=1" 60 grep -q "READY=1" "$run/notify.out"
echo "sd_notify so far:"
sed 's/^/  /' "$run/notify.out"

ctl() { echo; echo "\$ appliance ctl $*"; "$bin" ctl --socket "$socket" "$@"; }
jq_ctl() { "$bin" ctl --socket "$socket" --json "$1" | jq -e "$2"; }
# Let the strategy trade and a few latency intervals (2 s each in the demo config) accumulate before looking.
wait_for "the first fills from the venue" 40 jq_ctl risk '.fills > 0'
wait_for "two latency intervals" 20 bash -c "[[ \$(grep -c 'STATUS=running: feeds' '$run/notify.out') -ge 2 ]]"
ctl health
ctl latency
ctl book BTC-USDT 8

echo
echo "== trading: the reference strategy on BTC-USDT through the venue gateway"
# Look while a position is open if one opens soon (the stop then has something to flatten); go on either way.
wait_for "an open position" 10 jq_ctl positions '[.positions[].quantity] | any(. != 0)' 2>/dev/null || echo "(no position open at the moment: the state as it is)"
ctl positions
ctl orders
ctl risk

echo
echo "== SIGTERM"
kill -TERM "$daemon_pid"
set +e
wait "$daemon_pid"
code=$?
set -e
daemon_pid=""
wait_for "STOPPING=1" 10 grep -q "STOPPING=1" "$run/notify.out"
echo "sd_notify from READY on:"
sed -n '/READY=1/,$p' "$run/notify.out" | sed 's/^/  /'
echo "daemon log, the stop (new entries stopped, flattened while the feeds run, flat, digests):"
sed -n '/ Daemon stopping (/,$p' "$run/daemon.out" | grep ' Daemon ' | sed 's/^/  /'
echo
echo "exit code: $code"
echo "demo took $((SECONDS - started)) s"
[[ $code -eq 0 ]]
