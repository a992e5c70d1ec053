"""Route modules of the web app; each exposes ``router`` (listed in ``web.app.ROUTERS``)."""
