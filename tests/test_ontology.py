"""The ontology file: it parses, reasons clean, defines every contract term with the right kind, and is documented."""

import owlready2
import pytest
from rdflib import OWL, RDF, RDFS, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SKOS, XSD

from evkg.ontology import ONTOLOGY_FILE
from evkg.ontology.reasoner import reason

EVKG = Namespace("https://w3id.org/evkg/ontology#")
ONTOLOGY = URIRef("https://w3id.org/evkg/ontology")
VANN = Namespace("http://purl.org/vocab/vann/")
SCHEMA = Namespace("http://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")

# The contract's vocabulary: other engineers emit and query exactly these names.
CLASSES = """Organization Company Alliance GoverningBoard Brand ManufacturingPlant Facility VehiclePlatform
VehicleModel Powertrain BodyType ProductionRecord Investment Place City Country MarketRegion Event Visit
StartOfProduction MarketLaunch SourceDocument Sentence Mention Assertion""".split()
SUBCLASSES = {
    "Company": "Organization", "Alliance": "Organization", "GoverningBoard": "Organization",
    "City": "Place", "Country": "Place", "MarketRegion": "Place",
    "Visit": "Event", "StartOfProduction": "Event", "MarketLaunch": "Event",
}
INDIVIDUALS = {
    "Powertrain": "BatteryElectric PlugInHybrid Hybrid FuelCellElectric InternalCombustion".split(),
    "BodyType": "SUV Hatchback Sedan Crossover Estate Van PickupTruck Coupe Convertible Minivan".split(),
}
OBJECT_PROPERTIES = """hasMember memberOf governs governedBy comprisesExecutivesOf ownsBrand brandOwnedBy brand
produces producedAt usesPlatform basedOnPlatform hasPart partOf operatedBy operates city country powertrain
bodyType targetMarket outputOf hasOutput investmentTarget investor launchOf market visitor visitedPlace
inDocument inSentence denotes statedIn""".split()
DATATYPE_PROPERTIES = """year units approximate amount currency purpose allElectricSince launchPeriod launchYear
characterisation fileName sha256 readAt text start end""".split()
ANNOTATION_PROPERTIES = ["assertionSubject", "assertionPredicate", "assertionObject"]
INVERSES = [("hasMember", "memberOf"), ("governs", "governedBy"), ("ownsBrand", "brandOwnedBy"),
            ("produces", "producedAt"), ("hasPart", "partOf"), ("operatedBy", "operates"),
            ("outputOf", "hasOutput")]
FUNCTIONAL = ["brand", "outputOf", "year", "statedOn", "disagreementAbout"]
# one true value, but sources may disagree: functional would make a second source's figure inconsistent
ONE_VALUE_EXPECTED = ["units", "approximate", "amount", "launchPeriod", "launchYear"]
# (evkg term, relation, external term): the alignments, with the external vocabularies' real IRIs.
ALIGNMENTS = [
    (EVKG.Organization, RDFS.subClassOf, SCHEMA.Organization),
    (EVKG.Organization, RDFS.subClassOf, ORG.Organization),
    (EVKG.Organization, RDFS.subClassOf, PROV.Organization),
    (EVKG.Company, RDFS.subClassOf, ORG.FormalOrganization),
    (EVKG.Company, RDFS.subClassOf, SCHEMA.Corporation),
    (EVKG.Brand, RDFS.subClassOf, SCHEMA.Brand),
    (EVKG.ManufacturingPlant, RDFS.subClassOf, ORG.Site),
    (EVKG.ManufacturingPlant, RDFS.subClassOf, SCHEMA.Place),
    (EVKG.VehicleModel, RDFS.subClassOf, SCHEMA.ProductModel),
    (EVKG.Powertrain, RDFS.subClassOf, SKOS.Concept),
    (EVKG.Place, RDFS.subClassOf, SCHEMA.Place),
    (EVKG.City, RDFS.subClassOf, SCHEMA.City),
    (EVKG.Country, RDFS.subClassOf, SCHEMA.Country),
    (EVKG.Event, RDFS.subClassOf, SCHEMA.Event),
    (EVKG.ProductionRecord, RDFS.subClassOf, SCHEMA.Observation),
    (EVKG.Investment, RDFS.subClassOf, PROV.Activity),
    (EVKG.SourceDocument, RDFS.subClassOf, SCHEMA.CreativeWork),
    (EVKG.SourceDocument, RDFS.subClassOf, PROV.Entity),
    (EVKG.Sentence, RDFS.subClassOf, NIF.Sentence),
    (EVKG.Mention, RDFS.subClassOf, NIF.Phrase),
    (EVKG.Assertion, RDFS.subClassOf, PROV.Entity),
    (EVKG.hasMember, RDFS.subPropertyOf, ORG.hasMember),
    (EVKG.memberOf, RDFS.subPropertyOf, ORG.memberOf),
    (EVKG.operates, RDFS.subPropertyOf, ORG.hasSite),
    (EVKG.operatedBy, RDFS.subPropertyOf, ORG.siteOf),
    (EVKG.brand, RDFS.subPropertyOf, SCHEMA.brand),
    (EVKG.ownsBrand, RDFS.subPropertyOf, SCHEMA.brand),
    (EVKG.hasPart, RDFS.subPropertyOf, SCHEMA.containsPlace),
    (EVKG.bodyType, RDFS.subPropertyOf, SCHEMA.bodyType),
    (EVKG.currency, RDFS.subPropertyOf, SCHEMA.currency),
    (EVKG.investor, RDFS.subPropertyOf, PROV.wasAssociatedWith),
    (EVKG.statedIn, RDFS.subPropertyOf, PROV.wasDerivedFrom),
    (EVKG.inSentence, RDFS.subPropertyOf, NIF.sentence),
    (EVKG.denotes, RDFS.subPropertyOf, ITSRDF.taIdentRef),
    (EVKG.text, RDFS.subPropertyOf, NIF.anchorOf),
    (EVKG.start, RDFS.subPropertyOf, NIF.beginIndex),
    (EVKG.end, RDFS.subPropertyOf, NIF.endIndex),
]
# The OWL 2 datatype map (plus rdfs:Literal) from the OWL 2 structural specification, section 4.
OWL2_DATATYPES = {RDFS.Literal, RDF.PlainLiteral, RDF.XMLLiteral, OWL.real, OWL.rational} | {
    XSD[name] for name in """decimal integer nonNegativeInteger nonPositiveInteger positiveInteger
    negativeInteger long int short byte unsignedLong unsignedInt unsignedShort unsignedByte double float
    string normalizedString token language Name NCName NMTOKEN boolean hexBinary base64Binary anyURI
    dateTime dateTimeStamp""".split()
}


@pytest.fixture(scope="module")
def onto() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def evkg_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and s.startswith(str(EVKG))}


def test_loads_in_owlready2_with_the_contract_kinds(onto, tmp_path):
    merged = tmp_path / "evkg.nt"
    onto.serialize(merged, format="nt", encoding="utf-8")
    world = owlready2.World()
    try:
        world.get_ontology(merged.as_uri()).load()
        assert isinstance(world[EVKG.ManufacturingPlant], owlready2.ThingClass)
        assert isinstance(world[EVKG.produces], owlready2.ObjectPropertyClass)
        assert isinstance(world[EVKG.units], owlready2.DataPropertyClass)
        assert isinstance(world[EVKG.assertionSubject], owlready2.AnnotationPropertyClass)
        assert world[EVKG.Organization] in world[EVKG.Company].is_a
    finally:
        world.close()


def test_hermit_finds_it_consistent_with_every_class_satisfiable(onto):
    assert reason(onto) == []


def test_every_contract_class_exists(onto):
    for name in CLASSES:
        assert (EVKG[name], RDF.type, OWL.Class) in onto, name
    for sub, sup in SUBCLASSES.items():
        assert (EVKG[sub], RDFS.subClassOf, EVKG[sup]) in onto, sub


@pytest.mark.parametrize("kind, names", [
    (OWL.ObjectProperty, OBJECT_PROPERTIES),
    (OWL.DatatypeProperty, DATATYPE_PROPERTIES),
    (OWL.AnnotationProperty, ANNOTATION_PROPERTIES),
])
def test_every_contract_property_exists_with_its_kind(onto, kind, names):
    kinds = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}
    for name in names:
        assert set(onto.objects(EVKG[name], RDF.type)) & kinds == {kind}, name


def test_every_contract_individual_exists_in_its_class(onto):
    for cls, names in INDIVIDUALS.items():
        for name in names:
            assert (EVKG[name], RDF.type, OWL.NamedIndividual) in onto, name
            assert (EVKG[name], RDF.type, EVKG[cls]) in onto, name


def test_inverses_and_functional_properties(onto):
    for first, second in INVERSES:
        assert (EVKG[first], OWL.inverseOf, EVKG[second]) in onto
    for name in FUNCTIONAL:
        assert (EVKG[name], RDF.type, OWL.FunctionalProperty) in onto, name
    for name in ONE_VALUE_EXPECTED:
        assert (EVKG[name], RDF.type, OWL.FunctionalProperty) not in onto, name
        assert (EVKG[name], EVKG.oneValueExpected, Literal(True)) in onto, name


def test_a_production_record_has_exactly_one_plant_and_year_and_at_least_one_count_and_flag(onto):
    def restricted(cardinality):
        return {prop for restriction in onto.objects(EVKG.ProductionRecord, RDFS.subClassOf)
                if onto.value(restriction, cardinality) == Literal(1, datatype=XSD.nonNegativeInteger)
                for prop in onto.objects(restriction, OWL.onProperty)}

    assert restricted(OWL.qualifiedCardinality) == {EVKG.outputOf, EVKG.year}
    # disagreeing sources each give their figure: one record per plant-year holds them all (graph.claims)
    assert restricted(OWL.minQualifiedCardinality) == {EVKG.units, EVKG.approximate}


def test_every_term_has_an_english_label_and_definition(onto):
    terms = evkg_terms(onto)
    assert len(terms) > 90
    for term in terms:
        for prop in (RDFS.label, SKOS.definition):
            values = list(onto.objects(term, prop))
            assert len(values) == 1 and values[0].language == "en", f"{term} {prop}"


def test_publisher_metadata(onto):
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in onto
    version_iri = onto.value(ONTOLOGY, OWL.versionIRI)
    version = onto.value(ONTOLOGY, OWL.versionInfo)
    assert version_iri == URIRef(f"{ONTOLOGY}/{version}")
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.created):
        assert onto.value(ONTOLOGY, prop) is not None, prop
    assert onto.value(ONTOLOGY, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert onto.value(ONTOLOGY, VANN.preferredNamespacePrefix) == Literal("evkg")
    assert onto.value(ONTOLOGY, VANN.preferredNamespaceUri) == Literal(str(EVKG))


def test_alignments_point_at_the_real_external_iris(onto):
    for triple in ALIGNMENTS:
        assert triple in onto, triple
    declared = {s for s in onto.subjects() if isinstance(s, URIRef)}
    assert not any(iri.startswith("https://schema.org/") for iri in declared)


def test_external_terms_are_declared_so_no_import_is_needed(onto):
    assert onto.value(ONTOLOGY, OWL.imports) is None
    external = {o for p in (RDFS.subClassOf, RDFS.subPropertyOf) for o in onto.objects(None, p)
                if isinstance(o, URIRef) and not o.startswith(str(EVKG))}
    declared = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    for iri in external:
        assert set(onto.objects(iri, RDF.type)) & declared, iri


def test_axioms_use_only_owl2_datatypes(onto):
    """xsd:gYearMonth and friends are outside OWL 2 DL: data may carry them, the axioms must not name them."""
    datatypes = set(onto.objects(None, OWL.onDatatype)) | set(onto.objects(None, OWL.onDataRange))
    for prop in onto.subjects(RDF.type, OWL.DatatypeProperty):
        datatypes |= {r for r in onto.objects(prop, RDFS.range) if isinstance(r, URIRef)}
    assert datatypes and datatypes <= OWL2_DATATYPES


def test_the_main_kinds_are_disjoint(onto):
    members = {
        frozenset(onto.items(onto.value(axiom, OWL.members)))
        for axiom in onto.subjects(RDF.type, OWL.AllDisjointClasses)
    }
    top = next(group for group in members if EVKG.Organization in group)
    assert {EVKG.Organization, EVKG.Brand, EVKG.ManufacturingPlant, EVKG.VehicleModel, EVKG.Place,
            EVKG.SourceDocument, EVKG.Sentence, EVKG.Mention, EVKG.Assertion} <= top
    assert frozenset({EVKG.Company, EVKG.Alliance, EVKG.GoverningBoard}) in members
