"""seconds_of_day: "09:05" or "09:05:30" -> seconds since midnight, so calendar times compare as times."""

from ansible.errors import AnsibleFilterError


def seconds_of_day(value):
    parts = str(value).strip().split(":")
    try:
        if len(parts) not in (2, 3):
            raise ValueError(value)
        h, m, s = (int(p) for p in (parts + ["0"])[:3])
        if not (0 <= h < 24 and 0 <= m < 60 and 0 <= s < 60):
            raise ValueError(value)
    except ValueError as exc:
        raise AnsibleFilterError(f"seconds_of_day: {value!r} is not a time of day HH:MM[:SS]") from exc
    return h * 3600 + m * 60 + s


class FilterModule:
    def filters(self):
        return {"seconds_of_day": seconds_of_day}
