"""wismo: an open conversational agent for post-purchase support ("Where is my order?")."""

import os

# Offline at run time, whichever module is imported first: tldextract (under Presidio's email
# recognizer) reads these when it is imported and would otherwise fetch the public suffix list on
# first use; Hugging Face and Chroma would look for downloads and send telemetry.
os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")

__version__ = "0.1.0"
