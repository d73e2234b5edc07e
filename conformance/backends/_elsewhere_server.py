"""The engine's side of ``conformance.backends.elsewhere``: runs check bodies in the engine's Python.

Started by the suite as ``PYTHON -I _elsewhere_server.py OBSERVE_PY MODULE`` in the engine's own
environment, where the suite is not installed and ``import torch`` may be the engine itself (JTorch),
so this file uses the standard library only and loads the suite's observer (``observe.py``, stdlib
only) from the path it is given: observations are made by the same code in both processes.

Protocol, on the original stdin/stdout (anything a body prints goes to stderr): frames of a 4-byte
big-endian length and a pickle of plain data.

    suite -> engine  ("run", SOURCE, NAME, KWARGS)   run body NAME defined by SOURCE on the engine
    engine -> suite  {"records": [(label, observation), ...]}
                     {"not_applicable": REASON}        the engine has no such concept
    suite -> engine  ("hello",)
    engine -> suite  {"python": ..., "module": ..., "file": ..., "version": ..., "packages": {...}}

With ``--hello PACKAGES`` it prints the hello answer as one JSON line and exits (the suite asks for
versions without keeping a process). It exits when its stdin closes or its parent dies.
"""

import importlib
import importlib.metadata
import importlib.util
import json
import os
import pickle
import platform
import struct
import sys
import threading
import time
import warnings

HEADER = struct.Struct(">I")


def load_observer(path):
    spec = importlib.util.spec_from_file_location("conformance_observe", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def recognise_engine_tensors(observe, engine):
    """The observer knows tensors by their class name (``Tensor``); an engine whose ``torch.Tensor``
    is a class of another name (JTorch's is jittor's ``Var``) still has tensors, so instances of the
    engine's own ``torch.Tensor`` count as tensors too."""
    tensor_class = getattr(engine, "Tensor", None)
    if not isinstance(tensor_class, type):
        return
    by_name = observe._is_tensor
    observe._is_tensor = lambda x: by_name(x) or isinstance(x, tensor_class)


def hello(module_name, packages):
    engine = importlib.import_module(module_name)
    versions = {}
    for name in packages:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "python": sys.executable,
        "python_version": platform.python_version(),
        "module": module_name,
        "file": getattr(engine, "__file__", None),
        "version": str(getattr(engine, "__version__", None)),
        "packages": versions,
    }


def read_frame(stream):
    header = stream.read(HEADER.size)
    if len(header) < HEADER.size:
        return None
    return pickle.loads(stream.read(HEADER.unpack(header)[0]))


def write_frame(stream, message):
    data = pickle.dumps(message, protocol=4)
    stream.write(HEADER.pack(len(data)) + data)
    stream.flush()


def exit_when_orphaned():
    parent = os.getppid()

    def watch():
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def serve(observe, module_name):
    protocol_out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    protocol_in = sys.stdin.buffer
    exit_when_orphaned()
    warnings.simplefilter("ignore")  # warnings outside obs.warns() are noise, as in the suite's workers
    engine = importlib.import_module(module_name)
    recognise_engine_tensors(observe, engine)
    bodies = {}
    while True:
        request = read_frame(protocol_in)
        if request is None:
            return
        if request[0] == "hello":
            write_frame(protocol_out, hello(module_name, ()))
            continue
        _, source, name, kwargs = request
        if (source, name) not in bodies:
            namespace = {"__name__": "check_body"}
            exec(compile(source, f"<check body {name}>", "exec"), namespace)
            bodies[source, name] = namespace[name]
        try:
            reply = {"records": observe.run_body(bodies[source, name], engine, kwargs)}
        except BaseException as e:
            if type(e).__name__ != "NotApplicable":
                raise
            reply = {"not_applicable": getattr(e, "reason", str(e))}
        try:
            engine.set_grad_enabled(True)  # undo what a body that raised inside a grad mode left
        except Exception:
            pass
        write_frame(protocol_out, reply)


def main(argv):
    if argv[1:2] == ["--hello"]:
        module_name, packages = argv[2], [p for p in argv[3].split(",") if p]
        sys.stdout.flush()
        real_stdout = os.dup(1)
        os.dup2(2, 1)  # an engine that prints while importing must not garble the answer
        answer = json.dumps(hello(module_name, packages))
        os.write(real_stdout, (answer + "\n").encode())
    else:
        serve(load_observer(argv[1]), argv[2])
    sys.stderr.flush()
    # Without the engine's exit handlers: the answer is out, and Jittor's have been seen to crash.
    os._exit(0)


if __name__ == "__main__":
    main(sys.argv)
