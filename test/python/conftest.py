import os
import subprocess
import sys
from pathlib import Path

import pytest

APPS = Path(__file__).parent / "apps"


@pytest.fixture
def run_app(tmp_path):
    """Runs one of the apps in apps/ in its own interpreter, with a clean environment suffix setting."""

    def run(name: str, env: dict) -> subprocess.CompletedProcess:
        child_env = {k: v for k, v in os.environ.items() if k != "ENVIRONMENT_SUFFIX"}
        child_env.update(env)
        return subprocess.run(
            [sys.executable, str(APPS / name)],
            cwd=tmp_path,
            env=child_env,
            capture_output=True,
            text=True,
            timeout=600,
        )

    return run
