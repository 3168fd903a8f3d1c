"""Who is asking, for per-client admission: the peer address, or the client a trusted proxy names.

Behind a reverse proxy every request comes from the proxy's address, so all users would share one
client's allowance. X-Forwarded-For is honoured only from the proxies listed in `trusted_proxies`:
anyone else could write any address there to get a fresh allowance with each request.
"""

from __future__ import annotations

from ipaddress import IPv4Network, IPv6Network, ip_address, ip_network

from evkg.settings import SettingsError

Network = IPv4Network | IPv6Network


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
