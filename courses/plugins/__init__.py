"""markdown-it-py plugins of the course format, one small module each (see ``courses.markdown``)."""
