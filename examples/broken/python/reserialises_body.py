"""Broken on purpose: signs json.dumps(order) (", " and ": " separators) but sends compact JSON,
so the bytes signed are not the bytes sent. Expected finding: client.signature (reserialised_body)."""
import json

from broken_client import run

run(body=lambda value: (json.dumps(value, separators=(",", ":")), json.dumps(value)))
