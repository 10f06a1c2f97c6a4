//! Sharing through the router: uploading a workspace, invitations, leaving and removing, deleting, and who may do what. Every test runs on SQLite and on PostgreSQL.

#[macro_use]
mod common;

use axum::http::StatusCode;
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde_json::{json, Value};
use tandem_shared::{GoalDraft, Workspace};

use common::{Auth, Backend, Person, Reply, TestApp};

const W: &str = "ws-3f2a9c0d";

/// A workspace made on a device, as the app would upload it.
fn local_state(name: &str) -> String {
    let mut local = Workspace::new();
    local.init(name).unwrap();
    local
        .add_goal(GoalDraft::new("Wystąpienia publiczne"))
        .unwrap();
    B64.encode(local.encode())
}

async fn share(t: &TestApp, who: &Person, id: &str, role: &str, state: &str) -> Reply {
    let body = json!({"role": role, "state": state});
    t.call(
        "PUT",
        &format!("/api/workspaces/{id}"),
        Auth::Bearer(&who.token),
        Some(body),
    )
    .await
}

async fn invite(t: &TestApp, who: &Person, id: &str) -> Reply {
    t.call(
        "POST",
        &format!("/api/workspaces/{id}/invitations"),
        Auth::Bearer(&who.token),
        None,
    )
    .await
}

async fn accept(t: &TestApp, who: &Person, token: &str) -> Reply {
    t.call(
        "POST",
        &format!("/api/invitations/{token}/accept"),
        Auth::Bearer(&who.token),
        None,
    )
    .await
}

async fn open_invitations(t: &TestApp, who: &Person) -> Reply {
    let path = format!("/api/workspaces/{W}/invitations");
    t.call("GET", &path, Auth::Bearer(&who.token), None).await
}

async fn withdraw_invitation(t: &TestApp, who: &Person, id: &str) -> Reply {
    let path = format!("/api/workspaces/{W}/invitations/{id}");
    t.call("DELETE", &path, Auth::Bearer(&who.token), None)
        .await
}

async fn remove(t: &TestApp, who: &Person, id: &str, user: &str) -> Reply {
    t.call(
        "DELETE",
        &format!("/api/workspaces/{id}/members/{user}"),
        Auth::Bearer(&who.token),
        None,
    )
    .await
}

async fn list(t: &TestApp, who: &Person) -> Value {
    let reply = t
        .call("GET", "/api/workspaces", Auth::Bearer(&who.token), None)
        .await;
    assert_eq!(reply.status, StatusCode::OK);
    reply.json
}

async fn doc_rows(t: &TestApp, id: &str) -> i64 {
    let doc = tandem_server::sync::workspace_doc(id);
    t.count("doc_updates", "doc_id = $1", &doc).await
        + t.count("doc_snapshots", "doc_id = $1", &doc).await
}

/// A mentor's workspace with a mentee who joined through an invitation.
async fn pair(t: &TestApp) -> (Person, Person) {
    let mentor = t.sign_up("mentor@example.com").await;
    let mentee = t.sign_up("mentee@example.com").await;
    assert_eq!(
        share(t, &mentor, W, "mentor", &local_state("Anna i Piotr"))
            .await
            .status,
        StatusCode::CREATED
    );
    let invitation = invite(t, &mentor, W).await;
    let token = invitation.json["token"].as_str().unwrap();
    assert_eq!(accept(t, &mentee, token).await.status, StatusCode::OK);
    (mentor, mentee)
}

async fn sharing_uploads_the_document_and_is_idempotent(backend: Backend) {
    let t = TestApp::start(backend).await;
    let mentor = t.sign_up("mentor@example.com").await;
    let state = local_state("Anna i Piotr");

    let first = share(&t, &mentor, W, "mentor", &state).await;

    assert_eq!(first.status, StatusCode::CREATED, "{:?}", first.json);
    let expected = json!({"id": W, "name": "Anna i Piotr", "role": "mentor", "members": [
        {"user_id": mentor.id, "email": "mentor@example.com", "role": "mentor"}
    ]});
    assert_eq!(first.json, expected);
    assert_eq!(doc_rows(&t, W).await, 1);
    let (stored, _) =
        tandem_server::sync::store::load(&t.pool, &tandem_server::sync::workspace_doc(W))
            .await
            .unwrap();
    let mut copy = Workspace::new();
    copy.apply_remote(&stored.unwrap()).unwrap();
    assert_eq!(copy.goals().len(), 1);

    // Again, with the same state and another role: 200, nothing changes
    // (an update already held is not stored twice).
    let again = share(&t, &mentor, W, "mentee", &state).await;
    assert_eq!(again.status, StatusCode::OK);
    assert_eq!(again.json, expected);
    assert_eq!(doc_rows(&t, W).await, 1);
    assert_eq!(list(&t, &mentor).await, json!([expected]));

    // A rename reaches the list once the log is compacted (the name is
    // read where the whole document is at hand, not on every list): the
    // server compacts after COMPACT_AFTER rows.
    let (stored, _) =
        tandem_server::sync::store::load(&t.pool, &tandem_server::sync::workspace_doc(W))
            .await
            .unwrap();
    let mut device = Workspace::load(&stored.unwrap(), Vec::new()).unwrap();
    let renamed = "Anna i Piotr, rok drugi";
    for n in 0..=tandem_server::sync::store::COMPACT_AFTER {
        let before = device.state_vector();
        // The same name again is a new entry in the document: a row each.
        device.set_name(renamed).unwrap();
        let update = axum::http::Request::post(format!("/api/workspaces/{W}/updates"))
            .header("authorization", format!("Bearer {}", mentor.token))
            .header("content-type", "application/octet-stream")
            .body(axum::body::Body::from(device.diff(&before)))
            .unwrap();
        assert_eq!(t.send(update, None).await.status, StatusCode::OK);
        if n == 0 {
            assert_eq!(
                list(&t, &mentor).await[0]["name"],
                "Anna i Piotr",
                "not yet"
            );
        }
    }
    // Kept in a task of its own once the compaction is done: wait for it.
    let until = std::time::Instant::now() + std::time::Duration::from_secs(15);
    while list(&t, &mentor).await[0]["name"] != renamed {
        assert!(
            std::time::Instant::now() < until,
            "the list kept the old name"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }

    // An empty document is fine too.
    assert_eq!(
        share(&t, &mentor, "empty-one", "mentee", "").await.status,
        StatusCode::CREATED
    );
    assert_eq!(doc_rows(&t, "empty-one").await, 0);
    assert_eq!(list(&t, &mentor).await.as_array().unwrap().len(), 2);
}

async fn sharing_refuses_bad_input_and_writes_nothing(backend: Backend) {
    let t = TestApp::start(backend).await;
    let mentor = t.sign_up("mentor@example.com").await;
    let state = local_state("x");
    let long_id = "x".repeat(65);

    let cases = [
        ("has%20space", "mentor", state.as_str(), "workspace id"),
        ("dot.ted", "mentor", state.as_str(), "workspace id"),
        (long_id.as_str(), "mentor", state.as_str(), "workspace id"),
        ("ok-id", "mentor", "not base64!", "base64"),
        ("ok-id", "mentor", "AAECAwQFBgc=", "not a document update"),
    ];
    for (id, role, state, message) in cases {
        let reply = share(&t, &mentor, id, role, state).await;
        assert_eq!(
            reply.status,
            StatusCode::BAD_REQUEST,
            "{id} {state}: {:?}",
            reply.json
        );
        assert!(reply.error().contains(message), "{id}: {:?}", reply.json);
    }
    let reply = share(&t, &mentor, "ok-id", "boss", "").await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(reply.error().contains("role"), "{:?}", reply.json);
    assert_eq!(t.count("workspaces", "id LIKE $1", "%").await, 0);
    assert_eq!(t.count("doc_updates", "doc_id LIKE $1", "%").await, 0);
}

async fn somebody_elses_workspace_cannot_be_shared_over(backend: Backend) {
    let t = TestApp::start(backend).await;
    let mentor = t.sign_up("mentor@example.com").await;
    let stranger = t.sign_up("stranger@example.com").await;
    share(&t, &mentor, W, "mentor", "").await;

    let reply = share(&t, &stranger, W, "mentee", &local_state("taken over")).await;

    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_eq!(reply.error(), "you are not a member of this workspace");
    assert_eq!(
        doc_rows(&t, W).await,
        0,
        "the stranger's state was not stored"
    );
    assert_eq!(list(&t, &stranger).await, json!([]));
}

async fn invitation_brings_in_the_missing_role_once(backend: Backend) {
    let t = TestApp::start(backend).await;
    let mentor = t.sign_up("mentor@example.com").await;
    let mentee = t.sign_up("mentee@example.com").await;
    let latecomer = t.sign_up("latecomer@example.com").await;
    share(&t, &mentor, W, "mentor", &local_state("Anna i Piotr")).await;

    let invitation = invite(&t, &mentor, W).await;

    assert_eq!(
        invitation.status,
        StatusCode::CREATED,
        "{:?}",
        invitation.json
    );
    let token = invitation.json["token"].as_str().unwrap().to_string();
    assert_eq!(invitation.json["path"], format!("/join/{token}"));
    assert_eq!(invitation.json["role"], "mentee");
    let expires_at = invitation.json["expires_at"].as_i64().unwrap();
    let week = 7 * 24 * 60 * 60;
    assert!(
        (expires_at - tandem_server::db::now() - week).abs() < 60,
        "{expires_at}"
    );
    assert_eq!(
        t.count("invitations", "token_hash = $1", &token).await,
        0,
        "only a hash is stored"
    );

    // Anyone with the link may look, signed in or not.
    let info = t
        .call(
            "GET",
            &format!("/api/invitations/{token}"),
            Auth::None,
            None,
        )
        .await;
    assert_eq!(info.status, StatusCode::OK);
    assert_eq!(
        info.json,
        json!({
            "workspace_id": W,
            "workspace_name": "Anna i Piotr",
            "invited_by": "mentor@example.com",
            "role": "mentee",
            "expires_at": expires_at
        })
    );
    // Accepting needs a session.
    let anonymous = t
        .call(
            "POST",
            &format!("/api/invitations/{token}/accept"),
            Auth::None,
            None,
        )
        .await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);

    let joined = accept(&t, &mentee, &token).await;
    assert_eq!(joined.status, StatusCode::OK, "{:?}", joined.json);
    assert_eq!(joined.json, json!({"workspace_id": W, "role": "mentee"}));
    let seen = list(&t, &mentee).await;
    assert_eq!(seen[0]["role"], "mentee");
    assert_eq!(seen[0]["members"].as_array().unwrap().len(), 2);

    // Single use.
    let used = t
        .call(
            "GET",
            &format!("/api/invitations/{token}"),
            Auth::None,
            None,
        )
        .await;
    assert_eq!(used.status, StatusCode::GONE);
    assert_eq!(used.error(), "this invitation was already used");
    let second = accept(&t, &latecomer, &token).await;
    assert_eq!(second.status, StatusCode::GONE);
    assert_eq!(second.error(), "this invitation was already used");
    assert_eq!(list(&t, &latecomer).await, json!([]));

    // Both roles taken: no more invitations.
    for who in [&mentor, &mentee] {
        let full = invite(&t, who, W).await;
        assert_eq!(full.status, StatusCode::CONFLICT);
        assert_eq!(
            full.error(),
            "this workspace already has a mentor and a mentee"
        );
    }
    let unknown = t
        .call("GET", "/api/invitations/no-such-token", Auth::None, None)
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(
        accept(&t, &latecomer, "no-such-token").await.status,
        StatusCode::NOT_FOUND
    );
}

async fn expired_invitation_is_gone(backend: Backend) {
    let t = TestApp::start(backend).await;
    let mentor = t.sign_up("mentor@example.com").await;
    let mentee = t.sign_up("mentee@example.com").await;
    share(&t, &mentor, W, "mentor", "").await;
    let token = invite(&t, &mentor, W).await.json["token"]
        .as_str()
        .unwrap()
        .to_string();
    sqlx::query("UPDATE invitations SET expires_at = $1")
        .bind(tandem_server::db::now() - 1)
        .execute(&t.pool)
        .await
        .unwrap();

    let info = t
        .call(
            "GET",
            &format!("/api/invitations/{token}"),
            Auth::None,
            None,
        )
        .await;
    let accepted = accept(&t, &mentee, &token).await;

    for reply in [&info, &accepted] {
        assert_eq!(reply.status, StatusCode::GONE);
        assert_eq!(reply.error(), "this invitation has expired");
    }
    assert_eq!(list(&t, &mentee).await, json!([]));
    assert_eq!(t.count("invitations", "used_by = $1", &mentee.id).await, 0);
}

async fn accepting_as_a_member_is_refused_and_leaves_the_link_usable(backend: Backend) {
    let t = TestApp::start(backend).await;
    let mentor = t.sign_up("mentor@example.com").await;
    let mentee = t.sign_up("mentee@example.com").await;
    share(&t, &mentor, W, "mentor", "").await;
    let token = invite(&t, &mentor, W).await.json["token"]
        .as_str()
        .unwrap()
        .to_string();

    let own = accept(&t, &mentor, &token).await;

    assert_eq!(own.status, StatusCode::CONFLICT);
    assert_eq!(own.error(), "you are already a member of this workspace");
    assert_eq!(accept(&t, &mentee, &token).await.status, StatusCode::OK);
}

async fn a_role_is_filled_once_even_with_two_links(backend: Backend) {
    let t = TestApp::start(backend).await;
    let mentor = t.sign_up("mentor@example.com").await;
    let first = t.sign_up("first@example.com").await;
    let second = t.sign_up("second@example.com").await;
    share(&t, &mentor, W, "mentor", "").await;
    let link_a = invite(&t, &mentor, W).await.json["token"]
        .as_str()
        .unwrap()
        .to_string();
    let link_b = invite(&t, &mentor, W).await.json["token"]
        .as_str()
        .unwrap()
        .to_string();

    assert_eq!(accept(&t, &first, &link_a).await.status, StatusCode::OK);
    let late = accept(&t, &second, &link_b).await;

    // The role filled, the other link was withdrawn with it. (Two accepts
    // racing each other meet the database's one-mentee index instead: 409.)
    assert_eq!(late.status, StatusCode::GONE);
    assert_eq!(late.error(), "this invitation was withdrawn");
    assert_eq!(t.count("members", "workspace_id = $1", W).await, 2);
}

/// Links outlive nothing: removing a member withdraws every link made
/// before, so a removed mentee cannot come back with a spare one; members
/// see the open links and can withdraw them; nobody else can.
async fn invitations_are_listed_withdrawn_and_end_with_a_removal(backend: Backend) {
    let t = TestApp::start(backend).await;
    let (mentor, mentee) = pair(&t).await;
    let stranger = t.sign_up("stranger@example.com").await;
    // With both roles filled no link can be made; remove the mentee first,
    // after the mentor kept a link from when the role was open.
    assert_eq!(
        remove(&t, &mentor, W, &mentee.id).await.status,
        StatusCode::NO_CONTENT
    );
    let spare = invite(&t, &mentor, W).await.json["token"]
        .as_str()
        .unwrap()
        .to_string();
    let kept = invite(&t, &mentor, W).await.json["token"]
        .as_str()
        .unwrap()
        .to_string();

    let listed = open_invitations(&t, &mentor).await;
    assert_eq!(listed.status, StatusCode::OK);
    let ids: Vec<String> = listed
        .json
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids.len(), 2);
    assert!(
        listed.json.to_string().find(&spare).is_none(),
        "tokens are never shown again"
    );
    assert_eq!(
        open_invitations(&t, &stranger).await.status,
        StatusCode::FORBIDDEN
    );

    // Withdrawn by a member: its link no longer works.
    assert_eq!(
        withdraw_invitation(&t, &stranger, &ids[0]).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        withdraw_invitation(&t, &mentor, &ids[0]).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        withdraw_invitation(&t, &mentor, &ids[0]).await.status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        open_invitations(&t, &mentor)
            .await
            .json
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let gone = accept(&t, &mentee, &spare).await;
    assert_eq!(
        (gone.status, gone.error()),
        (StatusCode::GONE, "this invitation was withdrawn")
    );

    // The mentee rejoins with the other link; removed again, it does not
    // bring them back a second time.
    assert_eq!(accept(&t, &mentee, &kept).await.status, StatusCode::OK);
    assert_eq!(
        remove(&t, &mentor, W, &mentee.id).await.status,
        StatusCode::NO_CONTENT
    );
    let gone = accept(&t, &mentee, &kept).await;
    assert_eq!(
        (gone.status, gone.error()),
        (StatusCode::GONE, "this invitation was already used")
    );
    assert_eq!(
        open_invitations(&t, &mentor)
            .await
            .json
            .as_array()
            .unwrap()
            .len(),
        0
    );
}

async fn a_mentee_shares_and_invites_a_mentor(backend: Backend) {
    let t = TestApp::start(backend).await;
    let mentee = t.sign_up("mentee@example.com").await;
    let mentor = t.sign_up("mentor@example.com").await;
    share(&t, &mentee, W, "mentee", &local_state("Mój mentoring")).await;

    let invitation = invite(&t, &mentee, W).await;

    assert_eq!(invitation.json["role"], "mentor");
    let joined = accept(&t, &mentor, invitation.json["token"].as_str().unwrap()).await;
    assert_eq!(joined.json, json!({"workspace_id": W, "role": "mentor"}));
}

async fn who_may_do_what(backend: Backend) {
    let t = TestApp::start(backend).await;
    let (mentor, mentee) = pair(&t).await;
    let stranger = t.sign_up("stranger@example.com").await;
    // A former mentee: joined a second workspace, then was removed from it.
    let removed = t.sign_up("removed@example.com").await;
    let other = "ws-other";
    share(&t, &mentor, other, "mentor", "").await;
    let token = invite(&t, &mentor, other).await.json["token"]
        .as_str()
        .unwrap()
        .to_string();
    accept(&t, &removed, &token).await;
    assert_eq!(
        remove(&t, &mentor, other, &removed.id).await.status,
        StatusCode::NO_CONTENT
    );

    for (outsider, id) in [(&stranger, W), (&stranger, other), (&removed, other)] {
        let forbidden = [
            share(&t, outsider, id, "mentee", "").await,
            invite(&t, outsider, id).await,
            t.call(
                "DELETE",
                &format!("/api/workspaces/{id}"),
                Auth::Bearer(&outsider.token),
                None,
            )
            .await,
            remove(&t, outsider, id, &mentor.id).await,
            remove(&t, outsider, id, "me").await,
        ];
        for (n, reply) in forbidden.iter().enumerate() {
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "{} call {n} on {id}: {:?}",
                outsider.email,
                reply.json
            );
            assert_eq!(reply.error(), "you are not a member of this workspace");
        }
        assert_eq!(list(&t, outsider).await, json!([]), "{}", outsider.email);
    }
    // A workspace that does not exist answers the same: nothing is revealed.
    let missing = t
        .call(
            "DELETE",
            "/api/workspaces/no-such",
            Auth::Bearer(&stranger.token),
            None,
        )
        .await;
    assert_eq!(missing.status, StatusCode::FORBIDDEN);

    // The mentee may list and leave, but not delete or remove the mentor.
    let listed = list(&t, &mentee).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["id"], W);
    let delete = t
        .call(
            "DELETE",
            &format!("/api/workspaces/{W}"),
            Auth::Bearer(&mentee.token),
            None,
        )
        .await;
    assert_eq!(delete.status, StatusCode::FORBIDDEN);
    assert_eq!(delete.error(), "only the mentor can delete this workspace");
    let remove_mentor = remove(&t, &mentee, W, &mentor.id).await;
    assert_eq!(remove_mentor.status, StatusCode::FORBIDDEN);
    assert_eq!(
        remove_mentor.error(),
        "only the mentor can remove the other member"
    );
    assert_eq!(t.count("members", "workspace_id = $1", W).await, 2);

    // The mentor may remove only members.
    assert_eq!(
        remove(&t, &mentor, W, &stranger.id).await.status,
        StatusCode::NOT_FOUND
    );
    // The mentor deletes.
    let deleted = t
        .call(
            "DELETE",
            &format!("/api/workspaces/{W}"),
            Auth::Bearer(&mentor.token),
            None,
        )
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
}

async fn the_mentor_removes_the_mentee(backend: Backend) {
    let t = TestApp::start(backend).await;
    let (mentor, mentee) = pair(&t).await;

    let reply = remove(&t, &mentor, W, &mentee.id).await;

    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert_eq!(list(&t, &mentee).await, json!([]));
    assert_eq!(
        list(&t, &mentor).await[0]["members"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        doc_rows(&t, W).await,
        1,
        "the document stays for the mentor"
    );
    // The place is free again: a new invitation is for a mentee.
    assert_eq!(invite(&t, &mentor, W).await.json["role"], "mentee");
    // Removed means removed: the former mentee can do nothing more.
    assert_eq!(invite(&t, &mentee, W).await.status, StatusCode::FORBIDDEN);
}

async fn members_leave_and_the_last_one_out_deletes_it(backend: Backend) {
    let t = TestApp::start(backend).await;
    let (mentor, mentee) = pair(&t).await;

    let left = remove(&t, &mentee, W, "me").await;

    assert_eq!(left.status, StatusCode::NO_CONTENT);
    assert_eq!(list(&t, &mentee).await, json!([]));
    assert_eq!(t.count("members", "workspace_id = $1", W).await, 1);
    assert_eq!(doc_rows(&t, W).await, 1);

    // The mentor leaves by id: nobody is left, so nothing is kept.
    assert_eq!(
        remove(&t, &mentor, W, &mentor.id).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(t.count("workspaces", "id = $1", W).await, 0);
    assert_eq!(t.count("invitations", "workspace_id = $1", W).await, 0);
    assert_eq!(doc_rows(&t, W).await, 0);
}

async fn deleting_a_workspace_deletes_its_document_and_rows(backend: Backend) {
    let t = TestApp::start(backend).await;
    let (mentor, mentee) = pair(&t).await;
    let keep = "ws-keep";
    share(&t, &mentor, keep, "mentor", &local_state("keep me")).await;
    invite(&t, &mentor, W).await; // refused (full), but leaves the used one
    assert_eq!(doc_rows(&t, W).await, 1);

    let reply = t
        .call(
            "DELETE",
            &format!("/api/workspaces/{W}"),
            Auth::Bearer(&mentor.token),
            None,
        )
        .await;

    assert_eq!(reply.status, StatusCode::NO_CONTENT);
    assert_eq!(doc_rows(&t, W).await, 0);
    for table in ["workspaces", "members", "invitations"] {
        let column = if table == "workspaces" {
            "id"
        } else {
            "workspace_id"
        };
        assert_eq!(
            t.count(table, &format!("{column} = $1"), W).await,
            0,
            "{table}"
        );
    }
    assert_eq!(list(&t, &mentee).await, json!([]));
    // Other workspaces are untouched.
    assert_eq!(doc_rows(&t, keep).await, 1);
    assert_eq!(list(&t, &mentor).await[0]["id"], keep);
    // Deleting twice: not a member any more.
    let again = t
        .call(
            "DELETE",
            &format!("/api/workspaces/{W}"),
            Auth::Bearer(&mentor.token),
            None,
        )
        .await;
    assert_eq!(again.status, StatusCode::FORBIDDEN);
}

both_backends!(
    invitations_are_listed_withdrawn_and_end_with_a_removal,
    sharing_uploads_the_document_and_is_idempotent,
    sharing_refuses_bad_input_and_writes_nothing,
    somebody_elses_workspace_cannot_be_shared_over,
    invitation_brings_in_the_missing_role_once,
    expired_invitation_is_gone,
    accepting_as_a_member_is_refused_and_leaves_the_link_usable,
    a_role_is_filled_once_even_with_two_links,
    a_mentee_shares_and_invites_a_mentor,
    who_may_do_what,
    the_mentor_removes_the_mentee,
    members_leave_and_the_last_one_out_deletes_it,
    deleting_a_workspace_deletes_its_document_and_rows,
);
