"""`agora serve`: the built site plus a JSON search endpoint, on 127.0.0.1 by default."""

from __future__ import annotations

import functools
import json
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

from ..model.kb import KnowledgeBase
from ..model.vocab import KINDS, MAX_QUERY_CHARS, MAX_RESULTS, MODES, STANCES

CHOICES = {"kind": KINDS, "stance": STANCES, "mode": MODES}


class Handler(SimpleHTTPRequestHandler):
    index = None
    seen = ""  # the index generation the open index is from
    reopening = threading.Lock()

    def do_GET(self) -> None:  # noqa: N802
        url = urlparse(self.path)
        if url.path == "/api/search":
            self.api_search(parse_qs(url.query))
        else:
            super().do_GET()

    def api_search(self, params: dict) -> None:
        from ..index.search import Filters

        one = {k: v[0] for k, v in params.items()}
        query = one.get("q", "").strip()
        if not query or len(query) > MAX_QUERY_CHARS:
            return self.reply(HTTPStatus.BAD_REQUEST, {"error": f"q must have 1 to {MAX_QUERY_CHARS} characters"})
        for name, allowed in CHOICES.items():
            if name in one and one[name] not in allowed:
                return self.reply(HTTPStatus.BAD_REQUEST, {"error": f"{name} must be one of {', '.join(allowed)}"})
        try:
            n = int(one.get("n", "10"))
        except ValueError:
            n = 0
        if not 1 <= n <= MAX_RESULTS:
            return self.reply(HTTPStatus.BAD_REQUEST, {"error": f"n must be 1 to {MAX_RESULTS}"})
        if self.index is None:
            return self.reply(HTTPStatus.SERVICE_UNAVAILABLE, {"error": "no search index: run `agora index`"})
        self.follow_the_index()
        filters = Filters(kind=one.get("kind"), stance=one.get("stance"), stakeholder=one.get("stakeholder"))
        from ..index.search import good_match

        mode = one.get("mode", "hybrid")
        hits = self.index.search(query, filters=filters, n=n, mode=mode)
        threshold = self.index.kb.settings.good_match
        self.reply(HTTPStatus.OK, {"hits": [h.as_dict() for h in hits], "good_match_threshold": round(100 * threshold),
                                   "good_match": mode == "lexical" or good_match(hits, threshold)})

    @classmethod
    def follow_the_index(cls) -> None:
        """Reopen the index when another command changed it (a sync, a rebuild, a repair)."""
        from ..index.index import Index

        with cls.reopening:
            current = Index.generation(cls.index.kb)
            if current != cls.seen:
                cls.index.reopen()
                cls.seen = current

    def list_directory(self, path):
        """No folder listings: a folder without index.html is not a page."""
        self.send_error(HTTPStatus.NOT_FOUND, "Not found")
        return None

    def reply(self, status: HTTPStatus, body: dict) -> None:
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        self.wfile.write(data)

    def end_headers(self) -> None:
        self.send_header("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; "
                         "style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'")
        super().end_headers()

    def log_message(self, *args) -> None:
        pass


def serve(kb: KnowledgeBase, host: str = "127.0.0.1", port: int = 8000, search: bool = True) -> ThreadingHTTPServer:
    handler = functools.partial(Handler, directory=str(kb.site_dir))
    from ..index.index import Index

    if search and Index.lexical_path(kb).exists():
        Handler.index, Handler.seen = Index.open(kb), Index.generation(kb)
    return ThreadingHTTPServer((host, port), handler)
