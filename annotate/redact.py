"""Secrets kept out of messages: text that may echo a request's headers is cleaned first.

Example:
    >>> without_hf_token("Bearer hf_abcdefghijklmnopqrst")
    'Bearer ***'
"""

from __future__ import annotations

import re

_HF_TOKEN = re.compile(r"hf_[A-Za-z0-9]{16,}")


def without_hf_token(text: str) -> str:
    """``text`` with the Hugging Face token in use, and anything shaped like one, as ``***``
    (a hub error may echo the request's Authorization header).

    Example:
        >>> without_hf_token("got {'authorization': 'Bearer hf_abcdefghijklmnopqrst'}")
        "got {'authorization': 'Bearer ***'}"
    """
    try:
        from huggingface_hub import get_token

        token = get_token()
    except Exception:  # no hub library or no readable login: the pattern still applies
        token = None
    if token:
        text = text.replace(token, "***")
    return _HF_TOKEN.sub("***", text)
