"""The formats the user writes: the card field tables and checks, the sidecar fields, the YAML reader, the JSON Schema."""
