"""The program never opens a network connection: every CLI command and the GUI self-test with sockets forbidden.

Two walls, both recording what they stop in a log the test reads:
- Python: an audit hook (``sitecustomize`` on ``PYTHONPATH``) that raises on
  socket creation, connect, bind, name lookups, urllib and webbrowser;
- C (Qt, libraries): an ``LD_PRELOAD`` shim whose ``socket()`` fails with
  EACCES for every Internet family (AF_INET, AF_INET6, AF_PACKET) and logs it.
A command that needed the network would fail; one that swallowed the failure
would still leave its line in the log.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.drills import SAMPLE, run_xxgk

CI = os.environ.get("CI") == "true"

_SITECUSTOMIZE = r'''
import os, sys

_LOG = os.environ["XXGK_NET_LOG"]
_EVENTS = {
    "socket.__new__", "socket.connect", "socket.bind", "socket.getaddrinfo", "socket.gethostbyname",
    "socket.gethostbyaddr", "socket.getnameinfo", "socket.sendto", "urllib.Request", "http.client.connect",
    "webbrowser.open", "ftplib.connect", "smtplib.connect",
}


def _hook(event, args):
    if event in _EVENTS:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"python {event} {args!r:.200}\n")
        raise PermissionError(f"network forbidden by the drill: {event}")


sys.addaudithook(_hook)
'''

_SHIM = r'''
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>

int socket(int domain, int type, int protocol) {
    static int (*real)(int, int, int) = 0;
    if (!real) real = (int (*)(int, int, int))dlsym(RTLD_NEXT, "socket");
    if (domain == AF_INET || domain == AF_INET6 || domain == AF_PACKET) {
        const char *path = getenv("XXGK_NET_LOG");
        FILE *log = path ? fopen(path, "a") : 0;
        if (log) { fprintf(log, "libc socket(domain=%d)\n", domain); fclose(log); }
        errno = EACCES;
        return -1;
    }
    return real(domain, type, protocol);
}
'''


@pytest.fixture(scope="module")
def walls(tmp_path_factory):
    folder = tmp_path_factory.mktemp("no-network")
    (folder / "sitecustomize.py").write_text(_SITECUSTOMIZE, encoding="utf-8")
    env = {"PYTHONPATH": f"{folder}{os.pathsep}{Path(__file__).resolve().parents[2]}"}
    gcc = shutil.which("gcc") or shutil.which("cc")
    if gcc:
        shim = folder / "no_inet.so"
        subprocess.run([gcc, "-shared", "-fPIC", "-O2", "-o", str(shim), "-x", "c", "-", "-ldl"],
                       input=_SHIM, text=True, check=True, capture_output=True)
        env["LD_PRELOAD"] = str(shim)
    elif CI:
        pytest.fail("gcc is needed for the C-level socket wall (scripts/install-system-deps.sh installs it)")
    return folder, env


def _run(walls, argv, **kwargs):
    folder, env = walls
    log = folder / "network.log"
    log.unlink(missing_ok=True)
    run = run_xxgk(argv, env={**env, "XXGK_NET_LOG": str(log)}, **kwargs)
    return run, log.read_text(encoding="utf-8") if log.exists() else ""


def test_the_walls_stop_a_connection(walls):
    """A test that cannot fail proves nothing: the same walls do stop Python and C sockets."""
    folder, env = walls
    log = folder / "network.log"
    log.unlink(missing_ok=True)
    probe = ("import socket\nfor make in (socket.socket, lambda: socket.create_connection(('127.0.0.1', 9))):\n"
             "    try:\n        make()\n    except OSError as e:\n        print('blocked', type(e).__name__)\n")
    out = subprocess.run([sys.executable, "-c", probe], env={**os.environ, **env, "XXGK_NET_LOG": str(log)},
                         capture_output=True, text=True, check=False)
    assert out.stdout.count("blocked PermissionError") == 2, out.stdout + out.stderr
    assert "socket.__new__" in log.read_text() and "socket.getaddrinfo" in log.read_text()
    if "LD_PRELOAD" in env:
        log.unlink()
        c_probe = ("import ctypes\nlibc = ctypes.CDLL(None)\nprint('fd', libc.socket(2, 1, 0))\n")
        out = subprocess.run([sys.executable, "-c", c_probe], env={**os.environ, **env, "XXGK_NET_LOG": str(log)},
                             capture_output=True, text=True, check=False)
        assert "fd -1" in out.stdout, out.stdout + out.stderr
        assert "libc socket(domain=2)" in log.read_text()


def _commands(tmp: Path, docx: Path):
    d = tmp / "d.json"
    yield ["--version"], {0}
    yield ["--help"], {0}
    yield ["new", "--year", 2021, "--org", "米易县人民政府办公室", "-o", d, "--force"], {0}
    yield ["check", SAMPLE], {0}
    yield ["check", SAMPLE, "--json", "--last-year", SAMPLE], {0, 1}
    yield ["next-year", SAMPLE, "-o", tmp / "next.json", "--force"], {0}
    yield ["export", SAMPLE, "-o", tmp / "cells.csv"], {0}
    yield ["export", SAMPLE, "-o", tmp / "cells.xlsx"], {0}
    yield ["render", SAMPLE, "-o", docx], {0}
    yield ["render", SAMPLE, "-o", tmp / "报告.html"], {0}
    yield ["render", SAMPLE, "-o", tmp / "报告.pdf"], {0}
    yield ["infographic", SAMPLE, "-o", tmp / "一图读懂.png"], {0}
    yield ["open-docx", docx, "-o", tmp / "restored.json", "--force"], {0}
    yield ["import", docx, "-o", tmp / "imported.json", "--force"], {0}
    yield ["review", docx.parent, "-o", tmp / "审核结果.xlsx", "--force"], {0, 1}


def test_every_command_runs_without_the_network(walls, tmp_path):
    from bench.drills import report_text
    from report import draft

    reports = tmp_path / "reports"
    reports.mkdir()
    docx = reports / "米易县.docx"
    (reports / "文本.txt").write_text(report_text(draft.load(SAMPLE)), encoding="utf-8")
    (reports / "网页.html").write_text("<html><body><pre>" + report_text(draft.load(SAMPLE)) + "</pre></body></html>",
                                      encoding="utf-8")
    ran = []
    for argv, codes in _commands(tmp_path, docx):
        run, log = _run(walls, argv)
        assert run.returncode in codes, (argv, run.output[-800:])
        assert "Traceback" not in run.output
        assert log == "", (argv, log)
        ran.append(argv[0])
    for name in ("文本.txt", "网页.html"):
        run, log = _run(walls, ["import", reports / name, "-o", tmp_path / f"{name}.json", "--force"])
        assert run.returncode == 0 and log == "", (name, run.output[-800:], log)
        ran.append("import")
    from report.cli import COMMAND_MODULES

    commands = {m.rsplit(".", 1)[1].replace("_report", "").replace("_", "-") for m in COMMAND_MODULES}
    assert commands <= set(ran), commands - set(ran)


def test_the_gui_self_test_runs_without_the_network(walls):
    run, log = _run(walls, [], gui_self_test=True, timeout=300)
    assert run.returncode == 0, run.output[-1500:]
    assert "自检通过" in run.stdout
    assert log == "", log
