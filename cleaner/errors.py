"""The one error type the library raises for bad input, with stable codes."""
from __future__ import annotations

# Stable short codes: they appear in errors.jsonl and users filter on them.
CODES = ("empty", "binary", "decode", "no_content", "too_large", "timeout", "io", "crash", "internal", "usage",
         "bad_record", "unsafe_output", "too_many_paragraphs", "paragraph_too_long",
         "too_many_attributes")


class CleanerError(ValueError):
    """A document could not be cleaned. `code` is one of `CODES`; `hint` says what to try."""

    def __init__(self, code: str, message: str, hint: str | None = None):
        assert code in CODES, code
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message

    def to_dict(self) -> dict[str, str]:
        return {"error": self.code, "message": str(self)}
