"""triggermap: decision support for buttock pain and gluteal trigger points."""

__version__ = "0.1.0"
