"""Broken on purpose: signs the path with its query string ('/market?coins=bitcoin').
Expected finding: client.signature (mistake query_signed)."""
from broken_client import run

run(signed_path=lambda path, query: f"{path}?{query}" if query else path)
