#!/usr/bin/env python3
"""Starts llama-cpp-python's OpenAI-compatible server for the tests, and says when it is ready.

    VENV/bin/python Scripts/llama_server.py --model PATH [--host 127.0.0.1] [--port 0]
        [any other option of `python -m llama_cpp.server`, e.g. --model_alias NAME --n_ctx 8192]

Run it with the virtual environment's python (the one that has `llama-cpp-python[server]`). It
takes the same options as `python -m llama_cpp.server` (read by that package's own parser), loads
the model, binds the listening socket itself (so `--port 0` picks a free port with no race), prints
`listening PORT` on stdout (flushed) once the model is loaded and the socket accepts connections,
then serves. It stops on SIGTERM or SIGINT, and on its own when its parent process dies (it polls
the parent's id), so no server outlives the tests or the CI script that started it.
"""

import os
import signal
import socket
import sys
import threading
import time


def watch_parent(parent):
    while os.getppid() == parent:
        time.sleep(0.25)
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(5)
    os._exit(1)


def main():
    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
    try:
        import argparse

        import uvicorn
        from llama_cpp.server.app import create_app
        from llama_cpp.server.cli import add_args_from_model, parse_model_from_args
        from llama_cpp.server.settings import ModelSettings, ServerSettings, Settings
    except ImportError as error:
        print(f"llama_server: llama-cpp-python[server] is not installed for {sys.executable}: {error}", file=sys.stderr)
        return 3

    parser = argparse.ArgumentParser(description="llama-cpp-python's server, for the tests")
    add_args_from_model(parser, Settings)
    args = parser.parse_args()
    if not args.model or not os.path.isfile(args.model):
        print(f"llama_server: no model file at {args.model!r}", file=sys.stderr)
        return 2
    server_settings = parse_model_from_args(ServerSettings, args)
    model_settings = [parse_model_from_args(ModelSettings, args)]
    app = create_app(server_settings=server_settings, model_settings=model_settings)

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((server_settings.host, server_settings.port))
    listener.listen(128)
    config = uvicorn.Config(app, log_level="warning", timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    print(f"listening {listener.getsockname()[1]}", flush=True)
    server.run(sockets=[listener])
    return 0


if __name__ == "__main__":
    sys.exit(main())
