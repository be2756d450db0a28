"""`c2c serve` refuses unsafe or broken configurations in one line (exit 2), before loading anything."""
import socket

import pytest

from assistant.cli import main
from assistant.errors import C2CError, UsageError
from assistant.serving import check_auth, check_data_dir, check_port, check_serve, is_loopback


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.5", "localhost", "::1", "[::1]"])
def test_loopback_hosts(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.10", "::", "example.org"])
def test_other_hosts_are_not_loopback(host):
    assert not is_loopback(host)


def test_open_host_without_login_needs_public():
    with pytest.raises(UsageError, match="--public") as e:
        check_serve("0.0.0.0", 7860, env={}, probe_port=False)
    assert "without a login" in str(e.value) and "\n" not in str(e.value)


def test_open_host_with_public_warns():
    port, warnings = check_serve("0.0.0.0", "8080", public=True, env={}, probe_port=False)
    assert port == 8080 and len(warnings) == 1 and "no login" in warnings[0]


def test_open_host_with_login_is_allowed_with_a_plain_http_warning():
    env = {"C2C_AUTH_USER": "officer", "C2C_AUTH_PASSWORD": "s3cret"}
    _, warnings = check_serve("0.0.0.0", 7860, env=env, probe_port=False)
    assert "plain HTTP" in warnings[0]


def test_loopback_needs_nothing():
    assert check_serve("127.0.0.1", 7860, env={}, probe_port=False) == (7860, [])


@pytest.mark.parametrize("env,missing", [({"C2C_AUTH_USER": "u"}, "C2C_AUTH_PASSWORD"),
                                         ({"C2C_AUTH_PASSWORD": "p"}, "C2C_AUTH_USER")])
def test_half_a_login_is_an_error(env, missing):
    with pytest.raises(UsageError, match=f"{missing} is not"):
        check_auth(env)
    assert check_auth({}) is False and check_auth({"C2C_AUTH_USER": "u", "C2C_AUTH_PASSWORD": "p"}) is True


@pytest.mark.parametrize("port", ["0", "65536", "-1", "http", "80.5", ""])
def test_bad_ports(port):
    with pytest.raises(UsageError, match="from 1 to 65535"):
        check_port(port)


def test_data_folder_that_is_a_file(tmp_path):
    f = tmp_path / "lists"
    f.write_text("x")
    with pytest.raises(UsageError, match="is not a folder"):
        check_data_dir(f)
    check_data_dir(tmp_path / "missing")  # created on the first `c2c add`: fine
    check_data_dir(tmp_path)


def test_unreadable_data_folder(tmp_path, monkeypatch):
    monkeypatch.setattr("assistant.serving.os.access", lambda path, mode: False)  # root reads everything
    with pytest.raises(UsageError, match="cannot be read"):
        check_data_dir(tmp_path)


def test_port_in_use_is_one_line():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        port = s.getsockname()[1]
        with pytest.raises(UsageError, match=f"cannot listen on 127.0.0.1:{port}"):
            check_serve("127.0.0.1", port, env={})


def test_errors_are_domain_errors():
    assert issubclass(UsageError, C2CError)


@pytest.mark.parametrize("argv,env,expected", [
    (["serve", "--host", "0.0.0.0"], {}, "--public"),
    (["serve", "--port", "99999"], {}, "from 1 to 65535"),
    (["serve"], {"C2C_AUTH_USER": "u"}, "C2C_AUTH_PASSWORD is not"),
])
def test_cli_serve_mistakes_exit_2_in_one_line(argv, env, expected, capsys, monkeypatch):
    for k in ("C2C_AUTH_USER", "C2C_AUTH_PASSWORD"):
        monkeypatch.delenv(k, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("c2c: ") and expected in err and err.count("\n") == 1 and "bug" not in err


def test_cli_serve_unreadable_data_folder(tmp_path, capsys, monkeypatch):
    f = tmp_path / "file"
    f.write_text("x")
    monkeypatch.setenv("C2C_DATA_DIR", str(f))
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "is not a folder" in err and err.count("\n") == 1
