"""The web viewer: home, entity, document, class and search pages, and the query editor page."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, jsonify, make_response, render_template, request
from rdflib import Literal, URIRef
from rdflib.term import Node

from evkg.ontology.vocabulary import EVKG, PREFIXES, sparql_prefixes
from evkg.service import contents, queries_api
from evkg.service.binding import bind
from evkg.service.claims import disagreements
from evkg.service.comparisons import compare
from evkg.service.describe import Description, describe
from evkg.service.display import format_literal
from evkg.service.document_view import facts, sentences
from evkg.service.ontology_doc import incoming_label, label_of, term_labels
from evkg.service.paths import href, kind_of, local_name
from evkg.service.plant_map import locator
from evkg.service.saved_queries import ParameterError, SavedQuery
from evkg.service.schema_org import schema_org

blueprint = Blueprint("browse", __name__)

# scripts and styles only from this server; JSON islands (application/json, ld+json) are data, not scripts
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)
# The query editor's table (YASGUI's column-resizer) injects two fixed stylesheets; only those exact texts
# are allowed there, by hash: its grip rules and the drag cursor "*{cursor:col-resize!important}".
EDITOR_STYLE_HASHES = ("'sha256-zCK2EVMoPc04mRF/g5CotUvxbJPWS+8V0b+s9ptqQIk=' "
                       "'sha256-c0O6TmFAkgpNbHxKAa1BrveWHHopjEtC47i0PzMudxg='")
EDITOR_POLICY = CONTENT_SECURITY_POLICY.replace("style-src 'self'", f"style-src 'self' {EDITOR_STYLE_HASHES}")
# classes of provenance records and of the ontology's value individuals, listed apart from the industry's things
SUPPORTING_CLASSES = {"SourceDocument", "Sentence", "Mention", "Assertion", "Powertrain", "BodyType"}
PAGE_SIZE = 200  # instances on one class page: a class of a million-triple graph can have tens of thousands
HOME_DOCUMENTS = 20  # the newest documents on the home page; the rest are on their class page
SORT_KEYS = {"label": lambda item: item.label.lower(), "type": lambda item: str(item.type or "")}
DEFAULT_QUERY = sparql_prefixes("evkg", "rdfs") + """
SELECT ?model ?label WHERE {
  ?plant evkg:produces ?model .
  ?model rdfs:label ?label .
} ORDER BY ?label
"""


@blueprint.after_app_request
def security_headers(response: Response) -> Response:
    """Every response forbids inline and third-party code, framing and MIME sniffing."""
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    return response


@blueprint.app_context_processor
def helpers() -> dict[str, Any]:
    """Functions every template (the saved-query pages' too) uses to name and link terms."""
    return {"href": href, "label_of": label_of, "incoming_label": incoming_label, "local_name": local_name,
            "kind_of": kind_of, "format_literal": format_literal, "is_literal": lambda term: isinstance(term, Literal)}


@blueprint.get("/")
def home() -> str:
    """What the dataset is, what it holds, where it came from, and where to go next."""
    counts = contents.class_counts()
    supporting = [(cls, n) for cls, n in counts if str(cls)[len(EVKG):] in SUPPORTING_CLASSES]
    documents = contents.documents()
    return render_template("home.html", counts=[c for c in counts if c not in supporting], supporting=supporting,
                           documents=documents[:HOME_DOCUMENTS], document_count=len(documents))


@blueprint.get("/search")
def search_page() -> str:
    """Search results as a page: the form's target when scripts are off."""
    text = request.args.get("q", "")
    return render_template("search.html", text=text, results=contents.search(text))


@blueprint.get("/search.json")
def search_json() -> Response:
    """Label and alternative-label matches for the autocomplete; `class` keeps the instances of one evkg class."""
    text, cls = request.args.get("q", ""), request.args.get("class", "")
    if cls and (not cls.startswith(EVKG) or cls not in term_labels()):
        abort(400, f"class must be an evkg class IRI; got {cls!r}")
    return jsonify([item.as_json(matched) for item, matched in contents.search(text, URIRef(cls) if cls else None)])


@blueprint.get("/class/<name>")
def class_page(name: str) -> str:
    """All instances of one evkg class (subclasses included), sortable by label or type, a page at a time."""
    cls = URIRef(EVKG + name)
    if str(cls) not in term_labels():
        abort(404, f"the ontology has no class evkg:{name}")
    sort = request.args.get("sort", "label") if request.args.get("sort") in SORT_KEYS else "label"
    descending = request.args.get("order") == "desc"
    items = sorted(contents.instances(cls), key=SORT_KEYS[sort], reverse=descending)
    pages = max(1, -(-len(items) // PAGE_SIZE))
    page = min(max(request.args.get("page", 1, type=int), 1), pages)
    shown = items[(page - 1) * PAGE_SIZE: page * PAGE_SIZE]
    return render_template("class.html", cls=cls, name=name, items=shown, total=len(items), page=page, pages=pages,
                           sort=sort, descending=descending)


@blueprint.get("/query")
def query_editor() -> Response:
    """The SPARQL editor (YASGUI over /sparql); a plain form when scripts are off."""
    saved = queries_api.catalog().queries
    example = saved.get(request.args.get("example", ""))
    html = render_template("query.html", saved=saved, query=_example_text(example) if example else DEFAULT_QUERY,
                           examples={name: query.text for name, query in saved.items()},
                           prefixes=[f"{prefix}: <{iri}>" for prefix, iri in sorted(PREFIXES.items())])
    response = make_response(html)
    response.headers["Content-Security-Policy"] = EDITOR_POLICY
    return response


def _example_text(example: SavedQuery) -> str:
    """A saved query as the editor opens it: with the request's parameters bound in its VALUES block when they fit."""
    try:
        bindings = example.bind(request.args)
    except ParameterError:
        return example.text
    return bind(example.text, bindings)


def entity_page(iri: URIRef, alternates: list[tuple[str, str, str]]) -> str:
    """The HTML representation of an entity (or of a document, shown as its annotated text).

    `alternates` (url, media type, name) are its RDF representations, linked from the page's head and header.
    """
    description = describe(iri)
    if not description.exists:
        abort(404, f"nothing is known about <{iri}>")
    context = {"d": description, "alternates": alternates, "schema_org": schema_org(description, request.base_url),
               "graph_data": neighbourhood(description)}
    if kind_of(iri) == "document":
        return render_template("document.html", sentences=sentences(iri), facts=facts(iri), **context)
    return render_template("entity.html", comparison=compare(iri), disagreements=disagreements(iri),
                           locator=locator(iri) if kind_of(iri) == "plant" else None, **context)


def neighbourhood(description: Description) -> dict[str, list[dict[str, Any]]]:
    """Nodes and edges around the entity for the interactive graph (types and literals left out)."""
    nodes = {str(description.iri): _node(description.iri, description.label, center=True)}
    edges = []
    for direction, groups in (("out", description.outgoing), ("in", description.incoming)):
        for predicate, links in groups.items():
            for link in links:
                if isinstance(link.term, Literal) or link.href is None:
                    continue
                nodes.setdefault(str(link.term), _node(link.term, link.label or local_name(str(link.term))))
                ends = (str(description.iri), str(link.term))
                source, target = ends if direction == "out" else ends[::-1]
                edges.append({"source": source, "target": target, "label": label_of(predicate)})
    return {"nodes": list(nodes.values()), "edges": edges}


def _node(term: Node, label: str, center: bool = False) -> dict[str, Any]:
    return {"id": str(term), "label": label, "href": href(term), "kind": kind_of(term) or "term", "center": center}
