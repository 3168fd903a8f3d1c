"""The code's shape: layers import only downwards, the name finder has no import cycle, and namespaces and media
types are each written in one module only. Read from the source (AST), so a lazy or type-only import counts."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from rdflib import OWL, RDF, URIRef

from evkg.graph import formats
from evkg.ontology import ONTOLOGY_FILE, vocabulary

ROOT = Path(__file__).resolve().parent.parent
# lowest first: settings and the version are read by every layer; the command line dispatches to all of them
LAYERS = {"evkg": 0, "evkg.settings": 0, "ontology": 1, "graph": 2, "service": 3, "evkg.cli": 4}


def modules() -> dict[str, Path]:
    """Every module of the installed packages, by dotted name."""
    found = {}
    for package in ("evkg", "ontology", "graph", "service"):
        for path in (ROOT / package).rglob("*.py"):
            found[".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")] = path
    return found


MODULES = modules()


def layer(module: str) -> int:
    """The layer of a module: its own entry in LAYERS, else its package's."""
    return LAYERS.get(module, LAYERS[module.split(".")[0]])


def imports(path: Path) -> Iterator[tuple[int, str]]:
    """(line, module) of every import of one of our modules, wherever it stands in the file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            # `from graph import layout` imports the module graph.layout
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            if name in MODULES:
                yield node.lineno, name


def test_no_module_imports_from_a_higher_layer() -> None:
    upward = [f"{MODULES[module].relative_to(ROOT)}:{line} imports {imported}"
              for module in sorted(MODULES) for line, imported in imports(MODULES[module])
              if layer(imported) > layer(module)]
    assert upward == []


def test_the_name_finder_has_no_import_cycle() -> None:
    """Everything graph.names is built from, directly or not, can be read bottom-up."""
    graph = {module: {imported for _, imported in imports(path) if imported != module} for module, path in MODULES.items()}
    reached, todo = set(), ["evkg.graph.names"]
    while todo:
        module = todo.pop()
        if module not in reached:
            reached.add(module)
            todo.extend(graph[module])
    order: list[str] = []
    while len(order) < len(reached):
        ready = sorted(m for m in reached - set(order) if graph[m] <= set(order))
        assert ready, f"an import cycle among {sorted(reached - set(order))}"
        order += ready


def strings(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of every string constant of a module but its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                  and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node.lineno, node.value


NAMESPACES = sorted({value for name, value in vars(vocabulary).items() if name.isupper() and isinstance(value, str)})


@pytest.mark.parametrize("namespace", NAMESPACES)
def test_namespaces_are_written_only_in_the_vocabulary(namespace: str) -> None:
    """Every other module takes namespaces and prefixes from ontology.vocabulary instead of writing them again."""
    written = [f"{path.relative_to(ROOT)}:{line}" for module, path in sorted(MODULES.items())
               if module != "evkg.ontology.vocabulary" for line, text in strings(path) if namespace in text]
    assert written == []


MEDIA_TYPES = sorted({media for fmt in formats.FORMATS for media in (fmt.media_type, *fmt.media_aliases)})


@pytest.mark.parametrize("media_type", MEDIA_TYPES)
def test_media_types_are_written_only_in_the_formats_registry(media_type: str) -> None:
    """Every other module takes formats from graph.formats (a string naming a media type, alone or in a list, counts)."""
    written = [f"{path.relative_to(ROOT)}:{line}" for module, path in sorted(MODULES.items())
               if module != "evkg.graph.formats" for line, text in strings(path)
               if media_type in (part.split(";")[0].strip().lower() for part in text.split(","))]
    assert written == []


def test_the_vocabulary_agrees_with_the_ontology() -> None:
    """Each kind's class is a class of evkg.ttl, and a prefix both name stands for the same namespace."""
    ontology = rdflib.Graph(bind_namespaces="none").parse(ONTOLOGY_FILE, format="turtle")
    classes = set(ontology.subjects(RDF.type, OWL.Class))
    missing = [kind.cls for kind in (*vocabulary.ENTITY_KINDS, vocabulary.DOCUMENT)
               if kind.cls and URIRef(vocabulary.EVKG + kind.cls) not in classes]
    assert missing == []
    declared = {prefix: str(namespace) for prefix, namespace in ontology.namespaces()}
    assert {prefix: declared[prefix] for prefix in vocabulary.PREFIXES if prefix in declared} == \
        {prefix: namespace for prefix, namespace in vocabulary.PREFIXES.items() if prefix in declared}
    assert "schema" in declared and "evkg" in declared
