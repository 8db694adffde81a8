"""The guarded sender: a message the broker refuses never fails the caller; it is remembered
once and sent by the first sweep after the broker is back."""

import pytest

from ecg.jobs.dispatch import message_send
from ecg.jobs.models import UnsentMessage
from ecg.jobs.services import jobs_sweep_stale

pytestmark = pytest.mark.django_db


def test_a_refused_message_is_remembered_once_and_sent_when_the_broker_is_back(broker_away):
    assert message_send("make_thumbnail", "a-video") is False
    assert message_send("make_thumbnail", "a-video") is False  # refused again: still one
    assert list(UnsentMessage.objects.values_list("actor_name", "args")) == [
        ("make_thumbnail", ["a-video"])
    ]
    assert jobs_sweep_stale().resent == 0  # still away: kept for the next pass
    assert UnsentMessage.objects.count() == 1

    broker_away.back()
    assert jobs_sweep_stale().resent == 1
    assert [m.args for m in broker_away.messages("default")] == [("a-video",)]
    assert not UnsentMessage.objects.exists()
    assert message_send("make_thumbnail", "another") is True
