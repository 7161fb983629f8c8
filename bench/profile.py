"""py-spy helpers: record a running server while a load runs, and summarise the collapsed stacks."""

from __future__ import annotations

import subprocess
from collections import Counter
from pathlib import Path


def record(pid: int, seconds: float, out: Path, *, rate: int = 200, gil: bool = True) -> subprocess.Popen[bytes]:
    """Start ``py-spy record`` (raw collapsed stacks, per thread, GIL-holding and idle excluded) on ``pid``."""
    cmd = ["py-spy", "record", "--pid", str(pid), "--duration", str(max(1, int(seconds))), "--rate", str(rate),
           "--format", "raw", "--threads", "--nonblocking", *(["--gil"] if gil else []), "--output", str(out)]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _frames(stack: str) -> list[str]:
    frames = stack.split(";")
    return [f.split(" (")[0] + " (" + f.split(" (")[1].split(":")[0].rsplit("/", 1)[-1] + ")" if " (" in f else f
            for f in frames]


def summarise(path: Path, *, top: int = 12, thread_filter: str | None = None) -> str:
    """Per thread: share of samples; then the functions with the most inclusive and self time."""
    if not path.exists():
        return "(no profile recorded)"
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    threads: Counter[str] = Counter()
    total = 0
    for line in path.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        if not count.isdigit():
            continue
        n = int(count)
        frames = _frames(stack)
        thread = frames[0] if frames and frames[0].startswith(("thread", "process")) else "?"
        if thread_filter and thread_filter not in stack:
            continue
        total += n
        threads[thread] += n
        for f in set(frames[1:]):
            inclusive[f] += n
        if len(frames) > 1:
            own[frames[-1]] += n
    if not total:
        return "(empty profile)"
    lines = [f"{total} samples"]
    lines += [f"  {100 * n / total:5.1f}%  {t}" for t, n in threads.most_common(6)]
    lines.append("inclusive:")
    lines += [f"  {100 * n / total:5.1f}%  {f}" for f, n in inclusive.most_common(top)]
    lines.append("self:")
    lines += [f"  {100 * n / total:5.1f}%  {f}" for f, n in own.most_common(top)]
    return "\n".join(lines)
