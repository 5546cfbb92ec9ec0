"""Routers: thin handlers over the store; each module exposes ``router``."""
