"""Filters for the kernel's CPU list syntax ("0-3,8,10-11"), as in /sys/devices/system/cpu/online,
isolcpus= and systemd's CPUAffinity=. Inventories give CPU sets as lists of integers; hosts answer in
this syntax; preflight and host_tuning compare the two."""

from ansible.errors import AnsibleFilterError


def cpulist_expand(value):
    """'0-2,5' -> [0, 1, 2, 5]; a list of ints passes through (sorted, unique); '' -> []."""
    if value is None:
        return []
    if isinstance(value, int):
        return [value]
    if isinstance(value, (list, tuple)):
        try:
            return sorted({int(v) for v in value})
        except (TypeError, ValueError) as exc:
            raise AnsibleFilterError(f"cpulist_expand: not a list of CPU numbers: {value!r}") from exc
    cpus = set()
    for part in str(value).strip().split(","):
        part = part.strip()
        if not part:
            continue
        try:
            if "-" in part:
                first, last = (int(x) for x in part.split("-", 1))
                if last < first:
                    raise ValueError(part)
                cpus.update(range(first, last + 1))
            else:
                cpus.add(int(part))
        except ValueError as exc:
            raise AnsibleFilterError(f"cpulist_expand: {part!r} in {value!r} is not a CPU or CPU range") from exc
    return sorted(cpus)


def cpulist_format(value):
    """[0, 1, 2, 5] (or '0,1,2,5') -> '0-2,5': the canonical kernel form, so comparisons are exact."""
    cpus = cpulist_expand(value)
    ranges = []
    for cpu in cpus:
        if ranges and cpu == ranges[-1][1] + 1:
            ranges[-1][1] = cpu
        else:
            ranges.append([cpu, cpu])
    return ",".join(str(a) if a == b else f"{a}-{b}" for a, b in ranges)


class FilterModule:
    def filters(self):
        return {"cpulist_expand": cpulist_expand, "cpulist_format": cpulist_format}
