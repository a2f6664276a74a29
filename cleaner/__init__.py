"""cleaner: news pages and article text in, clean article text plus metadata out.

    >>> import cleaner
    >>> doc = cleaner.clean(open("page.html", "rb").read())
    >>> doc.text, doc.credits, doc.appeals
"""
from .document import Document, Item, Label, Paragraph
from .errors import CleanerError

__all__ = ["Cleaner", "CleanerError", "Document", "Item", "Label", "Limits", "Paragraph", "clean"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # The pipeline (numpy, the model) loads on first use, so that `cleaner run`'s
    # parent process, which only hands out work, never pays for it.
    if name == "Limits":  # plain data: no need to load the pipeline for it
        from .limits import Limits
        return Limits
    if name in ("Cleaner", "clean"):
        from . import pipeline
        return getattr(pipeline, name)
    raise AttributeError(f"module 'cleaner' has no attribute {name!r}")
