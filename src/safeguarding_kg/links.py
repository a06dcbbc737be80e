"""Where a link on a page points: the server's paths, or the static site's files.

The pages are the same for `skg serve` and `skg site`; only their links differ.
On the server a page links to absolute paths ("/doc/local-authority/E10000012").
In the static site every page is a file ("doc/local-authority/E10000012.html")
and links are relative to the page that holds them, so the site works under any
prefix on any web server, and from the disk.
"""
from __future__ import annotations

import posixpath
from urllib.parse import quote

from .describe import doc_path_for


def site_file(path: str, extension: str = "html") -> str:
    """The static site's file for a server path: "/" -> "index.html", "/doc/x" -> "doc/x.html"."""
    path = path.split("#")[0].lstrip("/")
    if path == "" or path.endswith("/"):
        return path + "index." + extension
    return f"{path}.{extension}"


class Links:
    def __init__(self, base: str, static: bool = False, here: str = "/"):
        self.base, self.static, self.here = base.rstrip("/"), static, here

    def at(self, here: str) -> "Links":
        return Links(self.base, self.static, here)

    def path(self, path: str, extension: str = "html") -> str:
        """The href of a server path ("/doc/x", "/style.css", "/doc/x#evidence") from this page."""
        if not self.static:
            return path
        target, hash_, fragment = path.partition("#")
        if "." in posixpath.basename(target) and not target.endswith("/"):
            file = target.lstrip("/")  # a file already: /style.css
        else:
            file = site_file(target, extension)
        here_dir = posixpath.dirname(site_file(self.here))
        return posixpath.relpath(file, here_dir or ".") + (hash_ + fragment)

    def iri(self, iri: str) -> str | None:
        """The href of an IRI: its page here if it is ours, itself if on the web, else no link."""
        local = doc_path_for(iri, self.base)
        if local is not None:
            return self.path(local)
        if iri.startswith(("http://", "https://")):
            return quote(iri, safe="/:?#[]@!$&'()*+,;=%-._~")
        return None

    def alternate(self, page_path: str, extension: str) -> str:
        """The href of one of the page's own files in another format (Turtle, JSON-LD, ...)."""
        if self.static:
            return self.path(page_path, extension)
        if page_path.endswith("/"):
            return f"{page_path}index.{extension}"
        return f"{page_path}.{extension}"
