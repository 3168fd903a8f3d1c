"""The Flask app factory: settings, the query engine, and one blueprint per concern."""

from __future__ import annotations

from flask import Flask
from flask_cors import CORS

from evkg.settings import Settings, load_settings
from evkg.service import (access_log, browse, downloads, errors, linked_data, meta, metrics, plant_map, queries_api,
                     request_guard, sparql)
from evkg.service.client_identity import ForwardedScheme, trusted_networks
from evkg.service.engine import Engine


def create_app(settings: Settings | None = None) -> Flask:
    """Build the app; nothing is read or started until the first request needs it."""
    settings = settings or load_settings()
    app = Flask(__name__)
    app.extensions["evkg.settings"] = settings
    app.extensions["evkg.engine"] = Engine(settings)
    errors.init_app(app)
    access_log.init_app(app)
    request_guard.init_app(app)
    app.register_blueprint(meta.blueprint)
    app.register_blueprint(metrics.blueprint)
    app.register_blueprint(sparql.blueprint)
    app.register_blueprint(queries_api.blueprint)
    for viewer in (browse, plant_map, linked_data, downloads):
        app.register_blueprint(viewer.blueprint)
    # reads are open to any origin; nothing here changes state, so no credentials are involved
    CORS(app, methods=["GET", "HEAD", "POST", "OPTIONS"], expose_headers=["X-Evkg-Truncated", "X-Request-Id"])
    app.wsgi_app = ForwardedScheme(app.wsgi_app, trusted_networks(settings.trusted_proxies))
    return app
