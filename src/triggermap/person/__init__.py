"""A person's records as the core's own typed values, and the triage their records give (pure)."""
