"""Entry point: ``python app.py`` for development, ``gunicorn app:server`` in production."""

from __future__ import annotations

from dashboard.config import ServerConfig
from dashboard.server.app_factory import create_app

app = create_app()
server = app.server

if __name__ == "__main__":
    config = ServerConfig.from_env()
    # The version check would call plotly's server from the reader's browser.
    app.run(
        host=config.host,
        port=config.port,
        debug=config.debug,
        dev_tools_disable_version_check=True,
    )
