#!/usr/bin/env python3
"""Writes cc-news-sample.warc.gz: a small WARC shaped like Common Crawl's (CC-NEWS) files.

WARC/1.0, one gzip member per record, CC's field names (WARC-Payload-Digest,
WARC-Identified-Payload-Type, WARC-Warcinfo-ID, X-Crawler-* HTTP headers for the codings the
crawler removed). Made up content; deterministic output. Run from this directory:
    python3 make_cc_fixture.py
"""
import base64
import gzip
import hashlib
import uuid

DATE = "2025-11-07T12:28:00Z"
NS = uuid.UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")


def rid(name):
    return "<urn:uuid:%s>" % uuid.uuid5(NS, name)


def digest(data):
    return "sha1:" + base64.b32encode(hashlib.sha1(data).digest()).decode()


def record(wtype, name, block, fields, content_type):
    head = ["WARC/1.0", "WARC-Type: " + wtype, "WARC-Date: " + DATE,
            "WARC-Record-ID: " + rid(name)]
    head += ["%s: %s" % f for f in fields]
    head += ["WARC-Block-Digest: " + digest(block), "Content-Type: " + content_type,
             "Content-Length: %d" % len(block)]
    data = ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"
    return gzip.compress(data, mtime=0)


def http(status, headers, body):
    head = "HTTP/1.1 %s\r\n" % status + "".join("%s: %s\r\n" % h for h in headers) + "\r\n"
    return head.encode("latin-1") + body


def exchange(name, uri, status, headers, body, payload_type, payload=None):
    host, path = uri.split("/", 3)[2], "/" + uri.split("/", 3)[3]
    req = ("GET %s HTTP/1.1\r\nUser-Agent: CCBot/2.0 (https://commoncrawl.org/faq/)\r\n"
           "Accept: text/html\r\nHost: %s\r\n\r\n" % (path, host)).encode()
    info = ("WARC-Warcinfo-ID", rid("warcinfo"))
    out = record("request", name + "-request", req,
                 [info, ("WARC-IP-Address", "192.0.2.7"), ("WARC-Target-URI", uri)],
                 "application/http; msgtype=request")
    block = http(status, headers, body)
    fields = [info, ("WARC-IP-Address", "192.0.2.7"), ("WARC-Target-URI", uri),
              ("WARC-Concurrent-To", rid(name + "-request")),
              ("WARC-Payload-Digest", digest(payload if payload is not None else body))]
    if payload_type:
        fields.append(("WARC-Identified-Payload-Type", payload_type))
    out += record("response", name, block, fields, "application/http; msgtype=response")
    return out


def main():
    info = ("software: StormCrawler 2.10 https://stormcrawler.net/\r\n"
            "format: WARC File Format 1.0\r\n"
            "conformsTo: https://iipc.github.io/warc-specifications/specifications/"
            "warc-format/warc-1.0/\r\n"
            "description: News crawl for Common Crawl (test fixture, made up)\r\n").encode()
    out = record("warcinfo", "warcinfo", info,
                 [("WARC-Filename", "CC-NEWS-20251107122800-00001.warc.gz")],
                 "application/warc-fields")

    # 1. An article in windows-1252 that the crawler un-gzipped (X-Crawler-* headers).
    page = ("<!DOCTYPE html><html><head><title>Storm hits the coast</title></head><body>"
            "<article><h1>Storm hits the coast</h1><p>The caf\u00e9 on the pier closed early "
            "as the storm reached the coast on Friday.</p></article></body></html>"
            ).encode("cp1252")
    out += exchange("storm", "https://news.example.com/2025/11/07/storm.html", "200 OK",
                    [("Date", "Fri, 07 Nov 2025 12:28:00 GMT"),
                     ("Content-Type", "text/html; charset=windows-1252"),
                     ("X-Crawler-Content-Encoding", "gzip"),
                     ("X-Crawler-Content-Length", "211"),
                     ("Content-Length", str(len(page)))],
                    page, "text/html")
    meta = b"fetchTimeMs: 120\r\ncharset-detected: windows-1252\r\n"
    out += record("metadata", "storm-metadata", meta,
                  [("WARC-Warcinfo-ID", rid("warcinfo")),
                   ("WARC-Target-URI", "https://news.example.com/2025/11/07/storm.html"),
                   ("WARC-Concurrent-To", rid("storm"))],
                  "application/warc-fields")

    # 2. A redirect, an image and robots.txt: not pages.
    out += exchange("redirect", "https://news.example.com/latest", "301 Moved Permanently",
                    [("Location", "https://news.example.com/2025/11/07/storm.html"),
                     ("Content-Length", "0")], b"", None)
    jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
    out += exchange("image", "https://news.example.com/storm.jpg", "200 OK",
                    [("Content-Type", "image/jpeg"), ("Content-Length", str(len(jpeg)))],
                    jpeg, "image/jpeg")
    robots = b"User-agent: *\nDisallow: /private/\n"
    out += exchange("robots", "https://news.example.com/robots.txt", "200 OK",
                    [("Content-Type", "text/plain"), ("Content-Length", str(len(robots)))],
                    robots, "text/plain")

    # 3. An article still gzip-encoded in the archive (as wget keeps it), UTF-8.
    second = ("<html><head><meta charset=\"utf-8\"><title>Bridge reopens</title></head><body>"
              "<p>The old bridge reopened on Thursday after two years of repairs \u2014 "
              "traffic was light.</p></body></html>").encode()
    encoded = gzip.compress(second, mtime=0)
    out += exchange("bridge", "https://other.example.org/news/bridge", "200 OK",
                    [("Content-Type", "text/html"), ("Content-Encoding", "gzip"),
                     ("Content-Length", str(len(encoded)))],
                    encoded, "text/html", payload=second)

    # 4. A revisit of the first article: skipped.
    out += record("revisit", "storm-revisit",
                  b"HTTP/1.1 304 Not Modified\r\n\r\n",
                  [("WARC-Target-URI", "https://news.example.com/2025/11/07/storm.html"),
                   ("WARC-Refers-To", rid("storm")),
                   ("WARC-Profile", "http://netpreserve.org/warc/1.0/revisit/"
                                    "identical-payload-digest")],
                  "application/http; msgtype=response")

    with open("cc-news-sample.warc.gz", "wb") as f:
        f.write(out)


if __name__ == "__main__":
    main()
