"""The built t.js: in sync with its source, within its size budget, documented."""

from __future__ import annotations

import gzip
import re
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SNIPPET = ROOT / "snippet"
BUILT = ROOT / "ingest_server" / "static" / "t.js"
ARCHITECTURE = (SNIPPET / "ARCHITECTURE.md").read_text()
GZIP_BUDGET = 1536  # bytes, gzip -9; snippet/build.mjs enforces the same number


def test_tracker_is_within_its_size_budget() -> None:
    size = len(gzip.compress(BUILT.read_bytes(), compresslevel=9, mtime=0))
    assert size <= GZIP_BUDGET, f"t.js is {size} B gzip -9; the budget is {GZIP_BUDGET} B (snippet/ARCHITECTURE.md)"


def test_built_files_match_their_sources() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    if not (SNIPPET / "node_modules" / "esbuild").is_dir():
        pytest.skip("snippet/node_modules is missing: run `npm ci --prefix snippet`")
    result = subprocess.run([node, "build.mjs", "--check"], cwd=SNIPPET, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_data_attribute_is_documented() -> None:
    source = (SNIPPET / "src" / "tracker.js").read_text()
    names = set(re.findall(r"'(\w+)' in cfg", source)) | set(re.findall(r"cfg\.(\w+)", source))
    attributes = {"data-" + re.sub(r"[A-Z]", lambda m: "-" + m[0].lower(), name) for name in names}
    assert attributes >= {"data-site", "data-api", "data-hash", "data-manual", "data-status"}
    documented = set(re.findall(r"^\| `(data-[a-z0-9-]+)", ARCHITECTURE, re.MULTILINE))
    assert attributes <= documented, f"missing from the table in snippet/ARCHITECTURE.md: {attributes - documented}"


def test_the_documented_stub_is_the_tested_one() -> None:
    stub = re.search(r"^<script>window\.activityTracker=.*</script>$", ARCHITECTURE, re.MULTILINE)
    assert stub, "snippet/ARCHITECTURE.md shows the stub one-liner on a line of its own"
    assert stub[0] in (ROOT / "tests" / "fixtures" / "snippet" / "stub.html").read_text()
