#!/usr/bin/env python3
"""Writes the committed seed corpora of the fuzz targets (Fuzz/Corpus/<target>/).

Run from anywhere: `python3 Fuzz/make-seeds.py`. Deterministic: the same files every run, so the
folders only change when this script does. Seeds are derived from the committed cassettes
(Cassettes/) and the import test fixtures' shapes, plus small hostile shapes: deep nesting, JSON
inside JSON strings, many keys, non-finite numbers, gzip bombs (a few KB that inflate past the
fuzzers' 4 MiB cap), truncated and concatenated gzip. No seed is over 16 KB.

Credentials in seeds are the marker `$S` (the fuzz targets plant their known secret there) or
obviously fake shapes; no seed holds a real secret.
"""
import gzip
import io
import json
import os

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(ROOT, "Fuzz", "Corpus")
MAX_SEED = 16 * 1024


def gz(data: bytes) -> bytes:
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", mtime=0, compresslevel=9) as f:
        f.write(data)
    return out.getvalue()


def cassettes():
    """(name, compressed bytes, json bytes) for each committed cassette."""
    base = os.path.join(ROOT, "Cassettes")
    for service in sorted(os.listdir(base)):
        path = os.path.join(base, service, "me.har.gz")
        if os.path.exists(path):
            raw = open(path, "rb").read()
            yield service, raw, gzip.decompress(raw)


def har(entries, cassette=None):
    log = {"version": "1.2", "creator": {"name": "cassette", "version": "0.1.0"}, "entries": entries}
    if cassette is not None:
        log["_cassette"] = cassette
    return {"log": log}


def entry(url="https://api.example.com/me", req_headers=(), body="{}", mime="application/json", resp_headers=(), status_text="OK", time=0, encoding=None, post=None):
    content = {"size": len(body), "mimeType": mime, "text": body}
    if encoding:
        content["encoding"] = encoding
    request = {"method": "POST" if post else "GET", "url": url, "httpVersion": "HTTP/1.1", "cookies": [],
               "headers": [{"name": n, "value": v} for n, v in req_headers], "queryString": [], "headersSize": -1, "bodySize": 0}
    if post:
        request["postData"] = post
    return {"startedDateTime": "2025-01-01T00:00:00.000Z", "time": time, "request": request,
            "response": {"status": 200, "statusText": status_text, "httpVersion": "HTTP/1.1", "cookies": [],
                         "headers": [{"name": n, "value": v} for n, v in resp_headers], "content": content,
                         "redirectURL": "", "headersSize": -1, "bodySize": -1},
            "timings": {"send": 0, "wait": 0, "receive": 0}}


def dumps(value) -> bytes:
    return json.dumps(value, separators=(",", ":")).encode()


# Hostile JSON shapes (each small).
def deep(n, open_="[", close="]"):
    return (open_ * n + close * n).encode()


def json_in_string(layers, inner='{"token":"$S"}'):
    text = inner
    for _ in range(layers):
        text = json.dumps({"data": text})
    return text


def deep_json_in_string(layers, depth=400):
    """Each layer: a string holding `depth` nested arrays around the previous layer (the
    stack overflow shape that crashed the parser once: every layer under the parser's depth limit, the sum far over)."""
    text = '"$S"'
    for _ in range(layers):
        text = json.dumps("[" * depth + text + "]" * depth)
    return text


def many_keys(n):
    return ("{" + ",".join('"k%d":%d' % (i, i) for i in range(n)) + "}").encode()


HOSTILE_JSON = {
    "deep-array-600": deep(600),
    "deep-object-600": ('{"a":' * 600 + "1" + "}" * 600).encode(),
    "deep-511": deep(511),
    "json-in-string-6": json_in_string(6).encode(),
    "many-keys-1200": many_keys(1200),
    "deep-json-in-string-4x400": deep_json_in_string(4).encode(),
    "duplicate-keys": b'{"a":1,"a":2,"b":{"c":1,"c":1}}',
    "numbers": b'[1e400,-1e400,0e0,-0,1E+2,1.5e-400,123456789012345678901234567890,-0.0]',
    "nan-infinity": b'{"a":NaN,"b":Infinity}',
    "bom": b'\xef\xbb\xbf{"a":1}',
    "xssi": b")]}'\n{\"a\":1}",
    "jsonp": b'cb({"access_token":"$S"})',
    "ndjson": b'{"a":1}\n{"token":"$S"}\n',
    "escapes": b'["\\u0073k_live_x","\\ud800","\\udc00\\ud800","\\u0000","\\/\\b\\f\\n\\r\\t","\\uD83D\\uDE00"]',
    "invalid-utf8": b'["\xc3\x28","\xed\xa0\x80","\xf8\x88\x80\x80\x80"]',
    "control-chars": b'["a\x01b"]',
    "empty": b"",
    "whitespace": b" \t\r\n",
    "scalars": b'[true,false,null,"",0,{}]',
    "long-string": ('"' + "eyJ" * 3000 + '"').encode(),
    "token-as-key": b'{"$S":{"value":"$S"}}',
}


def write(target, name, data: bytes):
    assert len(data) <= MAX_SEED, (target, name, len(data))
    folder = os.path.join(CORPUS, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)


def json_seeds():
    for name, data in HOSTILE_JSON.items():
        write("FuzzJSON", name + ".json", data)
    for service, _, plain in cassettes():
        write("FuzzJSON", "cassette-%s.json" % service, plain)


def cassette_documents():
    """Small HAR documents that stress the reader."""
    yield "minimal", har([])
    yield "one-entry", har([entry()])
    yield "time-1e400", None  # written by hand below
    yield "format-version-99", har([entry()], cassette={"formatVersion": 99, "provider": "wacht"})
    yield "base64-body", har([entry(body="eyJhIjoxfQ==", encoding="base64")])
    yield "post-params", har([entry(post={"mimeType": "application/x-www-form-urlencoded", "text": "a=1&password=$S",
                                           "params": [{"name": "a", "value": "1"}, {"name": "password", "value": "$S"}]})])
    yield "no-content-text", har([{**entry(), "response": {**entry()["response"], "content": {"size": 0, "mimeType": ""}}}])
    yield "extra-members", {"log": {**har([entry()])["log"], "pages": [{"id": "p"}], "_custom": {"x": [1, 2]}}}


def cassette_seeds():
    for service, raw, plain in cassettes():
        write("FuzzCassette", "%s.har.gz" % service, raw)
        write("FuzzCassette", "%s.har" % service, plain)
    for name, doc in cassette_documents():
        if doc is None:
            continue
        write("FuzzCassette", name + ".har", dumps(doc))
    write("FuzzCassette", "time-1e400.har", dumps(har([entry()])).replace(b'"time":0', b'"time":1e400'))
    write("FuzzCassette", "duplicate-log.har", b'{"log":{"version":"1.2","creator":{"name":"a","version":"1"},"entries":[]},"log":{}}')
    small = dumps(har([entry()]))
    write("FuzzCassette", "one-entry.har.gz", gz(small))
    write("FuzzCassette", "truncated.har.gz", gz(small)[:-9])
    write("FuzzCassette", "concatenated.har.gz", gz(small[:40]) + gz(small[40:]))
    write("FuzzCassette", "bad-crc.har.gz", gz(small)[:-8] + b"\0\0\0\0" + gz(small)[-4:])
    bomb = gz(b" " * (8 << 20))
    write("FuzzCassette", "bomb-8MiB.har.gz", bomb)
    write("FuzzCassette", "not-gzip-magic.har", b"\x1f\x8bnot really")
    write("FuzzCassette", "deep-entries.har", b'{"log":{"version":"1.2","creator":{"name":"a","version":"1"},"entries":[' + deep(520) + b"]}}")


# FuzzHAR layout: flags, request shape, response shape, then 0x00-separated fields:
# url, request header name, request header value, request body, response header name,
# response header value, response body, status text. Shape: low nibble MIME index, high nibble
# encoding (0 text, 1 base64, 2 gzip+base64, 3 gzip,gzip+base64).
MIME = {"json": 0, "text": 1, "html": 2, "xml": 3, "form": 4, "multipart": 5, "graphql": 6, "js": 7, "octet": 8, "ndjson": 9, "none": 10, "png": 11}


def fuzz_har(flags, req_shape, resp_shape, url="", req_name="", req_value="", req_body="", resp_name="", resp_value="", resp_body="", status=""):
    fields = [url, req_name, req_value, req_body, resp_name, resp_value, resp_body, status]
    return bytes([flags, req_shape, resp_shape]) + b"\0".join(f.encode() if isinstance(f, str) else f for f in fields)


REDACTION = {
    "bearer-json": fuzz_har(1, 0, 0, resp_body='{"access_token":"$S","user":{"id":1}}'),
    "token-value-object": fuzz_har(0, 0, 0, resp_body='{"token":{"value":"$S"},"result":{"value":"$S"}}'),
    "json-escaped": fuzz_har(0, 0, 0, resp_body='{"a":"\\u0066Zq7Xw2LmT9pR4vNc8bK3sHy6JdG5aEu"}'),
    "json-in-string": fuzz_har(0, 0, 0, resp_body=json_in_string(4, '{"note":"$S"}')),
    "token-as-key": fuzz_har(0, 0, 0, resp_body='{"$S":true}'),
    "bom-json": fuzz_har(0, 0, 0, resp_body=b'\xef\xbb\xbf{"password":"$S"}'),
    "xssi": fuzz_har(0, 0, 0, resp_body=")]}'\n{\"session\":\"$S\"}"),
    "jsonp": fuzz_har(0, 0, 7, resp_body='cb({"api_key":"$S"})'),
    "ndjson": fuzz_har(0, 0, 9, resp_body='{"a":1}\n{"refresh_token":"$S"}\n'),
    "nan-sibling": fuzz_har(0, 0, 0, resp_body='{"a":NaN,"secret":"$S"}'),
    "html": fuzz_har(0, 0, 2, resp_body='<html><meta name="csrf-token" content="$S"><input type="hidden" name="authenticity_token" value="$S"><script id="__NEXT_DATA__" type="application/json">{"props":{"token":"$S"}}</script></html>'),
    "xml": fuzz_har(0, 0, 3, resp_body="<Envelope><Body><SessionToken>$S</SessionToken><sessionId>$S</sessionId></Body></Envelope>"),
    "graphql": fuzz_har(2, 6, 0, req_body='mutation { login(user: "a", password: "$S") { token } }', resp_body='{"data":{"login":{"token":"$S"}}}'),
    "form": fuzz_har(2, 4, 1, req_body="grant_type=password&username=a&password=$S", resp_body="access_token=$S&expires_in=3600"),
    "multipart": fuzz_har(2, 5, 0, req_body='--XyZ\r\nContent-Disposition: form-data; name="token"\r\n\r\n$S\r\n--XyZ--\r\n'),
    "plain-kv": fuzz_har(0, 0, 1, resp_body="token=$S\napi_key: $S\n"),
    "base64-body": fuzz_har(0, 0, 0x10, resp_body='{"client_secret":"$S"}'),
    "gzip-body": fuzz_har(0, 0, 0x20, resp_body='{"id_token":"$S"}'),
    "gzip-gzip-body": fuzz_har(0, 0, 0x30, resp_body='{"password":"$S"}'),
    "octet-known": fuzz_har(0, 0, 8, resp_body=b"\x00\x01$S\xff"),
    "base64-of-secret": fuzz_har(0, 0, 1, resp_body="blob $B end"),
    "url-query": fuzz_har(0, 0, 0, url="https://api.example.com/cb?code=$S&state=x#access_token=$S"),
    "url-path": fuzz_har(0, 0, 0, url="https://api.telegram.example/bot123:$S/getMe;jsessionid=$S"),
    "url-userinfo": fuzz_har(0, 0, 0, url="https://user:$S@api.example.com/me"),
    "headers": fuzz_har(0, 0, 0, req_name="X-Api-Key", req_value="$S", resp_name="Set-Cookie", resp_value="sid=$S; Path=/; HttpOnly"),
    "location": fuzz_har(0, 0, 0, resp_name="Location", resp_value="https://app.example.com/callback?code=$S"),
    "link-header": fuzz_har(0, 0, 0, resp_name="Link", resp_value="<https://a.example/?page=2&access_token=REDACTED_1>; rel=next"),
    "status-text": fuzz_har(0, 0, 0, status="OK $S"),
    "combining-mark": fuzz_har(0, 0, 1, resp_body="x $S\u0301 y"),
    "error-description": fuzz_har(1, 0, 0, resp_body='{"error":"invalid_token","error_description":"token $S expired"}'),
    "jwt-shape": fuzz_har(0, 0, 1, resp_body="eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIkUyJ9.c2lnbmF0dXJlLWZha2U"),
    "eyJ-repeat": fuzz_har(0, 0, 1, resp_body="eyJ" * 3000),
    "deep-json": fuzz_har(0, 0, 0, resp_body=deep(700).decode()),
    "many-keys": fuzz_har(0, 0, 0, resp_body=many_keys(1200).decode()),
    "deep-json-in-string": fuzz_har(0, 0, 0, resp_body='{"a":' + deep_json_in_string(4) + "}"),
    "empty": b"",
}


def redaction_seeds():
    for name, data in REDACTION.items():
        write("FuzzRedaction", name, data)


def audit_seeds():
    # The audit target reads the bytes both as a JSON/HAR file and as a FuzzHAR layout.
    for service, raw, plain in cassettes():
        write("FuzzAudit", "%s.har" % service, plain)
    write("FuzzAudit", "fake-tokens.har", dumps(har([entry(
        req_headers=[("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJmdXp6In0.ZmFrZS1zaWduYXR1cmUtZm9yLWZ1enppbmc"),
                     ("Cookie", "__session=fuzz-fake-session-value-0123456789")],
        body='{"otp_url":"otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=A","nested":"{\\"api_key\\":\\"sk_fakefakefakefakefakefakefakefake\\"}"}')])))
    write("FuzzAudit", "document.json", b'{"config":{"client_secret":"fake-client-secret-value-0123456789","list":[{"password":"hunter2-fake"}]}}')
    for name in ("json-in-string", "token-as-key", "html", "xml", "gzip-body", "eyJ-repeat", "many-keys", "url-path"):
        write("FuzzAudit", "layout-" + name, REDACTION[name])
    for name in ("deep-array-600", "json-in-string-6", "many-keys-1200", "long-string", "deep-json-in-string-4x400"):
        write("FuzzAudit", name + ".json", HOSTILE_JSON[name])
    write("FuzzAudit", "bomb.har.gz", gz(b" " * (8 << 20)))


def import_seeds():
    # First byte: 0 HAR, 1 vcrpy, 2 Ruby VCR (ImportFormat.allCases order).
    vcrpy = """interactions:
- request:
    body: null
    headers:
      Authorization:
      - Bearer $S
    method: GET
    uri: https://zitadel.example.com/auth/v1/users/me?details=true
  response:
    body:
      string: '{"user":{"id":"2459387433948","userName":"ada@example.com"}}'
    headers:
      Content-Type:
      - application/json
    status:
      code: 200
      message: OK
version: 1
"""
    vcrpy_gzip = """interactions:
- request:
    body: null
    headers:
      Authorization:
      - $S
    method: GET
    uri: http://127.0.0.1:4242/api/admin/user
  response:
    body:
      string: !!binary |
        %s
    headers:
      Content-Encoding:
      - gzip
      Content-Type:
      - application/json; charset=utf-8
    status:
      code: 200
      message: OK
version: 1
""" % __import__("base64").b64encode(gz(b'{"email":"a@example.com","token":"$S"}')).decode()
    ruby = """---
http_interactions:
- request:
    method: get
    uri: https://frontend.wacht.example/me
    body:
      encoding: US-ASCII
      string: ''
    headers:
      Cookie:
      - __session=$S
  response:
    status:
      code: 200
      message: OK
    headers:
      Content-Type:
      - application/json
    body:
      encoding: ASCII-8BIT
      base64_string: |
        %s
    http_version: '1.1'
  recorded_at: Tue, 01 Nov 2022 10:00:00 GMT
recorded_with: VCR 6.1.0
""" % __import__("base64").b64encode(b'{"data":{"id":"u_1","session_token":"$S"}}').decode()
    devtools = dumps(har([entry(req_headers=[(":authority", "api.example.com"), ("authorization", "Bearer $S")],
                                resp_headers=[("content-encoding", "br")], body='{"status":true,"data":{"email":"ada@example.com"}}')]))
    write("FuzzImport", "har-devtools", b"\0" + devtools)
    write("FuzzImport", "har-echoed-credential", b"\0" + dumps(har([entry(req_headers=[("Authorization", "Bearer $S")],
                                                                         body='{"error_description":"token $S is expired"}')])))
    write("FuzzImport", "vcrpy-yaml", b"\1" + vcrpy.encode())
    write("FuzzImport", "vcrpy-gzip-binary", b"\1" + vcrpy_gzip.encode())
    write("FuzzImport", "vcrpy-json", b"\1" + json.dumps({"interactions": [], "version": 1}).encode())
    write("FuzzImport", "ruby-vcr-yaml", b"\2" + ruby.encode())
    write("FuzzImport", "yaml-anchors", b"\1" + b"a: &a [*a]\nb: &b {x: *b}\ninteractions: *a\n")
    write("FuzzImport", "har-deep-json-in-string", b"\0" + dumps(har([entry(body='{"a":' + deep_json_in_string(4) + "}")])))
    write("FuzzImport", "yaml-deep", b"\2" + b"[" * 600 + b"]" * 600)
    write("FuzzImport", "yaml-tags", b"\1" + b"interactions: !!python/object:foo {}\nversion: !!int 1\nx: !!binary AAAA\n")
    write("FuzzImport", "yaml-billion-laughs", b"\1" + b'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ninteractions: *f\n')


if __name__ == "__main__":
    # Rewrites its own seeds; files named found-* are minimized fuzzer finds, kept by hand.
    for target in (os.listdir(CORPUS) if os.path.isdir(CORPUS) else []):
        for name in os.listdir(os.path.join(CORPUS, target)):
            if not name.startswith("found-"):
                os.remove(os.path.join(CORPUS, target, name))
    json_seeds()
    cassette_seeds()
    redaction_seeds()
    audit_seeds()
    import_seeds()
    for target in sorted(os.listdir(CORPUS)):
        files = os.listdir(os.path.join(CORPUS, target))
        size = sum(os.path.getsize(os.path.join(CORPUS, target, f)) for f in files)
        print("%-14s %3d seeds, %6d bytes" % (target, len(files), size))
