"""mount_for: the entry of ansible_mounts that holds a path, even one not created yet (preflight checks free
space for journals before the appliance role makes their directory)."""

import posixpath

from ansible.errors import AnsibleFilterError


def mount_for(path, mounts):
    """The ansible_mounts entry with the longest mount point that contains path; an error if none does."""
    path = posixpath.normpath(str(path))
    best = None
    for entry in mounts or []:
        mount = entry.get("mount", "")
        inside = path == mount or mount == "/" or path.startswith(mount.rstrip("/") + "/")
        if inside and (best is None or len(mount) > len(best["mount"])):
            best = entry
    if best is None:
        raise AnsibleFilterError(f"mount_for: no mount among the host's facts holds {path}")
    return best


class FilterModule:
    def filters(self):
        return {"mount_for": mount_for}
