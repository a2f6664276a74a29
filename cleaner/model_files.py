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
# A model folder may hold a second model here, for plain text copied from a whole
# page (segment.reads_as_copied_page): such text keeps the page's menus and footers
# with no markup to tell them apart, and a menu's "Subscribe" or a footer at the
# text's end means something else than in an article's own text.
TEXT_PART = "text"


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


def text_part(folder: Path) -> Path | None:
    """The folder's model for copied pages, or None when the one model serves all input."""
    part = folder / TEXT_PART
    return part if (part / "model.json").is_file() else None


def check_model(path: str | Path | None = None) -> Path:
    """The model's folder, once its files (and its text part's) are there and readable as plain data."""
    folder = model_folder(path)
    for part in filter(None, (folder, text_part(folder))):
        _check_files(part)
    return folder


def _check_files(folder: Path) -> None:
    try:
        json.loads((folder / "model.json").read_text(encoding="utf-8"))["vocabulary"]
        with zipfile.ZipFile(folder / "weights.npz") as z:
            missing = set(WEIGHTS) - set(z.namelist())
        if missing:
            raise ValueError(f"weights.npz lacks {', '.join(sorted(missing))}")
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        raise CleanerError("io", f"cannot load model from {folder}: {exc}",
                           "pass a folder holding model.json and weights.npz") from exc
