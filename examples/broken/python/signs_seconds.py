"""Broken on purpose: the timestamp in seconds (int(time.time())), in the header and signed.
Expected finding: client.timestamp (it looks like seconds; out of the window)."""
from broken_client import run

run(timestamp=lambda now_ms: (str(now_ms // 1000), str(now_ms // 1000)))
