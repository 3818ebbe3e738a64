"""Fetch a web page with httpx: timeouts, a size cap on the decoded body, TLS always verified.

trafilatura's own downloader (which retries without certificate checks) is never used.
"""

from __future__ import annotations

from ..errors import InputError

USER_AGENT = "agora-kb/0.1 (+https://example.org/agora)"


def fetch_url(url: str, *, max_bytes: int, timeout: float) -> bytes:
    import httpx

    try:
        with httpx.Client(timeout=timeout, follow_redirects=True, verify=True,
                          headers={"User-Agent": USER_AGENT}, max_redirects=5) as client, \
                client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise InputError(url, f"the server answered HTTP {response.status_code}")
            return _read_body(response, url, max_bytes)
    except httpx.TimeoutException:
        raise InputError(url, f"timed out after {timeout:.0f}s") from None
    except httpx.HTTPError as exc:
        raise InputError(url, f"cannot reach the URL ({exc.__class__.__name__}: {exc}); "
                              "are you offline? Save the page and add the file instead") from None


def _read_body(response, url: str, max_bytes: int) -> bytes:
    chunks, size = [], 0
    for chunk in response.iter_bytes():  # decoded: a gzip bomb is capped after inflation
        size += len(chunk)
        if size > max_bytes:
            raise InputError(url, f"page larger than {max_bytes:,} bytes (see AGORA_MAX_INPUT_BYTES)")
        chunks.append(chunk)
    return b"".join(chunks)
