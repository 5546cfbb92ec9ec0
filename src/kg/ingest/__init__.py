"""Turn a news report into a draft of proposed, quote-backed facts (docs/ingest.md)."""
