"""Mentoring views, one module per audience; every view carries an access rule (app.access)."""
