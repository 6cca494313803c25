"""The server ./run starts names no product: no ``Server`` header, no ``Via``, no name in its own error pages.

./run serves through waitress; this starts waitress in the test process with the options ./run
passes it (read from ./run itself, so that the test follows the script) and talks HTTP to it.
"""

from __future__ import annotations

import http.client
import shlex
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from flask import Flask
from waitress import create_server
from waitress.adjustments import Adjustments

RUN = Path(__file__).resolve().parents[2] / "run"
PRODUCTS = ("waitress", "werkzeug", "python", "flask", "gunicorn")


def waitress_options_of_run() -> dict[str, object]:
    """The adjustments ./run gives ``waitress-serve``, without where it listens and what it serves."""
    [line] = [line for line in RUN.read_text(encoding="utf-8").splitlines() if "waitress-serve" in line]
    words = shlex.split(line)
    arguments = words[next(index for index, word in enumerate(words) if word.endswith("waitress-serve")) + 1 :]
    options, _ = Adjustments.parse_args([word for word in arguments if not word.startswith("--listen")])
    options.pop("call")
    options.pop("help")
    return options


@pytest.fixture
def served(app: Flask) -> Iterator[tuple[str, int]]:
    server = create_server(app, host="127.0.0.1", port=0, **waitress_options_of_run())
    thread = threading.Thread(target=server.run, name="waitress-under-test", daemon=True)
    thread.start()
    try:
        yield "127.0.0.1", server.effective_port
    finally:
        server.task_dispatcher.shutdown()
        server.close()
        thread.join(timeout=10)


def request(address: tuple[str, int], method: str, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection(*address, timeout=10)
    connection.request(method, path)
    response = connection.getresponse()
    response.read()
    connection.close()
    return response


def test_run_serves_through_waitress_with_an_empty_ident():
    assert waitress_options_of_run()["ident"] == ""


# A page, a static file, a missing page, a redirect to sign in, a refused form (no CSRF token).
REQUESTS = [
    ("GET", "/login", 200),
    ("GET", "/static/css/app.css", 200),
    ("GET", "/no-such-page", 404),
    ("GET", "/cases/", 302),
    ("POST", "/login", 400),
]


def test_no_response_names_the_server_software(served):
    for method, path, status in REQUESTS:
        response = request(served, method, path)
        assert response.status == status, (method, path)
        assert response.getheader("Server") is None, (method, path)
        assert response.getheader("Via") is None, (method, path)
        headers = " ".join(f"{name}: {value}" for name, value in response.getheaders()).lower()
        assert not [product for product in PRODUCTS if product in headers], (method, path, headers)


def test_the_servers_own_error_answer_names_no_product_either(served):
    """A request too malformed to reach the application is answered by waitress itself."""
    with socket.create_connection(served, timeout=10) as connection:
        connection.sendall(b"GET /login HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n")
        answer = b""
        while chunk := connection.recv(65536):
            answer += chunk
    head, _, _ = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400")
    assert b"\r\nserver:" not in head.lower()
    assert not [product for product in PRODUCTS if product.encode() in answer.lower()]
