"""Editing the zonings: editor accounts and login, checked uploads, the data page's logic."""
