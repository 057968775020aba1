#!/usr/bin/env python3
"""A small Agent Connect agent in Python 3, standard library only, signing exactly per SIGNING.md.

Environment:
  NX_BASE_URL    API base URL (default http://127.0.0.1:4010/v1/agent, the local mock)
  NX_API_KEY     the key, nx_test_... (sandbox) or nx_live_... (live)
  NX_API_SECRET  its secret; live keys sign every request with it (it never leaves this process)
  NX_MODE        sandbox or live (informational; the key decides whether to sign)

It reads its profile, the BTC ticker and its portfolio, buys a little BTC at market and lists
its orders. It waits Retry-After after a 429, retries 5xx and time-outs with backoff (orders
only with a clientOrderId, so a retry can never place an order twice), and stops adding risk once
the daily-loss breaker answers 403 daily_loss_limit_reached. Exit 0 when done, 1 on a surprise.
"""
import hashlib
import hmac
import json
import os
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

BASE_URL = os.environ.get("NX_BASE_URL", "http://127.0.0.1:4010/v1/agent").rstrip("/")
API_KEY = os.environ.get("NX_API_KEY", "")
API_SECRET = os.environ.get("NX_API_SECRET", "")
MODE = os.environ.get("NX_MODE", "sandbox")
BASE_PATH = urllib.parse.urlsplit(BASE_URL).path  # "/v1/agent": not part of the signed path
TIMEOUT_S = 10
MAX_ATTEMPTS = 5


class ApiError(Exception):
    def __init__(self, status, problem):
        self.status, self.problem = status, problem
        super().__init__(f"{status} {problem.get('code')}: {problem.get('detail')}")


def signed_headers(method, path, body):
    """X-NX-* headers. The timestamp is taken once, per attempt, and shared by header and HMAC."""
    headers = {"X-NX-Key": API_KEY}
    if API_KEY.startswith("nx_live_"):
        timestamp = str(int(time.time() * 1000))  # milliseconds, not seconds
        payload = f"{timestamp}{method}{path}".encode() + body  # path: no /v1/agent, no query
        headers["X-NX-Timestamp"] = timestamp
        headers["X-NX-Signature"] = hmac.new(API_SECRET.encode(), payload, hashlib.sha256).hexdigest()
    return headers


def call(method, path, query=None, payload=None):
    """One API call with retries. `payload` is serialised once; those exact bytes are signed and sent."""
    body = b"" if payload is None else json.dumps(payload).encode()
    # A POST may only be repeated when the server can recognise the repeat (clientOrderId).
    retryable = method in ("GET", "DELETE") or (payload or {}).get("clientOrderId") is not None
    url = BASE_URL + path + ("?" + urllib.parse.urlencode(query) if query else "")
    delay = 0.25
    for attempt in range(1, MAX_ATTEMPTS + 1):
        headers = signed_headers(method, path, body)  # fresh timestamp on every attempt
        if body:
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=body or None, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
                text = response.read().decode()
                return json.loads(text) if text else None
        except urllib.error.HTTPError as error:
            text = error.read().decode()
            problem = json.loads(text) if text.startswith("{") else {"detail": text}
            if error.code == 429 and attempt < MAX_ATTEMPTS:
                wait = float(error.headers.get("Retry-After") or 1)
                print(f"429 on {method} {path}: waiting {wait:g} s as Retry-After asks")
                time.sleep(wait)
                continue
            if error.code >= 500 and retryable and attempt < MAX_ATTEMPTS:
                print(f"{error.code} on {method} {path}: retrying in {delay:g} s")
                time.sleep(delay)
                delay *= 2
                continue
            raise ApiError(error.code, problem) from None
        except (urllib.error.URLError, socket.timeout, ConnectionError) as error:
            if not retryable or attempt == MAX_ATTEMPTS:
                raise
            print(f"{method} {path} failed ({error}); retrying in {delay:g} s")
            time.sleep(delay)
            delay *= 2
    raise RuntimeError("unreachable")


def main():
    if not API_KEY or (API_KEY.startswith("nx_live_") and not API_SECRET):
        print("set NX_API_KEY (and NX_API_SECRET for a live key)", file=sys.stderr)
        return 1
    me = call("GET", "/me")["agent"]
    allowed = set(me["permissions"])
    print(f"agent {me['id']} in {me['mode']} mode (NX_MODE={MODE}), permissions {', '.join(sorted(allowed))}")

    if "read:market" in allowed:
        btc = call("GET", "/market", {"coins": "bitcoin"})["data"][0]
        print(f"BTC ${btc['price']:,.2f} ({btc['change24h']:+.2f}%)")
    if "read:portfolio" in allowed:
        portfolio = call("GET", "/portfolio")["data"]
        print(f"portfolio ${portfolio['totalValue']:,.2f}, cash ${portfolio['cash']:,.2f}")

    if "write:orders" in allowed:
        risk_allowed = True
        for n in range(2):
            if not risk_allowed:
                print("daily-loss breaker tripped: no more orders that add risk today")
                break
            order = {"symbol": "BTC", "side": "buy", "type": "market", "quantity": 0.001, "price": None,
                     "clientOrderId": f"py-{uuid.uuid4().hex[:16]}"}
            try:
                placed = call("POST", "/orders", payload=order)["order"]
                print(f"order {n + 1}: {placed['orderId']} {placed['status']} {placed['filledQuantity']} BTC")
            except ApiError as error:
                if error.problem.get("code") != "daily_loss_limit_reached":
                    raise
                print(f"order refused: {error.problem.get('detail')}")
                risk_allowed = False
    if "read:portfolio" in allowed:
        orders = call("GET", "/orders", {"limit": 5})["data"]
        print(f"{len(orders)} recent orders: {', '.join(o['status'] for o in orders) or 'none'}")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (ApiError, OSError, ValueError, KeyError) as error:
        print(f"agent stopped: {error}", file=sys.stderr)
        sys.exit(1)
