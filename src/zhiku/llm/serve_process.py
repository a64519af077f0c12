"""The child process behind `LocalLLMServer`: llama.cpp's OpenAI-compatible server through
xllamacpp, bound to 127.0.0.1, until SIGTERM or until its parent process goes away.

Run as ``python -m zhiku.llm.serve_process --model M.gguf --port P [--threads N --ctx N]``.
It lives in its own process so a crash in native code cannot take the caller down, and so
stopping it frees the model's memory.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m zhiku.llm.serve_process")
    parser.add_argument("--model", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--ctx", type=int, default=4096)
    parser.add_argument("--alias", default="")
    parser.add_argument("--parent-pid", type=int, default=0)
    args = parser.parse_args(argv)

    import xllamacpp

    params = xllamacpp.CommonParams()
    params.model.path = args.model
    params.hostnames = [args.host]
    params.port = args.port
    params.n_ctx = args.ctx
    params.n_parallel = 1
    params.cpuparams.n_threads = args.threads
    params.cpuparams_batch.n_threads = args.threads
    params.offline = True  # never fetch anything from a model hub
    params.warmup = False
    if args.alias:
        params.model_alias = {args.alias}
    server = xllamacpp.Server(params)
    print(f"zhiku-llm-ready {server.listening_address}", flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    while not stop.wait(0.5):
        if args.parent_pid and os.getppid() != args.parent_pid:
            break  # our parent died: do not linger holding the model and the port
    # the native server threads do not shut down cleanly from Python; exit the process at once
    sys.stdout.flush()
    os._exit(0)


if __name__ == "__main__":
    raise SystemExit(main())
