"""validate() and `evkg validate`: a valid graph passes both checks, and each check is proven able to fail."""

from pathlib import Path

import owlready2
import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import OWL, RDFS, SKOS, BNode, Graph, URIRef

from evkg.cli import main
from evkg.graph.layout import dump_file, new_build_dir, publish
from evkg.ontology import ONTOLOGY_FILE
from evkg.ontology.provenance import reasoner_lines, spared_nodes, split
from evkg.ontology.shacl import shacl_problems
from evkg.ontology.triples import read_lines, write_lines
from evkg.ontology.validate import Problem, ReasonerUnavailable, validate

PREFIXES = """
@prefix evkg: <https://w3id.org/evkg/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix r: <https://w3id.org/evkg/resource/> .
@prefix doc: <https://w3id.org/evkg/resource/document/seed#> .
"""
R = "https://w3id.org/evkg/resource/"
# A plant, a model with its brand, a production record, an investment, a document, a sentence, mentions
# and assertions.
VALID = PREFIXES + """
<https://w3id.org/evkg/resource/document/seed> a evkg:SourceDocument ;
    dcterms:title "Alliance visits Douai" ; evkg:fileName "seed.txt" ;
    evkg:sha256 "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08" ;
    evkg:readAt "2026-11-26T10:00:00Z"^^xsd:dateTime ; dcterms:issued "2025-03-01"^^xsd:date .
doc:char\\=0\\,66 a evkg:Sentence ; evkg:start 0 ; evkg:end 66 ;
    evkg:text "The Douai plant made 89,527 units in 2024, among them the Renault 5." ;
    evkg:inDocument <https://w3id.org/evkg/resource/document/seed> .
doc:mention\\=4\\,15 a evkg:Mention ; evkg:text "Douai plant" ; evkg:start 4 ; evkg:end 15 ;
    evkg:inSentence doc:char\\=0\\,66 ; evkg:inDocument <https://w3id.org/evkg/resource/document/seed> ;
    evkg:denotes <https://w3id.org/evkg/resource/plant/ampere-douai> .
doc:mention\\=56\\,65 a evkg:Mention ; evkg:text "Renault 5" ; evkg:start 56 ; evkg:end 65 ;
    evkg:inSentence doc:char\\=0\\,66 ; evkg:inDocument <https://w3id.org/evkg/resource/document/seed> ;
    evkg:denotes <https://w3id.org/evkg/resource/model/renault-5-e-tech> .
<https://w3id.org/evkg/resource/plant/ampere-douai> a evkg:ManufacturingPlant ; rdfs:label "Ampere Douai" ;
    evkg:produces <https://w3id.org/evkg/resource/model/renault-5-e-tech> ;
    evkg:allElectricSince "2023-05"^^xsd:gYearMonth .
<https://w3id.org/evkg/resource/model/renault-5-e-tech> a evkg:VehicleModel ; rdfs:label "Renault 5 E-Tech" ;
    evkg:brand <https://w3id.org/evkg/resource/brand/renault> ; evkg:powertrain evkg:BatteryElectric ;
    evkg:bodyType evkg:Hatchback .
<https://w3id.org/evkg/resource/brand/renault> a evkg:Brand ; rdfs:label "Renault" .
<https://w3id.org/evkg/resource/company/renault> a evkg:Company ; rdfs:label "Renault" ;
    evkg:ownsBrand <https://w3id.org/evkg/resource/brand/renault> .
<https://w3id.org/evkg/resource/production/ampere-douai-2024> a evkg:ProductionRecord ;
    evkg:outputOf <https://w3id.org/evkg/resource/plant/ampere-douai> ;
    evkg:year 2024 ; evkg:units 89527 ; evkg:approximate false .
doc:assertion-0a1b2c3d4e5f a evkg:Assertion ; evkg:statedIn doc:char\\=0\\,66 ;
    evkg:assertionSubject <https://w3id.org/evkg/resource/production/ampere-douai-2024> ;
    evkg:assertionPredicate evkg:units ; evkg:assertionObject 89527 .
<https://w3id.org/evkg/resource/investment/ampere-douai-550000000-eur> a evkg:Investment ;
    evkg:amount 550000000.0 ; evkg:currency "EUR" ; evkg:purpose "transformation" ;
    evkg:investmentTarget <https://w3id.org/evkg/resource/plant/ampere-douai> .
doc:assertion-a1b2c3d4e5f6 a evkg:Assertion ; evkg:statedIn doc:char\\=0\\,66 ;
    evkg:assertionSubject <https://w3id.org/evkg/resource/investment/ampere-douai-550000000-eur> ;
    evkg:assertionPredicate evkg:currency ; evkg:assertionObject "EUR" .
"""
# The same name as a company and as a brand is fine; one individual in both classes is not.
TWO_DISJOINT_TYPES = (
    f"<{R}company/renault> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    "<https://w3id.org/evkg/ontology#Brand> .\n"
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def valid(tmp_path) -> Path:
    return write(tmp_path, "valid.ttl", VALID)


def published_build(data_dir: Path, *turtle: str) -> Path:
    """A data folder laid out by graph.layout with one published build; its union dump holds the ontology too."""
    union = Graph().parse(ONTOLOGY_FILE, format="turtle")
    for text in turtle:
        union.parse(data=text, format="turtle")
    build = new_build_dir(data_dir)
    dump = dump_file(build, "nt")
    dump.parent.mkdir(parents=True)
    union.serialize(dump, format="nt", encoding="utf-8")
    publish(data_dir, build)
    return build


def test_a_valid_graph_passes_both_checks_and_prints_nothing(valid, capfd):
    report = validate([valid])
    assert report.ok, str(report)
    assert report.problems == []
    assert str(report) == "consistent\nSHACL: conforms"
    assert capfd.readouterr() == ("", "")


def test_an_individual_in_two_disjoint_classes_is_reported_with_its_cause(valid, tmp_path):
    extra = write(tmp_path, "extra.nt", TWO_DISJOINT_TYPES)
    report = validate([valid, extra])
    assert not report.ok
    assert report.reasoning[0].message.startswith("inconsistent")
    cause = "\n".join(map(str, report.reasoning))
    assert f"<{R}company/renault> is in disjoint classes" in cause
    assert {node for problem in report.reasoning for node in problem.focus} == {URIRef(f"{R}company/renault")}
    assert not any(problem.validator_failed for problem in report.problems)
    assert "evkg:Brand" in cause and "evkg:Company" in cause


def test_a_type_clash_through_a_property_range_is_traced_to_the_property(valid, tmp_path):
    extra = write(tmp_path, "extra.ttl", PREFIXES + "r:model\\/renault-5-e-tech evkg:brand r:company\\/renault .")
    report = validate([valid, extra])
    assert not report.ok
    assert any(f"<{R}company/renault>" in problem.message and "object of evkg:brand" in problem.message
               for problem in report.reasoning)


def canonical_dump(tmp_path: Path, *files: Path) -> Path:
    """The files' triples in one N-Triples file written by pyoxigraph, as a build writes its union dump."""
    store = pyoxigraph.Store()
    for file in files:
        store.load(path=file, format=pyoxigraph.RdfFormat.from_extension(file.suffix.removeprefix(".")))
    dump = tmp_path / "union.nt"
    store.dump(dump, pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
    return dump


def without_blank_nodes(lines: list[str]) -> list[str]:
    """The lines sorted, but those with blank nodes (the ontology's are renamed each time it is read)."""
    return sorted(line for line in lines if "_:" not in line)


def test_a_dump_read_as_canonical_lines_gives_the_triples_and_verdicts_of_parsing_it(valid, tmp_path):
    dump = canonical_dump(tmp_path, valid)
    parsed, _ = read_lines([ONTOLOGY_FILE, dump], tmp_path)
    ontology, _ = read_lines([ONTOLOGY_FILE], tmp_path)
    write_lines(ontology, tmp_path / "taken.nt", canonical=[dump])
    taken = (tmp_path / "taken.nt").read_text(encoding="utf-8").splitlines()
    assert set(without_blank_nodes(taken)) == set(without_blank_nodes(parsed))
    assert validate([dump], canonical=True).ok
    clash = canonical_dump(tmp_path, valid, write(tmp_path, "extra.nt", TWO_DISJOINT_TYPES))
    assert validate([clash], canonical=True).reasoning == validate([clash]).reasoning != ()


def test_an_unsatisfiable_class_is_named(valid, tmp_path):
    extra = write(tmp_path, "extra.ttl", PREFIXES + """
        <https://example.org/BrandedPlant> a owl:Class ;
            rdfs:subClassOf evkg:Brand , evkg:ManufacturingPlant .""")
    report = validate([valid, extra])
    assert Problem("unsatisfiable class: <https://example.org/BrandedPlant>") in report.reasoning


def test_a_model_without_brand_is_consistent_but_fails_shacl(tmp_path):
    broken = write(tmp_path, "broken.ttl", VALID.replace("evkg:brand <https://w3id.org/evkg/resource/brand/renault> ;", ""))
    report = validate([broken])
    assert not report.ok and report.reasoning == ()
    assert str(report).startswith("consistent\nSHACL: 1 violation(s)\nSHACL Violation: ")
    assert f"<{R}model/renault-5-e-tech> evkg:brand [MinCount]: a vehicle model needs exactly one evkg:brand" in (
        report.shacl[0].message)


SHAPE_BREAKS = [
    (("evkg:units 89527", "evkg:units -1"),
     f"<{R}production/ampere-douai-2024> evkg:units [MinInclusive]"),
    (('evkg:currency "EUR"', 'evkg:currency "euro"'),
     f"<{R}investment/ampere-douai-550000000-eur> evkg:currency [Pattern]"),
    (("evkg:amount 550000000.0", "evkg:amount 0.0"), "evkg:amount [MinExclusive]"),
    (("evkg:year 2024", 'evkg:year "2024"'),
     f"<{R}production/ampere-douai-2024> evkg:year [Datatype]"),
    (('"2023-05"^^xsd:gYearMonth', '"May 2023"'),
     f"<{R}plant/ampere-douai> evkg:allElectricSince [Or]"),
    (("evkg:denotes <https://w3id.org/evkg/resource/plant/ampere-douai>", "evkg:denotes r:brand\\/renault"),
     f"<{R}plant/ampere-douai> (^evkg:denotes/evkg:inDocument) [MinCount]"),
    (('evkg:sha256 "9f86d0', 'evkg:sha256 "zz86d0'), "evkg:sha256 [Pattern]"),
    (("evkg:start 0 ; evkg:end 66", "evkg:start 66 ; evkg:end 0"), "evkg:start [LessThan]"),
    (("evkg:statedIn doc:char\\=0\\,66 ;", ""), "evkg:statedIn [MinCount]"),
]


def merged_file(folder: Path, text: str) -> Path:
    """The ontology and `text` (Turtle) as one N-Triples file, as validate() gives them to the SHACL engine."""
    merged = folder / "merged.nt"
    Graph().parse(ONTOLOGY_FILE, format="turtle").parse(data=text, format="turtle").serialize(
        merged, format="nt", encoding="utf-8")
    return merged


@pytest.mark.parametrize("change, expected", SHAPE_BREAKS)
def test_each_shape_names_what_is_wrong(change, expected, tmp_path):
    old, new = change
    assert old in VALID
    problems = shacl_problems(merged_file(tmp_path, VALID.replace(old, new)))
    assert any(problem.message.startswith("SHACL Violation: ") and expected in problem.message
               for problem in problems), problems
    assert all(problem.focus and problem.message.startswith(f"SHACL Violation: <{problem.focus[0]}>")
               for problem in problems), "each result names its focus node as a term"


def test_an_unreadable_file_is_named(tmp_path):
    broken = write(tmp_path, "broken.ttl", "<a> <b> .")
    report = validate([broken])
    assert not report.ok
    assert str(report).startswith(f"cannot read {broken}")
    assert [problem.validator_failed for problem in report.problems] == [True]


def test_missing_java_is_a_clear_error(valid, monkeypatch):
    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    with pytest.raises(ReasonerUnavailable, match="default-jre-headless"):
        validate([valid])


def test_evkg_validate_passes_a_valid_build(tmp_path):
    data_dir = tmp_path / "data"
    published_build(data_dir, VALID)
    result = CliRunner().invoke(main, ["validate", "--data", str(data_dir)])
    assert result.exit_code == 0, result.output
    assert result.output == "consistent\nSHACL: conforms\n"


def test_evkg_validate_reports_an_inconsistent_build(tmp_path):
    data_dir = tmp_path / "data"
    published_build(data_dir, VALID, TWO_DISJOINT_TYPES)
    result = CliRunner().invoke(main, ["validate", "--data", str(data_dir)])
    assert result.exit_code == 1
    assert result.output.startswith("inconsistent")
    assert f"<{R}company/renault> is in disjoint classes" in result.output


def test_evkg_validate_without_a_build_is_a_one_line_error(tmp_path):
    result = CliRunner().invoke(main, ["validate", "--data", str(tmp_path / "empty")])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and "evkg build" in result.output


def test_evkg_validate_without_java_says_how_to_install_it(tmp_path, monkeypatch):
    data_dir = tmp_path / "data"
    published_build(data_dir, VALID)
    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    result = CliRunner().invoke(main, ["validate", "--data", str(data_dir)])
    assert result.exit_code == 1
    assert "Java is missing" in result.output and "default-jre-headless" in result.output


# Inconsistencies a sentence, mention or assertion takes part in: HermiT is not shown the provenance nodes
# that cannot take part in one (ontology/provenance.py), so each of these must still reach it.
MENTION = "doc:mention\\=0\\,3 a evkg:Mention ; evkg:inSentence doc:char\\=0\\,66 ; evkg:denotes r:brand\\/renault ; "
SEED = "<https://w3id.org/evkg/resource/document/seed>"
DISAGREEMENT = "<https://w3id.org/evkg/resource/production/ampere-douai-2024#disagreement-units>"
PROVENANCE_CLASHES = {
    "a mention that is also a company": "doc:mention\\=4\\,15 a evkg:Company .",
    "a sentence that is also a mention": "doc:char\\=0\\,66 a evkg:Mention .",
    "a mention in a 'document' that is a company":
        MENTION + 'evkg:text "The" ; evkg:start 0 ; evkg:end 3 ; evkg:inDocument r:company\\/renault .',
    "a mention starting before the text": MENTION + f'evkg:text "The" ; evkg:start -1 ; evkg:end 3 ; evkg:inDocument {SEED} .',
    "a sentence with two texts": 'doc:char\\=0\\,66 evkg:text "Another text." .',
    "a mention in two sentences": f"""doc:char\\=67\\,70 a evkg:Sentence ; evkg:text "Yes" ; evkg:start 67 ; evkg:end 70 ;
        evkg:inDocument {SEED} . doc:mention\\=4\\,15 evkg:inSentence doc:char\\=67\\,70 .""",
    "an assertion stated in a mention": "doc:assertion-0a1b2c3d4e5f evkg:statedIn doc:mention\\=4\\,15 .",
    "a mention with a vehicle model's property": "doc:mention\\=4\\,15 evkg:brand r:brand\\/renault .",
    "a plant producing a sentence": "r:plant\\/ampere-douai evkg:produces doc:char\\=0\\,66 .",
    "a company claiming an assertion": "r:company\\/renault evkg:claim doc:assertion-0a1b2c3d4e5f .",
    "a disagreement claiming a mention": f"{DISAGREEMENT} a evkg:Disagreement ; evkg:claim doc:mention\\=4\\,15 .",
}


@pytest.mark.parametrize("extra", PROVENANCE_CLASHES.values(), ids=PROVENANCE_CLASHES.keys())
def test_an_inconsistency_a_provenance_node_takes_part_in_is_found_by_hermit(valid, tmp_path, extra):
    report = validate([valid, write(tmp_path, "extra.ttl", PREFIXES + extra)])
    assert report.reasoning and report.reasoning[0].message.startswith("inconsistent"), str(report)


def test_hermit_is_spared_exactly_the_provenance_nodes_of_a_valid_graph(valid, tmp_path):
    lines, _ = read_lines([ONTOLOGY_FILE, valid], tmp_path)
    spared = {node.removeprefix(f"<{R}document/seed#").removesuffix(">") for node in spared_nodes(map(split, lines))}
    assert spared == {"char=0,66", "mention=4,15", "mention=56,65", "assertion-0a1b2c3d4e5f", "assertion-a1b2c3d4e5f6"}
    merged = tmp_path / "merged.nt"
    write_lines(lines, merged)
    kept = list(reasoner_lines(merged))
    assert set(kept) == {line for line in lines if not split(line)[0].startswith(f"<{R}document/seed#")}
    assert any(f"{R}document/seed#" in split(line)[2] for line in lines)  # a sentence's or mention's IRI
    assert not any(f"{R}document/seed#" in split(line)[2] for line in kept)


def test_the_assertions_a_disagreement_claims_are_spared_with_their_claims(valid, tmp_path):
    """Without this, each disputed figure kept its assertions, their sentences and all that those say."""
    extra = write(tmp_path, "extra.ttl", PREFIXES + f"{DISAGREEMENT} a evkg:Disagreement ; "
                  "evkg:claim doc:assertion-0a1b2c3d4e5f, doc:assertion-a1b2c3d4e5f6 .\n")
    lines, _ = read_lines([ONTOLOGY_FILE, valid, extra], tmp_path)
    assert len(spared_nodes(map(split, lines))) == 5
    merged = tmp_path / "merged.nt"
    write_lines(lines, merged)
    kept = list(reasoner_lines(merged))
    assert [line for line in kept if line.startswith(DISAGREEMENT)] == [
        f"{DISAGREEMENT} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <{E}Disagreement> ."]
    assert not validate([valid, extra]).reasoning


def test_a_provenance_node_a_kept_triple_names_is_kept_and_so_is_everything_its_kept_triples_reach(valid, tmp_path):
    """The mention, named by an entity, is kept; so its inSentence names the sentence, kept in turn, whose
    other mention and assertions link to a kept sentence: three rounds, and nothing is spared."""
    extra = write(tmp_path, "extra.ttl", PREFIXES + f"<{R}plant/ampere-douai> rdfs:seeAlso doc:mention\\=4\\,15 .\n")
    lines, _ = read_lines([ONTOLOGY_FILE, valid, extra], tmp_path)
    assert spared_nodes(map(split, lines)) == set()


# Every axiom of evkg.ttl on a provenance class or property, their super-classes and -properties, and the
# top class and properties: ontology/provenance.py argues from exactly these. If this test fails, the
# ontology changed under that argument: check it still holds, then update this list.
E, NIF = "https://w3id.org/evkg/ontology#", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
PROVENANCE_TERMS = {
    *(URIRef(E + name) for name in ("Sentence", "Mention", "Assertion", "text", "start", "end", "inDocument",
                                    "inSentence", "denotes", "statedIn", "statedOn", "assertionSubject", "assertionPredicate",
                                    "assertionObject", "claim")),
    *(URIRef(NIF + name) for name in ("Sentence", "Phrase", "anchorOf", "beginIndex", "endIndex", "sentence")),
    URIRef("http://www.w3.org/ns/prov#Entity"), URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"),
    URIRef("http://www.w3.org/2005/11/its/rdf#taIdentRef"), OWL.Thing, OWL.topObjectProperty, OWL.topDataProperty,
}
PROVENANCE_AXIOMS = sorted([
    *["[] rdf:first evkg:Assertion"], *["[] rdf:first evkg:Mention"] * 5, *["[] rdf:first evkg:Sentence"] * 5,
    "evkg:Assertion rdf:type owl:Class", "evkg:Assertion rdfs:subClassOf prov:Entity",
    "evkg:Mention rdf:type owl:Class", "evkg:Mention rdfs:subClassOf nif:Phrase", "evkg:Mention rdfs:subClassOf prov:Entity",
    "evkg:Sentence rdf:type owl:Class", "evkg:Sentence rdfs:subClassOf nif:Sentence",
    "evkg:Sentence rdfs:subClassOf prov:Entity", "evkg:SourceDocument rdfs:subClassOf prov:Entity",
    "evkg:assertionObject rdf:type owl:AnnotationProperty", "evkg:assertionPredicate rdf:type owl:AnnotationProperty",
    "evkg:assertionSubject rdf:type owl:AnnotationProperty",
    "evkg:denotes rdf:type owl:ObjectProperty", "evkg:denotes rdfs:domain evkg:Mention",
    "evkg:denotes rdfs:subPropertyOf itsrdf:taIdentRef",
    "evkg:end rdf:type owl:DatatypeProperty", "evkg:end rdf:type owl:FunctionalProperty", "evkg:end rdfs:domain []",
    "evkg:end rdfs:range xsd:nonNegativeInteger", "evkg:end rdfs:subPropertyOf nif:endIndex",
    "evkg:inDocument rdf:type owl:FunctionalProperty", "evkg:inDocument rdf:type owl:ObjectProperty",
    "evkg:inDocument rdfs:domain []", "evkg:inDocument rdfs:range evkg:SourceDocument",
    "evkg:inSentence rdf:type owl:FunctionalProperty", "evkg:inSentence rdf:type owl:ObjectProperty",
    "evkg:inSentence rdfs:domain evkg:Mention", "evkg:inSentence rdfs:range evkg:Sentence",
    "evkg:inSentence rdfs:subPropertyOf nif:sentence",
    "evkg:start rdf:type owl:DatatypeProperty", "evkg:start rdf:type owl:FunctionalProperty", "evkg:start rdfs:domain []",
    "evkg:start rdfs:range xsd:nonNegativeInteger", "evkg:start rdfs:subPropertyOf nif:beginIndex",
    "evkg:statedIn rdf:type owl:ObjectProperty", "evkg:statedIn rdfs:domain evkg:Assertion",
    "evkg:statedIn rdfs:range evkg:Sentence", "evkg:statedIn rdfs:subPropertyOf prov:wasDerivedFrom",
    "evkg:statedOn rdf:type owl:DatatypeProperty", "evkg:statedOn rdf:type owl:FunctionalProperty",
    "evkg:statedOn rdfs:domain evkg:Assertion", "evkg:statedOn rdfs:range rdfs:Literal",
    "evkg:Disagreement rdfs:subClassOf prov:Entity", "evkg:claim rdf:type owl:ObjectProperty",
    "evkg:claim rdfs:domain evkg:Disagreement", "evkg:claim rdfs:range evkg:Assertion",
    "evkg:text rdf:type owl:DatatypeProperty", "evkg:text rdf:type owl:FunctionalProperty", "evkg:text rdfs:domain []",
    "evkg:text rdfs:range xsd:string", "evkg:text rdfs:subPropertyOf nif:anchorOf",
    "itsrdf:taIdentRef rdf:type owl:ObjectProperty", "nif:Phrase rdf:type owl:Class", "nif:Sentence rdf:type owl:Class",
    "nif:anchorOf rdf:type owl:DatatypeProperty", "nif:beginIndex rdf:type owl:DatatypeProperty",
    "nif:endIndex rdf:type owl:DatatypeProperty", "nif:sentence rdf:type owl:ObjectProperty",
    "prov:Entity rdf:type owl:Class", "prov:wasDerivedFrom rdf:type owl:ObjectProperty",
])


def test_the_ontology_says_no_more_about_provenance_nodes_than_sparing_them_assumes():
    ontology = Graph().parse(ONTOLOGY_FILE, format="turtle")

    def show(term: object) -> str:
        return "[]" if isinstance(term, BNode) else term.n3(ontology.namespace_manager)

    axioms = sorted(" ".join(map(show, triple)) for triple in ontology
                    if (triple[0] in PROVENANCE_TERMS or triple[2] in PROVENANCE_TERMS)
                    and triple[1] not in (RDFS.label, RDFS.comment, SKOS.definition))
    assert axioms == PROVENANCE_AXIOMS
