"""Where a model's files are, and a check of them that imports nothing heavy.

`cleaner run` checks the model in its parent process with this, so that the
parent, which only hands out work, never loads numpy or the weights itself.
"""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

from .errors import CleanerError

DEFAULT_MODEL = "paragraphs-v1"
WEIGHTS = ("coef.npy", "intercept.npy")


def models_dir() -> Path:
    """Where shipped models live: inside the installed package, or the checkout's models/."""
    packaged = Path(__file__).parent / "models"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "models"


def model_folder(path: str | Path | None = None) -> Path:
    """A model folder from a path, a name in models/, or None for the shipped model."""
    if not path:
        return models_dir() / DEFAULT_MODEL
    folder = Path(path)
    if not (folder / "model.json").is_file() and (models_dir() / str(path)).is_dir():
        return models_dir() / str(path)
    return folder


def check_model(path: str | Path | None = None) -> Path:
    """The model's folder, once its two files are there and readable as plain data."""
    folder = model_folder(path)
    try:
        json.loads((folder / "model.json").read_text(encoding="utf-8"))["vocabulary"]
        with zipfile.ZipFile(folder / "weights.npz") as z:
            missing = set(WEIGHTS) - set(z.namelist())
        if missing:
            raise ValueError(f"weights.npz lacks {', '.join(sorted(missing))}")
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise CleanerError("io", f"cannot load model from {folder}: {exc}",
                           "pass a folder holding model.json and weights.npz") from exc
    return folder
