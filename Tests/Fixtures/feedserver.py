#!/usr/bin/env python3
"""A feed server for Tidings' tests, on 127.0.0.1 only, with a route for each fault a fetch must survive.

Started by the tests: it prints its port on the first line of standard output, then serves until it is
stopped. /stats tells what it saw (requests per path, the headers of the last one, the most transfers
at once). Every route is described where it is handled.
"""
import gzip
import http.server
import json
import sys
import threading
import time
import urllib.parse

LOCK = threading.Lock()
STATS = {"requests": {}, "last_headers": {}, "active": 0, "max_active": 0}
HITS = {}  # path -> number of 200s served, for the feed that changes

ITEM = """<item><title>{title}</title><link>http://127.0.0.1:{port}/story/{key}</link><guid>{key}</guid>
<pubDate>{date}</pubDate><description>{body}</description></item>"""


def rss(port, title, items):
    body = "".join(ITEM.format(port=port, title=t, key=k, date=d, body=b) for (k, t, d, b) in items)
    return ("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>%s</title><link>http://127.0.0.1:%d/</link>%s"
            "</channel></rss>" % (title, port, body)).encode()


def numbered(port, name, count):
    """A feed called NAME with COUNT items, newest first, one hour apart."""
    items = [("%s-%d" % (name, n), "%s story %d" % (name, n), time.strftime("%a, %d %b %Y %H:%M:%S +0000",
             time.gmtime(1_780_000_000 - n * 3600)), "Body of %s story %d." % (name, n)) for n in range(count)]
    return rss(port, name, items)


CHANGING = [
    [("a", "Story A", "Mon, 01 Jun 2026 10:00:00 +0000", "First version of A."),
     ("b", "Story B", "Mon, 01 Jun 2026 09:00:00 +0000", "B, soon gone from the feed."),
     ("c", "Story C", "Mon, 01 Jun 2026 08:00:00 +0000", "C stays as it is.")],
    [("d", "Story D", "Tue, 02 Jun 2026 10:00:00 +0000", "D is new."),
     ("a", "Story A, corrected", "Mon, 01 Jun 2026 10:00:00 +0000", "Second version of A."),
     ("c", "Story C", "Mon, 01 Jun 2026 08:00:00 +0000", "C stays as it is.")],
]

BOMB = None


def bomb():
    global BOMB
    with LOCK:
        if BOMB is None:
            BOMB = gzip.compress(b"\0" * (80 * 1024 * 1024), compresslevel=9)
        return BOMB


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body go out in separate writes: without this, Nagle's algorithm and the client's delayed
    # ACK hold every response on a kept-alive connection for about 40 ms.
    disable_nagle_algorithm = True

    def log_message(self, *args):
        pass

    def send(self, status, body=b"", headers=None):
        self.send_response(status)
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body and self.command != "HEAD":
            self.wfile.write(body)

    def do_GET(self):
        path = urllib.parse.urlparse(self.path).path
        with LOCK:
            STATS["requests"][path] = STATS["requests"].get(path, 0) + 1
            STATS["last_headers"][path] = {k.lower(): v for k, v in self.headers.items()}
            STATS["active"] += 1
            STATS["max_active"] = max(STATS["max_active"], STATS["active"])
        try:
            self.route(path)
        finally:
            with LOCK:
                STATS["active"] -= 1

    def route(self, path):
        port = self.server.server_address[1]
        parts = path.strip("/").split("/")
        if path == "/stats":
            with LOCK:
                return self.send(200, json.dumps(STATS).encode(), {"Content-Type": "application/json"})
        if parts[0] == "feed":  # /feed/NAME/COUNT: a feed with an ETag and a Last-Modified; 304 when they match
            name, count = parts[1], int(parts[2]) if len(parts) > 2 else 3
            etag, modified = '"%s-%d-v1"' % (name, count), "Mon, 01 Jun 2026 12:00:00 GMT"
            if self.headers.get("If-None-Match") == etag or self.headers.get("If-Modified-Since") == modified:
                return self.send(304, b"", {"ETag": etag})
            return self.send(200, numbered(port, name, count), {"Content-Type": "application/rss+xml", "ETag": etag,
                                                                 "Last-Modified": modified})
        if parts[0] == "slowfeed":  # /slowfeed/NAME/SECONDS: a feed that takes its time
            time.sleep(float(parts[2]))
            return self.send(200, numbered(port, parts[1], 3), {"Content-Type": "application/rss+xml"})
        if parts[0] == "gzip":  # gzip on the wire when asked for
            body = numbered(port, "zipped", 5)
            if "gzip" in self.headers.get("Accept-Encoding", ""):
                return self.send(200, gzip.compress(body), {"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"})
            return self.send(200, body)
        if parts[0] == "redirect":  # /redirect/N: N hops of 301 to the feed
            hops = int(parts[1])
            if hops == 0:
                return self.send(200, numbered(port, "redirected", 2))
            return self.send(301, b"", {"Location": "/redirect/%d" % (hops - 1)})
        if parts[0] == "loop":
            return self.send(302, b"", {"Location": "/loop"})
        if parts[0] == "to-file":
            return self.send(302, b"", {"Location": "file:///etc/passwd"})
        if parts[0] == "status":
            return self.send(int(parts[1]), b"<html><body>nope</body></html>", {"Content-Type": "text/html"})
        if parts[0] == "slow":  # /slow/SECONDS: headers at once, the body never in time
            self.send_response(200)
            self.send_header("Content-Length", "100000")
            self.end_headers()
            self.wfile.write(b"<rss>")
            self.wfile.flush()
            time.sleep(float(parts[1]))
            return
        if parts[0] == "huge":  # /huge/MIB: a well-formed but enormous body
            size = int(parts[1]) * 1024 * 1024
            return self.send(200, b"<rss><channel><title>Huge</title>" + b" " * size + b"</channel></rss>")
        if parts[0] == "bomb":  # 80 MiB of zeros, gzipped to about 80 KB
            return self.send(200, bomb(), {"Content-Encoding": "gzip", "Content-Type": "application/rss+xml"})
        if parts[0] == "html":
            return self.send(200, b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Welcome</p></body></html>",
                             {"Content-Type": "text/html"})
        if parts[0] == "changing":  # the first 200 serves one version, every later one the next
            with LOCK:
                version = min(HITS.get(path, 0), 1)
                HITS[path] = HITS.get(path, 0) + 1
            return self.send(200, rss(port, "Changing", CHANGING[version]), {"ETag": '"changing-%d"' % version})
        return self.send(404, b"no such route")


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64


def main():
    server = Server(("127.0.0.1", 0), Handler)
    print(server.server_address[1], flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
