"""A bug inside prelaunch, made for real: a `sitecustomize` that makes one of its functions raise in the
`prelaunch` process a test starts."""

from __future__ import annotations

from pathlib import Path


def raising(tmp_path: Path, target: str) -> dict:
    """The environment under which `target` (module.function) raises, as a bug inside prelaunch would."""
    module, function = target.rsplit(".", 1)
    shim = tmp_path / "shim"
    shim.mkdir(exist_ok=True)
    (shim / "sitecustomize.py").write_text(
        f"import {module}\ndef broken(*args, **kwargs):\n    raise RuntimeError('boom with secret eyJxxx')\n"
        f"{module}.{function} = broken\n")
    return {"PYTHONPATH": str(shim)}
