"""Shared helpers for the wholesale_core test suite."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import wholesale_core

if os.environ.get("WHOLESALE_EXPECT_INSTALLED"):
    # scripts/suites/python.sh: the suite must test the installed wheel, not
    # the source tree.
    assert wholesale_core.__file__ is not None
    assert wholesale_core.__file__.startswith(sys.prefix), wholesale_core.__file__


def repo_root() -> Path:
    """The repository root (for tests/vectors and the core's registry)."""
    env = os.environ.get("WHOLESALE_REPO_ROOT")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3]
