"""Per-client admission counts the client a trusted proxy names, and only a trusted proxy's word is taken."""

from __future__ import annotations

import threading
import time

import pytest
from pyoxigraph import RdfFormat

from conftest import BuildData, make_settings
from evkg.settings import SettingsError
from evkg.service.client_identity import client_identity, trusted_networks
from test_pool import CHAIN, CHEAP, RUNAWAY

PROXY = "127.0.0.1"


def test_without_trusted_proxies_the_peer_is_the_client() -> None:
    assert client_identity("198.51.100.7", "203.0.113.9", trusted_networks("")) == "198.51.100.7"


def test_an_untrusted_peer_cannot_name_another_client() -> None:
    assert client_identity("198.51.100.7", "203.0.113.9", trusted_networks(PROXY)) == "198.51.100.7"


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client() -> None:
    assert client_identity(PROXY, "203.0.113.9", trusted_networks(PROXY)) == "203.0.113.9"


def test_addresses_a_client_wrote_before_the_proxy_are_ignored() -> None:
    # the client sent "X-Forwarded-For: 10.9.9.9"; the proxy appended the address it saw
    assert client_identity(PROXY, "10.9.9.9, 203.0.113.9", trusted_networks(PROXY)) == "203.0.113.9"


def test_a_chain_of_trusted_proxies_is_walked_back_to_the_client() -> None:
    trusted = trusted_networks("127.0.0.1, 10.0.0.0/8")
    assert client_identity(PROXY, "203.0.113.9, 10.1.2.3", trusted) == "203.0.113.9"


def test_when_every_hop_is_trusted_the_first_one_is_the_client() -> None:
    assert client_identity(PROXY, "10.1.2.3", trusted_networks("127.0.0.1, 10.0.0.0/8")) == "10.1.2.3"


def test_ipv6_proxies_and_clients() -> None:
    assert client_identity("::1", "2001:db8::5", trusted_networks("::1")) == "2001:db8::5"


def test_a_setting_that_is_not_an_address_is_refused() -> None:
    with pytest.raises(SettingsError, match="trusted_proxies"):
        trusted_networks("127.0.0.1, proxy.example")


def test_the_service_counts_each_client_behind_the_proxy_apart(built_data_dir: BuildData, app_factory) -> None:
    data = built_data_dir(CHAIN, RdfFormat.N_TRIPLES)
    app = app_factory(make_settings(data, trusted_proxies=PROXY, max_queries_per_client=1, query_timeout=3.0,
                                    result_cache_mb=0))
    statuses = {}

    def ask(name: str, query: str, forwarded_for: str) -> None:
        with app.test_client() as client:
            statuses[name] = client.post("/sparql", data={"query": query}, headers={
                "X-Forwarded-For": forwarded_for, "Accept": "application/sparql-results+json"}).status_code

    runaway = threading.Thread(target=ask, args=("runaway", RUNAWAY, "203.0.113.9"))
    runaway.start()
    time.sleep(0.5)
    ask("same client", CHEAP, "203.0.113.9")
    ask("another client", CHEAP, "203.0.113.10")
    runaway.join()
    assert statuses == {"runaway": 503, "same client": 429, "another client": 200}


@pytest.mark.parametrize(("peer", "forwarded_proto", "scheme"), [
    (PROXY, "https", "https"),  # the proxy terminated TLS
    ("198.51.100.7", "https", "http"),  # anyone else's word is not taken
    (PROXY, "gopher", "http"),  # nor a scheme the app cannot link to
    (PROXY, None, "http"),
])
def test_a_trusted_proxy_sets_the_scheme_of_the_links(sample_data_dir, app_factory, peer: str,
                                                       forwarded_proto: str | None, scheme: str) -> None:
    app = app_factory(make_settings(sample_data_dir, trusted_proxies=PROXY))
    headers = {"X-Forwarded-Proto": forwarded_proto} if forwarded_proto else {}
    void = app.test_client().get("/.well-known/void", headers=headers, environ_base={"REMOTE_ADDR": peer})
    assert f"{scheme}://localhost/sparql".encode() in void.data
