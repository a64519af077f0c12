"""Crawled page → article text, metadata, and a record of every removal (pure functions)."""

from zhiku.clean.html import clean_html
from zhiku.clean.pipeline import chrome_fingerprints, clean_plain_text
from zhiku.clean.records import CleanText, Removal

__all__ = ["CleanText", "Removal", "chrome_fingerprints", "clean_html", "clean_plain_text"]
