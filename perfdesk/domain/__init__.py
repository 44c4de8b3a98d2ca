"""Pure domain logic (no storage, no Qt): frameworks, values, amounts."""
