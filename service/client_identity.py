"""What a trusted reverse proxy tells the app: who is asking (for per-client admission) and by which scheme.

Behind a reverse proxy every request comes from the proxy's address, so all users would share one
client's allowance. X-Forwarded-For is honoured only from the proxies listed in `trusted_proxies`:
anyone else could write any address there to get a fresh allowance with each request. The same
proxies' X-Forwarded-Proto sets the scheme of the links the app writes (https behind TLS).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network

from evkg.settings import SettingsError

Network = IPv4Network | IPv6Network
WsgiApp = Callable[[dict, Callable], Iterable[bytes]]
SCHEMES = ("http", "https")


def trusted_networks(setting: str) -> tuple[Network, ...]:
    """The `trusted_proxies` setting: comma-separated addresses or networks (CIDR)."""
    networks = []
    for item in filter(None, (part.strip() for part in setting.split(","))):
        try:
            networks.append(ip_network(item, strict=False))
        except ValueError as error:
            raise SettingsError(f"setting 'trusted_proxies': {item!r} is not an address or network") from error
    return tuple(networks)


def client_identity(peer: str, forwarded_for: str | None, trusted: tuple[Network, ...]) -> str:
    """The nearest address that is not a trusted proxy, read from the peer back along X-Forwarded-For.

    Each proxy appends the address it received the request from, so only the hops after the last
    untrusted one were written by proxies of ours; the leftmost ones may be the client's own invention.
    """
    hops = [peer] + [hop.strip() for hop in reversed((forwarded_for or "").split(",")) if hop.strip()]
    for hop in hops:
        if not _is_trusted(hop, trusted):
            return hop
    return hops[-1]


def _is_trusted(address: str, trusted: tuple[Network, ...]) -> bool:
    try:
        parsed = ip_address(address)
    except ValueError:  # not an address: no proxy of ours wrote it
        return False
    return any(parsed in network for network in trusted)


class ForwardedScheme:
    """WSGI middleware: a request from a trusted proxy keeps the scheme the proxy says the client used."""

    def __init__(self, app: WsgiApp, trusted: tuple[Network, ...]) -> None:
        self.app, self.trusted = app, trusted

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        scheme = environ.get("HTTP_X_FORWARDED_PROTO", "").split(",")[-1].strip().lower()
        if scheme in SCHEMES and _is_trusted(environ.get("REMOTE_ADDR", ""), self.trusted):
            environ["wsgi.url_scheme"] = scheme
        return self.app(environ, start_response)
