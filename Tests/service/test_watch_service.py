"""`scanctl watch` and `scanctl serve --watch` as services, against real components on loopback:
a local SMTP sink (aiosmtpd from PyPI) receives the notice of a batch with a quarantined file;
/healthz and /metrics answer; SIGTERM ends the process with 0.

Run by scripts/service-test.sh, which sets SCANCTL_BINARY.
"""

import email
import email.policy
import os
import pathlib
import shutil
import signal
import socket
import subprocess
import time
import urllib.request

import pytest
from aiosmtpd.controller import Controller

BINARY = os.environ.get("SCANCTL_BINARY", "")
ROOT = pathlib.Path(__file__).resolve().parents[2]
LETTER = ROOT / "samples" / "batch" / "08-strassenschaden.png"

pytestmark = pytest.mark.skipif(not BINARY, reason="SCANCTL_BINARY is not set: run scripts/service-test.sh")


class Sink:
    """Keeps every message the SMTP server receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos),
                              email.message_from_bytes(envelope.content, policy=email.policy.default)))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(seconds, condition):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def get(url) -> tuple:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()
    except (urllib.error.URLError, ConnectionError):
        return 0, ""  # not listening yet


@pytest.fixture
def smtp():
    sink = Sink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, sink
    controller.stop()


def start(arguments, log):
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    return subprocess.Popen([BINARY] + arguments, stdout=log, stderr=subprocess.STDOUT, env=env)


def stop(process) -> int:
    process.send_signal(signal.SIGTERM)
    return process.wait(timeout=60)


def test_a_batch_with_a_quarantined_file_sends_a_notice(tmp_path, smtp):
    controller, sink = smtp
    inbox = tmp_path / "eingang"
    inbox.mkdir()
    port = free_port()
    with open(tmp_path / "watch.log", "w") as log:
        process = start(["watch", str(inbox), "--workspace", str(tmp_path / "ws"), "--settle-seconds", "1", "--quiet-seconds", "1",
                         "--poll-seconds", "0.2", "--jobs", "1", "--listen", f"127.0.0.1:{port}",
                         "--notify-smtp", f"smtp://127.0.0.1:{controller.port}", "--notify-from", "scanctl@lindenau.example",
                         "--notify-to", "poststelle@lindenau.example"], log)
        try:
            assert wait(30, lambda: get(f"http://127.0.0.1:{port}/healthz")[0] == 200), (tmp_path / "watch.log").read_text()
            shutil.copy(LETTER, inbox / "brief.png")
            (inbox / "kaputt.pdf").write_bytes(b"%PDF-1.4\nnot a PDF")
            assert wait(180, lambda: sink.messages), (tmp_path / "watch.log").read_text()
            sender, recipients, message = sink.messages[0]
            assert sender == "scanctl@lindenau.example" and recipients == ["poststelle@lindenau.example"]
            assert "1 Datei in Quarantäne" in message["subject"], message["subject"]
            body = message.get_content()
            assert "kaputt.pdf" in body and "abgelegt: 1" in body, body
            status, metrics = get(f"http://127.0.0.1:{port}/metrics")
            assert status == 200
            assert 'scanctl_notifications_total{result="sent"} 1' in metrics, metrics
            assert 'scanctl_documents_count{state="quarantined"} 1' in metrics, metrics
        finally:
            assert stop(process) == 0
    assert sorted(p.name for p in (tmp_path / "done").rglob("*") if p.is_file()) == ["brief.png"]
    assert sorted(p.name for p in (tmp_path / "failed").rglob("*") if p.is_file()) == ["kaputt.pdf"]


def test_serve_hosts_a_watcher_and_reports_it_in_its_metrics(tmp_path):
    inbox = tmp_path / "eingang"
    inbox.mkdir()
    workspace = tmp_path / "ws"
    # The workstation needs a workspace with a user.
    subprocess.run([BINARY, "user", "add", "admin", "--role", "admin", "--workspace", str(workspace)], input=b"admin-passwort-1\n",
                   check=True, capture_output=True)
    port = free_port()
    with open(tmp_path / "serve.log", "w") as log:
        process = start(["serve", "--workspace", str(workspace), "--listen", f"127.0.0.1:{port}", "--insecure-cookies",
                         "--watch", str(inbox), "--settle-seconds", "1", "--quiet-seconds", "1", "--poll-seconds", "0.2",
                         "--jobs", "1"], log)
        try:
            assert wait(30, lambda: get(f"http://127.0.0.1:{port}/healthz")[0] == 200), (tmp_path / "serve.log").read_text()
            shutil.copy(LETTER, inbox / "brief.png")
            assert wait(120, lambda: not (inbox / "brief.png").exists()), (tmp_path / "serve.log").read_text()
            status, metrics = get(f"http://127.0.0.1:{port}/metrics")
            assert status == 200 and f'scanctl_watch_files_total{{inbox="{inbox}",outcome="done"}} 1' in metrics, metrics
            assert get(f"http://127.0.0.1:{port}/pruefliste")[0] == 200  # the login page, after the redirect
        finally:
            assert stop(process) == 0
