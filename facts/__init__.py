"""Web sub-forms of the facts vocabulary, one per part of the facts schema."""
