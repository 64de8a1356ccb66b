"""Interactive conversations (walkthrough, review) over one UI protocol."""
