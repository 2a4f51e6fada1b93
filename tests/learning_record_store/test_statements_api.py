"""The Statement resource over HTTP: every status path, ids, voiding, queries, paging and formats."""

from __future__ import annotations

import json
from typing import Any

from flask.testing import FlaskClient

from tests.learning_record_store.statement_fixtures import (
    ACTIVITY,
    COURSE,
    REGISTRATION,
    VERSION,
    basic,
    new_id,
    statement,
)

VOIDED = "http://adlnet.gov/expapi/verbs/voided"


def post(client: FlaskClient, headers: dict[str, str], body: Any) -> Any:
    return client.post(
        "/xapi/statements", data=json.dumps(body), headers=headers, content_type="application/json"
    )


def put(client: FlaskClient, headers: dict[str, str], statement_id: str, body: Any) -> Any:
    return client.put(
        f"/xapi/statements?statementId={statement_id}",
        data=json.dumps(body),
        headers=headers,
        content_type="application/json",
    )


def get(client: FlaskClient, headers: dict[str, str], **params: Any) -> Any:
    return client.get("/xapi/statements", query_string=params, headers=headers)


def void(statement_id: str) -> dict[str, Any]:
    return statement(
        verb={"id": VOIDED}, object={"objectType": "StatementRef", "id": statement_id}, context={}
    )


# --- headers, credentials and scopes ---


def test_version_header_is_required_and_always_sent(client, lrs_headers):
    auth = {"Authorization": lrs_headers["Authorization"]}
    missing = client.get("/xapi/statements", headers=auth)
    assert missing.status_code == 400
    assert missing.json == {
        "error": "Bad Request",
        "message": "X-Experience-API-Version header: missing (this LRS speaks 1.0.3)",
    }
    assert missing.headers["X-Experience-API-Version"] == "1.0.3"
    assert (
        client.get("/xapi/statements", headers={**auth, "X-Experience-API-Version": "0.95"}).status_code
        == 400
    )
    for version in ("1.0", "1.0.0", "1.0.3"):
        response = client.get("/xapi/statements", headers={**auth, "X-Experience-API-Version": version})
        assert response.status_code == 200, version


def test_credentials_missing_wrong_or_revoked_give_401(client, make_client, app):
    key, secret = make_client("all")
    assert get(client, VERSION).status_code == 401
    assert get(client, VERSION).headers["WWW-Authenticate"] == 'Basic realm="xAPI"'
    assert get(client, basic(key, "wrong")).status_code == 401
    assert get(client, {**VERSION, "Authorization": "Basic !!!"}).status_code == 401
    assert get(client, basic(key, secret)).status_code == 200
    runner = app.test_cli_runner()
    assert runner.invoke(args=["lrs", "clients", "revoke", key]).exit_code == 0
    assert get(client, basic(key, secret)).status_code == 401


def test_scopes_are_enforced(client, make_client):
    reader = basic(*make_client("statements/read"))
    writer = basic(*make_client("statements/write"))
    all_read = basic(*make_client("all/read"))
    state_only = basic(*make_client("state"))
    assert post(client, reader, statement()).status_code == 403
    assert post(client, all_read, statement()).status_code == 403
    assert post(client, writer, statement()).status_code == 200
    assert get(client, writer).status_code == 403
    assert get(client, state_only).status_code == 403
    assert get(client, reader).status_code == 200
    assert get(client, all_read).status_code == 200


def test_read_mine_only_sees_own_statements(client, make_client):
    mine = basic(*make_client("statements/write statements/read/mine", name="Mine"))
    other = basic(*make_client("statements/write", name="Other"))
    own_id = post(client, mine, statement()).json[0]
    other_id = post(client, other, statement()).json[0]
    listed = [s["id"] for s in get(client, mine).json["statements"]]
    assert listed == [own_id]
    assert get(client, mine, statementId=other_id).status_code == 404
    assert get(client, mine, statementId=own_id).json["authority"]["name"] == "Mine"


def test_cors_preflight_and_exposed_headers(client, lrs_headers):
    preflight = client.options(
        "/xapi/statements",
        headers={"Origin": "https://content.example", "Access-Control-Request-Method": "PUT"},
    )
    assert preflight.status_code == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-Experience-API-Version" in preflight.headers["Access-Control-Allow-Headers"]
    response = get(client, {**lrs_headers, "Origin": "https://content.example"})
    exposed = response.headers["Access-Control-Expose-Headers"]
    for name in ("ETag", "Last-Modified", "X-Experience-API-Version", "X-Experience-API-Consistent-Through"):
        assert name in exposed


def test_request_larger_than_the_limit_gives_413(client, lrs_headers, app):
    app.config["MAX_CONTENT_LENGTH"] = 2000
    response = post(client, lrs_headers, [statement() for _ in range(20)])
    assert response.status_code == 413
    assert response.json["error"] == "Payload Too Large"


# --- PUT and POST ---


def test_put_stores_and_identical_put_changes_nothing(client, lrs_headers):
    statement_id = new_id()
    first = put(client, lrs_headers, statement_id, statement())
    assert first.status_code == 204
    assert "X-Experience-API-Consistent-Through" in first.headers
    stored = get(client, lrs_headers, statementId=statement_id).json
    # Same statement: other serialization of the timestamp-free parts, other verb display, upper-case id.
    again = statement(
        verb={"id": statement()["verb"]["id"], "display": {"fr": "a répondu"}},
        context={"registration": REGISTRATION.upper(), "contextActivities": {"parent": {"id": COURSE}}},
    )
    assert put(client, lrs_headers, statement_id.upper(), again).status_code == 204
    assert get(client, lrs_headers, statementId=statement_id).json == stored
    different = statement(result={"success": True})
    assert put(client, lrs_headers, statement_id, different).status_code == 409
    assert post(client, lrs_headers, {**different, "id": statement_id}).status_code == 409
    assert post(client, lrs_headers, {**statement(), "id": statement_id}).status_code == 200


def test_put_needs_a_matching_statement_id(client, lrs_headers):
    assert (
        client.put(
            "/xapi/statements",
            data=json.dumps(statement()),
            headers=lrs_headers,
            content_type="application/json",
        ).status_code
        == 400
    )
    assert put(client, lrs_headers, "nope", statement()).status_code == 400
    assert put(client, lrs_headers, new_id(), {**statement(), "id": new_id()}).status_code == 400


def test_timestamps_compare_as_instants(client, lrs_headers):
    statement_id = new_id()
    assert (
        put(client, lrs_headers, statement_id, statement(timestamp="2026-11-22T10:00:00.000Z")).status_code
        == 204
    )
    same_instant = statement(timestamp="2026-11-22T11:00:00+01:00")
    assert put(client, lrs_headers, statement_id, same_instant).status_code == 204
    other_instant = statement(timestamp="2026-11-22T11:00:00Z")
    assert put(client, lrs_headers, statement_id, other_instant).status_code == 409


def test_post_batch_returns_ids_in_order_and_rejects_duplicates(client, lrs_headers):
    given = new_id()
    response = post(client, lrs_headers, [statement(), {**statement(), "id": given}])
    assert response.status_code == 200
    assert len(response.json) == 2 and response.json[1] == given
    duplicate = new_id()
    response = post(client, lrs_headers, [{**statement(), "id": duplicate}, {**statement(), "id": duplicate}])
    assert response.status_code == 400
    assert "statements[1].id" in response.json["message"]
    assert get(client, lrs_headers, statementId=duplicate).status_code == 404


def test_invalid_statement_is_rejected_with_its_path_and_nothing_stored(client, lrs_headers):
    response = post(
        client, lrs_headers, [statement(), statement(result={"score": {"raw": 0, "min": 1, "max": 5}})]
    )
    assert response.status_code == 400
    assert response.json["message"] == "statements[1].result.score.raw: must be between min and max"
    assert get(client, lrs_headers).json["statements"] == []
    assert post(client, lrs_headers, "not json").status_code == 400
    bad_json = client.post("/xapi/statements", data="{", headers=lrs_headers, content_type="application/json")
    assert bad_json.status_code == 400
    assert (
        client.post("/xapi/statements", data="x", headers=lrs_headers, content_type="text/plain").status_code
        == 400
    )


def test_lrs_sets_stored_authority_version_and_keeps_given_timestamp(client, lrs_headers):
    forged = {"objectType": "Agent", "mbox": "mailto:boss@example.test"}
    statement_id = post(
        client, lrs_headers, statement(authority=forged, timestamp="2026-01-01T00:00:00Z")
    ).json[0]
    stored = get(client, lrs_headers, statementId=statement_id).json
    assert stored["authority"]["name"] == "Test client" and "account" in stored["authority"]
    assert stored["version"] == "1.0.0"
    assert stored["timestamp"] == "2026-01-01T00:00:00Z"
    assert stored["stored"].endswith("Z")
    assert stored["context"]["contextActivities"]["parent"] == [{"id": COURSE}]


# --- voiding ---


def test_voiding_hides_the_statement_except_by_voided_statement_id(client, lrs_headers):
    target = post(client, lrs_headers, statement()).json[0]
    voiding = post(client, lrs_headers, void(target)).json[0]
    assert get(client, lrs_headers, statementId=target).status_code == 404
    assert get(client, lrs_headers, voidedStatementId=target).json["id"] == target
    assert get(client, lrs_headers, voidedStatementId=voiding).status_code == 404
    assert get(client, lrs_headers, statementId=voiding).json["object"]["id"] == target
    listed = [s["id"] for s in get(client, lrs_headers).json["statements"]]
    assert listed == [voiding]
    # The voiding statement targets a statement meeting the filter, so it meets the filter too.
    by_activity = [s["id"] for s in get(client, lrs_headers, activity=ACTIVITY).json["statements"]]
    assert by_activity == [voiding]


def test_a_voiding_statement_targeting_a_voiding_statement_is_stored_but_voids_nothing(client, lrs_headers):
    target = post(client, lrs_headers, statement()).json[0]
    voiding = post(client, lrs_headers, void(target)).json[0]
    response = post(client, lrs_headers, void(voiding))
    assert response.status_code == 200
    assert get(client, lrs_headers, statementId=response.json[0]).status_code == 200
    assert get(client, lrs_headers, statementId=voiding).json["object"]["id"] == target  # still in force
    assert get(client, lrs_headers, voidedStatementId=voiding).status_code == 404
    in_batch, other = new_id(), post(client, lrs_headers, statement()).json[0]
    batch = [{**void(other), "id": in_batch}, void(in_batch)]
    assert post(client, lrs_headers, batch).status_code == 200
    assert get(client, lrs_headers, statementId=in_batch).status_code == 200
    assert get(client, lrs_headers, voidedStatementId=other).status_code == 200
    # a voiding statement stored before the voiding statement it targets: the target still voids
    late_target, late_other = new_id(), post(client, lrs_headers, statement()).json[0]
    assert post(client, lrs_headers, void(late_target)).status_code == 200
    assert post(client, lrs_headers, {**void(late_other), "id": late_target}).status_code == 200
    assert get(client, lrs_headers, statementId=late_target).status_code == 200
    assert get(client, lrs_headers, voidedStatementId=late_other).status_code == 200


def test_voiding_before_the_target_arrives_still_voids_it(client, lrs_headers):
    target = new_id()
    post(client, lrs_headers, void(target))
    assert put(client, lrs_headers, target, statement()).status_code == 204
    assert get(client, lrs_headers, statementId=target).status_code == 404
    assert get(client, lrs_headers, voidedStatementId=target).status_code == 200


# --- GET ---


def test_single_get_headers_and_parameter_rules(client, lrs_headers):
    statement_id = post(client, lrs_headers, statement()).json[0]
    response = get(client, lrs_headers, statementId=statement_id)
    assert response.status_code == 200
    assert "GMT" in response.headers["Last-Modified"]
    assert "X-Experience-API-Consistent-Through" in response.headers
    assert get(client, lrs_headers, statementId=new_id()).status_code == 404
    assert get(client, lrs_headers, statementId=statement_id, verb=ACTIVITY).status_code == 400
    assert get(client, lrs_headers, statementId="x").status_code == 400
    head = client.head("/xapi/statements", query_string={"statementId": statement_id}, headers=lrs_headers)
    assert head.status_code == 200 and head.data == b""


def test_filters(client, lrs_headers, make_client):
    ann = {"mbox": "mailto:ann@example.test"}
    bob = {"objectType": "Agent", "account": {"homePage": "https://elearn.example", "name": "bob"}}
    other_registration = new_id()
    ids = post(
        client,
        lrs_headers,
        [
            statement(),
            statement(actor=bob, context={"registration": other_registration, "instructor": ann}),
            statement(
                actor=bob, verb={"id": "http://adlnet.gov/expapi/verbs/completed"}, object={"id": COURSE}
            ),
            statement(actor=bob, object={**ann, "objectType": "Agent"}, context={}),
        ],
    ).json

    def listed(**params: Any) -> list[str]:
        response = get(client, lrs_headers, **params)
        assert response.status_code == 200, response.json
        return sorted(s["id"] for s in response.json["statements"])

    assert listed(agent=json.dumps(ann)) == sorted([ids[0], ids[3]])
    assert listed(agent=json.dumps(ann), related_agents="true") == sorted([ids[0], ids[1], ids[3]])
    assert listed(verb="http://adlnet.gov/expapi/verbs/completed") == [ids[2]]
    assert listed(activity=COURSE) == [ids[2]]
    assert listed(activity=COURSE, related_activities="true") == sorted([ids[0], ids[2]])
    assert listed(registration=other_registration) == [ids[1]]
    assert listed(agent=json.dumps(bob), verb=statement()["verb"]["id"]) == sorted([ids[1], ids[3]])
    assert get(client, lrs_headers, agent="{bad").status_code == 400
    assert get(client, lrs_headers, agent=json.dumps({"name": "no ifi"})).status_code == 400
    assert get(client, lrs_headers, verb="not an iri").status_code == 400
    assert get(client, lrs_headers, since="yesterday").status_code == 400
    assert get(client, lrs_headers, limit="-1").status_code == 400
    assert get(client, lrs_headers, format="full").status_code == 400
    assert get(client, lrs_headers, colour="red").status_code == 400


def test_since_until_and_ascending(client, lrs_headers):
    first = post(client, lrs_headers, statement()).json[0]
    stored = get(client, lrs_headers, statementId=first).json["stored"]
    second = post(client, lrs_headers, statement()).json[0]
    assert [s["id"] for s in get(client, lrs_headers, since=stored).json["statements"]] == [second]
    assert [s["id"] for s in get(client, lrs_headers, until=stored).json["statements"]] == [first]
    ascending = [s["id"] for s in get(client, lrs_headers, ascending="true").json["statements"]]
    assert ascending == [first, second]


def test_more_pages_continue_without_gaps_or_repeats(client, lrs_headers):
    ids = post(client, lrs_headers, [statement() for _ in range(7)]).json
    seen: list[str] = []
    response = get(client, lrs_headers, limit=3, ascending="true")
    pages = 0
    while True:
        body = response.json
        seen += [s["id"] for s in body["statements"]]
        pages += 1
        if not body["more"]:
            break
        post(client, lrs_headers, statement(verb={"id": "http://example.test/verbs/late"}))
        response = client.get(body["more"], headers=lrs_headers)
        assert response.status_code == 200
    assert seen[:7] == ids and len(seen) == len(set(seen))
    assert pages >= 3
    assert get(client, lrs_headers, more="garbage").status_code == 400


def test_related_filters_page_through_primary_and_related_matches_in_order(client, lrs_headers):
    # COURSE is the object of some statements and the parent of others: both kinds interleave.
    other = "http://example.test/activities/other"
    bodies = [
        statement(object={"id": COURSE})
        if n % 3 == 0
        else statement(context={"contextActivities": {"parent": [{"id": COURSE}]}})
        if n % 3 == 1
        else statement(context={"contextActivities": {"parent": [{"id": other}]}})
        for n in range(14)
    ]
    ids = post(client, lrs_headers, bodies).json
    related = [statement_id for n, statement_id in enumerate(ids) if n % 3 != 2]
    for ascending, expected in (("true", related), ("false", related[::-1])):
        seen: list[str] = []
        response = get(
            client, lrs_headers, activity=COURSE, related_activities="true", limit=4, ascending=ascending
        )
        while True:
            seen += [s["id"] for s in response.json["statements"]]
            if not response.json["more"]:
                break
            response = client.get(response.json["more"], headers=lrs_headers)
        assert seen == expected
    newest = get(client, lrs_headers, activity=COURSE, related_activities="true", limit=2).json["statements"]
    assert [s["id"] for s in newest] == related[::-1][:2]


def test_formats(client, lrs_headers):
    st = statement(
        verb={"id": statement()["verb"]["id"], "display": {"en-US": "answered", "fr-FR": "a répondu"}},
        object={"id": ACTIVITY, "definition": {"name": {"en-US": "Question 1", "fr-FR": "Question un"}}},
    )
    statement_id = post(client, lrs_headers, st).json[0]
    post(
        client,
        lrs_headers,
        statement(object={"id": ACTIVITY, "definition": {"description": {"en-US": "New"}}}),
    )
    ids = get(client, lrs_headers, statementId=statement_id, format="ids").json
    assert ids["actor"] == {"objectType": "Agent", "mbox": "mailto:ann@example.test"}
    assert ids["verb"] == {"id": st["verb"]["id"]}
    assert ids["object"] == {"id": ACTIVITY}
    assert ids["context"]["contextActivities"] == {"parent": [{"id": COURSE}]}
    group = {"objectType": "Group", "name": "Team", "mbox": "mailto:team@example.test"}
    sub_id = post(
        client,
        lrs_headers,
        statement(
            object={
                "objectType": "SubStatement",
                "actor": group,
                "verb": {"id": st["verb"]["id"], "display": {"en-US": "answered"}},
                "object": {"id": ACTIVITY, "definition": {"name": {"en-US": "Question 1"}}},
            }
        ),
    ).json[0]
    sub = get(client, lrs_headers, statementId=sub_id, format="ids").json["object"]
    assert sub["actor"] == {"objectType": "Group", "mbox": "mailto:team@example.test"}
    assert sub["object"] == {"id": ACTIVITY} and sub["verb"] == {"id": st["verb"]["id"]}
    response = client.get(
        "/xapi/statements",
        query_string={"statementId": statement_id, "format": "canonical"},
        headers={**lrs_headers, "Accept-Language": "fr, en;q=0.5"},
    )
    canonical = response.json
    assert canonical["verb"]["display"] == {"fr-FR": "a répondu"}
    assert canonical["object"]["definition"] == {
        "name": {"fr-FR": "Question un"},
        "description": {"en-US": "New"},
    }
    exact = get(client, lrs_headers, statementId=statement_id, format="exact").json
    assert exact["object"]["definition"] == st["object"]["definition"]


def test_alternate_request_syntax(client, lrs_headers):
    statement_id = new_id()
    form = {
        "Authorization": lrs_headers["Authorization"],
        "X-Experience-API-Version": "1.0.3",
        "Content-Type": "application/json",
        "statementId": statement_id,
        "content": json.dumps(statement()),
    }
    response = client.post("/xapi/statements?method=PUT", data=form)
    assert response.status_code == 204
    fetched = client.post(
        "/xapi/statements?method=GET",
        data={
            "Authorization": lrs_headers["Authorization"],
            "X-Experience-API-Version": "1.0.3",
            "statementId": statement_id,
        },
    )
    assert fetched.status_code == 200 and fetched.json["id"] == statement_id
    extra = client.post(
        f"/xapi/statements?method=GET&statementId={statement_id}",
        data={"Authorization": lrs_headers["Authorization"], "X-Experience-API-Version": "1.0.3"},
    )
    assert extra.status_code == 400
    unauthenticated = client.post("/xapi/statements?method=GET", data={"X-Experience-API-Version": "1.0.3"})
    assert unauthenticated.status_code == 401


def test_method_not_allowed(client, lrs_headers):
    response = client.delete("/xapi/statements", headers=lrs_headers)
    assert response.status_code == 405
    assert response.json["error"] == "Method Not Allowed"


def test_substatements_and_groups_in_related_filters_and_ids_format(client, lrs_headers):
    coach = {"mbox": "mailto:coach@example.test"}
    team = {"objectType": "Group", "member": [{"mbox": "mailto:zoe@example.test"}, coach]}
    sub = {
        "objectType": "SubStatement",
        "actor": coach,
        "verb": {"id": "http://example.test/verbs/will-review"},
        "object": {"id": COURSE},
    }
    planned = post(client, lrs_headers, statement(object=sub, context={})).json[0]
    by_team = post(client, lrs_headers, statement(actor=team)).json[0]
    related = get(client, lrs_headers, agent=json.dumps(coach), related_agents="true").json["statements"]
    assert sorted(s["id"] for s in related) == sorted([planned, by_team])
    assert get(client, lrs_headers, agent=json.dumps(coach)).json["statements"] == []
    by_course = get(client, lrs_headers, activity=COURSE, related_activities="true").json["statements"]
    assert planned in [s["id"] for s in by_course]
    ids = get(client, lrs_headers, statementId=by_team, format="ids").json
    assert ids["actor"] == {
        "objectType": "Group",
        "member": [
            {"objectType": "Agent", "mbox": "mailto:zoe@example.test"},
            {"objectType": "Agent", "mbox": "mailto:coach@example.test"},
        ],
    }
    sub_ids = get(client, lrs_headers, statementId=planned, format="ids").json["object"]
    assert sub_ids["objectType"] == "SubStatement" and sub_ids["object"] == {"id": COURSE}


def test_head_on_listing_and_413_from_content_length(client, lrs_headers, app):
    post(client, lrs_headers, statement())
    head = client.head("/xapi/statements", headers=lrs_headers)
    assert head.status_code == 200 and head.data == b""
    assert "X-Experience-API-Consistent-Through" in head.headers
    app.config["MAX_CONTENT_LENGTH"] = 100
    too_big = client.put(
        f"/xapi/statements?statementId={new_id()}",
        data=json.dumps(statement()),
        headers=lrs_headers,
        content_type="application/json",
    )
    assert too_big.status_code == 413
    assert too_big.headers["X-Experience-API-Version"] == "1.0.3"


def test_only_clients_with_define_scope_change_activity_definitions(client, make_client):
    definer = basic(*make_client("statements/write statements/read define"))
    plain = basic(*make_client("statements/write statements/read"))
    post(client, definer, statement(object={"id": ACTIVITY, "definition": {"name": {"en-US": "Defined"}}}))
    renamed = statement(object={"id": ACTIVITY, "definition": {"name": {"en-US": "Renamed"}}})
    statement_id = post(client, plain, renamed).json[0]
    canonical = get(client, plain, statementId=statement_id, format="canonical").json
    assert canonical["object"]["definition"]["name"] == {"en-US": "Defined"}
    exact = get(client, plain, statementId=statement_id).json
    assert exact["object"]["definition"]["name"] == {"en-US": "Renamed"}


def test_malformed_attachment_lists_are_400_not_500(client, lrs_headers):
    for attachments in (5, "x", {"a": 1}, [5]):
        response = post(client, lrs_headers, statement(attachments=attachments))
        assert response.status_code == 400, attachments
        assert response.json["message"].startswith("statements[0].attachments")


def _preflight(client: FlaskClient, origin: str) -> Any:
    return client.options(
        "/xapi/statements",
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "Authorization, Content-Type, X-Experience-API-Version",
        },
    )


def test_cors_never_allows_credentials_for_any_origin(client, lrs_headers):
    preflight = _preflight(client, "https://attacker.example")
    response = get(client, {**lrs_headers, "Origin": "https://attacker.example"})

    for answer in (preflight, response):
        assert answer.headers["Access-Control-Allow-Origin"] == "*"
        assert "Access-Control-Allow-Credentials" not in answer.headers
    assert "Authorization" in preflight.headers["Access-Control-Allow-Headers"]


def test_cors_origins_can_be_listed(app, client, lrs_headers):
    app.config["LRS_CORS_ORIGINS"] = "https://lms.example, https://content.example/"

    listed = _preflight(client, "https://content.example")
    other = _preflight(client, "https://attacker.example")
    response = get(client, {**lrs_headers, "Origin": "https://attacker.example"})

    assert listed.headers["Access-Control-Allow-Origin"] == "https://content.example"
    assert "Origin" in listed.headers["Vary"] and "Access-Control-Allow-Credentials" not in listed.headers
    assert "Access-Control-Allow-Origin" not in other.headers
    assert "Access-Control-Allow-Headers" not in other.headers
    assert response.status_code == 200 and "Access-Control-Allow-Origin" not in response.headers
    app.config["LRS_CORS_ORIGINS"] = ["https://attacker.example"]
    assert _preflight(client, "https://attacker.example").headers["Access-Control-Allow-Origin"] != "*"
