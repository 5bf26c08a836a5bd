"""Pure page logic: from the loaded data and a view state to what each page shows (no Dash)."""
