"""Box Login's pages, icons and artwork (data only; see core.paths.resource_path)."""
