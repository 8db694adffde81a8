"""Who is asking: X-Forwarded-For is believed only as far as our own proxies wrote it."""

import pytest
from django.test import RequestFactory

from ecg.client_ip import client_ip


def address(forwarded=None, remote="10.0.0.5"):
    headers = {"headers": {"X-Forwarded-For": forwarded}} if forwarded else {}
    return client_ip(RequestFactory().get("/", REMOTE_ADDR=remote, **headers))


def test_without_trusted_proxies_the_header_is_ignored():
    assert address("203.0.113.9") == "10.0.0.5"
    assert address() == "10.0.0.5"


@pytest.mark.parametrize(
    ("count", "forwarded", "expected"),
    [
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # what our one proxy appended
        (2, "198.51.100.1, 203.0.113.9, 10.0.0.4", "203.0.113.9"),
        (1, None, "10.0.0.5"),  # reached us without the proxy: its own address
    ],
)
def test_a_trusted_proxy_count_believes_that_many_hops(settings, count, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = count
    assert address(forwarded) == expected


def test_trusted_proxy_addresses_are_skipped_and_no_other(settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "192.0.2.7"]
    assert address("198.51.100.1, 203.0.113.9, 192.0.2.7") == "203.0.113.9"
    assert address("198.51.100.1", remote="203.0.113.50") == "203.0.113.50"  # not our proxy
