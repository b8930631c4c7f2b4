"""Loading a workspace: the loader (walk, parse, check, anchor), its cache, the cross-card checks, settings."""
