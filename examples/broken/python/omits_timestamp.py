"""Broken on purpose: signs with a timestamp but never sends X-NX-Timestamp.
Expected finding: client.timestamp (missing_timestamp)."""
from broken_client import run

run(timestamp=lambda now_ms: (None, str(now_ms)))
