"""The Cartocoord web app: pure view logic, figures, layouts and thin callbacks."""
