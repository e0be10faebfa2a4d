#!/usr/bin/env python3
"""Minimal, dependency-free CQL client (native protocol v4) for readiness checks and smoke tests.

Not a driver: no auth, no paging, no prepared statements, no compression. Enough to
  * prove a node really speaks CQL (``ping``: STARTUP -> READY), and
  * run a simple statement and print the rows (``query``).

Usage:
  cql.py ping  [--host 127.0.0.1] [--port 9042] [--timeout 2]
  cql.py query [--host ...] [--port ...] [--consistency ONE] "CQL statement"
Exit codes: 0 ok, 1 CQL error returned by the server, 2 connection/protocol failure.
"""
import argparse
import socket
import struct
import sys
import uuid

VERSION = 0x04
OP_ERROR, OP_STARTUP, OP_READY, OP_AUTHENTICATE, OP_QUERY, OP_RESULT = 0x00, 0x01, 0x02, 0x03, 0x07, 0x08
CONSISTENCY = {"ANY": 0, "ONE": 1, "TWO": 2, "THREE": 3, "QUORUM": 4, "ALL": 5,
               "LOCAL_QUORUM": 6, "EACH_QUORUM": 7, "LOCAL_ONE": 10}


class ProtocolError(Exception):
    pass


class CqlError(Exception):
    pass


class Reader:
    def __init__(self, data):
        self.d, self.i = data, 0

    def take(self, n):
        if self.i + n > len(self.d):
            raise ProtocolError("truncated frame body")
        b = self.d[self.i:self.i + n]
        self.i += n
        return b

    def int(self):
        return struct.unpack(">i", self.take(4))[0]

    def short(self):
        return struct.unpack(">H", self.take(2))[0]

    def string(self):
        return self.take(self.short()).decode("utf-8")

    def bytes(self):
        n = self.int()
        return None if n < 0 else self.take(n)

    def option(self):
        tid = self.short()
        if tid == 0x0000:
            return ("custom", self.string())
        if tid in (0x0020, 0x0022):
            return (tid, self.option())
        if tid == 0x0021:
            return (tid, self.option(), self.option())
        if tid == 0x0030:
            self.string(); self.string()
            n = self.short()
            fields = [(self.string(), self.option()) for _ in range(n)]
            return (tid, fields)
        if tid == 0x0031:
            n = self.short()
            return (tid, [self.option() for _ in range(n)])
        return (tid,)


def decode(opt, b):
    if b is None:
        return "null"
    t = opt[0]
    if t in (0x0001, 0x000D):
        return b.decode("utf-8", "replace")
    if t in (0x0002, 0x0005):  # bigint, counter
        return str(struct.unpack(">q", b)[0])
    if t == 0x0009:
        return str(struct.unpack(">i", b)[0])
    if t == 0x0004:
        return "true" if b != b"\x00" else "false"
    if t in (0x000C, 0x000F):
        return str(uuid.UUID(bytes=b))
    if t == 0x0010 and len(b) in (4, 16):
        return socket.inet_ntop(socket.AF_INET if len(b) == 4 else socket.AF_INET6, b)
    if t in (0x0020, 0x0022):
        r = Reader(b)
        return "[" + ", ".join(decode(opt[1], r.bytes()) for _ in range(r.int())) + "]"
    return "0x" + b.hex()


class Conn:
    def __init__(self, host, port, timeout):
        try:
            self.s = socket.create_connection((host, port), timeout=timeout)
        except OSError as e:
            raise ProtocolError("cannot connect to %s:%d: %s" % (host, port, e))
        self.s.settimeout(timeout)
        self.stream = 0

    def close(self):
        self.s.close()

    def _recv(self, n):
        buf = b""
        while len(buf) < n:
            chunk = self.s.recv(n - len(buf))
            if not chunk:
                raise ProtocolError("connection closed by server")
            buf += chunk
        return buf

    def request(self, opcode, body):
        self.stream = (self.stream + 1) % 32768
        self.s.sendall(struct.pack(">BBhBi", VERSION, 0, self.stream, opcode, len(body)) + body)
        while True:
            ver, _flags, stream, op, length = struct.unpack(">BBhBi", self._recv(9))
            body = self._recv(length)
            if ver & 0x7F != VERSION:
                raise ProtocolError("unexpected protocol version 0x%02x in response" % ver)
            if stream == self.stream:
                break  # ignore events / other streams
        if op == OP_ERROR:
            r = Reader(body)
            code = r.int()
            raise CqlError("server error 0x%04x: %s" % (code, r.string()))
        return op, body

    def startup(self):
        kv = b"CQL_VERSION"
        v = b"3.0.0"
        body = struct.pack(">H", 1) + struct.pack(">H", len(kv)) + kv + struct.pack(">H", len(v)) + v
        op, _ = self.request(OP_STARTUP, body)
        if op == OP_AUTHENTICATE:
            raise ProtocolError("server requires authentication (not supported by cql.py)")
        if op != OP_READY:
            raise ProtocolError("expected READY, got opcode 0x%02x" % op)

    def query(self, cql, consistency):
        q = cql.encode("utf-8")
        body = struct.pack(">i", len(q)) + q + struct.pack(">HB", consistency, 0)
        op, body = self.request(OP_QUERY, body)
        if op != OP_RESULT:
            raise ProtocolError("expected RESULT, got opcode 0x%02x" % op)
        r = Reader(body)
        kind = r.int()
        if kind == 0x0002:
            flags, ncols = r.int(), r.int()
            if flags & 0x0002:
                r.bytes()
            global_spec = flags & 0x0001
            if global_spec:
                r.string(); r.string()
            cols = []
            if not flags & 0x0004:
                for _ in range(ncols):
                    if not global_spec:
                        r.string(); r.string()
                    cols.append((r.string(), r.option()))
            rows = []
            for _ in range(r.int()):
                rows.append([decode(cols[c][1] if cols else (0,), r.bytes()) for c in range(ncols)])
            return [c[0] for c in cols], rows
        if kind == 0x0003:
            return None, [["keyspace set: " + r.string()]]
        if kind == 0x0005:
            return None, [["schema change: %s %s" % (r.string(), r.string())]]
        return None, []


def main():
    p = argparse.ArgumentParser(description="minimal CQL (protocol v4) client")
    p.add_argument("cmd", choices=["ping", "query"])
    p.add_argument("statement", nargs="?")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=9042)
    p.add_argument("--timeout", type=float, default=10.0)
    p.add_argument("--consistency", default="ONE", choices=sorted(CONSISTENCY))
    a = p.parse_intermixed_args()
    try:
        c = Conn(a.host, a.port, a.timeout)
        try:
            c.startup()
            if a.cmd == "ping":
                print("CQL ready on %s:%d" % (a.host, a.port))
                return 0
            if not a.statement:
                p.error("query needs a CQL statement")
            cols, rows = c.query(a.statement, CONSISTENCY[a.consistency])
            if cols:
                print("\t".join(cols))
            for row in rows:
                print("\t".join(row))
            return 0
        finally:
            c.close()
    except CqlError as e:
        print("cql.py: %s" % e, file=sys.stderr)
        return 1
    except (ProtocolError, OSError, struct.error) as e:
        print("cql.py: %s" % e, file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
