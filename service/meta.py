"""Introspection for operators: `/healthz`, `/-/settings`, `/-/stats`, `/-/versions` (HTML and JSON)."""

from __future__ import annotations

import platform
from importlib import metadata
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, render_template_string, request

from evkg.settings import setting_fields
from evkg.graph.formats import HTML, JSON
from evkg.service.engine import NoGraph, get_engine
from evkg.service.negotiation import negotiate

blueprint = Blueprint("meta", __name__)

PACKAGES = ("evkg", "flask", "werkzeug", "granian", "pyoxigraph", "rdflib", "sparqlwrapper")
PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>evkg: {{ title }}</title></head>
<body><h1>{{ title }}</h1><p><a href="{{ json_url }}">JSON</a></p>
<table>{% for key, value in rows %}<tr><th scope="row">{{ key }}</th><td>{{ value }}</td>
{%- if helps %}<td>{{ helps.get(key, "") }}</td>{% endif %}</tr>{% endfor %}</table></body></html>"""


@blueprint.route("/healthz")
def healthz() -> Response:
    """Liveness: the process answers; says whether a graph is published, without querying it."""
    engine = get_engine()
    try:
        build = engine.build().id
    except NoGraph:
        build = None
    return jsonify({"status": "ok", "build": build})


@blueprint.route("/-/settings")
@blueprint.route("/-/settings.json", endpoint="settings_json")
def settings() -> Response:
    """Every setting in effect, with its help text."""
    values = current_app.extensions["evkg.settings"].as_dict()
    helps = {field.name: field.metadata.get("help", "") for field in setting_fields()}
    if _wants_json():
        return jsonify({name: {"value": value, "help": helps[name]} for name, value in values.items()})
    return _page("Settings", values, helps)


@blueprint.route("/-/stats")
@blueprint.route("/-/stats.json", endpoint="stats_json")
def stats() -> Response:
    """The served build: id, times, triple counts per named graph, documents."""
    engine = get_engine()
    build = engine.build()
    manifest = build.manifest()
    counts = engine.statistics()
    data = {
        "build": manifest.get("id", build.id),
        "started": manifest.get("started"),
        "finished": manifest.get("finished"),
        "triples": counts.triples,
        "quads": sum(counts.graphs.values()),
        "named_graphs": counts.graphs,
        "documents": manifest.get("documents", []),
    }
    if _wants_json():
        return jsonify(data)
    flat = {**data, "named_graphs": len(counts.graphs), "documents": len(data["documents"])}
    return _page("Statistics", flat)


@blueprint.route("/-/versions")
@blueprint.route("/-/versions.json", endpoint="versions_json")
def versions() -> Response:
    """Python and the versions of the packages that answer queries."""
    data = {"python": platform.python_version()}
    for package in PACKAGES:
        try:
            data[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            data[package] = None
    if _wants_json():
        return jsonify(data)
    return _page("Versions", data)


def _wants_json() -> bool:
    wanted = ["json"] if request.path.endswith(".json") else request.args.getlist("format")
    return negotiate((HTML, JSON), wanted, fallback=HTML) == JSON


def _page(title: str, values: dict[str, Any], helps: dict[str, str] | None = None) -> Response:
    base = request.path.removesuffix(".json")
    html = render_template_string(PAGE, title=title, rows=values.items(), helps=helps, json_url=base + ".json")
    response = Response(html, mimetype=HTML.media_type)
    response.vary.add("Accept")
    return response
