"""gunicorn configuration for elearn: ``gunicorn -c deploy/gunicorn.conf.py "app:create_app()"``.

Every setting can be overridden with the usual GUNICORN_CMD_ARGS or the ELEARN_* variables the app reads.
App servers keep no state of their own: sessions are signed cookies and files live in the database, so any
number of these processes, on any number of machines, can serve the same PostgreSQL database.
"""

import gc
import multiprocessing
import os

bind = os.environ.get("ELEARN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("ELEARN_WORKERS", multiprocessing.cpu_count() * 2))
# Two threads: a request waiting on the database or the network leaves the process to the other one. More
# only queue behind the interpreter lock (and, on SQLite, behind the one writer): 4 threads served fewer
# page views per second than 2 (benchmarks/learner_load.py --threads).
threads = int(os.environ.get("ELEARN_THREADS", 2))
worker_class = "gthread" if threads > 1 else "sync"
timeout = 30
graceful_timeout = 20
keepalive = 5
max_requests = 5000
max_requests_jitter = 500
accesslog = "-"
errorlog = "-"
forwarded_allow_ips = os.environ.get("ELEARN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# Load the app in each worker, not in the master: database engines must not be shared across a fork.
preload_app = False


def post_worker_init(worker):
    """Freeze what the worker built at start-up (modules, routes, table metadata, templates' environment).

    Those objects live as long as the worker, yet every full garbage collection would walk them all again,
    in the middle of whichever request triggered it: on the lead's team dashboard that pause was longer
    than the request itself (``benchmarks/insight_bench.py --no-freeze`` prints it).
    """
    gc.freeze()
