"""Box Login's window: the only place Qt is imported."""
