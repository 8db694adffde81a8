"""Who is asking: the client's address, as every address-keyed limit reads it.

`X-Forwarded-For` is written by whoever sends the request, so it is believed only as far as our
own proxies appended to it: the `TRUSTED_PROXY_COUNT` hops nearest us, then any hop whose address
is in `TRUSTED_PROXIES` (addresses or networks). With neither set (the default), the address is
`REMOTE_ADDR` and the header is ignored: a forged header must not buy a fresh rate limit.
"""

from __future__ import annotations

import functools
import ipaddress

from django.conf import settings
from django.http import HttpRequest
from rest_framework.request import Request
from rest_framework.throttling import ScopedRateThrottle

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@functools.cache
def _networks(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _listed(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _networks(tuple(settings.TRUSTED_PROXIES)))


def client_ip(request: HttpRequest) -> str:
    """The nearest address on the request's path that is not one of our proxies."""
    forwarded = request.headers.get("x-forwarded-for", "")
    path = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    path.append(request.META.get("REMOTE_ADDR") or "")
    position, trusted_hops = len(path) - 1, settings.TRUSTED_PROXY_COUNT
    while position > 0 and (trusted_hops > 0 or _listed(path[position])):
        position, trusted_hops = position - 1, trusted_hops - 1
    return path[position]


class ClientScopedRateThrottle(ScopedRateThrottle):
    """DRF's scoped throttle, keyed on `client_ip` (DRF's own reading trusts the header)."""

    def get_ident(self, request: Request) -> str:
        return client_ip(request._request)
