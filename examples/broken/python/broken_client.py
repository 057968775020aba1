"""Shared by the deliberately broken Python clients here: a client that is correct except for
the one mistake each script switches on, so each fails exactly the check meant for it.
Standard library only; reads NX_BASE_URL, NX_API_KEY, NX_API_SECRET like the example agent."""
import hashlib
import hmac
import json
import os
import sys
import time
import urllib.error
import urllib.request

BASE_URL = os.environ.get("NX_BASE_URL", "http://127.0.0.1:4010/v1/agent").rstrip("/")
API_KEY = os.environ.get("NX_API_KEY", "")
API_SECRET = os.environ.get("NX_API_SECRET", "")


def correct_timestamp(now_ms):
    return str(now_ms), str(now_ms)  # (header, signed); header None = not sent


def correct_path(path, query):
    return path


def correct_body(value):
    text = json.dumps(value)
    return text, text  # (sent, signed)


def call(method, path, query="", value=None, timestamp=correct_timestamp, signed_path=correct_path, body=correct_body):
    sent, signed = body(value) if value is not None else ("", "")
    headers = {"X-NX-Key": API_KEY}
    if sent:
        headers["Content-Type"] = "application/json"
    if API_KEY.startswith("nx_live_"):
        header, signed_ts = timestamp(int(time.time() * 1000))
        if header is not None:
            headers["X-NX-Timestamp"] = header
        payload = f"{signed_ts}{method}{signed_path(path, query)}".encode() + signed.encode()
        headers["X-NX-Signature"] = hmac.new(API_SECRET.encode(), payload, hashlib.sha256).hexdigest()
    url = BASE_URL + path + ("?" + query if query else "")
    request = urllib.request.Request(url, data=sent.encode() or None, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


def run(**mistakes):
    """Reads the BTC ticker and buys a little at market; exit 1 when anything was refused."""
    failed = False
    order = {"symbol": "BTC", "side": "buy", "type": "market", "quantity": 0.001, "price": None}
    for method, path, query, value in (("GET", "/market", "coins=bitcoin", None), ("POST", "/orders", "", order)):
        status, text = call(method, path, query, value, **mistakes)
        print(f"{method} {path} -> {status} {text[:160]}")
        failed = failed or status >= 400
    sys.exit(1 if failed else 0)
