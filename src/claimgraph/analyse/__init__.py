"""Pure functions over linked records: independence, timelines, contradictions, grades."""
