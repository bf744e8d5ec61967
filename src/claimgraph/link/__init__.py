"""Pure functions that join records across sources: actor resolution, propositions, citations."""
