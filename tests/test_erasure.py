"""`forget EMAIL` erases every copy: plant values in a web chat and a WhatsApp DM, spread them to every
place the product copies them (unresolved log, Chroma, labels, inbox, outbound DMs), forget, then
scan every byte of the data directory (SQLite files and their logs, Chroma) and ask Chroma itself."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from wismo.channels import records
from wismo.channels.graph_api import send_agent_reply
from wismo.ops.clusters import COLLECTION
from wismo.server import create_app
from wismo.tools.embeddings import get_chroma_client

from .graph_standin import make_rig, wa_message

EMAIL = "quentin.marlowe@example.org"  # on no order: only the conversations tie it to this person
WA_ID = "15550009876"  # the customer's WhatsApp number, as a platform sends it
WORD = "zorbulonquagga"  # what the customer wrote, in the unresolved log and its copies
AGENT_WORD = "plonkwhistle"  # what a person replied on WhatsApp (an outbound payload)
PLANTED = (EMAIL, WA_ID, WORD, AGENT_WORD)
KEYS = "agent:ak,ops:ok,admin:dk"


def auth(key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {key}"}


def scan(data_dir) -> list[str]:
    """Every planted value found in any file of the data directory, as `value in path`."""
    found = []
    for path in data_dir.rglob("*"):
        if path.is_file():
            data = path.read_bytes().lower()
            found += [f"{v} in {path.relative_to(data_dir)}" for v in PLANTED if v.encode() in data]
    return found


@pytest.fixture
def world(tmp_path, monkeypatch):
    monkeypatch.setenv("WISMO_API_KEYS", KEYS)
    monkeypatch.delenv("WISMO_DEMO_OPEN", raising=False)
    rig = make_rig(tmp_path, orders=200)
    return rig, TestClient(create_app(rig.agent.settings, rig.agent)), tmp_path


def test_forget_leaves_no_copy_anywhere(world):
    rig, client, data_dir = world
    # A web chat: the email, a turn the bot cannot resolve, a handoff, a flag and a rating.
    cid = client.post("/v1/conversations", json={}).json()["conversation_id"]
    for text in (f"my email is {EMAIL}", f"my {WORD} broke, what about the {WORD} warranty?", "talk to a person"):
        last = client.post(f"/v1/conversations/{cid}/messages", json={"text": text}).json()
    assert last["message_id"] and last["reply"]["handoff"]
    client.post(f"/v1/messages/{last['message_id']}/flag", headers=auth("ak"), json={"note": "check"})
    client.post(f"/v1/conversations/{cid}/csat", json={"score": -1})
    # A WhatsApp DM from the same person: the same email, an out-of-scope turn, a person's reply.
    rig.post_signed("/webhooks/whatsapp", wa_message(WA_ID, "wamid.E1", f"hi, {EMAIL} here"))
    rig.post_signed("/webhooks/whatsapp", wa_message(WA_ID, "wamid.E2", f"is the {WORD} waterproof?"))
    dm = records.identity(rig.engine, "whatsapp", WA_ID).conversation_id
    assert send_agent_reply(dm, f"Sam here: the {AGENT_WORD} is on its way.", outbox=rig.hub.outbox).status == "sent"
    # Ops: clusters push the unresolved turns to Chroma; a label copies one into the classifier.
    unresolved = client.get("/v1/ops/unresolved", headers=auth("ok")).json()["items"]
    mine = [u for u in unresolved if u["conversation_id"] in (cid, dm)]
    assert mine and any(WORD in u["text"] for u in mine)
    assert client.get("/v1/ops/clusters", headers=auth("ok")).status_code == 200
    vectors = get_chroma_client(rig.agent.settings).get_collection(COLLECTION)
    assert set(vectors.get(ids=[str(u["id"]) for u in mine], include=[])["ids"]) == {str(u["id"]) for u in mine}
    labelled = client.post(
        f"/v1/ops/unresolved/{mine[0]['id']}/label", headers=auth("ok"), json={"intent": "policy_question"}
    )
    assert labelled.status_code == 201
    # Control: before forgetting, the scan finds every planted value somewhere.
    before = scan(data_dir)
    assert {v for v in PLANTED if any(f.startswith(v + " in") for f in before)} >= {WA_ID, WORD, AGENT_WORD}

    r = client.post("/v1/privacy/forget", headers=auth("dk"), json={"email": EMAIL})
    assert r.status_code == 200 and r.json()["conversations"] == 2

    assert scan(data_dir) == []
    assert vectors.get(ids=[str(u["id"]) for u in mine], include=[])["ids"] == []
    assert client.get(f"/v1/conversations/{cid}").status_code == 404
    assert all(
        u["conversation_id"] not in (cid, dm) for u in client.get("/v1/ops/labels", headers=auth("ok")).json()["labels"]
    )
