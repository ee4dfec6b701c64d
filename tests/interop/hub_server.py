#!/usr/bin/env python3
"""A stand-in for the Hugging Face Hub on loopback, for tests/core/tst_hub.

    hub_server.py ROOT

ROOT/ORG/NAME/FILE are the repos' files. Two servers, both on loopback:
the Hub on 127.0.0.1 and its "CDN" on 127.0.0.2 (another host, so a client
must drop its token on the redirect). Prints "PORTS HUB CDN" once both listen,
then serves until its standard input closes (the test's QProcess ends).

The Hub answers HEAD and GET /ORG/NAME/resolve/REVISION/FILE as the Hub does:
X-Repo-Commit; a *.safetensors file (LFS) as a 302 to the CDN with
X-Linked-Etag (its sha256) and X-Linked-Size; any other file as a 200 with
ETag (its git blob sha1) and Content-Length; 404 with X-Error-Code
RepoNotFound, RevisionNotFound or EntryNotFound; 401 when a token is required
and missing. REVISION is "main" or the repo's commit (sha1 of its name).

GET /_control?key=value sets how the next answers misbehave:
  drop=N         the CDN closes the connection halfway through the next N bodies
  stall=N        the CDN stops sending halfway (for 5 s) in the next N bodies
  corrupt=1      the CDN serves the bytes with one flipped
  ignore_range=1 the CDN answers a Range request with the whole file (200)
  token=SECRET   the Hub answers 401 unless "Authorization: Bearer SECRET"
  reset=1        all of the above off, the counters zeroed
GET /_stats answers the counters as JSON: hub_heads, hub_gets, cdn_gets,
cdn_ranges (each Range header), cdn_auth (requests to the CDN that carried
an Authorization header).
"""
import hashlib
import http.server
import json
import os
import sys
import threading
import time
import urllib.parse

ROOT = sys.argv[1]
STATE = {}
LOCK = threading.Lock()


def reset():
    with LOCK:
        STATE.clear()
        STATE.update(drop=0, stall=0, corrupt=0, ignore_range=0, token="", hub_heads=0, hub_gets=0, cdn_gets=0,
                     cdn_ranges=[], cdn_auth=0)


def commit_of(repo):
    return hashlib.sha1(repo.encode()).hexdigest()


def sha256_of(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def git_sha1_of(path):
    with open(path, "rb") as f:
        data = f.read()
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


class Quiet(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def answer(self, status, headers=None, body=b""):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class Hub(Quiet):
    cdn_port = 0

    def do_HEAD(self):
        self.resolve()

    def do_GET(self):
        url = urllib.parse.urlparse(self.path)
        if url.path == "/_control":
            with LOCK:
                for k, v in urllib.parse.parse_qsl(url.query):
                    if k == "reset":
                        pass
                    elif k == "token":
                        STATE[k] = v
                    else:
                        STATE[k] = int(v)
            if "reset=1" in url.query:
                reset()
            return self.answer(200, body=b"ok")
        if url.path == "/_stats":
            with LOCK:
                return self.answer(200, {"Content-Type": "application/json"}, json.dumps(STATE).encode())
        self.resolve()

    def resolve(self):
        with LOCK:
            STATE["hub_heads" if self.command == "HEAD" else "hub_gets"] += 1
            token = STATE["token"]
        parts = urllib.parse.unquote(urllib.parse.urlparse(self.path).path).strip("/").split("/")
        if len(parts) < 5 or parts[2] != "resolve":
            return self.answer(404, {"X-Error-Code": "EntryNotFound"})
        if token and self.headers.get("Authorization") != "Bearer " + token:
            return self.answer(401, {"X-Error-Code": "GatedRepo"})
        repo, revision, name = parts[0] + "/" + parts[1], parts[3], "/".join(parts[4:])
        folder = os.path.join(ROOT, parts[0], parts[1])
        if not os.path.isdir(folder):
            return self.answer(404, {"X-Error-Code": "RepoNotFound"})
        commit = commit_of(repo)
        if revision not in ("main", commit):
            return self.answer(404, {"X-Error-Code": "RevisionNotFound"})
        path = os.path.join(folder, name)
        if not os.path.isfile(path):
            return self.answer(404, {"X-Error-Code": "EntryNotFound", "X-Repo-Commit": commit})
        size = os.path.getsize(path)
        if name.endswith(".safetensors"):
            sha = sha256_of(path)
            location = "http://127.0.0.2:%d/cdn/%s/%s?sig=1" % (self.cdn_port, repo, name)
            return self.answer(302, {"X-Repo-Commit": commit, "X-Linked-Etag": '"%s"' % sha,
                                     "X-Linked-Size": str(size), "ETag": '"pointer-etag"', "Location": location})
        headers = {"X-Repo-Commit": commit, "ETag": '"%s"' % git_sha1_of(path)}
        self.send_response(200)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(size))
        self.end_headers()
        if self.command != "HEAD":
            with open(path, "rb") as f:
                self.wfile.write(f.read())


class Cdn(Quiet):
    def do_GET(self):
        with LOCK:
            STATE["cdn_gets"] += 1
            if self.headers.get("Authorization"):
                STATE["cdn_auth"] += 1
            if self.headers.get("Range"):
                STATE["cdn_ranges"].append(self.headers.get("Range"))
            drop, stall = STATE["drop"] > 0, STATE["stall"] > 0
            STATE["drop"] -= 1 if drop else 0
            STATE["stall"] -= 1 if stall else 0
            corrupt, ignore_range = STATE["corrupt"], STATE["ignore_range"]
        rel = urllib.parse.unquote(urllib.parse.urlparse(self.path).path)[len("/cdn/"):]
        path = os.path.join(ROOT, rel)
        with open(path, "rb") as f:
            data = bytearray(f.read())
        if corrupt:
            data[len(data) // 2] ^= 0xFF
        start = 0
        rng = self.headers.get("Range")
        if rng and not ignore_range and rng.startswith("bytes=") and rng.endswith("-"):
            start = int(rng[len("bytes="):-1])
        body = bytes(data[start:])
        self.send_response(206 if start else 200)
        if start:
            self.send_header("Content-Range", "bytes %d-%d/%d" % (start, len(data) - 1, len(data)))
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Connection", "close")
        self.end_headers()
        if drop or stall:
            self.wfile.write(body[: len(body) // 2])
            self.wfile.flush()
            if stall:
                time.sleep(5)
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.wfile.write(body)


def main():
    reset()
    cdn = http.server.ThreadingHTTPServer(("127.0.0.2", 0), Cdn)
    Hub.cdn_port = cdn.server_address[1]
    hub = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hub)
    for server in (hub, cdn):
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    stop = threading.Timer(900, lambda: os._exit(0))  # bounded: it stops by itself
    stop.daemon = True
    stop.start()
    print("PORTS %d %d" % (hub.server_address[1], cdn.server_address[1]), flush=True)
    sys.stdin.read()  # until the test closes it or ends


if __name__ == "__main__":
    main()
