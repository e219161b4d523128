#!/usr/bin/env bash
# End-to-end deployment test: the real Ansible playbook against a real systemd.
#
# Boots a debootstrapped Debian 12 with `systemd-nspawn -b --network-veth`, reaches it over ssh on the veth
# pair, deploys the AOT binary with ansible/site.yml, lets the market-open timer start the daemon against
# the venue simulator (on the host side of the veth) and checks what systemd and the admin socket report.
# Every check prints its observed result and timing; the last line is "N passed, N failed".
#
#   ./scripts/e2e-deploy.sh                 (root; ~3-6 min once the rootfs tarball is cached)
#   APPLIANCE_E2E_CACHE=/var/cache/appliance-e2e   where the rootfs tarball is kept between runs
#   APPLIANCE_E2E_HOLD=1                    wait for Enter before cleaning up (debugging by hand)
#
# Everything it starts (container, venue, ssh) and creates (veth, work dir) is removed on exit, also on
# failure or Ctrl-C. docs/deployment.md explains what each check proves.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root" || exit 1

cache_dir=${APPLIANCE_E2E_CACHE:-/var/cache/appliance-e2e}
suite=bookworm
# What the image has before Ansible sees it: a minimal Debian that boots systemd and takes ssh, plus the
# packages the roles install (the container has no route to the mirror; the roles find them installed).
image_packages=(systemd systemd-sysv dbus openssh-server python3 python3-apt sudo iproute2 libssl3 ca-certificates
  chrony irqbalance procps acl tzdata)
venue_port=9100
venue_rate=${APPLIANCE_E2E_VENUE_RATE:-200}
exchange_tz=Asia/Kolkata

t_start=$(date +%s.%N)
passed=0
failed=0
work=""
nspawn_pid=""
venue_pid=""
machine=""
host_if=""

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
log() { printf 'e2e [%6ss] %s\n' "$(since "$t_start")" "$*" >&2; }
die() {
  log "SETUP FAILED: $*"
  failed=$((failed + 1))
  exit 1
}

# One check: begin NAME, then pass/fail with what was observed; the time is the check's own.
check_name=""
check_t0=""
begin() { check_name=$1; check_t0=$(now); }
pass() {
  passed=$((passed + 1))
  printf 'e2e check PASS  %-52s %7ss  %s\n' "$check_name" "$(since "$check_t0")" "$*"
}
fail() {
  failed=$((failed + 1))
  printf 'e2e check FAIL  %-52s %7ss  %s\n' "$check_name" "$(since "$check_t0")" "$*"
}

# Polls a command until it succeeds or the deadline passes (no fixed sleeps: each try is cheap).
wait_until() {
  local timeout=$1
  shift
  local deadline
  deadline=$(awk -v a="$(now)" -v t="$timeout" 'BEGIN { printf "%.3f", a + t }')
  until "$@" >/dev/null 2>&1; do
    if awk -v d="$deadline" -v n="$(now)" 'BEGIN { exit !(n > d) }'; then return 1; fi
    sleep 0.2
  done
}

cleanup() {
  local status=$?
  trap - EXIT INT TERM
  if [[ -n ${APPLIANCE_E2E_HOLD:-} && -n $nspawn_pid ]]; then
    log "holding for inspection: ssh -i $work/id_ed25519 -o UserKnownHostsFile=$work/known_hosts deploy@${container_ip:-?}; Enter cleans up"
    read -r _ || true
  fi
  if [[ -n $work && -d $work/logs ]]; then
    mkdir -p "$root/artifacts/e2e"
    cp -f "$work"/logs/* "$root/artifacts/e2e/" 2>/dev/null || true
  fi
  if [[ -n $venue_pid ]] && kill -0 "$venue_pid" 2>/dev/null; then
    kill -TERM "$venue_pid" 2>/dev/null
    wait_until 10 bash -c "! kill -0 $venue_pid" || kill -KILL "$venue_pid" 2>/dev/null
    wait "$venue_pid" 2>/dev/null
  fi
  if [[ -n $nspawn_pid ]] && kill -0 "$nspawn_pid" 2>/dev/null; then
    # SIGTERM to nspawn asks the container's systemd to power off (it stops the appliance cleanly too).
    kill -TERM "$nspawn_pid" 2>/dev/null
    wait_until 30 bash -c "! kill -0 $nspawn_pid" || kill -KILL "$nspawn_pid" 2>/dev/null
    wait "$nspawn_pid" 2>/dev/null
  fi
  if [[ -n $host_if ]] && ip link show "$host_if" >/dev/null 2>&1; then
    ip link del "$host_if" 2>/dev/null
  fi
  if [[ -n $machine ]]; then
    rmdir "/run/systemd/nspawn/propagate/$machine" 2>/dev/null
    rm -f "/run/systemd/nspawn/unix-export/$machine" 2>/dev/null
  fi
  if [[ -n $work && -d $work ]]; then
    # Nothing should be mounted under the work dir once nspawn exited; unmount whatever is, deepest first.
    findmnt -rn -o TARGET | grep -F "$work/" | sort -r | while read -r m; do umount -l "$m" 2>/dev/null; done
    rm -rf --one-file-system "$work"
  fi
  if ((status != 0 && passed + failed == 0)); then failed=1; fi
  if ((status != 0 && failed == 0)); then failed=1; fi
  log "done in $(since "$t_start") s"
  echo "$passed passed, $failed failed"
  if ((failed > 0)); then exit 1; fi
  exit 0
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[[ $(id -u) -eq 0 ]] || die "needs root (debootstrap, systemd-nspawn, veth)"
"$root/scripts/bootstrap.sh" || die "scripts/bootstrap.sh failed"
for tool in debootstrap systemd-nspawn ansible-playbook ansible-lint yamllint ssh ssh-keygen zstd ip findmnt; do
  command -v "$tool" >/dev/null || die "$tool is not installed (scripts/bootstrap.sh installs it)"
done

work=$(mktemp -d /var/tmp/appliance-e2e.XXXXXX)
mkdir -p "$work/logs"
# Machine names become interface names: ve-<name> must fit IFNAMSIZ (15).
machine="ae2e-$(printf '%06d' $(($$ % 1000000)))"
host_if="ve-$machine"
net_octet=$(($$ % 200 + 20))
host_ip="10.213.$net_octet.1"
container_ip="10.213.$net_octet.2"

# ---------------------------------------------------------------- lint
begin "ansible-lint (production profile) and yamllint clean"
if (cd ansible && yamllint -s . >"$work/logs/yamllint.log" 2>&1 && ansible-lint -q >"$work/logs/ansible-lint.log" 2>&1); then
  pass "yamllint: no problems; ansible-lint: $(grep -ho 'Passed with .*' "$work/logs/ansible-lint.log" | tail -n1 | sed 's/\x1b\[[0-9;]*m//g' || echo 0 failures)"
else
  fail "see artifacts/e2e/yamllint.log and ansible-lint.log: $(tail -n 3 "$work"/logs/*lint.log | tr '\n' ' ' | cut -c1-300)"
fi

# ---------------------------------------------------------------- builds
binary="$root/artifacts/bin/appliance"
# .ci/run has just built everything and published the binary (scripts/test.sh): it says so with
# APPLIANCE_E2E_BUILT=1 and this script skips the same work.
if [[ ${APPLIANCE_E2E_BUILT:-} != 1 || ! -x $binary ]]; then
  log "publishing the AOT binary and building the venue simulator"
  "$root/scripts/publish.sh" >"$work/logs/publish.log" 2>&1 || { cat "$work/logs/publish.log" >&2; die "scripts/publish.sh failed"; }
  dotnet build "$root/src/Appliance.Venue" -c Release --nologo -v quiet -clp:ErrorsOnly >"$work/logs/venue-build.log" 2>&1 \
    || { cat "$work/logs/venue-build.log" >&2; die "building the venue simulator failed"; }
fi
venue_bin=$(find "$root/src/Appliance.Venue/bin/Release" -maxdepth 2 -type f -name Appliance.Venue -perm -u+x | head -n1)
[[ -x $venue_bin ]] || die "no Appliance.Venue executable under src/Appliance.Venue/bin/Release"

# ---------------------------------------------------------------- rootfs
mirror_url() {
  # The mirror this machine's apt uses (deb822 or one-line sources), else Debian's CDN.
  local url
  url=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null)
  [[ -n $url ]] || url=$(awk '$1 == "deb" && $3 ~ /^bookworm$/ { print $2; exit }' /etc/apt/sources.list 2>/dev/null)
  echo "${url:-http://deb.debian.org/debian}"
}
mirror=$(mirror_url)
image_key=$(printf '%s\n' "$suite" "$mirror" "${image_packages[@]}" | sha256sum | cut -c1-12)
tarball="$cache_dir/debian-$suite-$image_key.tar.zst"
if [[ -f $tarball ]]; then
  log "rootfs: reusing $tarball"
else
  log "rootfs: debootstrap $suite from $mirror (cached as $tarball)"
  mkdir -p "$cache_dir"
  build="$work/debootstrap"
  t=$(now)
  debootstrap --variant=minbase --include="$(
    IFS=,
    echo "${image_packages[*]}"
  )" "$suite" "$build" "$mirror" >"$work/logs/debootstrap.log" 2>&1 \
    || { tail -n 20 "$work/logs/debootstrap.log" >&2; die "debootstrap failed"; }
  rm -rf "$build/var/cache/apt/archives/"*.deb
  tar --numeric-owner -C "$build" -I 'zstd -T0 -3' -cf "$tarball.tmp" . || die "packing the rootfs failed"
  mv -f "$tarball.tmp" "$tarball"
  rm -rf --one-file-system "$build"
  log "rootfs: built in $(since "$t") s"
fi
rootfs="$work/rootfs"
mkdir -p "$rootfs"
tar -C "$rootfs" -I zstd -xf "$tarball" || die "unpacking $tarball failed"

# The image, made ours for this run: a hostname, a static address on host0, a deploy user with sudo and a
# key made for the run, fresh ssh host keys (pinned in our known_hosts).
echo "$machine" >"$rootfs/etc/hostname"
printf '127.0.0.1 localhost\n127.0.1.1 %s\n' "$machine" >"$rootfs/etc/hosts"
mkdir -p "$rootfs/etc/systemd/network"
cat >"$rootfs/etc/systemd/network/10-e2e-host0.network" <<EOF
[Match]
Name=host0
[Network]
Address=$container_ip/30
LinkLocalAddressing=no
IPv6AcceptRA=no
EOF
ln -sf /lib/systemd/system/systemd-networkd.service "$rootfs/etc/systemd/system/multi-user.target.wants/systemd-networkd.service"
ssh-keygen -q -t ed25519 -N '' -C "appliance-e2e-$machine" -f "$work/id_ed25519"
rm -f "$rootfs"/etc/ssh/ssh_host_*
ssh-keygen -q -t ed25519 -N '' -C "$machine" -f "$rootfs/etc/ssh/ssh_host_ed25519_key" || die "generating the ssh host key failed"
echo 'HostKey /etc/ssh/ssh_host_ed25519_key' >"$rootfs/etc/ssh/sshd_config.d/e2e-hostkey.conf"
echo "$container_ip $(cat "$rootfs/etc/ssh/ssh_host_ed25519_key.pub")" >"$work/known_hosts"
chroot "$rootfs" useradd --create-home --shell /bin/bash deploy || die "useradd deploy failed"
install -d -m 0700 -o "$(stat -c %u "$rootfs/home/deploy")" -g "$(stat -c %g "$rootfs/home/deploy")" "$rootfs/home/deploy/.ssh"
install -m 0600 -o "$(stat -c %u "$rootfs/home/deploy")" -g "$(stat -c %g "$rootfs/home/deploy")" "$work/id_ed25519.pub" "$rootfs/home/deploy/.ssh/authorized_keys"
echo 'deploy ALL=(ALL) NOPASSWD: ALL' >"$rootfs/etc/sudoers.d/deploy"
chmod 0440 "$rootfs/etc/sudoers.d/deploy"

# ---------------------------------------------------------------- boot
begin "container boots systemd (systemd-nspawn -b)"
# --register=no/--keep-unit: the host has no systemd of its own to register with. CAP_IPC_LOCK lets the
# daemon mlockall; --network-veth gives it host0, the host ve-<machine>.
systemd-nspawn --quiet --directory="$rootfs" --machine="$machine" --boot --network-veth \
  --capability=CAP_IPC_LOCK --register=no --keep-unit --console=passive \
  >"$work/logs/nspawn.log" 2>&1 &
nspawn_pid=$!
wait_until 20 ip link show "$host_if" || die "no $host_if after 20 s (nspawn: $(tail -n 3 "$work/logs/nspawn.log"))"
ip addr add "$host_ip/30" dev "$host_if" || die "addressing $host_if failed"
ip link set "$host_if" up || die "bringing $host_if up failed"
ssh_opts=(-i "$work/id_ed25519" -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes
  -o UserKnownHostsFile="$work/known_hosts" -o ConnectTimeout=2 -o ServerAliveInterval=5 -o ServerAliveCountMax=3 -o LogLevel=ERROR)
# ssh joins its arguments into one remote command line: simple words only here, remote_sh for a script.
remote() { timeout 60 ssh "${ssh_opts[@]}" "deploy@$container_ip" sudo -n "$@"; }
# shellcheck disable=SC2029 # quoted here on purpose, for the remote shell
remote_sh() { timeout 60 ssh "${ssh_opts[@]}" "deploy@$container_ip" "sudo -n sh -c $(printf '%q' "$1")"; }
wait_until 60 remote true || die "no ssh to deploy@$container_ip after 60 s"
wait_until 30 bash -c "ssh ${ssh_opts[*]} deploy@$container_ip systemctl is-system-running | grep -qE '^(running|degraded)$'" || true
state=$(remote systemctl is-system-running 2>/dev/null)
if [[ $state == running ]]; then
  pass "systemctl is-system-running=$state, ssh over $host_if ($host_ip) -> host0 ($container_ip), $(remote systemd-detect-virt)"
else
  fail "systemctl is-system-running=$state; failed units: $(remote systemctl --failed --no-legend --plain | awk '{print $1}' | tr '\n' ' ')"
fi

# ---------------------------------------------------------------- venue
"$venue_bin" --urls "http://$host_ip:$venue_port" --rate "$venue_rate" --quiet >"$work/logs/venue.log" 2>&1 &
venue_pid=$!
wait_until 60 grep -q 'venue: listening' "$work/logs/venue.log" || die "venue simulator did not listen on $host_ip:$venue_port: $(tail -n 3 "$work/logs/venue.log")"
log "venue simulator listening on http://$host_ip:$venue_port (pid $venue_pid)"

# ---------------------------------------------------------------- inventory
online=$(cat /sys/devices/system/cpu/online)
mapfile -t cpus < <(awk -v l="$online" 'BEGIN { n = split(l, p, ","); for (i = 1; i <= n; i++) { if (split(p[i], r, "-") == 2) { for (c = r[1]; c <= r[2]; c++) print c } else print p[i] } }')
((${#cpus[@]} >= 2)) || die "needs at least 2 online CPUs (has $online)"
hot_cpu=${cpus[-1]}
housekeeping=$(printf '%s, ' "${cpus[@]:0:${#cpus[@]}-1}")
housekeeping="[${housekeeping%, }]"
version=$("$binary" version 2>/dev/null | awk 'NR == 1 { sub(/\+.*/, "", $2); print $2 }')
[[ -n $version ]] || version=0.0.0
v1="$version-e2e.1"
v2="$version-e2e.2"

export ANSIBLE_CONFIG="$root/ansible/ansible.cfg"
export ANSIBLE_LOCAL_TEMP="$work/ansible-tmp"
export ANSIBLE_FORCE_COLOR=0
export ANSIBLE_NOCOLOR=1
export APPLIANCE_E2E_HOST="$container_ip"
export APPLIANCE_E2E_SSH_KEY="$work/id_ed25519"
export APPLIANCE_E2E_KNOWN_HOSTS="$work/known_hosts"

# Calendar times on the exchange's clock, N seconds from now.
exchange_time() { TZ=$exchange_tz date -d "@$(($(date +%s) + $1))" +%H:%M:%S; }
# run vars: the release, the CPU sets of this machine, the venue on the host side, and the calendar.
write_vars() { # version open_in_seconds
  local open close
  open=$(exchange_time "$2")
  close=$(exchange_time $(($2 + 3 * 3600)))
  cat >"$work/vars-$1.yml" <<EOF
---
appliance_release_version: "$1"
appliance_binary_src: "$binary"
appliance_hot_cpus: [$hot_cpu]
appliance_housekeeping_cpus: $housekeeping
appliance_feed_cpu: $hot_cpu
appliance_strategy_cpu: $hot_cpu
appliance_session_timezone: $exchange_tz
appliance_session_days: [Mon, Tue, Wed, Thu, Fri, Sat, Sun]
appliance_session_open: "$open"
appliance_session_close: "$close"
appliance_timer_start: "$open"
appliance_e2e_venue: "$host_ip:$venue_port"
EOF
  echo "$work/vars-$1.yml"
}

# Runs a playbook; its log goes to artifacts/e2e/<name>.log. Sets recap_changed/recap_failed from the recap.
recap_changed=""
recap_failed=""
play_seconds=0
play() { # name playbook args...
  local name=$1 playbook=$2
  shift 2
  local t
  t=$(now)
  (cd "$root/ansible" && ansible-playbook -i inventories/e2e/hosts.yml "$playbook" "$@") >"$work/logs/$name.log" 2>&1
  local rc=$?
  play_seconds=$(since "$t")
  log "playbook $name: rc=$rc in $play_seconds s"
  local recap
  recap=$(grep -E '^[^ ]+ +: ok=' "$work/logs/$name.log" | tail -n1)
  recap_changed=$(sed -n 's/.*changed=\([0-9]*\).*/\1/p' <<<"$recap")
  recap_failed=$(sed -n 's/.*failed=\([0-9]*\).*/\1/p' <<<"$recap")
  return $rc
}
changed_tasks() { # name: the tasks that reported changed, for the report
  grep -E '^changed: ' "$work/logs/$1.log" -B3 | grep -oE '^TASK \[[^]]*\]' | sed 's/^TASK \[//; s/\]$//' | sort -u | tr '\n' ';' | cut -c1-400
}

# ---------------------------------------------------------------- helpers for the checks
fatal_of() { grep -E 'fatal:|FAILED!|ERROR!' "$work/logs/$1.log" | head -n2 | cut -c1-400; }
svc_state() { remote systemctl show appliance.service -p ActiveState -p SubState -p MainPID -p NRestarts -p ExecMainStatus -p Result -p StatusText 2>/dev/null; }
prop() { sed -n "s/^$1=//p" <<<"$2"; }
svc_prop() { remote systemctl show appliance.service -p "$1" --value 2>/dev/null; }
ctl() { remote /opt/appliance/current/appliance ctl "$@"; }
running_exe() {
  local pid
  pid=$(svc_prop MainPID)
  [[ -n $pid && $pid != 0 ]] && remote readlink "/proc/$pid/exe"
}
health_json() { ctl --json health 2>/dev/null; }
# ok, or degraded only by placement checks: a container cannot isolate CPUs (its kernel is the host's).
health_passes() {
  health_json | jq -e '.status == "ok" or ([.checks[] | select(.status != "ok") | .check | startswith("placement") | not] | any | not)' >/dev/null 2>&1
}
health_summary() {
  health_json | jq -r '"status \(.status); " + ([.checks[] | "\(.check)=\(.status)"] | join(", ")) + (if (.reasons | length) > 0 then "; reasons: " + (.reasons | join("; ")) else "" end)' 2>/dev/null
}

# ---------------------------------------------------------------- check mode on a fresh host
begin "--check --diff on a fresh host changes nothing"
far=$(write_vars "$v1" 3600)
play check-fresh site.yml --check --diff -e @"$far"
check_rc=$?
check_seconds=$play_seconds
if ((check_rc != 0)); then
  fail "rc=$check_rc failed=$recap_failed: $(fatal_of check-fresh)"
elif remote test -e /opt/appliance; then
  fail "check mode created /opt/appliance"
else
  pass "would change $recap_changed; $(grep -c '^--- before' "$work/logs/check-fresh.log") diffs shown; /opt/appliance still absent"
fi

# ---------------------------------------------------------------- preflight refuses early
begin "preflight refuses a host without the configured CPUs"
if play preflight-refuses site.yml -e @"$far" -e '{"appliance_hot_cpus": [4095]}'; then
  fail "the run succeeded with hot CPU 4095"
elif grep -q 'missing or offline \[4095\]' "$work/logs/preflight-refuses.log" && ! remote test -e /opt/appliance; then
  pass "failed in preflight: $(grep -o 'online CPUs are [^;]*' "$work/logs/preflight-refuses.log" | head -n1), missing or offline [4095]; nothing installed"
else
  fail "failed=$recap_failed, but not as expected: $(fatal_of preflight-refuses)"
fi

# ---------------------------------------------------------------- first deployment, timer a few seconds ahead
# The timer must be armed before its time passes: the calendar drop-in is written late in the run, which
# takes about as long as the check-mode run did (a little more: it uploads the binary).
lead=$(awk -v s="$check_seconds" 'BEGIN { printf "%d", s * 1.6 + 15 }')
near=$(write_vars "$v1" "$lead")
open_at=$(($(date +%s) + lead))
open_text="$(TZ=$exchange_tz date -d "@$open_at" '+%a %H:%M:%S %Z') ($(date -u -d "@$open_at" '+%H:%M:%S UTC'))"
begin "first deployment of $v1 (preflight, host_tuning, appliance)"
play deploy-1 site.yml -e @"$near"
deploy_rc=$?
deployed_at=$(date +%s)
if ((deploy_rc == 0)); then
  pass "changed=$recap_changed in ${play_seconds}s; current -> $(remote readlink /opt/appliance/current); timer set for $open_text"
else
  fail "failed=$recap_failed: $(fatal_of deploy-1)"
  die "the first deployment failed; nothing further can be checked (artifacts/e2e/deploy-1.log)"
fi

begin "host_tuning wrote its files and flagged the reboot"
# shellcheck disable=SC2016 # expanded by the remote shell
tuning=$(remote_sh 'grep ^GRUB /etc/default/grub.d/60-appliance.cfg; grep ^IRQBALANCE_BANNED_CPULIST /etc/default/irqbalance; test -f /run/reboot-required && echo reboot-required; echo "sysctls: $(grep -c = /etc/sysctl.d/60-appliance.conf)"; echo "thp: $(grep -c transparent_hugepage /etc/tmpfiles.d/60-appliance-tuning.conf)"; echo "chrony $(systemctl is-enabled chrony)"' 2>&1 | tr '\n' '|')
if grep -q "isolcpus=managed_irq,domain,$hot_cpu" <<<"$tuning" && grep -q "IRQBALANCE_BANNED_CPULIST=$hot_cpu" <<<"$tuning" && grep -q reboot-required <<<"$tuning"; then
  pass "$tuning"
else
  fail "$tuning"
fi

begin "the market-open timer starts the service"
started_by_timer() { [[ $(svc_prop ActiveState) =~ ^(activating|active)$ ]]; }
if wait_until $((open_at - $(date +%s) + 60)) started_by_timer; then
  trigger=$(remote systemctl show appliance.timer -p LastTriggerUSec --value)
  entered=$(svc_prop InactiveExitTimestamp)
  pass "timer fired at $trigger for $open_text; service left inactive at $entered ($(($(date -d "$entered" +%s) - open_at)) s after the calendar time)"
else
  # A deployment slower than the lead arms the timer after its time: it then waits for tomorrow.
  fail "not started 60 s after $open_text (the deployment ended $((deployed_at - open_at)) s after it); timer: $(remote systemctl show appliance.timer -p NextElapseUSecRealtime -p LastTriggerUSec | tr '\n' ' ') $(svc_state | tr '\n' ' ')"
fi

begin "READY=1 reached (Type=notify; NotifyAccess=main)"
ready() { [[ $(svc_prop SubState) == running ]]; }
if wait_until 90 ready; then
  s=$(svc_state)
  pass "ActiveState=$(prop ActiveState "$s") SubState=$(prop SubState "$s") after $(since "$check_t0") s; $(remote systemctl show appliance.service -p Type -p NotifyAccess -p WatchdogUSec | tr '\n' ' ')StatusText='$(prop StatusText "$s")'"
else
  fail "$(svc_state | tr '\n' ' '); daemon said: $(remote journalctl -u appliance.service -p warning --no-pager -o cat 2>&1 | grep -v '^appliance.service: ' | tail -n 4 | tr '\n' '|' | cut -c1-600)"
fi

begin "ctl health over the admin socket: ok but for CPU isolation"
if wait_until 60 health_passes; then
  pass "$(health_summary | cut -c1-700)"
else
  fail "$(health_summary | cut -c1-700) $(ctl health 2>&1 | tail -n 3 | tr '\n' ' ')"
fi

begin "ctl latency shows histograms once events streamed"
latency_counted() { ctl --json latency 2>/dev/null | jq -e '[.stages[].since_start.count] | add > 0' >/dev/null 2>&1; }
if wait_until 60 latency_counted; then
  pass "$(ctl latency 2>&1 | head -n 8 | tr -s ' ' | tr '\n' '|' | cut -c1-600)"
else
  fail "$(ctl latency 2>&1 | head -n 8 | tr -s ' ' | tr '\n' '|' | cut -c1-400)"
fi

# ---------------------------------------------------------------- watchdog
begin "SIGSTOP of the daemon -> watchdog restart"
s=$(svc_state)
pid0=$(prop MainPID "$s")
restarts0=$(prop NRestarts "$s")
watchdog=$(svc_prop WatchdogUSec)
if [[ -z $pid0 || $pid0 == 0 ]]; then
  fail "no running daemon to stop ($(tr '\n' ' ' <<<"$s"))"
else
  remote kill -STOP "$pid0"
  t_stop=$(now)
  restarted() {
    local s
    s=$(svc_state)
    [[ $(prop NRestarts "$s") -gt $restarts0 && $(prop MainPID "$s") != "$pid0" && $(prop MainPID "$s") != 0 && $(prop SubState "$s") == running ]]
  }
  if wait_until 120 restarted; then
    s=$(svc_state)
    pass "pid $pid0 stopped; WatchdogSec=$watchdog; NRestarts $restarts0 -> $(prop NRestarts "$s"); pid $(prop MainPID "$s") running again $(since "$t_stop") s after the SIGSTOP"
  else
    fail "WatchdogSec=$watchdog; $(since "$t_stop") s after the SIGSTOP: $(svc_state | tr '\n' ' ')"
  fi
fi

# ---------------------------------------------------------------- idempotence
begin "second run of the same deployment: changed=0"
if play deploy-1-again site.yml -e @"$near" && [[ $recap_changed == 0 ]]; then
  pass "changed=$recap_changed failed=$recap_failed in ${play_seconds}s"
else
  fail "changed=$recap_changed failed=$recap_failed: $(changed_tasks deploy-1-again) $(fatal_of deploy-1-again)"
fi

# ---------------------------------------------------------------- upgrade to v2
# Same calendar; another release name (the same build: a release is a name for a binary, config and units).
near2="$work/vars-$v2.yml"
sed "s/^appliance_release_version: .*/appliance_release_version: \"$v2\"/" "$near" >"$near2"

begin "--check --diff of the upgrade to $v2 changes nothing"
if play check-upgrade site.yml --check --diff -e @"$near2"; then
  cur=$(remote readlink /opt/appliance/current)
  if [[ $cur == "/opt/appliance/releases/$v1" ]] && ! remote test -e "/opt/appliance/releases/$v2"; then
    pass "would change $recap_changed ($(changed_tasks check-upgrade)); current still -> $cur"
  else
    fail "current -> $cur; releases: $(remote ls /opt/appliance/releases | tr '\n' ' ')"
  fi
else
  fail "failed=$recap_failed: $(fatal_of check-upgrade)"
fi

begin "upgrade to $v2 inside market hours: switched, restart deferred"
pid_before=$(svc_prop MainPID)
if play deploy-2 site.yml -e @"$near2"; then
  pid_after=$(svc_prop MainPID)
  pending=$(remote cat /run/appliance-deploy/restart-pending 2>/dev/null | tail -n +2 | tr '\n' ' ')
  if [[ $pid_after == "$pid_before" && -n $pending ]]; then
    pass "pid $pid_before kept running $(running_exe); current -> $(remote readlink /opt/appliance/current); previous -> $(remote readlink /opt/appliance/previous); pending: $pending"
  else
    fail "pid $pid_before -> $pid_after; pending='$pending'"
  fi
else
  fail "failed=$recap_failed: $(fatal_of deploy-2)"
fi

begin "appliance_force_restart=true: restart, then the health gate"
if play deploy-2-force site.yml -e @"$near2" -e appliance_force_restart=true; then
  exe=$(running_exe)
  if [[ $exe == "/opt/appliance/releases/$v2/appliance" ]]; then
    pass "running $exe (pid $(svc_prop MainPID)); gate: $(grep -oE 'health [a-z]+' "$work/logs/deploy-2-force.log" | tail -n1); changed=$recap_changed"
  else
    fail "running '$exe', expected release $v2"
  fi
else
  fail "failed=$recap_failed: $(fatal_of deploy-2-force)"
fi

# ---------------------------------------------------------------- rollback
begin "rollback to the previous release ($v1)"
if play rollback rollback.yml -e @"$near2" -e appliance_force_restart=true; then
  exe=$(running_exe)
  cur=$(remote readlink /opt/appliance/current)
  prev=$(remote readlink /opt/appliance/previous)
  if [[ $exe == "/opt/appliance/releases/$v1/appliance" && $cur == "/opt/appliance/releases/$v1" && $prev == "/opt/appliance/releases/$v2" ]]; then
    pass "current -> $cur, previous -> $prev, running $exe; gate: $(grep -oE 'health [a-z]+' "$work/logs/rollback.log" | tail -n1)"
  else
    fail "current -> $cur, previous -> $prev, running '$exe'"
  fi
else
  fail "failed=$recap_failed: $(fatal_of rollback)"
fi

# ---------------------------------------------------------------- a config the release rejects
begin "a config check-config rejects is never installed"
bad_extra='{"appliance_config_extra": {"threads": {"spin": "yield"}, "ring": {"capacity": 3}}}'
pid_before=$(svc_prop MainPID)
config_before=$(remote sha256sum "/opt/appliance/releases/$v2/appliance.json" | cut -c1-16)
if play bad-config site.yml --tags appliance -e @"$near2" -e "$bad_extra"; then
  fail "the run succeeded with ring.capacity 3"
else
  config_after=$(remote sha256sum "/opt/appliance/releases/$v2/appliance.json" | cut -c1-16)
  cur=$(remote readlink /opt/appliance/current)
  why=$(grep -oE '\$\.ring\.capacity[^"\\]*' "$work/logs/bad-config.log" | head -n1)
  if [[ -n $why && $config_after == "$config_before" && $cur == "/opt/appliance/releases/$v1" && $(svc_prop MainPID) == "$pid_before" ]]; then
    pass "refused at the config task ($why); $v2's config unchanged, current still -> $cur, pid $pid_before untouched"
  else
    fail "why='$why' config $config_before -> $config_after, current -> $cur, pid $pid_before -> $(svc_prop MainPID)"
  fi
fi

# ---------------------------------------------------------------- clean stop
begin "SIGTERM -> clean stop (exit 0, no restart)"
s=$(svc_state)
pid0=$(prop MainPID "$s")
restarts0=$(prop NRestarts "$s")
stopped() { [[ $(svc_prop ActiveState) =~ ^(inactive|failed)$ ]]; }
if [[ -z $pid0 || $pid0 == 0 ]]; then
  fail "no running daemon to stop ($(tr '\n' ' ' <<<"$s"))"
else
  remote kill -TERM "$pid0"
  t_term=$(now)
  if wait_until 100 stopped; then
    s=$(svc_state)
    if [[ $(prop ActiveState "$s") == inactive && $(prop ExecMainStatus "$s") == 0 && $(prop Result "$s") == success && $(prop NRestarts "$s") == "$restarts0" ]]; then
      pass "pid $pid0 exited in $(since "$t_term") s: ActiveState=inactive ExecMainStatus=0 Result=success NRestarts=$restarts0; last lines: $(remote journalctl -u appliance.service -n 3 --no-pager -o cat 2>&1 | tr '\n' '|' | cut -c1-300)"
    else
      fail "$(tr '\n' ' ' <<<"$s")"
    fi
  else
    fail "still $(svc_state | tr '\n' ' ') 100 s after SIGTERM"
  fi
fi
