import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "seeds"


def need_shared(path: Path) -> Path:
    """The seeds live beside the project; CI has them, so there a missing folder is a failure."""
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing on CI")
        pytest.skip(f"{path} is not beside this checkout")
    return path


@pytest.fixture(scope="session")
def cleaner():
    from cleaner import Cleaner
    return Cleaner()


@pytest.fixture(scope="session")
def seeds():
    folder = need_shared(SEEDS)
    return {p.stem: p.read_text(encoding="utf-8") for p in folder.glob("*.txt")}
