"""Loaded by the subprocesses of the collect tests (this folder first on PYTHONPATH): no connection or
name lookup may leave loopback. Each refused attempt is appended to the file $KG_TEST_NET_LOG."""

import ipaddress
import os
import socket

_LOG = os.environ.get("KG_TEST_NET_LOG")


def _loopback(host: str) -> bool:
    if host in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]").split("%")[0]).is_loopback
    except ValueError:
        return False


def _refuse(what: str) -> None:
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as f:
            f.write(what + "\n")


if _LOG:
    _connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def _check(sock, address):
        if sock.family in (socket.AF_INET, socket.AF_INET6) and not _loopback(str(address[0])):
            _refuse(f"connect {address[0]}:{address[1]}")
            raise OSError(f"test guard: connection to {address[0]} refused (only loopback is allowed)")

    def connect(self, address):
        _check(self, address)
        return _connect(self, address)

    def connect_ex(self, address):
        _check(self, address)
        return _connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if host is not None and not _loopback(host.decode() if isinstance(host, bytes) else str(host)):
            _refuse(f"lookup {host}")
            raise socket.gaierror(socket.EAI_NONAME, f"test guard: lookup of {host} refused")
        return _getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.getaddrinfo = getaddrinfo
