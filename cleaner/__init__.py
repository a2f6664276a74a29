"""cleaner: news pages and article text in, clean article text plus metadata out.

    >>> import cleaner
    >>> doc = cleaner.clean(open("page.html", "rb").read())
    >>> doc.text, doc.credits, doc.appeals
"""
from .document import Document, Item, Label, Paragraph
from .errors import CleanerError
from .pipeline import Cleaner, clean

__all__ = ["Cleaner", "CleanerError", "Document", "Item", "Label", "Paragraph", "clean"]
__version__ = "0.1.0"
