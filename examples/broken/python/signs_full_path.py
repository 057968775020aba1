"""Broken on purpose: signs '/v1/agent/market' instead of the path relative to /v1/agent.
Expected finding: client.signature (mistake full_path_signed)."""
from broken_client import run

run(signed_path=lambda path, query: "/v1/agent" + path)
