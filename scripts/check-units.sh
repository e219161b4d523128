#!/usr/bin/env bash
# Checks the systemd units in systemd/ the way CI must:
#   - `systemd-analyze verify` prints nothing (it exits 0 on many mistakes, so any output fails);
#   - `systemd-analyze security --offline=yes` rates appliance.service at an exposure of 2.5 or less;
#   - `systemd-analyze calendar` accepts every OnCalendar= expression of every timer;
#   - the sysusers.d snippet applies cleanly to an empty root.
# Prints one line per check and exits non-zero on the first class of failure found (all checks still run).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
units="${UNITS_DIR:-$root/systemd}"
max_exposure=${MAX_EXPOSURE:-2.5}
failed=0
fail() { echo "check-units: FAIL: $*" >&2; failed=1; }

command -v systemd-analyze >/dev/null || { echo "check-units: systemd-analyze is not installed" >&2; exit 1; }

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# verify: an alternate root holding our units, the distribution's units (targets we depend on) and a
# stand-in for /usr/bin/appliance, so the check does not depend on what is installed on this machine.
mkdir -p "$tmp/root/etc/systemd/system" "$tmp/root/usr/lib/systemd" "$tmp/root/usr/bin"
cp -a /lib/systemd/system "$tmp/root/usr/lib/systemd/"
cp "$units"/*.service "$units"/*.timer "$tmp/root/etc/systemd/system/"
cp /bin/true "$tmp/root/usr/bin/appliance"
names=()
for f in "$units"/*.service "$units"/*.timer; do names+=("$(basename "$f")"); done
out=$(systemd-analyze verify --root="$tmp/root" "${names[@]}" 2>&1)
if [[ -n "$out" ]]; then fail "systemd-analyze verify printed:"; echo "$out" >&2; else echo "check-units: verify ${names[*]}: clean"; fi

# security: the exposure score of every service.
for f in "$units"/*.service; do
  out=$(systemd-analyze security --offline=yes --no-pager "$f" 2>&1)
  score=$(sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p' <<<"$out")
  if [[ -z "$score" ]]; then fail "no exposure score for $(basename "$f"):"; echo "$out" >&2; continue; fi
  if awk -v s="$score" -v m="$max_exposure" 'BEGIN { exit !(s > m) }'; then
    fail "$(basename "$f") exposure $score > $max_exposure"; grep '✗' <<<"$out" >&2
  else
    echo "check-units: security $(basename "$f"): exposure $score (max $max_exposure)"
  fi
done

# calendar: every OnCalendar= of every timer.
for f in "$units"/*.timer; do
  while IFS= read -r expr; do
    if out=$(systemd-analyze calendar "$expr" 2>&1); then
      echo "check-units: calendar $(basename "$f") '$expr': $(sed -n 's/.*Next elapse: //p' <<<"$out" | head -n1)"
    else
      fail "systemd-analyze calendar rejects '$expr' in $(basename "$f"): $out"
    fi
  done < <(sed -n 's/^OnCalendar=//p' "$f")
done

# sysusers.d: applies to an empty root without complaint.
if [[ -d "$units/sysusers.d" ]] && command -v systemd-sysusers >/dev/null; then
  mkdir -p "$tmp/users/etc"
  if out=$(systemd-sysusers --root="$tmp/users" "$units"/sysusers.d/*.conf 2>&1) && grep -q '^appliance:' "$tmp/users/etc/passwd"; then
    echo "check-units: sysusers.d creates $(cut -d: -f1 "$tmp/users/etc/group" | tr '\n' ' ')"
  else
    fail "systemd-sysusers: $out"
  fi
fi

exit $failed
