"""The Activities and Agents resources: canonical activities and Person objects."""

from __future__ import annotations

import json
from urllib.parse import urlencode

from app.database import get_db
from learning_record_store import record_statements
from tests.learning_record_store.test_documents_http import credentials

MODULE = "https://elearn.example/modules/call-closing"


def statement(definition: dict, actor: dict | None = None) -> dict:
    return {
        "actor": actor or {"name": "Ann Example", "mbox": "mailto:ann@example.test"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced"},
        "object": {"id": MODULE, "definition": definition},
    }


def test_activities_returns_the_merged_definition(app, client):
    headers = credentials(app, "statements/read")
    with get_db(app).transaction() as session:
        record_statements(session, [statement({"name": {"en-US": "Call closing"}})])
        record_statements(
            session,
            [statement({"name": {"fr-FR": "Clôture"}, "type": "http://adlnet.gov/expapi/activities/module"})],
        )
    response = client.get("/xapi/activities?" + urlencode({"activityId": MODULE}), headers=headers)
    assert response.status_code == 200
    assert response.json == {
        "objectType": "Activity",
        "id": MODULE,
        "definition": {
            "name": {"en-US": "Call closing", "fr-FR": "Clôture"},
            "type": "http://adlnet.gov/expapi/activities/module",
        },
    }
    unknown = client.get(
        "/xapi/activities?" + urlencode({"activityId": MODULE + "/unknown"}), headers=headers
    )
    assert unknown.json == {"objectType": "Activity", "id": MODULE + "/unknown"}
    assert client.get("/xapi/activities", headers=headers).status_code == 400
    assert client.get("/xapi/activities?activityId=not%20an%20iri", headers=headers).status_code == 400
    assert client.get(f"/xapi/activities?activityId={MODULE}&x=1", headers=headers).status_code == 400
    assert (
        client.get(
            f"/xapi/activities?activityId={MODULE}", headers={"X-Experience-API-Version": "1.0.3"}
        ).status_code
        == 401
    )


def test_agents_returns_a_person(app, client, create_user):
    user = create_user("learner", email="ann@example.test", name="Ann Example")
    limited = credentials(app, "statements/read")
    trusted = credentials(app, "all")
    with get_db(app).transaction() as session:
        record_statements(
            session, [statement({}, actor={"name": "Ann E.", "mbox": "mailto:ann@example.test"})]
        )

    def person(agent: dict, headers: dict) -> dict:
        response = client.get("/xapi/agents?" + urlencode({"agent": json.dumps(agent)}), headers=headers)
        assert response.status_code == 200, response.json
        return response.json

    stranger = {"objectType": "Agent", "openid": "https://id.example/zed"}
    assert person(stranger, trusted) == {"objectType": "Person", "openid": ["https://id.example/zed"]}
    ann = {"mbox": "mailto:ann@example.test"}
    assert person(ann, limited) == {
        "objectType": "Person",
        "name": ["Ann E."],
        "mbox": ["mailto:ann@example.test"],
    }
    combined = person(ann, trusted)
    assert combined["mbox"] == ["mailto:ann@example.test"]
    assert combined["account"] == [{"homePage": "http://localhost/", "name": user.uid}]
    assert combined["name"] == ["Ann Example", "Ann E."]
    by_account = person({"account": {"homePage": "http://localhost/", "name": user.uid}}, trusted)
    assert by_account["mbox"] == ["mailto:ann@example.test"]
    group = {"objectType": "Group", "mbox": "mailto:team@example.test"}
    response = client.get("/xapi/agents?" + urlencode({"agent": json.dumps(group)}), headers=trusted)
    assert response.status_code == 400
    assert client.get("/xapi/agents", headers=trusted).status_code == 400


def test_erasing_a_person_deletes_their_documents(app, create_user):
    from app.accounts import User
    from app.erasure import erase_person
    from learning_record_store import documents
    from learning_record_store.documents import Preconditions

    ann = create_user("learner", email="ann@example.test")
    bob = create_user("learner", email="bob@example.test")
    agents = {
        "ann-mbox": {"mbox": "mailto:ann@example.test"},
        "ann-account": {"account": {"homePage": "https://learn.example.com/", "name": ann.uid}},
        "bob-account": {"account": {"homePage": "https://learn.example.com/", "name": bob.uid}},
    }
    with get_db(app).transaction() as session:
        for name, agent in agents.items():
            key = documents.agent_key(documents.parse_agent(json.dumps(agent)))
            scope = documents.state_scope(MODULE, key, None)
            documents.put_document(session, scope, "bookmark", b"{}", "application/json", Preconditions())
            profile = documents.agent_profile_scope(key)
            create = Preconditions.from_headers(None, "*")
            documents.put_document(session, profile, name, b"{}", "application/json", create)
    with app.app_context(), get_db(app).transaction() as session:
        summary = erase_person(session, session.get(User, ann.id))
    assert summary["erase_lrs_documents"] == {"documents": 4}
    with get_db(app).session_factory() as session:
        assert session.query(documents.StateDocument).count() == 1
        assert [d.document_id for d in session.query(documents.AgentProfileDocument)] == ["bob-account"]
