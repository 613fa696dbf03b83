"""Memo caches keyed by texts, bounded in characters as well as in entries.

``functools.lru_cache`` bounds the number of entries only. The live checks
run on every keystroke, each time on a slightly different text, and the
review reads a batch of reports: an entry-bounded cache of whole texts
would keep up to thousands of old versions of 200,000-character fields.
This one evicts the least recently used entries until the texts it holds
are at most ``MAX_CACHED_CHARS`` characters, and never caches one text so
long that it would take most of that room.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict

from .limits import MAX_CACHED_CHARS


def _chars(args: tuple) -> int:
    return sum(len(a) for a in args if isinstance(a, str))


def text_cache(maxsize: int, max_chars: int = MAX_CACHED_CHARS):
    """Decorate a function of positional, hashable arguments (texts among them) with a bounded memo."""

    def decorate(fn):
        data: OrderedDict = OrderedDict()
        lock = threading.Lock()  # the 审核 window checks in a worker thread while the wizard checks too
        held = 0
        single = max(1, max_chars // 8)

        @functools.wraps(fn)
        def call(*args):
            nonlocal held
            with lock:
                if args in data:
                    data.move_to_end(args)
                    return data[args]
            value = fn(*args)
            chars = _chars(args)
            if chars > single:
                return value
            with lock:
                if args not in data:
                    data[args] = value
                    held += chars
                    while len(data) > maxsize or held > max_chars:
                        old, _ = data.popitem(last=False)
                        held -= _chars(old)
            return value

        def cache_clear() -> None:
            nonlocal held
            with lock:
                data.clear()
                held = 0

        def cache_chars() -> tuple[int, int]:
            """(entries, characters of text) held now."""
            with lock:
                return len(data), held

        call.cache_clear = cache_clear
        call.cache_chars = cache_chars
        return call

    return decorate
