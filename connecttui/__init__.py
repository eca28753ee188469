"""connecttui: a keyboard-first personal relationship manager for the terminal."""

__version__ = "0.1.0"
