"""Generates the shared inputs of Benchmarks/compare into OUT (gitignored):

  replay-10.har.gz, replay-1000.har.gz, replay-10000.har.gz   cassettes built from the four
        fixture cassettes' interactions, each interaction on its own URL (?n=<i>)
  validate/<provider>.jsonl   1,000 documents per provider: fixture bodies with every leaf
        perturbed where the schema still accepts it (checked with jsonschema-rs)
  synth/<provider>.inlined.json   the provider schemas with $ref inlined (hypothesis-jsonschema
        cannot follow draft 2020-12 $defs references)
  audit/gz/*.har.gz, audit/plain/*.har, audit/truth.json   1,000 small cassettes: half with
        one planted secret (fresh random values of the kinds providers.md lists, in headers,
        cookies, query, JSON bodies, base64 bodies, JSON-in-strings and percent-encoded),
        half clean but full of look-alikes (placeholders, hashes, ids). truth.json holds kinds,
        placements and line numbers, never the values.
"""
import argparse
import base64
import copy
import gzip
import json
import os
import random
import re
import secrets
import string
import sys
import urllib.parse
import uuid

import jsonschema_rs

PROVIDERS = ["atoms", "unleash", "wacht", "zitadel"]
ALNUM = string.ascii_letters + string.digits
B64URL = ALNUM + "-_"
BASE32 = string.ascii_uppercase + "234567"


def write_cassette(path, log):
    """Writes a HAR document gzip-compressed like cassette does (level 9, mtime 0)."""
    text = json.dumps({"log": log}, indent=2, ensure_ascii=False) + "\n"
    with open(path, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", compresslevel=9, fileobj=raw, mtime=0) as out:
            out.write(text.encode())
    return text


def read_fixture(root, provider):
    with gzip.open(os.path.join(root, "Cassettes", provider, "me.har.gz"), "rt") as f:
        return json.load(f)["log"]


# Planted values are fresh for every run (seeded from the OS), but drawn from one generator:
# one getrandom() call per character made generation slow on a loaded machine.
FRESH = random.Random(secrets.randbits(256))


def rand(alphabet, n):
    return "".join(FRESH.choice(alphabet) for _ in range(n))


# ---------------------------------------------------------------- replay cassettes

def replay_log(fixtures, count, rng):
    entries = []
    for i in range(count):
        provider = PROVIDERS[i % 4]
        entry = copy.deepcopy(fixtures[provider]["entries"][0])
        entry["request"]["url"] = f"https://api.example.test/v1/me?n={i}"
        entry["request"]["queryString"] = [{"name": "n", "value": str(i)}]
        text = entry["response"]["content"].get("text") or "{}"
        # A different id in each body so the cassette does not compress to nothing.
        text = re.sub(r'"(id|_id)":"[^"]*"', lambda m: f'"{m.group(1)}":"{rng.randrange(10**17, 10**18)}"', text, count=1)
        entry["response"]["content"]["text"] = text
        entry["response"]["content"]["size"] = len(text.encode())
        entries.append(entry)
    return {"version": "1.2", "creator": {"name": "cassette-bench", "version": "0.1.0"}, "entries": entries,
            "_cassette": {"formatVersion": 1, "recorder": "cassette-bench", "source": "test",
                          "redaction": {"items": []}}}


# ---------------------------------------------------------------- validation documents

DATE_TIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")


def perturb_leaf(value, rng):
    if isinstance(value, bool):
        return rng.random() < 0.5
    if isinstance(value, int):
        return rng.randrange(0, 1000)
    if isinstance(value, float):
        return round(rng.random() * 1000, 3)
    if isinstance(value, str):
        if DATE_TIME.match(value):
            return f"20{rng.randrange(10, 30)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}T" \
                   f"{rng.randrange(24):02d}:{rng.randrange(60):02d}:{rng.randrange(60):02d}.{rng.randrange(1000):03d}Z"
        if "@" in value and "://" not in value:
            return f"{''.join(rng.choice(string.ascii_lowercase) for _ in range(8))}@example.com"
        if value.isdigit():
            return str(rng.randrange(10 ** (len(value) - 1), 10 ** len(value))) if value else value
        if re.fullmatch(r"[0-9a-f]{24}", value):
            return "".join(rng.choice("0123456789abcdef") for _ in range(24))
        return "".join(rng.choice(ALNUM) for _ in range(max(1, len(value))))
    return value


def leaves(value, path=()):
    if isinstance(value, dict):
        for k, v in value.items():
            yield from leaves(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from leaves(v, path + (i,))
    else:
        yield path


def set_at(document, path, value):
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value


def get_at(document, path):
    for key in path:
        document = document[key]
    return document


def validation_documents(schema, base, count, rng):
    validator = jsonschema_rs.validator_for(schema, validate_formats=True)
    if not validator.is_valid(base):
        raise SystemExit("fixture body does not validate against its schema; cannot build documents")
    paths = list(leaves(base))
    documents = []
    for _ in range(count):
        document = copy.deepcopy(base)
        for path in paths:
            old = get_at(document, path)
            set_at(document, path, perturb_leaf(old, rng))
            if not validator.is_valid(document):
                set_at(document, path, old)
        documents.append(document)
    return documents


# ---------------------------------------------------------------- inlined schemas for hypothesis

def inline_refs(schema):
    defs = schema.get("$defs", {})

    def walk(node, depth):
        if depth > 40:
            raise SystemExit("recursive $ref; cannot inline")
        if isinstance(node, dict):
            if "$ref" in node and node["$ref"].startswith("#/$defs/"):
                target = walk(copy.deepcopy(defs[node["$ref"][len("#/$defs/"):]]), depth + 1)
                rest = {k: walk(v, depth) for k, v in node.items() if k != "$ref"}
                if rest:
                    return {"allOf": [target, rest]}
                return target
            return {k: walk(v, depth) for k, v in node.items()
                    if k not in ("$defs", "$schema", "$comment", "examples") and not k.startswith("x-")}
        if isinstance(node, list):
            return [walk(v, depth) for v in node]
        return node

    return walk(schema, 0)


# ---------------------------------------------------------------- planted secrets

def jwt(alg, claims, signature_bytes):
    def b64(data):
        return base64.urlsafe_b64encode(data).rstrip(b"=").decode()
    header = b64(json.dumps({"alg": alg, "typ": "JWT", "kid": rand(ALNUM, 12)}, separators=(",", ":")).encode())
    payload = b64(json.dumps(claims, separators=(",", ":")).encode())
    return f"{header}.{payload}.{b64(FRESH.randbytes(signature_bytes))}"


def fresh_secret(kind):
    """A fresh random value of a kind providers.md describes."""
    now = 1764644000 + FRESH.randrange(10 ** 6)
    if kind == "atoms-api-key":
        return "sk_" + rand(ALNUM, 40)
    if kind == "atoms-webcall-token":
        return f"wct_{uuid.UUID(int=FRESH.getrandbits(128), version=4)}"
    if kind == "unleash-pat-v1":
        return "user:" + FRESH.randbytes(28).hex()
    if kind == "unleash-pat-v2":
        return f"user:v2_{rand(B64URL, 22)}_{rand(B64URL, 43)}"
    if kind == "unleash-api-token":
        return "default:development." + FRESH.randbytes(28).hex()
    if kind == "unleash-admin-token":
        return "*:*." + FRESH.randbytes(28).hex()
    if kind == "unleash-session":
        return f"s%3A{rand(B64URL, 32)}.{rand(ALNUM + '+/', 43)}"
    if kind == "unleash-invite-link":
        return f"https://unleash.example.com/new-user?token={FRESH.randbytes(32).hex()}"
    if kind == "wacht-session-jwt":
        return jwt("ES256", {"iss": "https://app.example.wacht.dev", "exp": now + 86400, "iat": now, "nbf": now,
                             "sess": FRESH.randrange(10 ** 18), "rotating_token": str(FRESH.randrange(10 ** 18))}, 64)
    if kind == "wacht-otp-url":
        return ("otpauth://totp/Wacht:ada@example.com?algorithm=SHA1&digits=6&issuer=Wacht&period=30&secret="
                + rand(BASE32, 32))
    if kind == "wacht-totp-secret":
        return rand(BASE32, 32)
    if kind == "wacht-backup-codes":
        return [f"{rand(ALNUM, 4)}-{rand(ALNUM, 4)}" for _ in range(12)]
    if kind == "zitadel-opaque-token":
        return rand(B64URL, 86)
    if kind == "zitadel-jwt":
        return jwt("RS256", {"iss": "https://example.zitadel.cloud", "sub": str(FRESH.randrange(10 ** 18)),
                             "aud": ["zitadel"], "exp": now + 43200, "iat": now}, 256)
    if kind == "password":
        return rand(ALNUM + "!#$%&*+-=?@^_~", 18)
    raise ValueError(kind)


# (kind, placement): one per planted cassette, round robin.
CASES = [
    ("atoms-api-key", "header"), ("atoms-api-key", "query"), ("atoms-webcall-token", "query"),
    ("unleash-pat-v1", "header"), ("unleash-pat-v2", "header"), ("unleash-api-token", "header"),
    ("unleash-admin-token", "percent-encoded"), ("unleash-api-token", "json-body"),
    ("unleash-session", "cookie"), ("unleash-session", "set-cookie"), ("unleash-invite-link", "json-body"),
    ("wacht-session-jwt", "cookie"), ("wacht-session-jwt", "query"), ("wacht-session-jwt", "header"),
    ("wacht-otp-url", "json-body"), ("wacht-otp-url", "base64-body"), ("wacht-otp-url", "percent-encoded"),
    ("wacht-totp-secret", "json-body"), ("wacht-backup-codes", "json-body"),
    ("zitadel-opaque-token", "header"), ("zitadel-jwt", "header"), ("zitadel-jwt", "json-in-string"),
    ("password", "json-body"), ("password", "percent-encoded"), ("atoms-api-key", "base64-body"),
    ("unleash-pat-v2", "json-in-string"),
]

PROVIDER_OF = {"atoms": "atoms", "unleash": "unleash", "wacht": "wacht", "zitadel": "zitadel", "password": "wacht"}


def provider_of(kind):
    return PROVIDER_OF[kind.split("-")[0]]


def add_lookalikes(entry, rng):
    """Values a naive scanner mistakes for secrets: request ids, ETags, gravatar hashes."""
    entry["request"]["headers"].append({"name": "X-Request-Id", "value": str(uuid.UUID(int=rng.getrandbits(128)))})
    entry["response"]["headers"].append({"name": "ETag", "value": 'W/"%064x"' % rng.getrandbits(256)})
    entry["response"]["headers"].append({"name": "X-Trace", "value": "%032x" % rng.getrandbits(128)})


def set_body(entry, document):
    text = json.dumps(document, separators=(",", ":"))
    entry["response"]["content"]["text"] = text
    entry["response"]["content"]["size"] = len(text.encode())
    entry["response"]["bodySize"] = len(text.encode())
    entry["response"]["headers"] = [h for h in entry["response"]["headers"] if h["name"] != "Content-Length"]
    entry["response"]["headers"].append({"name": "Content-Length", "value": str(len(text.encode()))})


def plant(entry, kind, placement, secret):
    """Puts one secret into an interaction; returns the strings that show it in the HAR text."""
    request, response = entry["request"], entry["response"]
    body = json.loads(response["content"].get("text") or "{}")
    if placement == "header":
        if kind == "wacht-session-jwt":
            response["headers"].append({"name": "X-Development-Session", "value": secret})
        else:
            request["headers"] = [h for h in request["headers"] if h["name"].lower() not in ("authorization", "cookie")]
            request["cookies"] = []
            value = secret if kind.startswith("unleash-pat-v1") or kind == "unleash-api-token" else f"Bearer {secret}"
            request["headers"].append({"name": "Authorization", "value": value})
        return [secret]
    if placement == "query":
        name = "__dev_session__" if kind == "wacht-session-jwt" else "token"
        request["url"] += ("&" if "?" in request["url"] else "?") + f"{name}={secret}"
        request["queryString"].append({"name": name, "value": secret})
        return [secret]
    if placement == "percent-encoded":
        encoded = urllib.parse.quote(secret, safe="")
        if kind == "password":
            form = f"username=ada&password={encoded}"
            request["method"] = "POST"
            request["postData"] = {"mimeType": "application/x-www-form-urlencoded", "text": form}
            request["bodySize"] = len(form)
        else:
            name = "token" if kind.startswith("unleash") else "otp"
            request["url"] += ("&" if "?" in request["url"] else "?") + f"{name}={encoded}"
            request["queryString"].append({"name": name, "value": secret})
            return [encoded, secret]
        return [encoded]
    if placement == "cookie":
        name = "unleash-session" if kind == "unleash-session" else "__session"
        request["headers"] = [h for h in request["headers"] if h["name"].lower() != "cookie"]
        request["headers"].append({"name": "Cookie", "value": f"{name}={secret}"})
        request["cookies"] = [{"name": name, "value": secret}]
        return [secret]
    if placement == "set-cookie":
        response["headers"].append({"name": "Set-Cookie", "value": f"unleash-session={secret}; Path=/; HttpOnly"})
        response["cookies"].append({"name": "unleash-session", "value": secret, "path": "/", "httpOnly": True})
        return [secret]
    if placement == "json-body":
        if kind == "password":
            text = json.dumps({"username": "ada", "password": secret})
            request["method"] = "POST"
            request["postData"] = {"mimeType": "application/json", "text": text}
            request["bodySize"] = len(text)
            return [secret]
        if kind == "unleash-api-token":
            body.setdefault("user", {})["secret"] = secret
        elif kind == "unleash-invite-link":
            body.setdefault("user", {})["inviteLink"] = secret
        elif kind == "wacht-otp-url":
            data = body.setdefault("data", {})
            data["user_authenticator"] = {"id": "7205123456789012347", "created_at": "2024-01-02T03:04:05Z", "otp_url": secret}
        elif kind == "wacht-totp-secret":
            body = {"data": {"id": "7205123456789012347", "totp_secret": secret, "otp_url": None}}
        elif kind == "wacht-backup-codes":
            body = {"data": {"backup_codes": secret}}
        set_body(entry, body)
        return secret if isinstance(secret, list) else [secret]
    if placement == "base64-body":
        field = "apiKey" if kind == "atoms-api-key" else "otp_url"
        body.setdefault("data", {})[field] = secret
        raw = json.dumps(body, separators=(",", ":")).encode()
        response["content"] = {"size": len(raw), "mimeType": "application/octet-stream",
                               "text": base64.b64encode(raw).decode(), "encoding": "base64"}
        return [response["content"]["text"]]
    if placement == "json-in-string":
        inner = json.dumps({"token": secret, "kind": "access"}, separators=(",", ":"))
        body["metadata"] = inner
        set_body(entry, body)
        return [secret]
    raise ValueError(placement)


def audit_corpus(out, fixtures, count, rng):
    gz_dir, plain_dir = os.path.join(out, "audit", "gz"), os.path.join(out, "audit", "plain")
    os.makedirs(gz_dir, exist_ok=True)
    os.makedirs(plain_dir, exist_ok=True)
    truth = {"files": {}}
    for i in range(count):
        planted = i % 2 == 0
        case = CASES[(i // 2) % len(CASES)] if planted else None
        provider = provider_of(case[0]) if planted else PROVIDERS[i % 4]
        entries = []
        for n in range(1 + (i % 3 == 0)):
            entry = copy.deepcopy(fixtures[provider]["entries"][0])
            entry["request"]["url"] += ("&" if "?" in entry["request"]["url"] else "?") + f"page={n}"
            entry["request"]["queryString"].append({"name": "page", "value": str(n)})
            add_lookalikes(entry, rng)
            entries.append(entry)
        needles = plant(entries[-1], case[0], case[1], fresh_secret(case[0])) if planted else []
        log = copy.deepcopy(fixtures[provider])
        log["entries"] = entries
        name = f"c{i:04d}"
        text = write_cassette(os.path.join(gz_dir, name + ".har.gz"), log)
        with open(os.path.join(plain_dir, name + ".har"), "w") as f:
            f.write(text)
        lines = sorted({n + 1 for n, line in enumerate(text.split("\n")) for needle in needles if needle in line})
        if planted and not lines:
            raise SystemExit(f"{name}: planted value not found in the text (generator bug)")
        truth["files"][name] = {"planted": planted, "kind": case[0] if planted else None,
                                "placement": case[1] if planted else None, "lines": lines}
    with open(os.path.join(out, "audit", "truth.json"), "w") as f:
        json.dump(truth, f, indent=1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True, help="the repository root (fixtures and schemas)")
    parser.add_argument("--out", required=True)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--audit-cassettes", type=int, default=1000)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.out, exist_ok=True)
    fixtures = {p: read_fixture(args.root, p) for p in PROVIDERS}

    for count in (10, 1000, 10000):
        write_cassette(os.path.join(args.out, f"replay-{count}.har.gz"), replay_log(fixtures, count, rng))

    os.makedirs(os.path.join(args.out, "validate"), exist_ok=True)
    os.makedirs(os.path.join(args.out, "synth"), exist_ok=True)
    schema_dir = os.path.join(args.root, "Sources", "CassetteProviders", "Resources", "providers")
    for provider in PROVIDERS:
        with open(os.path.join(schema_dir, f"{provider}.me.schema.json")) as f:
            schema = json.load(f)
        base = json.loads(fixtures[provider]["entries"][0]["response"]["content"]["text"])
        with open(os.path.join(args.out, "validate", f"{provider}.jsonl"), "w") as f:
            for document in validation_documents(schema, base, args.documents, rng):
                f.write(json.dumps(document, separators=(",", ":"), ensure_ascii=False) + "\n")
        with open(os.path.join(args.out, "synth", f"{provider}.inlined.json"), "w") as f:
            json.dump(inline_refs(schema), f, indent=1)

    audit_corpus(args.out, fixtures, args.audit_cassettes, rng)


if __name__ == "__main__":
    sys.exit(main())
