"""Readers for report formats other than PDF and plain text (those stay in text.py).

Each reader takes a path and returns the report's text in reading order, one
paragraph a line, as text.py makes it from a PDF: headings as their own lines,
list items as "- item" (or "1. item" where the list is numbered), and each
table row as one line of tab-separated cells, so the loaders read every format
with the same patterns. These formats have no pages: a span is a character span
of that text, and Document.page_starts stays empty.
"""
