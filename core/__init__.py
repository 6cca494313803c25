"""Cross-cutting pieces shared by every area of the application."""
