"""Checks before `c2c serve` listens: who can reach it, and configuration mistakes.

Every problem is a `UsageError` (one line from the CLI, exit status 2), found before the model
loads. Pure functions of their arguments (and the environment passed in), so they are tested
without starting a server.
"""
from __future__ import annotations

import ipaddress
import os
import socket
from pathlib import Path

from .errors import UsageError

AUTH_VARS = ("C2C_AUTH_USER", "C2C_AUTH_PASSWORD")


def is_loopback(host: str) -> bool:
    """127.0.0.0/8, ::1 and localhost: reachable from this machine only."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip().strip("[]")).is_loopback
    except ValueError:
        return False


def check_auth(env: dict[str, str]) -> bool:
    """True when a login is configured; half a login is a mistake, not "no login"."""
    user, password = (env.get(k) or "" for k in AUTH_VARS)
    if bool(user) != bool(password):
        have, missing = AUTH_VARS if user else AUTH_VARS[::-1]
        raise UsageError(f"{have} is set but {missing} is not: set both for a login, or neither")
    return bool(user)


def check_port(port: object) -> int:
    text = str(port).strip()
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise UsageError(f"--port {port}: a port is a whole number from 1 to 65535")
    return int(text)


def check_port_free(host: str, port: int) -> None:
    """Fail early, in one line, if another program already listens there."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as e:
        raise UsageError(f"--host {host}: not an address of this machine ({e.strerror})") from None
    family, _, _, _, address = infos[0]
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(address)
        except OSError as e:
            raise UsageError(f"cannot listen on {host}:{port}: {e.strerror or e} "
                             "(another program may use that port: try --port)") from None


def check_data_dir(folder: Path | None) -> None:
    """The added-lists folder ($C2C_DATA_DIR) must be a readable folder if it exists."""
    if folder is None or not folder.exists():
        return
    if not folder.is_dir():
        raise UsageError(f"the data folder {folder} (C2C_DATA_DIR) is not a folder")
    if not os.access(folder, os.R_OK | os.X_OK):
        raise UsageError(f"the data folder {folder} (C2C_DATA_DIR) cannot be read: check its permissions")


def check_serve(host: str, port: object, *, public: bool = False, env: dict[str, str] | None = None,
                data_dir: Path | None = None, probe_port: bool = True) -> tuple[int, list[str]]:
    """(port, warnings) for `c2c serve`, or a UsageError naming the mistake and the risk."""
    env = dict(os.environ) if env is None else env
    port_number = check_port(port)
    has_auth = check_auth(env)
    check_data_dir(data_dir)
    warnings: list[str] = []
    if not is_loopback(host):
        if not has_auth and not public:
            raise UsageError(
                f"--host {host} lets other machines use the chat without a login: anyone who can reach "
                f"port {port_number} can read and query it. Set C2C_AUTH_USER and C2C_AUTH_PASSWORD, or pass "
                "--public to serve it openly anyway")
        if not has_auth:
            warnings.append(f"warning: serving on {host} with no login (--public): anyone who can reach port "
                            f"{port_number} can use the chat / ログインなしで公開しています")
        else:
            warnings.append(f"warning: serving on {host}: the login is basic auth over plain HTTP; put a TLS "
                            "reverse proxy in front / 平文HTTPのベーシック認証です")
    if probe_port:
        check_port_free(host, port_number)
    return port_number, warnings
