#!/usr/bin/env python3
"""An OpenAI-compatible test server that produces faults on demand (python3 stdlib only).

    python3 Scripts/fault_server.py --port 0 [--host 127.0.0.1] [--script FILE] [--log FILE]
        [--model NAME ...] [--require-key KEY] [--delay SECONDS]

Prints `listening PORT` on stdout (flushed) once it accepts connections, then serves each
connection on a thread of its own (HTTP/1.1, keep-alive).

Endpoints
- GET  /v1/models            the models given with --model (default `fault-model`).
- POST /v1/chat/completions  {"model", "messages", ...}: choices[0].message.content.
- POST /v1/completions       {"model", "prompt", ...}:   choices[0].text.
  The answer is a function of the request's prompt (the last message's content, or the prompt)
  and nothing else: `Platform:[search(query = "<first 8 hex of sha256(prompt)>")]`. When the
  request has `temperature` > 0 and a `seed`, the seed is mixed in. The whole response body is
  deterministic (`id` from the same hash, a fixed `created`), so two runs over the same cases get
  byte-identical answers in any order. `usage` counts words. `max_tokens` smaller than the
  answer's word count cuts it (finish_reason `length`). `n` > 1 gives n choices (the choice's index
  is mixed in only at temperature > 0 with a seed). `stream: true` is refused with a 400.
- An unknown model is a 404 (`model_not_found`); with --require-key a missing or wrong
  `Authorization: Bearer` is a 401 (`invalid_api_key`); a body that is not a JSON object, or one
  without `model`/`messages`/`prompt`, is a 400.

Fault rules (--script FILE: a JSON list, applied in order to every POST, or to the requests of
`path` when a rule names one). Each rule counts the requests whose raw body contains its `match`
(default: every request), across threads; a rule fires on its matching requests number after+1 ..
after+times (`after` default 0, `times` default 1: then it stops). The first rule of the list that
fires on a request decides what happens to it. Rules are applied before the key and the model are
checked. Actions:
- {"action": "status", "code": 500, "message": "..."}        that status and an OpenAI error body.
- {"action": "retry_after", "seconds": 1.5, "date": false}   429 with `Retry-After: 1.5` (an HTTP
                                                             date `seconds` from now if `date`).
- {"action": "stall", "seconds": 30}    accept, send nothing for `seconds`, then close.
- {"action": "drop", "variant": "close"|"reset"}
                                        close the connection without a response (`reset`: RST).
- {"action": "malformed", "variant": "not_json"|"no_choices"|"empty_choices"|"null_content"}
                                        200 with a body that is not JSON, or JSON a client cannot use.
- {"action": "truncate"}                headers with the full Content-Length, half the body, close.
- {"action": "slow", "seconds": 2}      the right answer, after `seconds`.

--log FILE: one JSON line per request received, flushed before the answer: `seq`, `method`,
`path`, `body` (the parsed JSON, or null and `raw` with the text), `authorization` (`present` and
the sha256 of the header's value, never the value), `headers` (the others, lower-cased names),
`action` (`answer`, a rule's action, `unauthorized`, `model_not_found`, `bad_request`,
`not_found`) and `rule` (the index of the rule that fired, or null).

--delay S: every request waits S seconds before anything else happens.

Exits with status 0 on SIGTERM or SIGINT, and on its own when its parent process dies (it polls
the parent's id, so no server outlives the tests that started it). A bad --script exits with
status 2 and a message naming the file, the rule and what was expected.
"""

import argparse
import email.utils
import hashlib
import json
import os
import signal
import socket
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ACTIONS = ("status", "retry_after", "stall", "drop", "malformed", "truncate", "slow")
MALFORMED = ("not_json", "no_choices", "empty_choices", "null_content")
MAX_BODY = 64 << 20
CREATED = 1700000000


# MARK: - Rules


class ScriptError(Exception):
    pass


def number(rule, key, where, default=None, minimum=0):
    value = rule.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < minimum:
        raise ScriptError(f"{where}: \"{key}\" must be a number >= {minimum}, got {json.dumps(value)}")
    return value


def load_rules(path):
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ScriptError(f"{path}: cannot read: {error}")
    try:
        rules = json.loads(text)
    except json.JSONDecodeError as error:
        raise ScriptError(f"{path}:{error.lineno}:{error.colno}: not JSON: {error.msg}")
    if not isinstance(rules, list):
        raise ScriptError(f"{path}: expected a JSON list of rules, got {type(rules).__name__}")
    known = {"match", "after", "times", "action", "path", "code", "message", "seconds", "date", "variant"}
    for index, rule in enumerate(rules):
        where = f"{path}: rule {index}"
        if not isinstance(rule, dict):
            raise ScriptError(f"{where}: expected an object, got {json.dumps(rule)[:60]}")
        unknown = sorted(set(rule) - known)
        if unknown:
            raise ScriptError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(known))})")
        action = rule.get("action")
        if action not in ACTIONS:
            raise ScriptError(f"{where}: \"action\" must be one of {', '.join(ACTIONS)}, got {json.dumps(action)}")
        if not isinstance(rule.get("match", ""), str) or not isinstance(rule.get("path", ""), str):
            raise ScriptError(f"{where}: \"match\" and \"path\" must be strings")
        rule["after"] = int(number(rule, "after", where, 0))
        rule["times"] = int(number(rule, "times", where, 1))
        if action == "status":
            code = rule.get("code")
            if not isinstance(code, int) or isinstance(code, bool) or not 400 <= code <= 599:
                raise ScriptError(f"{where}: \"code\" must be an HTTP error status 400...599, got {json.dumps(code)}")
        if action in ("retry_after", "stall", "slow"):
            number(rule, "seconds", where)
        if action == "malformed" and rule.get("variant", "not_json") not in MALFORMED:
            raise ScriptError(f"{where}: \"variant\" must be one of {', '.join(MALFORMED)}")
        if action == "drop" and rule.get("variant", "close") not in ("close", "reset"):
            raise ScriptError(f"{where}: \"variant\" must be close or reset")
        rule["seen"] = 0
        rule["fired"] = 0
    return rules


class Rules:
    """The fault rules and their counters, shared by every connection's thread."""

    def __init__(self, rules):
        self.rules = rules
        self.lock = threading.Lock()

    def pick(self, method, path, raw):
        """The index and rule that fire on this request, or (None, None); counts it."""
        chosen = (None, None)
        with self.lock:
            for index, rule in enumerate(self.rules):
                wanted = rule.get("path")
                if wanted is not None and wanted != path:
                    continue
                if wanted is None and method != "POST":
                    continue
                if rule.get("match", "").encode("utf-8") not in raw:
                    continue
                rule["seen"] += 1
                if chosen[0] is None and rule["seen"] > rule["after"] and rule["fired"] < rule["times"]:
                    rule["fired"] += 1
                    chosen = (index, rule)
        return chosen


# MARK: - Answers


def prompt_text(body, path):
    """The text the answer depends on: the last message's content, or the prompt."""
    if path == "/v1/chat/completions":
        content = body["messages"][-1].get("content") if body["messages"] and isinstance(body["messages"][-1], dict) else None
        if isinstance(content, list):
            content = "".join(part.get("text", "") for part in content if isinstance(part, dict))
    else:
        content = body["prompt"]
    return content if isinstance(content, str) else json.dumps(content, sort_keys=True, ensure_ascii=False)


def words(text):
    return len(text.split())


def answer(body, path):
    """The deterministic OpenAI response to a valid request."""
    prompt = prompt_text(body, path)
    temperature = body.get("temperature") or 0
    seed = body.get("seed")
    sampled = isinstance(temperature, (int, float)) and temperature > 0 and seed is not None
    n = body.get("n") if isinstance(body.get("n"), int) and 1 <= body.get("n") <= 16 else 1
    limit = body.get("max_tokens") if isinstance(body.get("max_tokens"), int) else None
    choices = []
    completion_tokens = 0
    for index in range(n):
        key = prompt if not sampled else f"{prompt}\x00seed={seed}\x00choice={index}"
        digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:8]
        text = f'Platform:[search(query = "{digest}")]'
        finish = "stop"
        if limit is not None and words(text) > limit:
            text = " ".join(text.split()[:limit])
            finish = "length"
        completion_tokens += words(text)
        if path == "/v1/chat/completions":
            choices.append({"index": index, "message": {"role": "assistant", "content": text}, "logprobs": None, "finish_reason": finish})
        else:
            choices.append({"index": index, "text": text, "logprobs": None, "finish_reason": finish})
    if path == "/v1/chat/completions":
        prompt_tokens = sum(words(prompt_text({"messages": [m]}, path)) for m in body["messages"])
        kind, prefix = "chat.completion", "chatcmpl-"
    else:
        prompt_tokens = words(prompt)
        kind, prefix = "text_completion", "cmpl-"
    identity = hashlib.sha256(json.dumps(body, sort_keys=True).encode("utf-8")).hexdigest()[:24]
    return {
        "id": prefix + identity,
        "object": kind,
        "created": CREATED,
        "model": body["model"],
        "choices": choices,
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens, "total_tokens": prompt_tokens + completion_tokens},
    }


def error_body(message, kind, code=None, param=None):
    return {"error": {"message": message, "type": kind, "param": param, "code": code}}


# MARK: - Handler


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "fault-server/1"

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        self.handle_request("GET")

    def do_POST(self):
        self.handle_request("POST")

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            total = 0
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                total += size
                if total > MAX_BODY:
                    raise ValueError("body too large")
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            raise ValueError("body too large")
        return self.rfile.read(length) if length > 0 else b""

    def handle_request(self, method):
        config = self.server.config
        path = self.path.split("?", 1)[0]
        try:
            raw = self.read_body()
        except ValueError:
            self.close_connection = True
            self.send_json(413, error_body("request body too large", "invalid_request_error"))
            return
        if config.delay > 0:
            config.stopping.wait(config.delay)
        try:
            body = json.loads(raw) if raw else None
        except (json.JSONDecodeError, UnicodeDecodeError):
            body = None
        # Counted by the rules and logged in one step: the log's `seq` is the order the rules
        # counted in (with two locks, the 4th request counted could be logged 2nd).
        with config.order_lock:
            index, rule = config.rules.pick(method, path, raw)
            status, response, action = self.decide(method, path, raw, body)
            if rule is not None:
                action = rule["action"]
            self.log(method, path, raw, body, action, index)
        if rule is not None:
            self.fault(rule, status, response)
        else:
            self.send_json(status, response)

    def decide(self, method, path, raw, body):
        """The status, body and log action of an answer without faults."""
        config = self.server.config
        if config.key is not None:
            given = self.headers.get("Authorization")
            if given != f"Bearer {config.key}":
                message = "You didn't provide an API key." if given is None else "Incorrect API key provided."
                return 401, error_body(message, "invalid_request_error", "invalid_api_key"), "unauthorized"
        if method == "GET" and path == "/v1/models":
            data = [{"id": name, "object": "model", "created": CREATED, "owned_by": "fault-server"} for name in config.models]
            return 200, {"object": "list", "data": data}, "answer"
        if method != "POST" or path not in ("/v1/chat/completions", "/v1/completions"):
            return 404, error_body(f"Unknown request URL: {method} {path}", "invalid_request_error", "unknown_url"), "not_found"
        field = "messages" if path == "/v1/chat/completions" else "prompt"
        problem = None
        if not isinstance(body, dict):
            problem = "the body is not a JSON object"
        elif not isinstance(body.get("model"), str):
            problem = "'model' is required"
        elif field not in body or (field == "messages" and (not isinstance(body["messages"], list) or not body["messages"])):
            problem = f"'{field}' is required" if field not in body else "'messages' must be a non-empty list"
        elif body.get("stream"):
            problem = "streaming is not supported by the fault server"
        if problem:
            return 400, error_body(problem, "invalid_request_error", None), "bad_request"
        if body["model"] not in config.models:
            message = f"The model `{body['model']}` does not exist"
            return 404, error_body(message, "invalid_request_error", "model_not_found"), "model_not_found"
        return 200, answer(body, path), "answer"

    def fault(self, rule, status, response):
        config = self.server.config
        action = rule["action"]
        if action == "status":
            code = rule["code"]
            message = rule.get("message", f"The server had an error while processing your request ({code}).")
            self.send_json(code, error_body(message, "server_error" if code >= 500 else "invalid_request_error"))
        elif action == "retry_after":
            seconds = rule["seconds"]
            if rule.get("date"):
                value = email.utils.formatdate(time.time() + seconds, usegmt=True)
            else:
                value = str(int(seconds)) if float(seconds).is_integer() else repr(float(seconds))
            body = error_body("Rate limit reached for requests. Please try again later.", "requests", "rate_limit_exceeded")
            self.send_json(429, body, [("Retry-After", value)])
        elif action == "stall":
            config.stopping.wait(rule["seconds"])
            self.close_connection = True
        elif action == "drop":
            self.close_connection = True
            if rule.get("variant") == "reset":
                # Closed here, the socket ends once the handler's files are closed, with a reset
                # (no linger) and before the server's own shutdown would send a FIN.
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                self.connection.close()
        elif action == "malformed":
            variant = rule.get("variant", "not_json")
            if variant == "not_json":
                data = b'{"id": "chatcmpl-broken", "choices": [{"message": <html>upstream error</html>'
            else:
                broken = dict(response) if status == 200 else {"id": "chatcmpl-broken", "object": "chat.completion"}
                if variant == "no_choices":
                    broken.pop("choices", None)
                elif variant == "empty_choices":
                    broken["choices"] = []
                else:
                    broken["choices"] = [{"index": 0, "message": {"role": "assistant", "content": None}, "finish_reason": "stop"}]
                data = json.dumps(broken).encode("utf-8")
            self.send_bytes(200, data)
        elif action == "truncate":
            data = json.dumps(response).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data[: len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
        elif action == "slow":
            config.stopping.wait(rule["seconds"])
            self.send_json(status, response)

    def send_json(self, status, value, headers=()):
        self.send_bytes(status, json.dumps(value).encode("utf-8"), headers)

    def send_bytes(self, status, data, headers=()):
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def log(self, method, path, raw, body, action, index):
        config = self.server.config
        if config.log is None:
            return
        given = self.headers.get("Authorization")
        entry = {
            "method": method,
            "path": path,
            "body": body,
            "authorization": {"present": given is not None, "sha256": hashlib.sha256(given.encode("utf-8")).hexdigest() if given is not None else None},
            "headers": {name.lower(): value for name, value in self.headers.items() if name.lower() != "authorization"},
            "action": action,
            "rule": index,
        }
        if body is None and raw:
            entry["raw"] = raw.decode("utf-8", "replace")[:4096]
        with config.log_lock:
            if config.log is None:
                return
            config.sequence += 1
            entry = {"seq": config.sequence, **entry}
            config.log.write(json.dumps(entry, ensure_ascii=False) + "\n")
            config.log.flush()


# MARK: - Server


class Config:
    def __init__(self, args, rules):
        self.models = args.model or ["fault-model"]
        self.key = args.require_key
        self.delay = args.delay
        self.rules = Rules(rules)
        self.log = open(args.log, "a", encoding="utf-8") if args.log else None
        self.log_lock = threading.Lock()
        self.order_lock = threading.Lock()
        self.sequence = 0
        self.stopping = threading.Event()


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128


def watch_parent(parent):
    while os.getppid() == parent:
        time.sleep(0.2)
    os.kill(os.getpid(), signal.SIGTERM)


def main():
    parser = argparse.ArgumentParser(description="An OpenAI-compatible test server with faults on demand.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--script", help="a JSON list of fault rules")
    parser.add_argument("--log", help="a file that gets one JSON line per request")
    parser.add_argument("--model", action="append", help="a model the server offers (repeatable; default fault-model)")
    parser.add_argument("--require-key", help="the API key every request must send as Authorization: Bearer KEY")
    parser.add_argument("--delay", type=float, default=0, help="seconds every request waits first")
    parser.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"), help="serve HTTPS with this certificate and key")
    args = parser.parse_args()
    try:
        rules = load_rules(args.script) if args.script else []
    except ScriptError as error:
        print(f"fault_server: {error}", file=sys.stderr)
        return 2
    config = Config(args, rules)

    def stop(signum, frame):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
    server = Server((args.host, args.port), Handler)
    server.config = config
    if args.tls:
        import ssl

        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.tls[0], args.tls[1])
        # The handshake happens on accept; a client that refuses the certificate only ends its own.
        server.socket = context.wrap_socket(server.socket, server_side=True)
    print(f"listening {server.server_address[1]}", flush=True)
    try:
        server.serve_forever(poll_interval=0.1)
    except SystemExit:
        pass
    finally:
        config.stopping.set()
        server.server_close()
        if config.log is not None:
            with config.log_lock:
                config.log.close()
                config.log = None
    return 0


if __name__ == "__main__":
    sys.exit(main())
