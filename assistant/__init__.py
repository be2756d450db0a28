"""c2c-assistant: retrieval, answers, the web app and the CLI.

`from assistant import load_assistant` is cheap: nothing heavy is imported
until `load_assistant()` runs.
"""
from __future__ import annotations


def load_assistant(*args, **kwargs):
    from .core import load_assistant as _load

    return _load(*args, **kwargs)


__all__ = ["load_assistant"]
